/**
 * The ledgers beside the register: the dispute screening ledger (矛盾纠纷排查), the daily reports
 * (日报告, 零报告) and the leaders' reception days (领导接访日).
 */
import { z } from 'zod';
import {
  hhmm,
  id,
  keysOf,
  localDate,
  localDateOf,
  phoneSchema,
  required,
  trimmed,
  whenValid,
} from './fields';
import { byId, method } from './method';
import {
  DISPUTE_STATUSES,
  DISPUTE_TYPES,
  type Channel,
  type DisputeStatus,
  type DisputeType,
} from './vocabulary';

export const disputePartyInput = z.object({
  name: required('当事人姓名', 30),
  phone: phoneSchema.optional(),
});

interface DisputeEnding {
  status: DisputeStatus;
  resolvedOn?: string | null;
  resolution?: string;
  foundOn?: string;
}

/**
 * The ending of a dispute: resolved needs its day and how, referred says where to, and none ends
 * before it was found. The schemas below run it; so does the status change against the day found
 * as stored (services/disputes.ts), since its form does not send it.
 */
export function disputeEndIssues(v: DisputeEnding): { path: 'resolvedOn' | 'resolution'; message: string }[] {
  const out: { path: 'resolvedOn' | 'resolution'; message: string }[] = [];
  if (v.status === 'resolved' && !v.resolvedOn)
    out.push({ path: 'resolvedOn', message: '已化解的纠纷请填写化解日期' });
  if ((v.status === 'resolved' || v.status === 'referred') && !v.resolution) {
    out.push({
      path: 'resolution',
      message: v.status === 'resolved' ? '请填写化解情况' : '请填写移交去向及理由',
    });
  }
  if (v.resolvedOn && v.foundOn && v.resolvedOn < v.foundOn)
    out.push({ path: 'resolvedOn', message: '化解日期不能早于发现日期' });
  return out;
}

function checkDisputeEnd(v: DisputeEnding, ctx: z.RefinementCtx) {
  for (const i of disputeEndIssues(v)) ctx.addIssue({ code: 'custom', path: [i.path], message: i.message });
}
const ENDING_FIELDS = ['status', 'resolvedOn', 'resolution', 'foundOn'];

const disputeStatus = z.enum(keysOf(DISPUTE_STATUSES), { message: '请选择调处状态' });
export const disputeInput = z
  .object({
    id: id.optional(),
    foundOn: localDateOf('发现日期'),
    villageId: id.nullable().optional(),
    parties: z.array(disputePartyInput).min(1, '请至少填写一名当事人').max(50, '当事人不超过50人'),
    kind: z.enum(keysOf(DISPUTE_TYPES), { message: '请选择纠纷类型' }),
    description: required('纠纷简要情况', 4000, 'multi'),
    mediator: trimmed('调处人', 60).default(''),
    status: disputeStatus.default('pending'),
    resolution: trimmed('化解情况', 4000, 'multi').default(''),
    resolvedOn: localDateOf('化解日期').nullable().optional(),
  })
  .superRefine(checkDisputeEnd, whenValid(...ENDING_FIELDS));
export type DisputeInput = z.input<typeof disputeInput>;

export const disputeStatusInput = z
  .object({
    id,
    status: disputeStatus,
    resolvedOn: localDateOf('化解日期').nullable().optional(),
    resolution: trimmed('化解情况', 4000, 'multi').default(''),
  })
  .superRefine(checkDisputeEnd, whenValid(...ENDING_FIELDS));

export const disputeFilter = z.object({
  status: z.array(disputeStatus).optional(),
  villageId: z.array(z.string()).optional(),
  /** county mode: the townships whose disputes to show */
  officeId: z.array(z.string()).optional(),
  /** found (or, with dateOf 'resolved', resolved) on or after / on or before */
  from: localDate.optional(),
  to: localDate.optional(),
  dateOf: z.enum(['found', 'resolved']).optional(),
});

