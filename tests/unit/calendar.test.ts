/**
 * Statutory periods on real calendars. Expected dates are worked out by hand from the 国务院办公厅
 * holiday notices (the reasoning is in a comment per case), not from the module itself:
 *  - 2024 (国办发明电〔2023〕7号): 春节 2/10–2/17, 2/4 (Sun) and 2/18 (Sun) 上班; 清明 4/4–4/6, 4/7 (Sun) 上班.
 *  - 2025 (国办发明电〔2024〕12号): 元旦 1/1; 春节 1/28–2/4, 1/26 (Sun) and 2/8 (Sat) 上班;
 *    国庆·中秋 10/1–10/8, 9/28 (Sun) and 10/11 (Sat) 上班.
 *  - 2026 (国办发明电〔2025〕7号): 元旦 1/1–1/3, 1/4 (Sun) 上班; 春节 2/15–2/23, 2/14 (Sat) and
 *    2/28 (Sat) 上班; 国庆 10/1–10/7, 9/20 (Sun) and 10/10 (Sat) 上班.
 * These tests rely on chinese-days 1.5.7 knowing 2004–2026 and not 2027; a package upgrade that adds
 * 2027 must revisit the override cases below.
 */
import { describe, it, expect } from 'vitest';
import chineseDays from 'chinese-days/dist/chinese-days.json';
import {
  addCalendarDays,
  addWorkingDays,
  daysBetween,
  isKnownYear,
  isRestDay,
  isValidDate,
  knownYears,
  nextWorkingDay,
  periodEnd,
  type CalendarOverrides,
  type DayKind,
} from '../../src-main/services/calendar';

const overrides = (entries: Array<[string, DayKind]>): CalendarOverrides => new Map(entries);

describe('shipped calendar', () => {
  it('knows 2004..2026 and not 2027', () => {
    const years = knownYears();
    expect(years).toContain(2025);
    expect(years).toContain(2026);
    expect(years[0]).toBe(2004);
    expect(years[years.length - 1]).toBe(2026);
    expect(isKnownYear(2025)).toBe(true);
    expect(isKnownYear(2026)).toBe(true);
    expect(isKnownYear(2027)).toBe(false);
    expect(isKnownYear(2003)).toBe(false);
    // a copy: callers cannot corrupt the module's list
    years.push(1999);
    expect(knownYears()).not.toContain(1999);
  });

  it('classifies 2025 and 2026 days like the notices', () => {
    // 2025 Spring Festival 1/28 (Tue) – 2/4 (Tue) off, including the weekend 2/1–2/2
    for (const d of ['2025-01-28', '2025-01-31', '2025-02-01', '2025-02-02', '2025-02-04'])
      expect(isRestDay(d)).toBe(true);
    // 1/26 (Sun) and 2/8 (Sat) are make-up working days; 2/5 (Wed) is the first day back
    for (const d of ['2025-01-26', '2025-02-05', '2025-02-08']) expect(isRestDay(d)).toBe(false);
    // 2025 National Day + Mid-autumn 10/1–10/8 off; 9/28 (Sun) and 10/11 (Sat) worked
    for (const d of ['2025-10-01', '2025-10-06', '2025-10-08']) expect(isRestDay(d)).toBe(true);
    for (const d of ['2025-09-28', '2025-10-09', '2025-10-11']) expect(isRestDay(d)).toBe(false);
    // an ordinary weekend and an ordinary weekday
    expect(isRestDay('2025-03-15')).toBe(true); // Saturday
    expect(isRestDay('2025-03-16')).toBe(true); // Sunday
    expect(isRestDay('2025-03-17')).toBe(false); // Monday
    // 2026 Spring Festival 2/15 (Sun) – 2/23 (Mon) off; 2/14 and 2/28 (Saturdays) worked
    for (const d of ['2026-02-15', '2026-02-18', '2026-02-23']) expect(isRestDay(d)).toBe(true);
    for (const d of ['2026-02-14', '2026-02-24', '2026-02-28']) expect(isRestDay(d)).toBe(false);
  });

  it('agrees with every entry of the shipped JSON', () => {
    for (const d of Object.keys(chineseDays.holidays)) expect(isRestDay(d), d).toBe(true);
    for (const d of Object.keys(chineseDays.workdays)) expect(isRestDay(d), d).toBe(false);
  });
});

