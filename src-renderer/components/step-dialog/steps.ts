/** What each step's dialog starts from and says: its date's label, defaults, hint and confirmation. */
import dayjs, { type Dayjs } from 'dayjs';
import {
  REJECT_ROUTES,
  type CaseDetail,
  type CaseStepInput,
  type StepKind,
  ACCEPT_DAYS,
  ASSIGN_DEFAULT_DAYS,
  MAX_EXTENSION_DAYS,
  OBJECTION_WORKING_DAYS,
  REPLY_DAYS,
  REREVIEW_REQUEST_DAYS,
  REVIEW_DAYS,
  REVIEW_REQUEST_DAYS,
  SUPERVISE_DEFAULT_DAYS,
} from '../../../src-main/contract';

export type Values = Record<string, unknown>;

/** Days after the step's own date that a follow-on date defaults to, while the clerk has not set it. */
export const FOLLOWS: Partial<Record<StepKind, Record<string, number>>> = {
  assign: { deadline: ASSIGN_DEFAULT_DAYS, reportDue: ASSIGN_DEFAULT_DAYS },
  supervise: { deadline: SUPERVISE_DEFAULT_DAYS },
  hearing: { until: 0 },
  deliver: { receivedOn: 0 },
  decideReview: { receivedOn: 0 },
  decideRereview: { receivedOn: 0 },
};

/** What the step's own date is called in its dialog. */
export const ON_LABEL: Partial<Record<StepKind, string>> = {
  accept: '受理日期',
  reject: '决定日期',
  forward: '转送日期',
  assign: '交办日期',
  notify: '告知日期',
  setHandler: '确定日期',
  object: '异议日期',
  reportAssignment: '报告日期',
  investigate: '调查日期',
  mediate: '调解日期',
  hearing: '听证开始日期',
  visit: '走访日期',
  extend: '批准日期',
  reply: '出具日期',
  deliver: '送达日期',
  evaluate: '评价日期',
  requestReview: '申请日期',
  decideReview: '决定日期',
  requestRereview: '申请日期',
  decideRereview: '决定日期',
  close: '办结日期',
  followUp: '回访日期',
  reopen: '决定日期',
  takeCharge: '包案日期',
  progress: '记录日期',
  supervise: '督办日期',
  answerSupervision: '回复日期',
};

/** Steps that cannot be taken back: asked once more before they are recorded. */
export const CONFIRM: Partial<Record<StepKind, (v: Values) => { title: string; content: string }>> = {
  reject: (v) => ({
    title: '确认不予受理？',
    content: `记录后本事项即为“不予受理”，不能撤销。请确认已告知信访人通过${REJECT_ROUTES[v.route as keyof typeof REJECT_ROUTES] ?? '法定途径'}解决。`,
  }),
  forward: (v) => ({
    title: `确认转送至 ${String(v.to ?? '').trim()}？`,
    content: '记录后本事项即为“已转送”，不能撤销。',
  }),
  close: (v) => ({
    title: `确认办结（${v.resolved ? '已化解' : '未化解'}）？`,
    content: '办结后只能回访、评价、包案跟进，或在信访人申请复查、复核或决定重新办理时继续办理。',
  }),
};

