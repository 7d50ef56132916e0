/**
 * What happens to a case after registration: its steps (《信访工作条例》 2022), the workflow and
 * deadlines its events give, and the work list of what is due.
 */
import { z } from 'zod';
import { choice, id, localDate, required, trimmed } from './fields';
import { method } from './method';
import { MAX_EXTENSION_DAYS } from './limits';
import type { CaseDetail } from './cases';
import {
  AGREEMENTS,
  DELIVERY_METHODS,
  REJECT_ROUTES,
  REPLY_OUTCOMES,
  REVIEW_RESULTS,
  SATISFACTION,
  type CaseStatus,
  type DeadlineKind,
  type StepKind,
} from './vocabulary';

const note = (label: string, max = 4000) => required(label, max, 'multi');

/**
 * One step of a case. `on` is the day it happened (the clerk may record yesterday's visit
 * today); deadlines count from it, the event's own time records when it was entered.
 */
const step = <K extends StepKind, S extends z.ZodRawShape>(kind: K, shape: S) =>
  z.object({ caseId: id, kind: z.literal(kind), on: localDate, ...shape });

export const caseStepInput = z.discriminatedUnion('kind', [
  step('accept', { note: trimmed('说明', 1000, 'multi').default('') }),
  step('reject', {
    reason: note('不予受理理由', 2000),
    route: choice(REJECT_ROUTES, '告知途径'),
    routeNote: trimmed('途径说明', 500, 'multi').default(''),
  }),
  step('forward', { to: required('转送机关', 60), reason: trimmed('转送理由', 1000, 'multi').default('') }),
  // a township's own unit, or (county mode) a township office the case is sent down to
  step('assign', {
    unitId: id.nullable().optional(),
    officeId: id.nullable().optional(),
    handlerId: id.nullable().optional(),
    deadline: localDate,
    reportDue: localDate,
    note: trimmed('交办要求', 2000, 'multi').default(''),
  }),
  step('notify', {
    method: choice(DELIVERY_METHODS, '告知方式'),
    note: trimmed('说明', 1000, 'multi').default(''),
  }),
  // passing a case on to another unit or handler says why (kept in the timeline)
  step('setHandler', {
    unitId: id,
    handlerId: id.nullable().optional(),
    reason: trimmed('变更理由', 1000, 'multi').default(''),
  }),
  step('object', { reason: note('异议理由', 2000) }),
  step('reportAssignment', { report: note('办结报告内容', 8000) }),
  step('investigate', { note: note('调查情况', 8000) }),
  step('mediate', { agreement: choice(AGREEMENTS, '调解结果'), note: note('调解情况', 8000) }),
  step('hearing', { until: localDate, note: note('听证情况', 8000) }),
  step('visit', { note: note('走访情况', 8000) }),
  step('extend', {
    days: z
      .number({ message: '延期天数应为数字' })
      .int('延期天数应为整数')
      .min(1, '延期至少1日')
      .max(MAX_EXTENSION_DAYS, `延期不得超过${MAX_EXTENSION_DAYS}日（《信访工作条例》第三十四条）`),
    reason: note('延期理由', 2000),
    approvedBy: required('批准人', 20),
  }),
  step('reply', {
    outcome: choice(REPLY_OUTCOMES, '处理意见'),
    request: note('信访请求', 4000),
    facts: note('事实和理由', 8000),
    basis: note('法律政策依据', 4000),
  }),
  step('deliver', {
    method: choice(DELIVERY_METHODS, '送达方式'),
    receivedOn: localDate,
    recipient: trimmed('签收人', 30).default(''),
    /** the 送达回证 that came back signed, when one was issued */
    receiptId: z.string().min(1).nullable().default(null),
  }),
  step('evaluate', {
    satisfaction: choice(SATISFACTION, '评价结果'),
    note: trimmed('说明', 1000, 'multi').default(''),
  }),
  step('requestReview', {
    body: required('复查机关', 60),
    note: trimmed('复查请求', 4000, 'multi').default(''),
  }),
  step('decideReview', {
    result: choice(REVIEW_RESULTS, '复查结果'),
    receivedOn: localDate,
    note: note('复查意见', 8000),
  }),
  step('requestRereview', {
    body: required('复核机关', 60),
    note: trimmed('复核请求', 4000, 'multi').default(''),
  }),
  step('decideRereview', {
    result: choice(REVIEW_RESULTS, '复核结果'),
    receivedOn: localDate,
    note: note('复核意见', 8000),
  }),
  step('close', { findings: note('查明情况', 8000), actions: note('处理情况', 8000), resolved: z.boolean() }),
  step('followUp', {
    note: note('回访情况', 4000),
    satisfaction: choice(SATISFACTION, '回访评价').optional(),
  }),
  step('reopen', { reason: note('重新办理理由', 2000) }),
  step('takeCharge', { leaderId: id, plan: note('化解方案', 8000) }),
  step('progress', { note: note('进展情况', 4000) }),
  step('supervise', {
    unitId: id.nullable().optional(),
    deadline: localDate,
    content: note('督办内容', 4000),
  }),
  step('answerSupervision', { supervisionId: id, answer: note('回复内容', 8000) }),
]);
export type CaseStepInput = z.input<typeof caseStepInput>;
export type CaseStep = z.output<typeof caseStepInput>;

