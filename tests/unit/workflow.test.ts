/**
 * The state machine of services/workflow.ts: from every state a case can reach, every step is
 * tried; the ones the 条例 allows must go through and every other one must be refused with a
 * Chinese message that says what is allowed instead. The expected tables are written out by
 * hand here, not derived from the code under test.
 */
import { describe, expect, it } from 'vitest';
import { STEP_KINDS, type CaseStatus, type CaseStep, type StepKind } from '../../src-main/contract';
import { UserError } from '../../src-main/services/errors';
import {
  allowedSteps,
  foldEvents,
  nextState,
  type DayRules,
  type WorkflowEvent,
  type WorkflowState,
} from '../../src-main/services/workflow';

const RECEIVED = '2025-09-01';
const rules: DayRules = { dayCount: 'calendar', overrides: new Map(), today: '2025-12-31' };

/** A valid step of each kind (dated so every date rule holds from the states below). */
function sample(kind: StepKind, on: string, s: WorkflowState): CaseStep {
  const base = { caseId: 'c1', on };
  const data: Record<StepKind, Record<string, unknown>> = {
    accept: { note: '' },
    reject: { reason: '属于诉讼程序', route: 'litigation', routeNote: '' },
    forward: { to: '县人社局', reason: '' },
    assign: { unitId: 'u1', handlerId: 'h1', deadline: '2025-12-31', reportDue: '2025-12-31', note: '' },
    notify: { method: 'mail', note: '' },
    setHandler: { unitId: 'u2', handlerId: 'h2' },
    object: { reason: '不属于本单位职责' },
    reportAssignment: { report: '已办结' },
    investigate: { note: '走访了解' },
    mediate: { agreement: 'none', note: '未达成' },
    hearing: { until: on, note: '举行听证' },
    visit: { note: '上门走访' },
    extend: { days: 30, reason: '情况复杂', approvedBy: '赵镇长' },
    reply: { outcome: 'support', request: '请求', facts: '事实', basis: '依据' },
    deliver: { method: 'inPerson', receivedOn: on, recipient: '' },
    evaluate: { satisfaction: 'satisfied', note: '' },
    requestReview: { body: '县人民政府', note: '' },
    decideReview: { result: 'uphold', receivedOn: on, note: '维持' },
    requestRereview: { body: '市人民政府', note: '' },
    decideRereview: { result: 'uphold', receivedOn: on, note: '维持' },
    close: { findings: '查明', actions: '处理', resolved: true },
    followUp: { note: '回访' },
    reopen: { reason: '出现新情况' },
    takeCharge: { leaderId: 'l1', plan: '化解方案' },
    progress: { note: '进展' },
    supervise: { unitId: 'u1', deadline: '2025-12-31', content: '督办' },
    answerSupervision: {
      supervisionId: s.supervisions.find((x) => !x.answeredOn)?.id ?? 'none',
      answer: '已办理',
    },
  };
  return { ...base, kind, ...data[kind] } as CaseStep;
}

/** Walks a path of steps (each on the day given), returning the state. */
function walk(path: [StepKind, string][], start: CaseStatus = 'registered'): WorkflowState {
  let s = foldEvents([], start);
  path.forEach(([kind, on], i) => {
    s = nextState(s, sample(kind, on, s), { receivedOn: RECEIVED }, rules, `e${i}`);
  });
  return s;
}

const A: [StepKind, string] = ['accept', '2025-09-05'];
const REPLY: [StepKind, string][] = [A, ['reply', '2025-10-20'], ['deliver', '2025-10-22']];

