/**
 * Report periods: a day, month, quarter, year or any range of days, with the period a year before
 * (同比) and the period just before (环比). Dates are ISO local dates (YYYY-MM-DD).
 */
import type { ReportKind, ReportPeriod } from '../../contract';
import { addCalendarDays, daysBetween, requireDate } from '../calendar';
import { UserError } from '../errors';

const pad = (n: number) => String(n).padStart(2, '0');
const QUARTERS = ['一', '二', '三', '四'];

/** The last day of a month (1–12). */
export function monthEnd(year: number, month: number): string {
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${pad(month)}-${pad(last)}`;
}

/** The same day a year before; 29 February becomes the 28th. */
export function yearBefore(date: string): string {
  const y = Number(date.slice(0, 4)) - 1;
  const md = date.slice(5);
  return md === '02-29' ? `${y}-02-28` : `${y}-${md}`;
}

/** 2026年1月5日 */
export function dateLabel(date: string): string {
  return `${Number(date.slice(0, 4))}年${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;
}

function make(kind: ReportKind, from: string, to: string): ReportPeriod {
  const y = Number(from.slice(0, 4));
  const m = Number(from.slice(5, 7));
  const label =
    kind === 'day'
      ? dateLabel(from)
      : kind === 'month'
        ? `${y}年${m}月`
        : kind === 'quarter'
          ? `${y}年第${QUARTERS[(m - 1) / 3]}季度`
          : kind === 'year'
            ? `${y}年`
            : `${dateLabel(from)}至${dateLabel(to)}`;
  return { kind, from, to, label };
}

/** The period of that kind holding `from` (a custom range runs from `from` to `to`). */
export function periodOf(kind: ReportKind, from: string, to?: string): ReportPeriod {
  requireDate(from, 'from');
  if (to !== undefined) requireDate(to, 'to');
  const y = Number(from.slice(0, 4));
  const m = Number(from.slice(5, 7));
  switch (kind) {
    case 'day':
      return make('day', from, from);
    case 'month':
      return make('month', `${y}-${pad(m)}-01`, monthEnd(y, m));
    case 'quarter': {
      const first = Math.floor((m - 1) / 3) * 3 + 1;
      return make('quarter', `${y}-${pad(first)}-01`, monthEnd(y, first + 2));
    }
    case 'year':
      return make('year', `${y}-01-01`, `${y}-12-31`);
    case 'range':
      if (!to || to < from) throw new UserError('截止日期不能早于起始日期');
      return make('range', from, to);
  }
}

/**
 * 同比: the same period a year before. A range covering the whole of its last month ends on that
 * month's last day a year before (so 1–28 February 2025 compares with all of February 2024,
 * the 29th included), and one starting on 29 February starts on 1 March; a range of that one
 * day alone compares with 28 February.
 */
export function yearOnYear(p: ReportPeriod): ReportPeriod {
  if (p.kind !== 'range') return periodOf(p.kind, yearBefore(p.from));
  const y = Number(p.to.slice(0, 4)) - 1;
  const m = Number(p.to.slice(5, 7));
  const wholeMonth = p.from <= `${p.to.slice(0, 7)}-01` && p.to === monthEnd(y + 1, m);
  const to = wholeMonth ? monthEnd(y, m) : yearBefore(p.to);
  const from = p.from.endsWith('-02-29') ? `${Number(p.from.slice(0, 4)) - 1}-03-01` : yearBefore(p.from);
  return make('range', from <= to ? from : to, to);
}

/** 环比: the period just before (the previous day, month, quarter or year; a range of the same length). */
export function previousPeriod(p: ReportPeriod): ReportPeriod {
  if (p.kind === 'range') {
    const days = daysBetween(p.from, p.to) + 1;
    return make('range', addCalendarDays(p.from, -days), addCalendarDays(p.from, -1));
  }
  return periodOf(p.kind, addCalendarDays(p.from, -1));
}

/** YYYY-MM of the month after. */
export function nextMonth(month: string): string {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return m === 12 ? `${y + 1}-01` : `${y}-${pad(m + 1)}`;
}

/** Months from `first` to `last` (YYYY-MM), in order. */
export function monthsBetween(first: string, last: string): string[] {
  const out: string[] = [];
  for (let m = first; m <= last; m = nextMonth(m)) out.push(m);
  return out;
}

/**
 * A range split into the whole months it covers (summed ahead in report_cells) and the days of
 * the months it covers only in part (at most two runs, read from case_facts).
 */
export function splitRange(
  from: string,
  to: string,
): { months: [string, string] | null; days: [string, string][] } {
  const days: [string, string][] = [];
  let firstFull: string | null = null;
  let lastFull: string | null = null;
  for (const month of monthsBetween(from.slice(0, 7), to.slice(0, 7))) {
    const start = `${month}-01`;
    const end = monthEnd(Number(month.slice(0, 4)), Number(month.slice(5, 7)));
    if (from <= start && end <= to) {
      firstFull ??= month;
      lastFull = month;
    } else {
      days.push([from > start ? from : start, to < end ? to : end]);
    }
  }
  return { months: firstFull && lastFull ? [firstFull, lastFull] : null, days };
}