describe('periodEnd, calendar days (民法典 Arts. 201, 203)', () => {
  it('Spring Festival 2025: a deadline on a holiday moves past the whole holiday', () => {
    // received 1/20 (Mon); day one is 1/21, so 15 days end on 1/20 + 15 = 2/4 (Tue, last day of
    // the Spring Festival holiday) → the next working day, 2/5 (Wed)
    expect(addCalendarDays('2025-01-20', 15)).toBe('2025-02-04');
    expect(isRestDay('2025-02-04')).toBe(true);
    expect(periodEnd('2025-01-20', 15, 'calendar')).toBe('2025-02-05');
    expect(isRestDay('2025-02-05')).toBe(false);
    // received 1/15 (Wed): 1/15 + 15 = 1/30 (holiday) → runs through 2/4 → 2/5
    expect(periodEnd('2025-01-15', 15, 'calendar')).toBe('2025-02-05');
  });

  it('Spring Festival 2026', () => {
    // received 2/1/2026 (Sun): 2/1 + 15 = 2/16 (Mon, inside 2/15–2/23) → first working day 2/24 (Tue)
    expect(periodEnd('2026-02-01', 15, 'calendar')).toBe('2026-02-24');
    // received 1/30/2026 (Fri): 1/30 + 15 = 2/14, a Saturday but a make-up working day → stays
    expect(periodEnd('2026-01-30', 15, 'calendar')).toBe('2026-02-14');
    // received 2/13/2026 (Fri): 2/13 + 15 = 2/28, the other make-up Saturday → stays
    expect(periodEnd('2026-02-13', 15, 'calendar')).toBe('2026-02-28');
  });

  it('National Day 2025', () => {
    // received 9/16 (Tue): 9/16 + 15 = 10/1 → holiday through 10/8 → ends 10/9 (Thu)
    expect(periodEnd('2025-09-16', 15, 'calendar')).toBe('2025-10-09');
    // a 60-day period from 8/5: 26 days to 8/31, 56 to 9/30, 60 → 10/4 (holiday) → 10/9
    expect(addCalendarDays('2025-08-05', 60)).toBe('2025-10-04');
    expect(periodEnd('2025-08-05', 60, 'calendar')).toBe('2025-10-09');
  });

  it('a period ending on a make-up working Saturday/Sunday stays there', () => {
    // 1/24/2025 (Fri) + 15 = 2/8 (Sat, make-up working day)
    expect(periodEnd('2025-01-24', 15, 'calendar')).toBe('2025-02-08');
    // 9/13/2025 (Sat) + 15 = 9/28 (Sun, make-up working day)
    expect(periodEnd('2025-09-13', 15, 'calendar')).toBe('2025-09-28');
    // 9/26/2025 (Fri) + 15 = 10/11 (Sat, make-up working day)
    expect(periodEnd('2025-09-26', 15, 'calendar')).toBe('2025-10-11');
  });

  it('a period ending on an ordinary weekend moves to Monday', () => {
    // 3/1/2025 (Sat) + 15 = 3/16 (ordinary Sunday) → 3/17 (Mon)
    expect(periodEnd('2025-03-01', 15, 'calendar')).toBe('2025-03-17');
    // 2/28/2025 (Fri) + 15 = 3/15 (ordinary Saturday) → skip Sat and Sun → 3/17 (Mon)
    expect(periodEnd('2025-02-28', 15, 'calendar')).toBe('2025-03-17');
    // ends on a working day: 3/2/2025 (Sun) + 15 = 3/17 (Mon) → unchanged
    expect(periodEnd('2025-03-02', 15, 'calendar')).toBe('2025-03-17');
  });

  it('month ends, 29 February and year ends', () => {
    // 1/31/2025 + 30: +28 → 2/28, +2 → 3/2 (Sun) → 3/3 (Mon)
    expect(addCalendarDays('2025-01-31', 30)).toBe('2025-03-02');
    expect(periodEnd('2025-01-31', 30, 'calendar')).toBe('2025-03-03');
    // 2/29/2024 + 30: +1 → 3/1, +29 → 3/30 (Sat); 3/31 Sun; 4/1 (Mon) is a working day
    // (the 2024 清明 holiday is 4/4–4/6)
    expect(addCalendarDays('2024-02-29', 30)).toBe('2024-03-30');
    expect(periodEnd('2024-02-29', 30, 'calendar')).toBe('2024-04-01');
    // 1/30/2024 + 30 crosses 2/29: +1 → 1/31, +29 → 2/29 (Thu, after the Spring Festival) → stays
    expect(addCalendarDays('2024-01-30', 30)).toBe('2024-02-29');
    expect(periodEnd('2024-01-30', 30, 'calendar')).toBe('2024-02-29');
    // the same in a common year: 1/30/2023 + 30 → 3/1 (Wed)
    expect(periodEnd('2023-01-30', 30, 'calendar')).toBe('2023-03-01');
    // 12/17/2025 + 15 → 1/1/2026 (元旦, 1/1–1/3 off) → 1/4 (Sun, make-up working day)
    expect(addCalendarDays('2025-12-17', 15)).toBe('2026-01-01');
    expect(periodEnd('2025-12-17', 15, 'calendar')).toBe('2026-01-04');
    // 12/20/2025 + 15: +11 → 12/31, +4 → 1/4/2026 (make-up Sunday) → stays
    expect(periodEnd('2025-12-20', 15, 'calendar')).toBe('2026-01-04');
  });

  it('paused (hearing) days extend the period before the rest-day rule', () => {
    // 9/10/2025 (Wed) + 15 = 9/25 (Thu), a working day
    expect(periodEnd('2025-09-10', 15, 'calendar')).toBe('2025-09-25');
    // with a 6-day hearing: 9/25 + 6 = 10/1 → National Day → 10/9
    expect(periodEnd('2025-09-10', 15, 'calendar', undefined, 6)).toBe('2025-10-09');
    // 0 paused days is the default
    expect(periodEnd('2025-09-10', 15, 'calendar', undefined, 0)).toBe('2025-09-25');
  });

  it('refuses nonsense instead of guessing', () => {
    expect(() => periodEnd('2025-02-29', 15, 'calendar')).toThrow(RangeError);
    expect(() => periodEnd('2025-03-01', 0, 'calendar')).toThrow(RangeError);
    expect(() => periodEnd('2025-03-01', 1.5, 'calendar')).toThrow(RangeError);
    expect(() => periodEnd('2025-03-01', 15, 'calendar', undefined, -1)).toThrow(RangeError);
    expect(() => periodEnd('2025-03-01', 15, 'weeks' as never)).toThrow(RangeError);
  });
});

