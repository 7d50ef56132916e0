/**
 * The statutory workflow of a case (《信访工作条例》 2022), in one place: which step may follow
 * which, and what a case's state is. The state is never stored as the truth: it is folded from
 * the case's append-only events (so two registers that hold the same events agree), and
 * cases.status is only a copy kept for the register's filters.
 *
 * Over 400 lines because the table of steps and the fold that reads it are the statute's one
 * rule set: kept in one file, a step cannot be allowed in one place and folded in another.
 */
import {
  CASE_STATUSES,
  STEP_KINDS,
  type CaseStatus,
  type CaseStep,
  type DayCount,
  type StepKind,
} from '../contract';
import type { Store } from './database';
import { UserError } from './errors';
import { addWorkingDays, periodEnd, type CalendarOverrides } from './calendar';
import {
  OBJECTION_WORKING_DAYS,
  REPLY_DAYS,
  REREVIEW_REQUEST_DAYS,
  REVIEW_REQUEST_DAYS,
} from '../contract/limits';

/** One event of a case's timeline as the fold reads it. */
export interface WorkflowEvent {
  id: string;
  kind: string;
  data: Record<string, unknown>;
}

export interface Assignment {
  id: string;
  on: string;
  /** the responsible unit, or null when the county assigned the case to a township office */
  unitId: string | null;
  /** the township office the county assigned the case to (county mode) */
  officeId: string | null;
  deadline: string;
  reportDue: string;
  reportedOn: string | null;
  objectedOn: string | null;
}
export interface Review {
  requestedOn: string;
  decidedOn: string | null;
  /** the day the petitioner received the decision: the next window runs from it */
  receivedOn: string | null;
  result: string | null;
}
export interface Supervision {
  id: string;
  on: string;
  deadline: string;
  unitId: string | null;
  answeredOn: string | null;
}
/** A hearing's days do not count toward the review and re-review limits (Art. 35–36). */
export interface Hearing {
  from: string;
  until: string;
  stage: 'handling' | 'review' | 'rereview';
}

export interface WorkflowState {
  status: CaseStatus;
  /** the acceptance decision (受理, 交办, 不予受理 or 转送): the 15-day duty is met */
  decidedOn: string | null;
  /** the written notice to the petitioner (Art. 23) */
  noticeOn: string | null;
  /** the reply clock starts here: acceptance, or a reopening, or an order to redo the handling */
  acceptedOn: string | null;
  unitId: string | null;
  handlerId: string | null;
  leaderId: string | null;
  assignment: Assignment | null;
  extension: { on: string; days: number; reason: string } | null;
  repliedOn: string | null;
  /** the day the petitioner received the written reply: the review window runs from it */
  deliveredOn: string | null;
  satisfaction: string | null;
  review: Review | null;
  rereview: Review | null;
  hearings: Hearing[];
  supervisions: Supervision[];
  closedOn: string | null;
}

/** How a case counts its days: the office's setting and calendar, and today. */
export interface DayRules {
  dayCount: DayCount;
  overrides: CalendarOverrides;
  today: string;
}

export function initialState(status: CaseStatus = 'registered'): WorkflowState {
  return {
    status,
    decidedOn: null,
    noticeOn: null,
    acceptedOn: null,
    unitId: null,
    handlerId: null,
    leaderId: null,
    assignment: null,
    extension: null,
    repliedOn: null,
    deliveredOn: null,
    satisfaction: null,
    review: null,
    rereview: null,
    hearings: [],
    supervisions: [],
    closedOn: null,
  };
}

const OPEN: CaseStatus[] = (Object.keys(CASE_STATUSES) as CaseStatus[]).filter((s) => s !== 'closed');
const WORKING: CaseStatus[] = ['handling', 'inReview', 'inRereview'];

type Data<K extends StepKind> = Omit<Extract<CaseStep, { kind: K }>, 'caseId' | 'kind'>;

interface Rule<K extends StepKind> {
  /** the states the step may start from */
  from: CaseStatus[];
  /** a further precondition on the state alone (what makes the button show), or why not */
  ready?: (s: WorkflowState, rules?: DayRules) => string | null;
  /** checks on the step's own data against the state and the calendar, or why not */
  check?: (s: WorkflowState, d: Data<K>, rules: DayRules) => string | null;
  /** the state after the step (mutates the copy it is given) */
  apply: (s: WorkflowState, d: Data<K>, eventId: string) => void;
}

