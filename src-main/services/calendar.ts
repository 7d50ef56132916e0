/**
 * Statutory periods on the Chinese public-holiday calendar (民法典 Arts. 201–203, 信访工作条例 time
 * limits). Pure: no database, no Electron, no network, no clock — the caller says which day it is.
 *
 * Dates are 'YYYY-MM-DD' local dates. Internally a date is an integer day number (days since
 * 1970-01-01) computed with integer arithmetic only, so the machine's time zone and DST can never
 * shift a day, and the day loops in addWorkingDays/nextWorkingDay allocate nothing.
 *
 * The holiday data is the JSON shipped by the `chinese-days` package (only its data: its functions
 * read the current date/locale). The static JSON import is inlined by Vite/electron-vite (main is
 * bundled with externalizeDeps: false) and handled natively by tsx and vitest.
 */
import chineseDays from 'chinese-days/dist/chinese-days.json';
import { UserError } from './errors';

export type DayKind = 'rest' | 'work';
/** The office's own entries (a synced table edited in settings): dates the package does not know yet or corrections. They win over the package. */
export type CalendarOverrides = ReadonlyMap<string, DayKind>;
export type DayCount = 'calendar' | 'working';

// ---------------------------------------------------------------------------------------------
// Day numbers (proleptic Gregorian, H. Hinnant's days_from_civil / civil_from_days)

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return isLeapYear(y) ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

function dayNumberFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Day number of a strict 'YYYY-MM-DD', or NaN when it is not a real calendar date. */
function tryParse(date: string): number {
  if (typeof date !== 'string') return NaN;
  const m = DATE_RE.exec(date);
  if (!m) return NaN;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (y < 1 || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return NaN;
  return dayNumberFromCivil(y, mo, d);
}

/** Throws rather than guessing: a malformed date in a deadline must not silently become another day. */
function parse(date: string): number {
  const z = tryParse(date);
  if (Number.isNaN(z)) throw new RangeError(`invalid date (expected YYYY-MM-DD): ${String(date)}`);
  return z;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function format(z: number): string {
  const zz = z + 719468;
  const era = Math.floor(zz / 146097);
  const doe = zz - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  if (y < 1 || y > 9999) throw new RangeError(`date out of range (year ${y})`);
  return `${String(y).padStart(4, '0')}-${pad2(m)}-${pad2(d)}`;
}

/** 0 = Sunday … 6 = Saturday; day 0 (1970-01-01) was a Thursday. */
function weekday(z: number): number {
  return (((z + 4) % 7) + 7) % 7;
}

function requireInteger(name: string, n: number, min: number): void {
  if (!Number.isInteger(n) || n < min) throw new RangeError(`${name} must be an integer >= ${min}: ${n}`);
}

// ---------------------------------------------------------------------------------------------
// The shipped calendar, precomputed once into Sets of day numbers

const HOLIDAYS = new Set<number>();
const MAKEUP_WORKDAYS = new Set<number>();
const KNOWN_YEARS: readonly number[] = (() => {
  const years = new Set<number>();
  for (const key of Object.keys(chineseDays.holidays)) {
    const z = tryParse(key);
    if (Number.isNaN(z)) continue;
    HOLIDAYS.add(z);
    years.add(Number(key.slice(0, 4)));
  }
  for (const key of Object.keys(chineseDays.workdays)) {
    const z = tryParse(key);
    if (!Number.isNaN(z)) MAKEUP_WORKDAYS.add(z);
  }
  // inLieuDays are all inside `holidays` already (days off moved by 调休); nothing more to add.
  return Object.freeze([...years].sort((a, b) => a - b));
})();

function isRest(z: number, overrides: CalendarOverrides | undefined): boolean {
  // only format a string key when there is something to look up (keeps the day loops allocation-free)
  if (overrides !== undefined && overrides.size > 0) {
    const kind = overrides.get(format(z));
    if (kind !== undefined) return kind === 'rest';
  }
  if (HOLIDAYS.has(z)) return true;
  if (MAKEUP_WORKDAYS.has(z)) return false;
  const w = weekday(z);
  return w === 0 || w === 6;
}

function nextWorking(z: number, overrides: CalendarOverrides | undefined): number {
  while (isRest(z, overrides)) z++;
  return z;
}

function addWorking(z: number, n: number, overrides: CalendarOverrides | undefined): number {
  let left = n;
  while (left > 0) {
    z++;
    if (!isRest(z, overrides)) left--;
  }
  return z;
}

// ---------------------------------------------------------------------------------------------
// Public API

/** Years the shipped calendar knows (2004..2026 with this package version). */
export function knownYears(): number[] {
  return [...KNOWN_YEARS];
}

/** Whether the shipped calendar knows this year's holiday schedule. */
export function isKnownYear(year: number): boolean {
  return KNOWN_YEARS.includes(year);
}

/** A rest day: an override says 'rest'; else a statutory holiday; else a Saturday/Sunday that is not a make-up working day. */
export function isRestDay(date: string, overrides?: CalendarOverrides): boolean {
  return isRest(parse(date), overrides);
}

/** date + n calendar days (n may be negative). */
export function addCalendarDays(date: string, n: number): string {
  requireInteger('n', n, -Infinity);
  return format(parse(date) + n);
}

/** Calendar days from a to b (b - a), may be negative. */
export function daysBetween(a: string, b: string): number {
  return parse(b) - parse(a);
}

/** The next working day on or after date. */
export function nextWorkingDay(date: string, overrides?: CalendarOverrides): string {
  return format(nextWorking(parse(date), overrides));
}

/** The n-th working day after start (start itself never counts), n >= 1. */
export function addWorkingDays(start: string, n: number, overrides?: CalendarOverrides): string {
  requireInteger('n', n, 1);
  return format(addWorking(parse(start), n, overrides));
}

/**
 * The last day of a period of n days that starts on `start` (the event day):
 * 'calendar': the first day is not counted (民法典 Art. 201), so the period ends on start + n; if that day is a rest day (法定休假日, which includes weekends unless a make-up working day) it ends on the next working day instead (民法典 Art. 203).
 * 'working': the n-th working day after start.
 * `paused` days (e.g. a hearing's days, which the 条例 does not count toward review limits) extend the period by their count: pass the number of paused days; they are added before the rest-day rule is applied (calendar) or as extra working days (working).
 * n must be an integer >= 1 and pausedDays an integer >= 0 (a RangeError otherwise, so a bad
 * setting cannot quietly produce a wrong deadline).
 */
export function periodEnd(
  start: string,
  n: number,
  dayCount: DayCount,
  overrides?: CalendarOverrides,
  pausedDays = 0,
): string {
  requireInteger('n', n, 1);
  requireInteger('pausedDays', pausedDays, 0);
  const z = parse(start);
  if (dayCount === 'calendar') return format(nextWorking(z + n + pausedDays, overrides));
  if (dayCount === 'working') return format(addWorking(z, n + pausedDays, overrides));
  throw new RangeError(`unknown day count: ${String(dayCount)}`);
}

/** Parses a 'YYYY-MM-DD' string strictly (real calendar date) — true/false. */
export function isValidDate(date: string): boolean {
  return !Number.isNaN(tryParse(date));
}

/** A day a person typed must exist: '日期 2026-02-30 不存在', on the field that holds it. */
export function requireDate(on: string, field: string): void {
  if (!isValidDate(on)) throw new UserError(`日期 ${on} 不存在`, field);
}