export const workListInput = z.object({
  /** whose items: everyone's, mine (handler or leader), one unit's, or (county) one township's */
  scope: z.enum(['all', 'mine', 'unit', 'office']).default('all'),
  unitId: id.optional(),
  officeId: z.string().optional(),
  /** the most urgent items returned (the counts cover all of them) */
  limit: z.number().int().min(1).max(5000).default(500),
});

export interface DeadlineView {
  kind: DeadlineKind;
  label: string;
  /** the day the period starts from (not counted) */
  start: string;
  /** the last day of the period */
  due: string;
  /** the day the duty was met, if it was */
  metOn: string | null;
  /** met on time, met late, running, due within the warning days, overdue; a window that has ended */
  state: 'met' | 'late' | 'running' | 'warning' | 'overdue' | 'ended';
  /** calendar days from today to the due day (negative when past); null once met */
  daysLeft: number | null;
  /** a period the petitioner or a unit has (e.g. to ask for review), not a duty of the office */
  window: boolean;
  /** the supervision event a supervision deadline belongs to */
  refId: string | null;
  note: string | null;
}

export interface CaseWorkflow {
  status: CaseStatus;
  allowed: StepKind[];
  /** in a township's register: the other township the county assigned the case to (no steps here then) */
  handledElsewhere: { officeId: string; name: string } | null;
  deadlines: DeadlineView[];
  unitId: string | null;
  handlerId: string | null;
  leaderId: string | null;
  /** supervisions still waiting for their answer (answerSupervision names one) */
  openSupervisions: { id: string; on: string; deadline: string }[];
  /** the reply clock's start, for forms that need it */
  acceptedOn: string | null;
  repliedOn: string | null;
}

export interface WorkItem {
  caseId: string;
  caseNo: string;
  summary: string;
  petitioners: string;
  status: CaseStatus;
  unit: string | null;
  handler: string | null;
  /** the office handling the case: the township it was assigned to, else the one that registered it */
  officeId: string;
  office: string | null;
  deadline: DeadlineView;
  /** overdue, due today, due later this week (to Sunday), or later */
  bucket: 'overdue' | 'today' | 'week' | 'later';
}
export interface WorkList {
  today: string;
  warnDays: number;
  counts: { overdue: number; today: number; week: number; warning: number };
  /** all items, of which `items` holds the most urgent `limit` */
  total: number;
  items: WorkItem[];
}

export const stepsMethods = {
  'cases.step': method<CaseDetail>()(caseStepInput),
  'worklist.get': method<WorkList>()(workListInput),
} as const;
