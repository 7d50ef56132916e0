/**
 * The zod fields every area of the contract shares: ids, trimmed and required texts, dates and
 * times as the clerk types them, ID numbers and phones (checked by the rules beside this file),
 * enum choices of the vocabulary and a file's bytes. Texts print, so they hold no invisible control
 * character (printable.ts); dates exist and are not before the register's first day.
 */
import { z } from 'zod';
import { parseIdNumber } from './id-number';
import { phoneError } from './phone';
import { printableError, type Lines } from './printable';
// every message a schema gives is Chinese, the few it does not spell out included
import './zod-chinese';

export { printableError, type Lines } from './printable';

export const id = z.string().min(1, '缺少编号');
/** The check of a text that prints, for a string schema that is neither `trimmed` nor `required`. */
export const printable =
  (label: string, lines: Lines = 'single') =>
  (text: string, ctx: z.RefinementCtx) => {
    const message = printableError(text, label, lines);
    if (message) ctx.addIssue({ code: 'custom', message });
  };
/**
 * A text of at most `max` characters; one longer is refused with how much was typed (never cut).
 * It prints, so it holds no invisible control or format character (see printable.ts): a name or
 * title is `'single'` line, a summary, note or paragraph `'multi'`.
 */
export const trimmed = (label: string, max: number, lines: Lines = 'single') =>
  z
    .string()
    .trim()
    .max(max, {
      error: (issue) => `${label}最多 ${max} 字，已输入 ${[...String(issue.input)].length} 字`,
    })
    .superRefine(printable(label, lines));
export const required = (label: string, max: number, lines: Lines = 'single') =>
  trimmed(label, max, lines).min(1, `请填写${label}`);

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

/** The register's first day: nothing it holds happened earlier, and chinese-days starts in 2004. */
export const EARLIEST_DATE = '2000-01-01';

/** Why a day of the right shape cannot be one (2026-02-30, 1900-01-01), naming the field, or null. */
export function dateError(date: string, label = '日期'): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return null; // the shape has its own message
  const [y, m, d] = date.split('-').map(Number);
  const day = new Date(Date.UTC(y, m - 1, d));
  if (m < 1 || m > 12 || day.getUTCMonth() !== m - 1 || day.getUTCDate() !== d)
    return `${label} ${date} 不存在`;
  if (date < EARLIEST_DATE) return `${label} ${date} 早于 ${EARLIEST_DATE}，请检查年份`;
  return null;
}

/** A local date-time at minute precision as the clerk sees it: 2026-11-22T09:30 */
export const localDateTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, '时间格式应为 年-月-日 时:分')
  .superRefine((v, ctx) => {
    const [date, time = ''] = v.split('T');
    if (!/^\d{2}:\d{2}$/.test(time)) return; // the shape has its own message
    const [h, min] = time.split(':').map(Number);
    const message = dateError(date) ?? (h > 23 || min > 59 ? `时间 ${time} 不存在` : null);
    if (message) ctx.addIssue({ code: 'custom', message });
  });
/** A day as the clerk sees it, 2026-11-22, that exists and is not before the register's first day. */
export const localDateOf = (label = '日期') =>
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 年-月-日')
    .superRefine((v, ctx) => {
      const message = dateError(v, label);
      if (message) ctx.addIssue({ code: 'custom', message });
    });
export const localDate = localDateOf();

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