const restartHandling = (s: WorkflowState, on: string) => {
  s.status = 'handling';
  s.acceptedOn = on;
  s.extension = null;
  s.repliedOn = null;
  s.deliveredOn = null;
  s.satisfaction = null;
  s.closedOn = null;
};

const decide = (s: WorkflowState, on: string, status: CaseStatus) => {
  s.status = status;
  s.decidedOn = on;
};

/** Review (复查, Art. 35) and re-review (复核, Art. 36) follow one pattern, each on the stage before. */
const STAGES = {
  review: {
    name: '复查',
    article: '第三十五条',
    from: ['delivered', 'closed'] as CaseStatus[],
    active: 'inReview' as CaseStatus,
    done: 'reviewed' as CaseStatus,
    /** the day the petitioner received what this stage reviews */
    basis: (s: WorkflowState) => s.deliveredOn,
    basisName: '处理意见',
    requestDays: REVIEW_REQUEST_DAYS,
  },
  rereview: {
    name: '复核',
    article: '第三十六条',
    from: ['reviewed', 'closed'] as CaseStatus[],
    active: 'inRereview' as CaseStatus,
    done: 'rereviewed' as CaseStatus,
    basis: (s: WorkflowState) => s.review?.receivedOn ?? null,
    basisName: '复查意见',
    requestDays: REREVIEW_REQUEST_DAYS,
  },
};

function requestRule(stage: keyof typeof STAGES): Rule<'requestReview' | 'requestRereview'> {
  const g = STAGES[stage];
  return {
    from: g.from,
    ready: (s) => (!g.basis(s) ? `尚未收到${g.basisName}` : s[stage] ? `已申请过${g.name}` : null),
    check: (s, d, rules) => {
      const last = periodEnd(g.basis(s)!, g.requestDays, rules.dayCount, rules.overrides);
      return d.on > last
        ? `${g.name}申请应在收到${g.basisName}之日起${g.requestDays}日内（${last}前）提出（《信访工作条例》${g.article}），已超过期限`
        : null;
    },
    apply: (s, d) => {
      s.status = g.active;
      s.closedOn = null;
      s[stage] = { requestedOn: d.on, decidedOn: null, receivedOn: null, result: null };
    },
  };
}

function decideRule(stage: keyof typeof STAGES): Rule<'decideReview' | 'decideRereview'> {
  const g = STAGES[stage];
  return {
    from: [g.active],
    check: (_s, d) => (d.receivedOn < d.on ? `收到${g.name}意见的日期不能早于${g.name}决定日期` : null),
    apply: (s, d) => {
      s[stage] = { ...s[stage]!, decidedOn: d.on, receivedOn: d.receivedOn, result: d.result };
      if (d.result !== 'redo') {
        s.status = g.done;
        return;
      }
      // 责令重新作出: the handling starts over, and so do the review stages
      restartHandling(s, d.on);
      s.review = null;
      s.rereview = null;
    },
  };
}