/** Reachable states and, by hand, exactly what each allows. */
const TABLE: {
  name: string;
  path: [StepKind, string][];
  start?: CaseStatus;
  status: CaseStatus;
  allowed: StepKind[];
}[] = [
  {
    name: '待受理',
    path: [],
    status: 'registered',
    allowed: ['accept', 'reject', 'forward', 'assign', 'takeCharge', 'supervise'],
  },
  {
    name: '已受理',
    path: [A],
    status: 'handling',
    allowed: [
      'assign',
      'notify',
      'setHandler',
      'investigate',
      'mediate',
      'hearing',
      'visit',
      'extend',
      'reply',
      'takeCharge',
      'supervise',
    ],
  },
  {
    name: '已交办（单位可异议、报告）',
    path: [['assign', '2025-09-05']],
    status: 'handling',
    allowed: [
      'notify',
      'setHandler',
      'object',
      'reportAssignment',
      'investigate',
      'mediate',
      'hearing',
      'visit',
      'extend',
      'reply',
      'takeCharge',
      'supervise',
    ],
  },
  {
    name: '已告知、已延期、已包案、已督办',
    path: [
      A,
      ['notify', '2025-09-06'],
      ['extend', '2025-10-30'],
      ['takeCharge', '2025-10-30'],
      ['supervise', '2025-11-01'],
    ],
    status: 'handling',
    allowed: [
      'assign',
      'setHandler',
      'investigate',
      'mediate',
      'hearing',
      'visit',
      'reply',
      'takeCharge',
      'progress',
      'supervise',
      'answerSupervision',
    ],
  },
  {
    name: '不予受理',
    path: [['reject', '2025-09-05']],
    status: 'notAccepted',
    allowed: ['notify', 'close', 'takeCharge', 'supervise'],
  },
  {
    name: '已转送',
    path: [['forward', '2025-09-05']],
    status: 'forwarded',
    allowed: ['notify', 'close', 'takeCharge', 'supervise'],
  },
  {
    name: '已答复待送达',
    path: [A, ['reply', '2025-10-20']],
    status: 'replied',
    allowed: ['notify', 'deliver', 'takeCharge', 'supervise'],
  },
  {
    name: '已送达',
    path: REPLY,
    status: 'delivered',
    allowed: ['notify', 'evaluate', 'requestReview', 'close', 'takeCharge', 'supervise'],
  },
  {
    name: '复查中',
    path: [...REPLY, ['requestReview', '2025-11-01']],
    status: 'inReview',
    allowed: [
      'notify',
      'setHandler',
      'investigate',
      'mediate',
      'hearing',
      'visit',
      'decideReview',
      'takeCharge',
      'supervise',
    ],
  },
  {
    name: '已复查',
    path: [...REPLY, ['requestReview', '2025-11-01'], ['decideReview', '2025-11-20']],
    status: 'reviewed',
    allowed: ['notify', 'evaluate', 'requestRereview', 'close', 'takeCharge', 'supervise'],
  },
  {
    name: '复核中',
    path: [
      ...REPLY,
      ['requestReview', '2025-11-01'],
      ['decideReview', '2025-11-20'],
      ['requestRereview', '2025-11-25'],
    ],
    status: 'inRereview',
    allowed: [
      'notify',
      'setHandler',
      'investigate',
      'mediate',
      'hearing',
      'visit',
      'decideRereview',
      'takeCharge',
      'supervise',
    ],
  },
  {
    name: '已复核',
    path: [
      ...REPLY,
      ['requestReview', '2025-11-01'],
      ['decideReview', '2025-11-20'],
      ['requestRereview', '2025-11-25'],
      ['decideRereview', '2025-12-10'],
    ],
    status: 'rereviewed',
    allowed: ['notify', 'evaluate', 'close', 'takeCharge', 'supervise'],
  },
  {
    name: '已办结',
    path: [...REPLY, ['close', '2025-10-25']],
    status: 'closed',
    allowed: ['notify', 'evaluate', 'requestReview', 'followUp', 'reopen'],
  },
  {
    name: '已办结（已包案，复查期已用）',
    path: [
      ...REPLY,
      ['takeCharge', '2025-10-23'],
      ['requestReview', '2025-11-01'],
      ['decideReview', '2025-11-20'],
      ['close', '2025-11-21'],
    ],
    status: 'closed',
    allowed: ['notify', 'evaluate', 'requestRereview', 'followUp', 'reopen', 'progress'],
  },
  {
    name: '不再受理',
    path: [],
    start: 'notReaccepted',
    status: 'notReaccepted',
    allowed: ['notify', 'close', 'takeCharge', 'supervise'],
  },
];

describe('every step from every state', () => {
  for (const row of TABLE) {
    it(`${row.name}: allows exactly ${row.allowed.map((k) => STEP_KINDS[k]).join('、')}`, () => {
      const s = walk(row.path, row.start);
      expect(s.status).toBe(row.status);
      expect(new Set(allowedSteps(s))).toEqual(new Set(row.allowed));
      const on = row.path.at(-1)?.[1] ?? '2025-09-05';
      for (const kind of Object.keys(STEP_KINDS) as StepKind[]) {
        const attempt = () => nextState(s, sample(kind, on, s), { receivedOn: RECEIVED }, rules, 'x');
        if (row.allowed.includes(kind)) {
          expect(attempt, `${STEP_KINDS[kind]} should be allowed`).not.toThrow();
        } else {
          expect(attempt, `${STEP_KINDS[kind]} should be refused`).toThrow(UserError);
          expect(attempt).toThrow(
            new RegExp(`^不能${STEP_KINDS[kind]}：.+。(当前可进行：|当前没有可进行的操作)`),
          );
        }
      }
    });
  }
});