describe('working days', () => {
  it('counts 5 working days (objection window) across National Day 2025', () => {
    // from 9/26 (Fri): 9/27 Sat off, 9/28 Sun make-up (1), 9/29 (2), 9/30 (3), 10/1–10/8 off,
    // 10/9 (4), 10/10 (5)
    expect(addWorkingDays('2025-09-26', 5)).toBe('2025-10-10');
    expect(periodEnd('2025-09-26', 5, 'working')).toBe('2025-10-10');
    // from 9/30 (Tue): 10/9 (1), 10/10 (2), 10/11 Sat make-up (3), 10/12 Sun off, 10/13 (4), 10/14 (5)
    expect(addWorkingDays('2025-09-30', 5)).toBe('2025-10-14');
  });

  it('counts a make-up working Saturday', () => {
    // from 2/5/2025 (Wed): 2/6 (1), 2/7 (2), 2/8 Sat make-up (3), 2/9 Sun off, 2/10 (4), 2/11 (5);
    // without the make-up Saturday it would be 2/12
    expect(addWorkingDays('2025-02-05', 5)).toBe('2025-02-11');
  });

  it('never counts the start day', () => {
    // from Mon 3/3/2025: 3/4 is the first working day; 5 → 3/4, 3/5, 3/6, 3/7, 3/10
    expect(addWorkingDays('2025-03-03', 1)).toBe('2025-03-04');
    expect(addWorkingDays('2025-03-03', 5)).toBe('2025-03-10');
    // starting on a rest day: Sat 3/1 → Mon 3/3 is day one
    expect(addWorkingDays('2025-03-01', 1)).toBe('2025-03-03');
    expect(() => addWorkingDays('2025-03-03', 0)).toThrow(RangeError);
  });

  it('paused days are extra working days', () => {
    // 5 + 2 paused = 7 working days from 3/3/2025: 3/4..3/7 (4), 3/10 (5), 3/11 (6), 3/12 (7)
    expect(periodEnd('2025-03-03', 5, 'working', undefined, 2)).toBe('2025-03-12');
  });

  it('nextWorkingDay is on or after the date', () => {
    expect(nextWorkingDay('2025-03-03')).toBe('2025-03-03'); // a Monday: itself
    expect(nextWorkingDay('2025-03-15')).toBe('2025-03-17'); // Saturday → Monday
    expect(nextWorkingDay('2025-10-01')).toBe('2025-10-09'); // National Day
    expect(nextWorkingDay('2025-01-25')).toBe('2025-01-26'); // Sat → the make-up Sunday
  });
});