const RULES: { [K in StepKind]: Rule<K> } = {
  accept: {
    from: ['registered'],
    apply: (s, d) => {
      decide(s, d.on, 'handling');
      s.acceptedOn = d.on;
    },
  },
  assign: {
    from: ['registered', 'handling'],
    ready: (s) =>
      s.assignment && !s.assignment.reportedOn && !s.assignment.objectedOn ? '已交办且尚未办结报告' : null,
    check: (_s, d) =>
      !d.unitId && !d.officeId
        ? '请选择责任单位'
        : d.deadline < d.on
          ? '办理期限不能早于交办日期'
          : d.reportDue < d.on
            ? '办结报告期限不能早于交办日期'
            : null,
    apply: (s, d, id) => {
      if (s.status === 'registered') {
        decide(s, d.on, 'handling');
        s.acceptedOn = d.on;
      }
      const unitId = d.officeId ? null : (d.unitId ?? null);
      s.assignment = {
        id,
        on: d.on,
        unitId,
        officeId: d.officeId ?? null,
        deadline: d.deadline,
        reportDue: d.reportDue,
        reportedOn: null,
        objectedOn: null,
      };
      s.unitId = unitId;
      s.handlerId = d.officeId ? null : (d.handlerId ?? null);
    },
  },
  reject: { from: ['registered'], apply: (s, d) => decide(s, d.on, 'notAccepted') },
  forward: { from: ['registered'], apply: (s, d) => decide(s, d.on, 'forwarded') },
  notify: {
    from: OPEN.filter((st) => st !== 'registered').concat('closed'),
    ready: (s) => (s.noticeOn ? `已于${s.noticeOn}书面告知` : null),
    apply: (s, d) => {
      s.noticeOn = d.on;
    },
  },
  setHandler: {
    from: WORKING,
    apply: (s, d) => {
      s.unitId = d.unitId;
      s.handlerId = d.handlerId ?? null;
    },
  },
  object: {
    from: ['handling'],
    ready: (s) =>
      !s.assignment || s.assignment.reportedOn || s.assignment.objectedOn ? '没有待办的交办事项' : null,
    check: (s, d, rules) => {
      const last = addWorkingDays(s.assignment!.on, OBJECTION_WORKING_DAYS, rules.overrides);
      return d.on > last
        ? `异议应在交办后${OBJECTION_WORKING_DAYS}个工作日内（${last}前）提出（《信访工作条例》第二十三条），已超过期限`
        : null;
    },
    apply: (s, d) => {
      s.assignment!.objectedOn = d.on;
      s.unitId = null;
      s.handlerId = null;
    },
  },
  reportAssignment: {
    from: ['handling'],
    ready: (s) =>
      !s.assignment || s.assignment.reportedOn || s.assignment.objectedOn ? '没有待报告的交办事项' : null,
    apply: (s, d) => {
      s.assignment!.reportedOn = d.on;
    },
  },
  investigate: { from: WORKING, apply: () => {} },
  mediate: { from: WORKING, apply: () => {} },
  visit: { from: WORKING, apply: () => {} },
  hearing: {
    from: WORKING,
    check: (_s, d) => (d.until < d.on ? '听证结束日期不能早于开始日期' : null),
    apply: (s, d) => {
      s.hearings.push({
        from: d.on,
        until: d.until,
        stage: s.status === 'inReview' ? 'review' : s.status === 'inRereview' ? 'rereview' : 'handling',
      });
    },
  },
  extend: {
    from: ['handling'],
    ready: (s, rules) => {
      if (s.extension)
        return `已于${s.extension.on}延期${s.extension.days}日，只能延期一次（《信访工作条例》第三十四条）`;
      const due = rules && periodEnd(s.acceptedOn!, REPLY_DAYS, rules.dayCount, rules.overrides);
      return due && rules.today > due ? `答复期限（${due}）已过，不能再延期` : null;
    },
    check: (s, d, rules) => {
      const due = periodEnd(s.acceptedOn!, REPLY_DAYS, rules.dayCount, rules.overrides);
      return d.on > due ? `答复期限（${due}）已过，不能再延期` : null;
    },
    apply: (s, d) => {
      s.extension = { on: d.on, days: d.days, reason: d.reason };
    },
  },
  reply: {
    from: ['handling'],
    apply: (s, d) => {
      s.status = 'replied';
      s.repliedOn = d.on;
    },
  },
  deliver: {
    from: ['replied'],
    check: (s, d, rules) =>
      d.receivedOn < s.repliedOn!
        ? `签收日期不能早于出具处理意见的日期（${s.repliedOn}）`
        : d.receivedOn > rules.today
          ? '签收日期不能晚于今天'
          : null,
    apply: (s, d) => {
      s.status = 'delivered';
      s.deliveredOn = d.receivedOn;
    },
  },
  evaluate: {
    from: ['delivered', 'reviewed', 'rereviewed', 'closed'],
    apply: (s, d) => void (s.satisfaction = d.satisfaction),
  },
  requestReview: requestRule('review'),
  decideReview: decideRule('review'),
  requestRereview: requestRule('rereview'),
  decideRereview: decideRule('rereview'),
  close: {
    from: ['delivered', 'reviewed', 'rereviewed', 'notAccepted', 'forwarded', 'notReaccepted'],
    apply: (s, d) => {
      s.status = 'closed';
      s.closedOn = d.on;
    },
  },
  followUp: { from: ['closed'], apply: () => {} },
  reopen: { from: ['closed'], apply: (s, d) => restartHandling(s, d.on) },
  takeCharge: {
    from: OPEN,
    apply: (s, d) => {
      s.leaderId = d.leaderId;
    },
  },
  progress: {
    from: OPEN.concat('closed'),
    ready: (s) => (s.leaderId ? null : '尚未确定包案领导'),
    apply: () => {},
  },
  supervise: {
    from: OPEN,
    check: (_s, d) => (d.deadline < d.on ? '督办期限不能早于督办日期' : null),
    apply: (s, d, id) => {
      s.supervisions.push({ id, on: d.on, deadline: d.deadline, unitId: d.unitId ?? null, answeredOn: null });
    },
  },
  answerSupervision: {
    from: OPEN.concat('closed'),
    ready: (s) => (s.supervisions.some((x) => !x.answeredOn) ? null : '没有待回复的督办'),
    check: (s, d) =>
      s.supervisions.some((x) => x.id === d.supervisionId && !x.answeredOn) ? null : '该督办不存在或已回复',
    apply: (s, d) => {
      const sup = s.supervisions.find((x) => x.id === d.supervisionId)!;
      sup.answeredOn = d.on;
    },
  },
};

