/**
 * The zod fields every area of the contract shares: ids, trimmed and required texts, dates and
 * times as the clerk types them, ID numbers and phones (checked by the rules beside this file),
 * enum choices of the vocabulary and a file's bytes.
 */
import { z } from 'zod';
import { parseIdNumber } from './id-number';
import { phoneError } from './phone';
// every message a schema gives is Chinese, the few it does not spell out included
import './zod-chinese';

export const id = z.string().min(1, '缺少编号');
/** A text of at most `max` characters; one longer is refused with how much was typed (never cut). */
export const trimmed = (label: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, {
      error: (issue) => `${label}最多 ${max} 字，已输入 ${[...String(issue.input)].length} 字`,
    });
export const required = (label: string, max: number) => trimmed(label, max).min(1, `请填写${label}`);

/**
 * A cross-field check that runs once the fields it reads are valid, though others are not yet:
 * a form shows all its refusals at once rather than this one only after the rest are mended.
 */
export const whenValid = (...keys: string[]) => ({
  // an issue with no path is the whole input's (not an object at all): nothing to cross-check
  when: (payload: z.core.ParsePayload) =>
    !payload.issues.some((i) => !i.path?.length || keys.includes(String(i.path[0]))),
});

export const idNumberSchema = z
  .string()
  .trim()
  .transform((s) => s.toUpperCase())
  .superRefine((v, ctx) => {
    if (v === '') return;
    const r = parseIdNumber(v);
    if (!r.ok) ctx.addIssue({ code: 'custom', message: r.message });
  });

export const phoneSchema = z
  .string()
  .trim()
  .superRefine((v, ctx) => {
    const err = phoneError(v);
    if (err) ctx.addIssue({ code: 'custom', message: err });
  });

/** A local date-time at minute precision as the clerk sees it: 2026-11-22T09:30 */
export const localDateTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, '时间格式应为 年-月-日 时:分');
export const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 年-月-日');

export const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, '时间格式应为 时:分，如 09:00');

/** The keys of a vocabulary, as a zod enum wants them. */
export const keysOf = <T extends Record<string, string>>(o: T) =>
  Object.keys(o) as [keyof T & string, ...(keyof T & string)[]];
export const choice = <T extends Record<string, string>>(o: T, label: string) =>
  z.enum(keysOf(o), { message: `请选择${label}` });

/** A file as it crosses the bridge in base64: one the person chose (input), one made for them (output). */
export const importFileInput = z.object({ fileName: z.string().min(1), base64: z.string() });
export interface FileBytes {
  fileName: string;
  base64: string;
}