describe('overrides', () => {
  it('a year the package does not know: weekends only by default', () => {
    // 1/1/2027 is a Friday; without the 2027 notice it is an ordinary working day
    expect(isRestDay('2027-01-01')).toBe(false);
    expect(isRestDay('2027-01-02')).toBe(true); // Saturday
    // 12/17/2026 + 15: +14 → 12/31, +1 → 1/1/2027 (Fri) → stays
    expect(periodEnd('2026-12-17', 15, 'calendar')).toBe('2027-01-01');
  });

  it("an override 'rest' moves a period ending that day", () => {
    const o = overrides([['2027-01-01', 'rest']]);
    expect(isRestDay('2027-01-01', o)).toBe(true);
    // 1/1 rest, 1/2 Sat, 1/3 Sun → 1/4 (Mon)
    expect(periodEnd('2026-12-17', 15, 'calendar', o)).toBe('2027-01-04');
    // working days from 12/31/2026 (Thu): 1/1 rest, weekend → 1/4 is the first
    expect(addWorkingDays('2026-12-31', 1, o)).toBe('2027-01-04');
  });

  it("an override 'work' on a Saturday makes it a working day", () => {
    const o = overrides([['2027-01-09', 'work']]);
    expect(isRestDay('2027-01-09')).toBe(true); // a Saturday
    expect(isRestDay('2027-01-09', o)).toBe(false);
    // 12/25/2026 + 15: +6 → 12/31, +9 → 1/9/2027 (Sat): stays with the override, else Mon 1/11
    expect(periodEnd('2026-12-25', 15, 'calendar')).toBe('2027-01-11');
    expect(periodEnd('2026-12-25', 15, 'calendar', o)).toBe('2027-01-09');
    // from Fri 1/8/2027 the override Saturday is working day one
    expect(addWorkingDays('2027-01-08', 1, o)).toBe('2027-01-09');
  });

  it('overrides win over the package for a known year', () => {
    const o = overrides([
      ['2025-10-08', 'work'], // a statutory holiday declared worked
      ['2025-02-08', 'rest'], // a make-up Saturday declared off
      ['2025-03-03', 'rest'], // an ordinary Monday declared off
    ]);
    expect(isRestDay('2025-10-08', o)).toBe(false);
    expect(isRestDay('2025-02-08', o)).toBe(true);
    expect(isRestDay('2025-03-03', o)).toBe(true);
    // 9/16 + 15 = 10/1 → holiday 10/1–10/7 → 10/8 now a working day
    expect(periodEnd('2025-09-16', 15, 'calendar', o)).toBe('2025-10-08');
    // 1/24 + 15 = 2/8, now a rest day → 2/9 Sun → 2/10 (Mon)
    expect(periodEnd('2025-01-24', 15, 'calendar', o)).toBe('2025-02-10');
    // an empty table changes nothing
    expect(periodEnd('2025-01-24', 15, 'calendar', new Map())).toBe('2025-02-08');
  });
});