/** What the dialog is for, in one line (《信访工作条例》 2022). */
export function hint(kind: StepKind, c: CaseDetail): string | null {
  const reply = c.workflow.deadlines.find((d) => d.kind === 'reply' && !d.metOn);
  switch (kind) {
    case 'accept':
      return `受理后开始计算${REPLY_DAYS}日答复期限（第三十四条）。`;
    case 'assign':
      return `${c.workflow.status === 'registered' ? '交办即受理。' : ''}办理期限默认为交办之日起${ASSIGN_DEFAULT_DAYS}日${reply ? `（不晚于答复期限 ${reply.due}）` : ''}，为出具处理意见和送达留出时间；责任单位可在${OBJECTION_WORKING_DAYS}个工作日内提出异议（第二十三条）。`;
    case 'reject':
      return '不予受理的，应告知信访人依照法律法规规定的途径提出（第二十二条）。';
    case 'forward':
      return '不属于本机关职权范围的，转送有权处理的机关（第二十二条）。';
    case 'notify':
      return `应自收到信访事项之日起${ACCEPT_DAYS}日内书面告知信访人；姓名或住址不清的除外（第二十三条）。`;
    case 'object':
      return `责任单位认为交办不当的，应在交办后${OBJECTION_WORKING_DAYS}个工作日内提出异议（第二十三条）。`;
    case 'hearing':
      return '复查、复核阶段的听证时间不计入复查、复核期限（第三十五、三十六条）。';
    case 'extend':
      return `经本机关负责人批准可延期一次，不超过${MAX_EXTENSION_DAYS}日，并告知信访人延期理由（第三十四条）。${reply ? `当前答复期限 ${reply.due}。` : ''}`;
    case 'reply':
      return `处理意见应载明信访请求、事实和理由、依据，书面答复信访人（第三十二条）。${reply ? `答复期限 ${reply.due}。` : ''}`;
    case 'deliver':
      return '复查申请期自信访人签收处理意见之日起计算（第三十五条）。';
    case 'requestReview':
      return `信访人应自收到处理意见之日起${REVIEW_REQUEST_DAYS}日内申请复查（第三十五条）。`;
    case 'decideReview':
      return `复查机关应自收到复查请求之日起${REVIEW_DAYS}日内提出复查意见；选择“责令重新作出”将重新办理并重新计算答复期限。`;
    case 'requestRereview':
      return `信访人应自收到复查意见之日起${REREVIEW_REQUEST_DAYS}日内申请复核（第三十六条）。`;
    case 'decideRereview':
      return '复核意见作出后，信访人以同一事实和理由再次提出的，不再受理（第三十六条）。';
    case 'supervise':
      return `督办期限默认为督办之日起${SUPERVISE_DEFAULT_DAYS}日。`;
    case 'close':
      return c.workflow.status === 'delivered'
        ? '办结后，信访人仍可在复查申请期内申请复查（第三十五条）。'
        : null;
    default:
      return null;
  }
}

/** The fields' first values: today, the follow-on dates and what the case already says. */
export function defaults(kind: StepKind, c: CaseDetail): Values {
  const today = dayjs().startOf('day');
  const v: Values = { on: today };
  const reply = c.workflow.deadlines.find((d) => d.kind === 'reply' && !d.metOn);
  for (const [field, days] of Object.entries(FOLLOWS[kind] ?? {})) v[field] = today.add(days, 'day');
  switch (kind) {
    case 'assign':
      if (reply && (v.deadline as Dayjs).isAfter(dayjs(reply.due)))
        v.deadline = v.reportDue = dayjs(reply.due);
      v.unitId = c.workflow.unitId ?? undefined;
      v.handlerId = c.workflow.handlerId ?? undefined;
      v.target = 'township';
      break;
    case 'setHandler':
      v.unitId = c.workflow.unitId ?? undefined;
      v.handlerId = c.workflow.handlerId ?? undefined;
      break;
    case 'extend':
      v.days = 30;
      break;
    case 'reply':
      v.request = c.summary;
      break;
    case 'deliver':
      v.method = 'inPerson';
      v.recipient = c.petitioners.find((p) => p.representative)?.name ?? c.petitioners[0]?.name ?? '';
      break;
    case 'close':
      v.resolved = false;
      break;
    case 'takeCharge':
      v.leaderId = c.workflow.leaderId ?? undefined;
      break;
    case 'supervise':
      v.unitId = c.workflow.unitId ?? undefined;
      break;
    case 'answerSupervision':
      if (c.workflow.openSupervisions.length === 1) v.supervisionId = c.workflow.openSupervisions[0].id;
      break;
  }
  return v;
}

/** The values as the services are sent them: dates as YYYY-MM-DD, fields never set left out. */
export function toInput(kind: StepKind, caseId: string, v: Values): CaseStepInput {
  const out: Values = { caseId, kind };
  for (const [k, val] of Object.entries(v)) {
    if (val === undefined) continue;
    out[k] = dayjs.isDayjs(val) ? val.format('YYYY-MM-DD') : val;
  }
  return out as CaseStepInput;
}
