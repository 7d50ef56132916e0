/**
 * What each report figure counts: the condition on a case's facts (case_facts, alias-free so it
 * can sit in the register's filter), and the figures of a report built from the summed counters.
 * The register's filter (case-list.ts filterSql) uses the same conditions, so a figure's
 * click-through lists exactly the cases it counted.
 */
import type { CaseFilter, ReportMeasure } from '../../contract';
import type { Counters } from './facts';
import { RECEPTION_VISITS } from '../reception-days';
import { ACCEPT_DAYS, MAX_EXTENSION_DAYS, REPLY_DAYS } from '../../contract/limits';

/** Counters summed over a period, with what depends on the report's day (asOf). */
export interface Totals extends Counters {
  /** 受理/告知 still not done and past due on asOf */
  accept_pend_late: number;
  reply_pend_late: number;
  /** cases with a supervision notice unanswered and past its deadline */
  sup_pend_late: number;
  /** cases with any duty of the office past due on asOf (the work list's overdue) */
  overdue: number;
}

/** Each measure's condition on case_facts; `asOf` marks the one bound parameter of those that need it. */
const MEASURE_SQL: Record<ReportMeasure, { where: string; asOf?: true }> = {
  acceptOk: { where: 'accept_ok = 1' },
  // a visit received within a reception day's hours, as reception-days.ts counts it
  reception: { where: `case_id IN (SELECT id FROM (${RECEPTION_VISITS}))` },
  acceptLate: { where: '(accept_late = 1 OR accept_pend_due < ?)', asOf: true },
  acceptCounted: { where: '(accept_ok = 1 OR accept_late = 1 OR accept_pend_due < ?)', asOf: true },
  replyOk: { where: 'reply_ok = 1' },
  replyLate: { where: '(reply_late = 1 OR reply_pend_due < ?)', asOf: true },
  replyCounted: { where: '(reply_ok = 1 OR reply_late = 1 OR reply_pend_due < ?)', asOf: true },
  extended: { where: 'extended = 1' },
  delivered: { where: 'delivered = 1' },
  evaluated: { where: 'satisfied + basically + unsatisfied > 0' },
  satisfied: { where: 'satisfied + basically > 0' },
  closed: { where: 'closed = 1' },
  resolved: { where: 'resolved = 1' },
  overdue: { where: 'duty_due < ?', asOf: true },
  leader: { where: 'leader = 1' },
  leaderClosed: { where: 'leader_closed = 1' },
  leaderResolved: { where: 'leader_resolved = 1' },
  supervised: { where: 'supervised = 1' },
  supOnTime: { where: 'sup_on_time > 0' },
  supLate: { where: '(sup_late > 0 OR sup_pend_due < ?)', asOf: true },
  supCounted: { where: '(sup_on_time > 0 OR sup_late > 0 OR sup_pend_due < ?)', asOf: true },
  reviewRequested: { where: 'review_requested > 0' },
  reviewUphold: { where: 'review_uphold > 0' },
  reviewChanged: { where: 'review_revoke + review_amend > 0' },
  reviewRedo: { where: 'review_redo > 0' },
  rereviewRequested: { where: 'rereview_requested > 0' },
  rereviewUphold: { where: 'rereview_uphold > 0' },
  rereviewChanged: { where: 'rereview_revoke + rereview_amend > 0' },
  rereviewRedo: { where: 'rereview_redo > 0' },
};

/** The condition of a measure on case_facts with its parameters. */
export function measureSql(measure: ReportMeasure, asOf: string): { where: string; params: string[] } {
  const m = MEASURE_SQL[measure];
  return { where: m.where, params: m.asOf ? [asOf] : [] };
}

/** What a figure adds to its period's filter to list its cases. */
type Link = Omit<CaseFilter, 'from' | 'to'>;