describe('date arithmetic', () => {
  it('daysBetween across leap years, month and year ends', () => {
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2); // leap year: 2/29 between
    expect(daysBetween('2025-02-28', '2025-03-01')).toBe(1);
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
    expect(daysBetween('2025-01-01', '2026-01-01')).toBe(365);
    expect(daysBetween('2000-02-28', '2000-03-01')).toBe(2); // 2000 is a leap year (÷400)
    expect(daysBetween('1900-02-28', '1900-03-01')).toBe(1); // 1900 is not (÷100)
    expect(daysBetween('2025-03-01', '2025-02-28')).toBe(-1);
    expect(daysBetween('2025-06-15', '2025-06-15')).toBe(0);
  });

  it('no daylight-saving boundary shifts a day', () => {
    // EU 2025-03-30 / 2025-10-26, US 2025-03-09 / 2025-11-02, China 1986–1991 (e.g. 1988-04-10)
    expect(daysBetween('2025-03-29', '2025-03-31')).toBe(2);
    expect(daysBetween('2025-10-25', '2025-10-27')).toBe(2);
    expect(daysBetween('2025-03-08', '2025-03-10')).toBe(2);
    expect(daysBetween('2025-11-01', '2025-11-03')).toBe(2);
    expect(daysBetween('1988-04-09', '1988-04-11')).toBe(2);
    expect(addCalendarDays('2025-03-29', 1)).toBe('2025-03-30');
    expect(addCalendarDays('2025-03-30', 1)).toBe('2025-03-31');
    expect(addCalendarDays('1988-04-10', 1)).toBe('1988-04-11');
  });

  it('addCalendarDays matches UTC arithmetic day by day, 1999–2031', () => {
    const fmt = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    const base = Date.UTC(1999, 0, 1, 12);
    const day = 86_400_000;
    const mismatches: string[] = [];
    for (let k = 0; k < 33 * 366; k += 1) {
      const d = fmt(base + k * day);
      if (addCalendarDays('1999-01-01', k) !== d) mismatches.push(`+${k} ≠ ${d}`);
      if (daysBetween('1999-01-01', d) !== k) mismatches.push(`between ${d} ≠ ${k}`);
      if (addCalendarDays(d, -k) !== '1999-01-01') mismatches.push(`${d} - ${k}`);
    }
    expect(mismatches).toEqual([]);
  });

  it('isValidDate is strict', () => {
    expect(isValidDate('2025-02-28')).toBe(true);
    expect(isValidDate('2024-02-29')).toBe(true);
    expect(isValidDate('2000-02-29')).toBe(true);
    expect(isValidDate('2025-02-29')).toBe(false);
    expect(isValidDate('1900-02-29')).toBe(false);
    expect(isValidDate('2025-13-01')).toBe(false);
    expect(isValidDate('2025-00-10')).toBe(false);
    expect(isValidDate('2025-04-31')).toBe(false);
    expect(isValidDate('2025-01-00')).toBe(false);
    expect(isValidDate('2025-1-5')).toBe(false);
    expect(isValidDate('2025-01-05T00:00')).toBe(false);
    expect(isValidDate(' 2025-01-05')).toBe(false);
    expect(isValidDate('')).toBe(false);
    expect(isValidDate(undefined as unknown as string)).toBe(false);
  });
});
