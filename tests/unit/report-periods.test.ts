import { describe, expect, it } from 'vitest';
import { periodOf, previousPeriod, splitRange, yearOnYear } from '../../src-main/services/reports/periods';

const span = (p: { from: string; to: string }) => [p.from, p.to];

describe('report periods', () => {
  it('compares a month, quarter and year with the same one a year before and the one just before', () => {
    const m = periodOf('month', '2026-01-17');
    expect([span(m), span(yearOnYear(m)), span(previousPeriod(m))]).toEqual([
      ['2026-01-01', '2026-01-31'],
      ['2025-01-01', '2025-01-31'],
      ['2025-12-01', '2025-12-31'],
    ]);
    const q = periodOf('quarter', '2024-05-02');
    expect([q.label, span(q), span(previousPeriod(q))]).toEqual([
      '2024年第二季度',
      ['2024-04-01', '2024-06-30'],
      ['2024-01-01', '2024-03-31'],
    ]);
    expect(span(yearOnYear(periodOf('month', '2025-02-10')))).toEqual(['2024-02-01', '2024-02-29']);
  });

  it('takes 29 February back to the 28th for a day', () => {
    expect(span(yearOnYear(periodOf('day', '2024-02-29')))).toEqual(['2023-02-28', '2023-02-28']);
  });

  it('compares a custom range over whole months with those whole months, leap day included', () => {
    const r = (from: string, to: string) => span(yearOnYear(periodOf('range', from, to)));
    // the whole of February 2025 against the whole of February 2024
    expect(r('2025-02-01', '2025-02-28')).toEqual(['2024-02-01', '2024-02-29']);
    expect(r('2025-01-15', '2025-02-28')).toEqual(['2024-01-15', '2024-02-29']);
    // and the other way: February 2024 against February 2023
    expect(r('2024-02-01', '2024-02-29')).toEqual(['2023-02-01', '2023-02-28']);
    // part of a month keeps its days
    expect(r('2025-02-10', '2025-02-28')).toEqual(['2024-02-10', '2024-02-28']);
    expect(r('2025-03-05', '2025-04-30')).toEqual(['2024-03-05', '2024-04-30']);
    // a range starting on the leap day starts the day after 28 February a year before
    expect(r('2024-02-29', '2024-03-10')).toEqual(['2023-03-01', '2023-03-10']);
    expect(r('2024-02-29', '2024-02-29')).toEqual(['2023-02-28', '2023-02-28']);
  });

  it('puts the range just before a custom range, of the same length', () => {
    expect(span(previousPeriod(periodOf('range', '2024-03-01', '2024-03-31')))).toEqual([
      '2024-01-30',
      '2024-02-29',
    ]);
  });

  it('splits a range into whole months and the days of part months', () => {
    expect(splitRange('2026-01-15', '2026-04-10')).toEqual({
      months: ['2026-02', '2026-03'],
      days: [
        ['2026-01-15', '2026-01-31'],
        ['2026-04-01', '2026-04-10'],
      ],
    });
    expect(splitRange('2026-02-01', '2026-02-28')).toEqual({ months: ['2026-02', '2026-02'], days: [] });
  });
});