const stepLabel = (k: StepKind) => STEP_KINDS[k];

/** The case's state after its events, in their order (registration first). */
export function foldEvents(events: WorkflowEvent[], initial: CaseStatus = 'registered'): WorkflowState {
  const s = initialState(initial);
  for (const e of events) {
    const rule = RULES[e.kind as StepKind] as Rule<StepKind> | undefined;
    // registration, edits and attachments do not move the workflow; events this version does
    // not know (from a newer sender) are kept in the timeline and skipped here
    if (!rule) continue;
    rule.apply(s, e.data as Data<StepKind>, e.id);
  }
  return s;
}

/** Why a step cannot be taken from this state, or null when it can (data not yet known). */
function whyNot(s: WorkflowState, kind: StepKind, rules?: DayRules): string | null {
  const rule = RULES[kind] as Rule<StepKind>;
  if (!rule.from.includes(s.status)) return `当前状态为“${CASE_STATUSES[s.status]}”`;
  return rule.ready?.(s, rules) ?? null;
}

/**
 * The steps the case can take, in the order of STEP_KINDS (the buttons of the case screen). With
 * the day rules, steps whose time is over today (延期 after the reply deadline) are left out.
 */
export function allowedSteps(s: WorkflowState, rules?: DayRules): StepKind[] {
  return (Object.keys(STEP_KINDS) as StepKind[]).filter((k) => whyNot(s, k, rules) === null);
}

/**
 * Checks one step against the state and returns the state after it, or throws a UserError
 * saying why not and what is allowed instead.
 */
export function nextState(
  s: WorkflowState,
  step: CaseStep,
  facts: { receivedOn: string },
  rules: DayRules,
  eventId: string,
): WorkflowState {
  const { caseId: _c, kind, ...data } = step;
  const refuse = (why: string) => {
    const allowed = allowedSteps(s).map(stepLabel);
    throw new UserError(
      `不能${stepLabel(kind)}：${why}。${allowed.length ? `当前可进行：${allowed.join('、')}` : '当前没有可进行的操作'}`,
    );
  };
  // state only: a step may be recorded late, its own day is checked against the calendar below
  const not = whyNot(s, kind);
  if (not) refuse(not);
  if (step.on > rules.today) refuse('日期不能晚于今天');
  if (step.on < facts.receivedOn) refuse(`日期不能早于收到信访事项的日期（${facts.receivedOn}）`);
  const rule = RULES[kind] as Rule<StepKind>;
  const problem = rule.check?.(s, data as Data<StepKind>, rules);
  if (problem) refuse(problem);
  const next = structuredClone(s);
  rule.apply(next, data as Data<StepKind>, eventId);
  return next;
}

// ---- reading a case's state ------------------------------------------------------------

/** The case's workflow events in timeline order. */
export function loadEvents(store: Store, caseId: string): WorkflowEvent[] {
  const rows = store.sqlite
    .prepare('SELECT id, kind, data FROM case_events WHERE case_id = ? ORDER BY hlc')
    .all(caseId) as { id: string; kind: string; data: string }[];
  return rows.map((r) => ({ id: r.id, kind: r.kind, data: JSON.parse(r.data) as Record<string, unknown> }));
}

/** The status a case starts in: registered, or 不再受理 when intake recorded it so. */
export function initialStatusOf(events: WorkflowEvent[]): CaseStatus {
  const reg = events.find((e) => e.kind === 'registered');
  return reg?.data.notReacceptedOf ? 'notReaccepted' : 'registered';
}

export function caseState(store: Store, caseId: string): WorkflowState {
  const events = loadEvents(store, caseId);
  return foldEvents(events, initialStatusOf(events));
}
