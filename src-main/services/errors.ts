/**
 * An error a person can act on: its message is Chinese and says what is wrong and what to do.
 * Everything else is a defect, reported as an internal error.
 */
import { randomInt } from 'node:crypto';
export class UserError extends Error {
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'UserError';
  }
}

/**
 * Logs an unexpected error under a six-digit number and returns the number: the person reads the
 * number, the technician finds it beside the cause in the log. The cause's own text is English
 * and names tables and files, so it never goes on a screen.
 */
export function logUnexpected(context: string, e: unknown): string {
  const ref = String(randomInt(100_000, 1_000_000));
  console.error(`${context}, error ${ref}:`, e);
  return ref;
}

/** A failure as a person reads it: a UserError's own words, anything else a number to pass on. */
export function readableFailure(context: string, e: unknown): string {
  if (e instanceof UserError) return e.message;
  return `发生内部错误（错误编号 ${logUnexpected(context, e)}），请把错误编号告诉技术人员。`;
}