interface CountDef {
  key: string;
  label: string;
  unit: string;
  value: (t: Totals) => number;
  link: Link;
}
interface RateDef {
  key: string;
  label: string;
  num: (t: Totals) => number;
  den: (t: Totals) => number;
  numLink: Link;
  denLink: Link;
  definition: string;
}
export type FigureDef = ({ rate: false } & CountDef) | ({ rate: true } & RateDef);

const count = (
  key: string,
  label: string,
  unit: string,
  value: (t: Totals) => number,
  link: Link,
): FigureDef => ({ rate: false, key, label, unit, value, link });
const rate = (d: RateDef): FigureDef => ({ rate: true, ...d });

export const RATE_DEFINITIONS = {
  acceptRate: `按时受理并告知的件数 ÷ 应受理告知的件数 × 100%。按时：收到之日起${ACCEPT_DAYS}日内作出受理、交办、不予受理或转送的决定，应书面告知的并在${ACCEPT_DAYS}日内告知（《信访工作条例》第二十二、二十三条，按本单位计日规则）。应受理告知：已作出决定或告知的，加上期限已过仍未办的；尚在期限内的不计入，登记为不再受理的不计入。`,
  replyRate: `按期答复的件数 ÷ 应答复的件数 × 100%。按期：受理之日起${REPLY_DAYS}日内出具处理意见；经批准延期的，期限加延期天数（只能延期一次、不超过${MAX_EXTENSION_DAYS}日，第三十四条）。应答复：已受理（含交办）且已答复，或答复期限已过仍未答复的；未受理、不予受理、转送的不计入，尚在期限内的不计入。`,
  evalRate:
    '已评价的件数（满意、基本满意、不满意）÷ 已送达处理意见的件数 × 100%。评价为“未评价”的不计为已评价。',
  satRate: '评价为满意或基本满意的件数 ÷ 已评价的件数 × 100%。',
  resolveRate:
    '办结时确认已化解的件数 ÷ 已办结的受理事项件数 × 100%。不予受理、转送、不再受理后办结的不计入。',
  supRate:
    '按期回复的督办通知数 ÷（已回复的督办通知数 + 期限已过仍未回复督办的事项数）× 100%。尚在期限内未回复的不计入。',
} as const;

const evaluated = (t: Totals) => t.satisfied + t.basically + t.unsatisfied;
export const acceptDen = (t: Totals) => t.accept_ok + t.accept_late + t.accept_pend_late;
export const replyDen = (t: Totals) => t.reply_ok + t.reply_late + t.reply_pend_late;

export const FIGURES = {
  acceptRate: rate({
    key: 'acceptRate',
    label: '及时受理率',
    num: (t) => t.accept_ok,
    den: acceptDen,
    numLink: { measure: 'acceptOk' },
    denLink: { measure: 'acceptCounted' },
    definition: RATE_DEFINITIONS.acceptRate,
  }),
  replyRate: rate({
    key: 'replyRate',
    label: '按期办结率',
    num: (t) => t.reply_ok,
    den: replyDen,
    numLink: { measure: 'replyOk' },
    denLink: { measure: 'replyCounted' },
    definition: RATE_DEFINITIONS.replyRate,
  }),
  evalRate: rate({
    key: 'evalRate',
    label: '参评率',
    num: evaluated,
    den: (t) => t.delivered,
    numLink: { measure: 'evaluated' },
    denLink: { measure: 'delivered' },
    definition: RATE_DEFINITIONS.evalRate,
  }),
  satRate: rate({
    key: 'satRate',
    label: '满意率',
    num: (t) => t.satisfied + t.basically,
    den: evaluated,
    numLink: { measure: 'satisfied' },
    denLink: { measure: 'evaluated' },
    definition: RATE_DEFINITIONS.satRate,
  }),
  resolveRate: rate({
    key: 'resolveRate',
    label: '化解率',
    num: (t) => t.resolved,
    den: (t) => t.closed,
    numLink: { measure: 'resolved' },
    denLink: { measure: 'closed' },
    definition: RATE_DEFINITIONS.resolveRate,
  }),
  supRate: rate({
    key: 'supRate',
    label: '督办按期回复率',
    num: (t) => t.sup_on_time,
    den: (t) => t.sup_on_time + t.sup_late + t.sup_pend_late,
    numLink: { measure: 'supOnTime' },
    denLink: { measure: 'supCounted' },
    definition: RATE_DEFINITIONS.supRate,
  }),
};

