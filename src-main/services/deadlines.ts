/**
 * Every due date of a case, computed from its folded workflow state (services/workflow.ts) and
 * the office's day-counting rules. Nothing here is stored: change the setting or the holiday
 * calendar and every clock follows.
 */
import {
  DEADLINE_KINDS,
  type CaseWorkflow,
  type DayCount,
  type DeadlineKind,
  type DeadlineView,
} from '../contract';
import { addWorkingDays, daysBetween, periodEnd, type DayKind } from './calendar';
import type { Store } from './database';
import { todayLocal } from './local-time';
import { currentOfficeId } from './local-state';
import { handledElsewhere } from './handling-office';
import {
  ACCEPT_DAYS,
  OBJECTION_WORKING_DAYS,
  REPLY_DAYS,
  REREVIEW_DAYS,
  REREVIEW_REQUEST_DAYS,
  REVIEW_DAYS,
  REVIEW_REQUEST_DAYS,
} from '../contract/limits';
import { allowedSteps, caseState, type DayRules, type Hearing, type WorkflowState } from './workflow';

export interface CaseFacts {
  /** the day the petition was received (the first day, not counted) */
  receivedOn: string;
  /** Art. 23: no written notice is owed when the petitioner's name or address is unknown */
  noticeOwed: boolean;
}

export interface DeadlineRules extends DayRules {
  /** warn this many days before a deadline */
  warnDays: number;
  /** in a township's register, the township: a case the county assigned to another one has no duties here */
  township?: string;
}

/** Hearing days of one stage, inclusive of both ends. */
function hearingDays(hearings: Hearing[], stage: Hearing['stage']): number {
  return hearings.filter((h) => h.stage === stage).reduce((n, h) => n + daysBetween(h.from, h.until) + 1, 0);
}

interface ClockOptions {
  window?: boolean;
  refId?: string | null;
  note?: string | null;
}

/** One clock as the screens show it: its state and time left on `rules.today`. */
export function deadlineView(
  kind: DeadlineKind,
  start: string,
  due: string,
  metOn: string | null,
  rules: DeadlineRules,
  opts: ClockOptions = {},
): DeadlineView {
  const daysLeft = daysBetween(rules.today, due);
  const state: DeadlineView['state'] = metOn
    ? metOn <= due
      ? 'met'
      : 'late'
    : daysLeft < 0
      ? opts.window
        ? 'ended'
        : 'overdue'
      : daysLeft <= rules.warnDays
        ? 'warning'
        : 'running';
  return {
    kind,
    label: DEADLINE_KINDS[kind],
    start,
    due,
    metOn,
    state,
    daysLeft: metOn ? null : daysLeft,
    window: !!opts.window,
    refId: opts.refId ?? null,
    note: opts.note ?? null,
  };
}

