/**
 * How a method of the contract is written down: its input schema (zod, validated in main before
 * any service runs) and its output type, and what comes back across the bridge.
 */
import { z } from 'zod';
import { id } from './fields';

/** method<Output>()(inputSchema): the output type is named, the input type inferred. */
export const method =
  <O>() =>
  <I extends z.ZodType>(input: I) => ({ input, output: undefined as unknown as O });

/** The input of a method that takes nothing. */
export const none = z.object({}).default({});
export const byId = z.object({ id });

/** What crosses the bridge: a value, or an error a person can read. */
export type ApiResult<T> =
  { ok: true; value: T } | { ok: false; error: { message: string; field?: string; internal?: boolean } };
