/**
 * Every due date of services/deadlines.ts on real calendars. Expected dates are worked out by
 * hand from the 国务院办公厅 holiday notices (comments give the reasoning), never from the code.
 */
import { describe, expect, it } from 'vitest';
import {
  computeDeadlines,
  openDuties,
  type CaseFacts,
  type DeadlineRules,
} from '../../src-main/services/deadlines';
import { initialState, type WorkflowState } from '../../src-main/services/workflow';
import type { DeadlineKind } from '../../src-main/contract';

const rules = (today: string, more: Partial<DeadlineRules> = {}): DeadlineRules => ({
  dayCount: 'calendar',
  overrides: new Map(),
  today,
  warnDays: 3,
  ...more,
});
const facts = (receivedOn: string, noticeOwed = true): CaseFacts => ({ receivedOn, noticeOwed });
const state = (patch: Partial<WorkflowState>): WorkflowState => ({ ...initialState('handling'), ...patch });
const due = (list: ReturnType<typeof computeDeadlines>, kind: DeadlineKind) =>
  list.find((d) => d.kind === kind);

describe('acceptance and notice: 15 days from receipt (Art. 22–23)', () => {
  it('a petition received just before Spring Festival 2025 is due after the holiday', () => {
    // 2025-01-20 + 15 = 2025-02-04, inside the 1-28..2-04 holiday; next working day Wed 2025-02-05
    const d = computeDeadlines(facts('2025-01-20'), initialState(), rules('2025-01-21'));
    expect(due(d, 'acceptance')?.due).toBe('2025-02-05');
    expect(due(d, 'notice')?.due).toBe('2025-02-05');
  });
  it('Spring Festival 2026 and National Day 2025 push the last day past the holiday', () => {
    // 2026-02-08 + 15 = 2026-02-23, last day of the 2-15..2-23 holiday; next working day Tue 2-24
    expect(
      due(computeDeadlines(facts('2026-02-08'), initialState(), rules('2026-02-09')), 'acceptance')?.due,
    ).toBe('2026-02-24');
    // 2025-09-16 + 15 = 2025-10-01; National Day runs 10-01..10-08; next working day Thu 10-09
    expect(
      due(computeDeadlines(facts('2025-09-16'), initialState(), rules('2025-09-17')), 'acceptance')?.due,
    ).toBe('2025-10-09');
  });
  it('a period ending on a 调休 make-up Saturday ends that Saturday', () => {
    // 2026-01-30 + 15 = 2026-02-14, a Saturday worked in lieu before Spring Festival
    expect(
      due(computeDeadlines(facts('2026-01-30'), initialState(), rules('2026-01-31')), 'acceptance')?.due,
    ).toBe('2026-02-14');
  });
  it('29 February counts like any day; a period ending on a weekday stays', () => {
    // 2024-02-29 + 15 = 2024-03-15, a Friday
    expect(
      due(computeDeadlines(facts('2024-02-29'), initialState(), rules('2024-03-01')), 'acceptance')?.due,
    ).toBe('2024-03-15');
  });
  it('no written notice is owed when the name or address is unknown', () => {
    const d = computeDeadlines(facts('2025-03-03', false), initialState(), rules('2025-03-04'));
    expect(due(d, 'notice')).toBeUndefined();
    expect(due(d, 'acceptance')).toBeDefined();
  });
  it('working-day counting: 15 working days across National Day and its make-up days', () => {
    // from Fri 2025-09-26: 9-28(Sun, worked) 9-29 9-30 | holiday 10-01..10-08 | 10-09 10-10 10-11(Sat, worked)
    // 10-13 10-14 10-15 10-16 10-17 10-20 10-21 10-22 10-23 → the 15th is Thu 2025-10-23
    const d = computeDeadlines(
      facts('2025-09-26'),
      initialState(),
      rules('2025-09-27', { dayCount: 'working' }),
    );
    expect(due(d, 'acceptance')?.due).toBe('2025-10-23');
  });
});