export interface DisputeView {
  id: string;
  officeId: string;
  office: string | null;
  foundOn: string;
  villageId: string | null;
  village: string | null;
  parties: { name: string; phone: string | null }[];
  kind: DisputeType;
  description: string;
  mediator: string;
  status: DisputeStatus;
  resolution: string;
  resolvedOn: string | null;
  registeredBy: string | null;
  registeredAt: string;
}
/** The list masks the parties' phones; `disputes.get` gives them whole for the form. */
export interface DisputeList {
  total: number;
  /** the filter's disputes per status */
  byStatus: Partial<Record<DisputeStatus, number>>;
  rows: DisputeView[];
}

/** Petitions of a day: 批次 (cases) and 人次 (people), also per channel. */
export interface PetitionFigures {
  batches: number;
  persons: number;
  byChannel: Partial<Record<Channel, { batches: number; persons: number }>>;
}
export interface DailyFigures {
  petitions: PetitionFigures;
  disputes: { found: number; resolved: number };
  /** 零报告: no new petition and no new dispute found that day */
  zero: boolean;
}
export interface DailyReportView extends DailyFigures {
  id: string;
  officeId: string;
  office: string | null;
  date: string;
  note: string;
  issuedAt: string;
  issuedBy: string | null;
  /** issued after the day it reports (补报) */
  late: boolean;
  replacesId: string | null;
  /** a later report of the same day replaced this one */
  replacedBy: string | null;
}
/** What one click would report now for a day, and the report already issued for it (if any). */
export interface DailyReportPreview {
  date: string;
  figures: DailyFigures;
  issued: DailyReportView | null;
}
/** County: which townships reported on which days. */
export interface DailyReportMatrix {
  days: string[];
  /** `missing`: days before today without a report (today's is still due) */
  townships: { id: string; name: string; reports: Record<string, DailyReportView>; missing: number }[];
}

export const receptionDayInput = z
  .object({
    id: id.optional(),
    date: localDate,
    startTime: hhmm,
    endTime: hhmm,
    leaderId: z.string().min(1, '请选择接访领导'),
    place: trimmed('接访地点', 60).default(''),
    note: trimmed('备注', 500, 'multi').default(''),
  })
  .refine((v) => v.startTime < v.endTime, {
    path: ['endTime'],
    message: '结束时间应晚于开始时间',
    ...whenValid('startTime', 'endTime'),
  });
export type ReceptionDayInput = z.input<typeof receptionDayInput>;

export interface ReceivedCase {
  id: string;
  caseNo: string;
  receivedAt: string;
  summary: string;
  peopleCount: number;
  petitioners: string;
  status: string;
}
export interface ReceptionDayView {
  id: string;
  officeId: string;
  office: string | null;
  date: string;
  startTime: string;
  endTime: string;
  leaderId: string;
  leader: string | null;
  place: string;
  note: string;
  /** the office's 来访 cases received within the day's hours */
  cases: ReceivedCase[];
  batches: number;
  persons: number;
}

const dateRange = { from: localDate.optional(), to: localDate.optional() };

export const ledgersMethods = {
  'disputes.list': method<DisputeList>()(z.object({ filter: disputeFilter.default({}) })),
  'disputes.get': method<DisputeView>()(byId),
  'disputes.save': method<DisputeView>()(disputeInput),
  'disputes.setStatus': method<DisputeView>()(disputeStatusInput),
  'disputes.remove': method<null>()(byId),
  'dailyReports.preview': method<DailyReportPreview>()(z.object({ date: localDate })),
  /** `replace` confirms issuing again for a day already reported (the earlier report is kept, marked replaced) */
  'dailyReports.issue': method<DailyReportView>()(
    z.object({
      date: localDate,
      note: trimmed('备注', 500, 'multi').default(''),
      replace: z.boolean().default(false),
    }),
  ),
  'dailyReports.list': method<DailyReportView[]>()(z.object(dateRange)),
  'dailyReports.matrix': method<DailyReportMatrix>()(z.object({ from: localDate, to: localDate })),
  'receptionDays.list': method<ReceptionDayView[]>()(z.object(dateRange)),
  'receptionDays.save': method<ReceptionDayView>()(receptionDayInput),
  'receptionDays.remove': method<null>()(byId),
} as const;
