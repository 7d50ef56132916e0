/**
 * The statistics: a report of a period with its comparisons (同比, 环比), breakdowns, trend and the
 * county's township ranking, as data, printable pages or a workbook.
 */
import { z } from 'zod';
import { keysOf, localDate, type FileBytes } from './fields';
import { method } from './method';
import type { CaseFilter } from './cases';
import { REPORT_KINDS, type ReportDim, type ReportKind } from './vocabulary';

export const reportInput = z
  .object({
    kind: z.enum(keysOf(REPORT_KINDS), { message: '请选择报表周期' }),
    /** any day of the day, month, quarter or year reported; the first day of a custom range */
    from: localDate,
    /** the last day of a custom range */
    to: localDate.optional(),
    /** county mode: one township only */
    officeId: z.string().optional(),
    /** the day the report is made for (overdue is judged on it); today when absent */
    asOf: localDate.optional(),
  })
  .superRefine((v, ctx) => {
    if (v.kind !== 'range') return;
    if (!v.to) ctx.addIssue({ code: 'custom', path: ['to'], message: '请选择自定义统计的截止日期' });
    else if (v.to < v.from)
      ctx.addIssue({ code: 'custom', path: ['to'], message: '截止日期不能早于起始日期' });
    else if (Number(v.to.slice(0, 4)) - Number(v.from.slice(0, 4)) > 10)
      ctx.addIssue({ code: 'custom', path: ['to'], message: '自定义统计的时间跨度不超过十年' });
  });

/** A period of a report, and the earlier one it is compared with. */
export interface ReportPeriod {
  kind: ReportKind;
  from: string;
  to: string;
  /** 2026年1月, 2026年第一季度, 2026年1月1日至2026年3月15日 … */
  label: string;
}

/** One value of a figure in one period: a count, or a rate (percent) with its two counts. */
export interface ReportValue {
  value: number | null;
  num?: number;
  den?: number;
}

/** The cases behind a value: the value's own, and for a rate its numerator's and denominator's. */
export interface ReportLinks {
  value: CaseFilter;
  num?: CaseFilter;
  den?: CaseFilter;
}

export interface ReportFigure {
  key: string;
  label: string;
  /** 批次, 人次, 件, % … */
  unit: string;
  rate: boolean;
  /** for a rate: numerator, denominator and what is left out, as shown beside it */
  definition: string | null;
  cur: ReportValue;
  yoy: ReportValue;
  mom: ReportValue;
  /** percent change of a count, or the change in percentage points of a rate; null when the earlier value is 0 or none */
  yoyChange: number | null;
  momChange: number | null;
  /** the register's cases behind each value; null for a figure of the dispute ledger (no cases) */
  links: { cur: ReportLinks; yoy: ReportLinks; mom: ReportLinks } | null;
  /** a dispute figure: the ledger lists what it counts, by the day found or the day resolved, in each period */
  disputes: { dateOf: 'found' | 'resolved' } | null;
}

export interface ReportBreakdownRow {
  key: string;
  label: string;
  n: number;
  people: number;
  /** share of the period's 批次, percent */
  share: number | null;
  yoyN: number;
  momN: number;
  yoyChange: number | null;
  momChange: number | null;
  links: { cur: CaseFilter; yoy: CaseFilter; mom: CaseFilter };
}

export interface ReportRankingRow {
  officeId: string;
  name: string;
  /** by ReportSection ranking column key */
  values: Record<string, number | null>;
  links: Record<string, CaseFilter>;
}

/** A part of a report; further kinds (other ledgers) may be added beside these. */
export type ReportSection =
  | { kind: 'figures'; key: string; title: string; figures: ReportFigure[] }
  | {
      kind: 'breakdown';
      key: ReportDim;
      title: string;
      nUnit: string;
      peopleUnit: string;
      rows: ReportBreakdownRow[];
    }
  | {
      kind: 'trend';
      key: string;
      title: string;
      months: { month: string; n: number; people: number; prevN: number; link: CaseFilter }[];
    }
  | {
      kind: 'ranking';
      key: string;
      title: string;
      columns: { key: string; label: string; unit: string; rate: boolean; definition: string | null }[];
      rows: ReportRankingRow[];
    };

export interface Report {
  title: string;
  officeName: string;
  /** the township reported on in county mode, or null for the whole register */
  scope: { officeId: string; name: string } | null;
  period: ReportPeriod;
  /** 同比: the same period a year before */
  yoy: ReportPeriod;
  /** 环比: the period just before */
  mom: ReportPeriod;
  /** the day overdue duties are judged on */
  asOf: string;
  generatedAt: string;
  sections: ReportSection[];
}

export const reportsMethods = {
  'reports.get': method<Report>()(reportInput),
  /** the same report as A4 landscape pages to print or save as PDF */
  'reports.html': method<{ html: string }>()(reportInput),
  /** the same report's tables as an .xlsx to hand in */
  'reports.xlsx': method<FileBytes>()(reportInput),
} as const;