describe('reply: 60 days from acceptance, one extension of up to 30 (Art. 34)', () => {
  it('counts from acceptance, and the extension adds its days', () => {
    // 2025-09-05 + 60 = 2025-11-04, a Tuesday
    const plain = computeDeadlines(
      facts('2025-09-01'),
      state({ decidedOn: '2025-09-05', acceptedOn: '2025-09-05' }),
      rules('2025-09-06'),
    );
    expect(due(plain, 'reply')?.due).toBe('2025-11-04');
    // + 30 = 2025-12-04, a Thursday
    const extended = computeDeadlines(
      facts('2025-09-01'),
      state({
        decidedOn: '2025-09-05',
        acceptedOn: '2025-09-05',
        extension: { on: '2025-10-30', days: 30, reason: '复杂' },
      }),
      rules('2025-10-31'),
    );
    expect(due(extended, 'reply')).toMatchObject({ due: '2025-12-04', note: '已延期30日' });
  });
  it('an extension of 20 days ending on New Year 2026 runs to the next working day', () => {
    // 2025-10-13 + 80 = 2026-01-01 (元旦, holiday 1-01..1-03); next working day is Sun 2026-01-04 (worked in lieu)
    const s = state({
      acceptedOn: '2025-10-13',
      decidedOn: '2025-10-13',
      extension: { on: '2025-12-01', days: 20, reason: '复杂' },
    });
    expect(due(computeDeadlines(facts('2025-10-10'), s, rules('2025-12-02')), 'reply')?.due).toBe(
      '2026-01-04',
    );
  });
});

describe('review windows and limits (Art. 35–36)', () => {
  it('the petitioner has 30 days from receiving the reply; from 31 January that ends on Monday 3 March', () => {
    // 2025-01-31 + 30 = 2025-03-02, a Sunday → Mon 2025-03-03
    const d = computeDeadlines(
      facts('2024-12-01'),
      state({
        status: 'delivered',
        acceptedOn: '2024-12-02',
        decidedOn: '2024-12-02',
        repliedOn: '2025-01-28',
        deliveredOn: '2025-01-31',
      }),
      rules('2025-02-10'),
    );
    expect(due(d, 'reviewWindow')).toMatchObject({ due: '2025-03-03', window: true, state: 'running' });
    expect(due(d, 'reply')).toMatchObject({ metOn: '2025-01-28', state: 'met' });
  });
  it('a hearing pauses the review clock by its days', () => {
    // requested 2025-11-01 + 30 = 2025-12-01 (Mon); hearing 11-10..11-12 = 3 days → 2025-12-04 (Thu)
    const review = { requestedOn: '2025-11-01', decidedOn: null, receivedOn: null, result: null };
    const base = state({
      status: 'inReview',
      acceptedOn: '2025-09-05',
      repliedOn: '2025-10-20',
      deliveredOn: '2025-10-22',
      review,
    });
    expect(due(computeDeadlines(facts('2025-09-01'), base, rules('2025-11-02')), 'review')?.due).toBe(
      '2025-12-01',
    );
    const heard = {
      ...base,
      hearings: [{ from: '2025-11-10', until: '2025-11-12', stage: 'review' as const }],
    };
    expect(due(computeDeadlines(facts('2025-09-01'), heard, rules('2025-11-13')), 'review')).toMatchObject({
      due: '2025-12-04',
      note: '听证3日不计入',
    });
    // a hearing during handling does not touch the review limit
    const early = {
      ...base,
      hearings: [{ from: '2025-10-01', until: '2025-10-05', stage: 'handling' as const }],
    };
    expect(due(computeDeadlines(facts('2025-09-01'), early, rules('2025-11-02')), 'review')?.due).toBe(
      '2025-12-01',
    );
  });
  it('the re-review window runs from receiving the review opinion, and the re-review has its own 30 days', () => {
    const s = state({
      status: 'inRereview',
      acceptedOn: '2025-09-05',
      deliveredOn: '2025-10-22',
      review: {
        requestedOn: '2025-11-01',
        decidedOn: '2025-11-20',
        receivedOn: '2025-11-24',
        result: 'uphold',
      },
      rereview: { requestedOn: '2025-12-01', decidedOn: null, receivedOn: null, result: null },
    });
    const d = computeDeadlines(facts('2025-09-01'), s, rules('2025-12-02'));
    expect(due(d, 'review')).toMatchObject({ metOn: '2025-11-20', state: 'met' });
    // 2025-12-01 + 30 = 2025-12-31, a Wednesday
    expect(due(d, 'rereview')?.due).toBe('2025-12-31');
    expect(due(d, 'rereviewWindow')).toBeUndefined();
  });
});