export function computeDeadlines(facts: CaseFacts, s: WorkflowState, rules: DeadlineRules): DeadlineView[] {
  const out: DeadlineView[] = [];
  const add = (
    kind: DeadlineKind,
    start: string,
    due: string,
    metOn: string | null,
    opts: ClockOptions = {},
  ) => {
    out.push(deadlineView(kind, start, due, metOn, rules, opts));
  };
  const period = (start: string, days: number, paused = 0) =>
    periodEnd(start, days, rules.dayCount, rules.overrides, paused);

  // Art. 22–23: decide within 15 days, and say so in writing (a 不再受理 case is decided at intake)
  if (s.status !== 'notReaccepted')
    add('acceptance', facts.receivedOn, period(facts.receivedOn, ACCEPT_DAYS), s.decidedOn);
  if (facts.noticeOwed) add('notice', facts.receivedOn, period(facts.receivedOn, ACCEPT_DAYS), s.noticeOn);

  // Art. 34: reply within 60 days of acceptance, plus one extension of at most 30
  if (s.acceptedOn) {
    const extra = s.extension ? s.extension.days : 0;
    add('reply', s.acceptedOn, period(s.acceptedOn, REPLY_DAYS + extra), s.repliedOn, {
      note: s.extension ? `已延期${s.extension.days}日` : undefined,
    });
  }

  // 交办: the unit's deadline and its 办结报告, and the unit's 5 working days to object (Art. 23)
  // (the office's reply settles the assignment even when the unit's report never came)
  const a = s.assignment;
  if (a && !a.objectedOn) {
    const done = a.reportedOn ?? (s.repliedOn && s.repliedOn >= a.on ? s.repliedOn : null);
    add('assignment', a.on, a.deadline, done);
    if (a.reportDue !== a.deadline) add('report', a.on, a.reportDue, done);
  }
  if (a && !a.reportedOn && (a.objectedOn || s.status === 'handling')) {
    add('objection', a.on, addWorkingDays(a.on, OBJECTION_WORKING_DAYS, rules.overrides), a.objectedOn, {
      window: true,
    });
  }

  for (const sup of s.supervisions)
    add('supervision', sup.on, sup.deadline, sup.answeredOn, { refId: sup.id });

  // Art. 35–36: the petitioner's windows, and the reviewing body's 30 days (hearings not counted)
  if (s.deliveredOn && !s.review)
    add('reviewWindow', s.deliveredOn, period(s.deliveredOn, REVIEW_REQUEST_DAYS), null, { window: true });
  if (s.review) {
    const paused = hearingDays(s.hearings, 'review');
    add(
      'review',
      s.review.requestedOn,
      period(s.review.requestedOn, REVIEW_DAYS, paused),
      s.review.decidedOn,
      {
        note: paused ? `听证${paused}日不计入` : undefined,
      },
    );
    if (s.review.receivedOn && !s.rereview) {
      add('rereviewWindow', s.review.receivedOn, period(s.review.receivedOn, REREVIEW_REQUEST_DAYS), null, {
        window: true,
      });
    }
  }
  if (s.rereview) {
    const paused = hearingDays(s.hearings, 'rereview');
    add(
      'rereview',
      s.rereview.requestedOn,
      period(s.rereview.requestedOn, REREVIEW_DAYS, paused),
      s.rereview.decidedOn,
      {
        note: paused ? `听证${paused}日不计入` : undefined,
      },
    );
  }
  return out;
}

/** The office's running duties (not the petitioner's windows), most urgent first. */
export function openDuties(deadlines: DeadlineView[]): DeadlineView[] {
  return deadlines
    .filter((d) => !d.metOn && !d.window)
    .sort((x, y) => (x.due < y.due ? -1 : x.due > y.due ? 1 : 0));
}

/** The office's day-counting setting, its calendar entries, and today. */
export function loadRules(store: Store, today = todayLocal()): DeadlineRules {
  const office = store.sqlite
    .prepare('SELECT id, level, day_count, warn_days FROM offices WHERE id = ?')
    .get(currentOfficeId(store) ?? '') as
    { id: string; level: string; day_count: DayCount; warn_days: number } | undefined;
  const overrides = new Map(
    (
      store.sqlite.prepare('SELECT id, kind FROM calendar_days WHERE deleted = 0').all() as {
        id: string;
        kind: DayKind;
      }[]
    ).map((r) => [r.id, r.kind]),
  );
  return {
    dayCount: office?.day_count ?? 'calendar',
    warnDays: office?.warn_days ?? 3,
    overrides,
    today,
    ...(office?.level === 'township' ? { township: office.id } : {}),
  };
}

/** Art. 23: a written notice is owed unless the petitioner's name or address is unknown. */
export function noticeOwed(
  anonymous: boolean,
  petitioners: { name: string | null; address: string | null }[],
): boolean {
  return !anonymous && petitioners.some((p) => !!p.name && !!p.address);
}

/** What the case screen shows of the workflow: state, the steps it may take, every clock. */
export function caseWorkflow(
  store: Store,
  caseId: string,
  facts: CaseFacts,
  rules = loadRules(store),
): CaseWorkflow {
  const s = caseState(store, caseId);
  const elsewhere = handledElsewhere(store, caseId);
  return {
    status: s.status,
    allowed: elsewhere ? [] : allowedSteps(s, rules),
    handledElsewhere: elsewhere,
    // the other township's clocks now: not this office's to keep
    deadlines: elsewhere ? [] : computeDeadlines(facts, s, rules),
    unitId: s.unitId,
    handlerId: s.handlerId,
    leaderId: s.leaderId,
    openSupervisions: s.supervisions
      .filter((x) => !x.answeredOn)
      .map(({ id, on, deadline }) => ({ id, on, deadline })),
    acceptedOn: s.acceptedOn,
    repliedOn: s.repliedOn,
  };
}