/** The figure sections of every report, in order. */
export const FIGURE_SECTIONS: { key: string; title: string; figures: FigureDef[] }[] = [
  {
    key: 'volume',
    title: '信访总量',
    figures: [
      count('n', '信访总量', '批次', (t) => t.n, {}),
      count('people', '信访总量', '人次', (t) => t.people, {}),
      count('collective', '集体信访', '批次', (t) => t.collective, { flags: ['collective'] }),
      count('collectivePeople', '集体信访', '人次', (t) => t.collective_people, { flags: ['collective'] }),
      count('first', '初信初访', '批次', (t) => t.first, { flags: ['first'] }),
      count('repeat', '重复信访', '批次', (t) => t.repeat, { flags: ['repeat'] }),
      count('skipLevel', '越级信访', '批次', (t) => t.skip_level, { flags: ['skipLevel'] }),
      count('skipLevelPeople', '越级信访', '人次', (t) => t.skip_level_people, { flags: ['skipLevel'] }),
    ],
  },
  {
    key: 'handling',
    title: '办理情况',
    figures: [
      FIGURES.acceptRate,
      FIGURES.replyRate,
      count('extended', '延期办理', '件', (t) => t.extended, { measure: 'extended' }),
      FIGURES.evalRate,
      FIGURES.satRate,
      FIGURES.resolveRate,
      count('overdue', '当前逾期', '件', (t) => t.overdue, { measure: 'overdue' }),
      count('leader', '领导包案', '件', (t) => t.leader, { measure: 'leader' }),
      count('leaderClosed', '其中：包案已办结', '件', (t) => t.leader_closed, { measure: 'leaderClosed' }),
      count('leaderResolved', '其中：包案已化解', '件', (t) => t.leader_resolved, {
        measure: 'leaderResolved',
      }),
      count('supervised', '督办事项', '件', (t) => t.supervised, { measure: 'supervised' }),
      count('supNotices', '督办通知', '份', (t) => t.sup_notices, { measure: 'supervised' }),
      FIGURES.supRate,
    ],
  },
  {
    key: 'review',
    title: '复查复核',
    figures: [
      count('reviewRequested', '申请复查', '件次', (t) => t.review_requested, { measure: 'reviewRequested' }),
      count('reviewUphold', '复查维持', '件次', (t) => t.review_uphold, { measure: 'reviewUphold' }),
      count('reviewChanged', '复查撤销或变更', '件次', (t) => t.review_revoke + t.review_amend, {
        measure: 'reviewChanged',
      }),
      count('reviewRedo', '复查责令重新办理', '件次', (t) => t.review_redo, { measure: 'reviewRedo' }),
      count('rereviewRequested', '申请复核', '件次', (t) => t.rereview_requested, {
        measure: 'rereviewRequested',
      }),
      count('rereviewUphold', '复核维持', '件次', (t) => t.rereview_uphold, { measure: 'rereviewUphold' }),
      count('rereviewChanged', '复核撤销或变更', '件次', (t) => t.rereview_revoke + t.rereview_amend, {
        measure: 'rereviewChanged',
      }),
      count('rereviewRedo', '复核责令重新办理', '件次', (t) => t.rereview_redo, { measure: 'rereviewRedo' }),
    ],
  },
];

/** A rate in percent with one decimal, or null when nothing is counted. */
export function percent(num: number, den: number): number | null {
  return den ? Math.round((num * 1000) / den) / 10 : null;
}