describe('where a step leads', () => {
  it('交办 accepts the case and names the unit; an objection hands it back', () => {
    const s = walk([
      ['assign', '2025-09-05'],
      ['object', '2025-09-10'],
    ]);
    expect(s.decidedOn).toBe('2025-09-05');
    expect(s.acceptedOn).toBe('2025-09-05');
    expect(s.unitId).toBeNull();
    expect(s.assignment?.objectedOn).toBe('2025-09-10');
  });
  it('复查 ordering a new handling restarts the reply clock and clears the old reply', () => {
    let s = walk([...REPLY, ['requestReview', '2025-11-01']]);
    s = nextState(
      s,
      { ...sample('decideReview', '2025-11-20', s), result: 'redo' } as CaseStep,
      { receivedOn: RECEIVED },
      rules,
      'r',
    );
    expect(s.status).toBe('handling');
    expect(s.acceptedOn).toBe('2025-11-20');
    expect(s.repliedOn).toBeNull();
    expect(s.deliveredOn).toBeNull();
    expect(allowedSteps(s)).toContain('reply');
  });
  it('重新办理 after closing starts a new reply clock', () => {
    const s = walk([...REPLY, ['close', '2025-10-25'], ['reopen', '2025-11-02']]);
    expect(s.status).toBe('handling');
    expect(s.acceptedOn).toBe('2025-11-02');
    expect(s.closedOn).toBeNull();
  });
  it('folding the recorded events gives the same state as taking the steps', () => {
    const path: [StepKind, string][] = [...REPLY, ['requestReview', '2025-11-01'], ['hearing', '2025-11-05']];
    const stepped = walk(path);
    let s = foldEvents([]);
    const events: WorkflowEvent[] = path.map(([kind, on], i) => {
      const { caseId: _c, kind: k, ...data } = sample(kind, on, s);
      s = nextState(s, sample(kind, on, s), { receivedOn: RECEIVED }, rules, `e${i}`);
      return { id: `e${i}`, kind: k, data };
    });
    expect(
      foldEvents([
        { id: 'r', kind: 'registered', data: {} },
        ...events,
        { id: 'x', kind: 'someFutureKind', data: {} },
      ]),
    ).toEqual(stepped);
  });
});

describe('date rules of single steps', () => {
  const refuse = (s: WorkflowState, step: CaseStep, pattern: RegExp) =>
    expect(() => nextState(s, step, { receivedOn: RECEIVED }, rules, 'x')).toThrow(pattern);

  it('refuses a day after today or before the petition was received', () => {
    const s = walk([]);
    refuse(s, sample('accept', '2026-01-01', s), /日期不能晚于今天/);
    refuse(s, sample('accept', '2025-08-31', s), /不能早于收到信访事项的日期（2025-09-01）/);
  });
  it('an objection comes within 5 working days of the assignment (Art. 23), counted across National Day', () => {
    // assigned Friday 2025-09-26; working days: 9-28 (make-up Sunday), 9-29, 9-30, 10-09, 10-10
    const s = walk([['assign', '2025-09-26']]);
    expect(() =>
      nextState(s, sample('object', '2025-10-10', s), { receivedOn: RECEIVED }, rules, 'x'),
    ).not.toThrow();
    refuse(s, sample('object', '2025-10-11', s), /5个工作日内（2025-10-10前）/);
  });
  it('does not offer 延期 once the reply deadline has passed', () => {
    const s = walk([A]); // reply due 2025-11-04
    expect(allowedSteps(s, { ...rules, today: '2025-11-04' })).toContain('extend');
    expect(allowedSteps(s, { ...rules, today: '2025-11-05' })).not.toContain('extend');
  });
  it('extends once only, and not after the reply deadline', () => {
    const s = walk([A, ['extend', '2025-10-01']]);
    refuse(s, sample('extend', '2025-10-02', s), /只能延期一次/);
    // accepted 2025-09-05 + 60 days = 2025-11-04 (a Tuesday)
    const late = walk([A]);
    refuse(late, sample('extend', '2025-11-05', late), /答复期限（2025-11-04）已过/);
    expect(() =>
      nextState(late, sample('extend', '2025-11-04', late), { receivedOn: RECEIVED }, rules, 'x'),
    ).not.toThrow();
  });
  it('a review is asked within 30 days of receiving the reply (Art. 35)', () => {
    // delivered 2025-10-22 + 30 = 2025-11-21 (a Friday)
    const s = walk(REPLY);
    refuse(s, sample('requestReview', '2025-11-22', s), /30日内（2025-11-21前）/);
    expect(() =>
      nextState(s, sample('requestReview', '2025-11-21', s), { receivedOn: RECEIVED }, rules, 'x'),
    ).not.toThrow();
  });
  it('a re-review is asked within 30 days of receiving the review opinion (Art. 36)', () => {
    const s = walk([...REPLY, ['requestReview', '2025-11-01'], ['decideReview', '2025-11-10']]);
    // received 2025-11-10 + 30 = 2025-12-10 (a Wednesday)
    refuse(s, sample('requestRereview', '2025-12-11', s), /第三十六条/);
  });
  it('a delivery cannot precede the reply, a deadline cannot precede its step', () => {
    const s = walk([A, ['reply', '2025-10-20']]);
    refuse(
      s,
      { ...sample('deliver', '2025-10-21', s), receivedOn: '2025-10-19' } as CaseStep,
      /签收日期不能早于/,
    );
    const r = walk([]);
    refuse(
      r,
      { ...sample('assign', '2025-09-05', r), deadline: '2025-09-04' } as CaseStep,
      /办理期限不能早于交办日期/,
    );
  });
  it('answers only a supervision that is still open', () => {
    const s = walk([A, ['supervise', '2025-09-10']]);
    refuse(
      s,
      { ...sample('answerSupervision', '2025-09-12', s), supervisionId: 'nope' } as CaseStep,
      /该督办不存在或已回复/,
    );
  });
});