describe('assignments, objections and supervision', () => {
  it('a 交办 has its own deadline, report date and a 5-working-day objection window', () => {
    const assignment = {
      id: 'a1',
      on: '2025-09-26',
      unitId: 'u',
      officeId: null,
      deadline: '2025-10-20',
      reportDue: '2025-10-24',
      reportedOn: null,
      objectedOn: null,
    };
    const d = computeDeadlines(
      facts('2025-09-25'),
      state({ acceptedOn: '2025-09-26', decidedOn: '2025-09-26', assignment }),
      rules('2025-09-27'),
    );
    expect(due(d, 'assignment')?.due).toBe('2025-10-20');
    expect(due(d, 'report')?.due).toBe('2025-10-24');
    // 9-28 (worked Sunday), 9-29, 9-30, 10-09, 10-10
    expect(due(d, 'objection')).toMatchObject({ due: '2025-10-10', window: true });
  });
  it('each supervision notice has its deadline until it is answered', () => {
    const s = state({
      acceptedOn: '2025-09-05',
      supervisions: [
        { id: 's1', on: '2025-09-10', deadline: '2025-09-20', unitId: null, answeredOn: '2025-09-22' },
        { id: 's2', on: '2025-09-25', deadline: '2025-10-10', unitId: null, answeredOn: null },
      ],
    });
    const sups = computeDeadlines(facts('2025-09-01'), s, rules('2025-10-12')).filter(
      (d) => d.kind === 'supervision',
    );
    expect(sups.map((x) => [x.refId, x.state])).toEqual([
      ['s1', 'late'],
      ['s2', 'overdue'],
    ]);
  });
});

describe('time left and the work list order', () => {
  const received = facts('2025-03-03'); // + 15 = Tue 2025-03-18
  const at = (today: string) => due(computeDeadlines(received, initialState(), rules(today)), 'acceptance')!;
  it('running, warning within the warning days, due today, overdue', () => {
    expect(at('2025-03-10')).toMatchObject({ state: 'running', daysLeft: 8 });
    expect(at('2025-03-15')).toMatchObject({ state: 'warning', daysLeft: 3 });
    expect(at('2025-03-18')).toMatchObject({ state: 'warning', daysLeft: 0 });
    expect(at('2025-03-20')).toMatchObject({ state: 'overdue', daysLeft: -2 });
  });
  it('met on time or late, and a petitioner window that has passed is ended, not overdue', () => {
    const onTime = computeDeadlines(
      received,
      { ...initialState('handling'), decidedOn: '2025-03-18', acceptedOn: '2025-03-18' },
      rules('2025-04-01'),
    );
    expect(due(onTime, 'acceptance')).toMatchObject({ state: 'met', daysLeft: null });
    const late = computeDeadlines(
      received,
      { ...initialState('handling'), decidedOn: '2025-03-19', acceptedOn: '2025-03-19' },
      rules('2025-04-01'),
    );
    expect(due(late, 'acceptance')?.state).toBe('late');
    const windowPast = computeDeadlines(
      received,
      state({
        status: 'delivered',
        acceptedOn: '2025-03-05',
        repliedOn: '2025-03-20',
        deliveredOn: '2025-03-21',
      }),
      rules('2025-06-01'),
    );
    expect(due(windowPast, 'reviewWindow')?.state).toBe('ended');
  });
  it('open duties leave out met deadlines and windows, earliest first', () => {
    const s = state({
      acceptedOn: '2025-03-05',
      decidedOn: '2025-03-05',
      supervisions: [{ id: 's', on: '2025-03-06', deadline: '2025-03-10', unitId: null, answeredOn: null }],
    });
    const duties = openDuties(computeDeadlines(received, s, rules('2025-03-07')));
    expect(duties.map((d) => d.kind)).toEqual(['supervision', 'notice', 'reply']);
  });
});

describe('an assignment once the case has been answered', () => {
  it('the reply settles the assignment and closes the objection window', () => {
    const assignment = {
      id: 'a1',
      on: '2025-09-26',
      unitId: 'u',
      officeId: null,
      deadline: '2025-10-20',
      reportDue: '2025-10-20',
      reportedOn: null,
      objectedOn: null,
    };
    const s = state({
      status: 'closed',
      acceptedOn: '2025-09-26',
      decidedOn: '2025-09-26',
      assignment,
      repliedOn: '2025-10-15',
      deliveredOn: '2025-10-16',
      closedOn: '2025-10-17',
    });
    const d = computeDeadlines(facts('2025-09-25'), s, rules('2025-10-30'));
    expect(due(d, 'assignment')).toMatchObject({ metOn: '2025-10-15', state: 'met' });
    expect(due(d, 'objection')).toBeUndefined();
  });
});
