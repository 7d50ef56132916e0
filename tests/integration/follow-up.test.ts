/**
 * Follow-up through the api on a real register: each step is an event in the same transaction
 * as the case's status, a refused step writes nothing, and the work list and the settings move
 * every clock. Dates are relative to today (the api refuses future days).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CaseStepInput } from '../../src-main/contract';
import { addCalendarDays, isRestDay } from '../../src-main/services/calendar';
import { todayLocal } from '../../src-main/services/local-time';
import {
  call,
  callError,
  caseThroughRereview,
  countOf,
  createTownship,
  sampleIntake,
  updateInputOf,
  type Township,
} from '../helpers/store';

let t: Township;
beforeEach(async () => {
  t = await createTownship();
});
afterEach(() => t.cleanup());

const today = todayLocal();
const daysAgo = (n: number) => addCalendarDays(today, -n);
/** A step without its case (Omit distributed over the union of step kinds). */
type Step = CaseStepInput extends infer U ? (U extends unknown ? Omit<U, 'caseId'> : never) : never;
const step = (caseId: string, s: Step) => call(t.store, 'cases.step', { caseId, ...s } as CaseStepInput);
const statusColumn = (id: string) =>
  (t.store.sqlite.prepare('SELECT status FROM cases WHERE id = ?').get(id) as { status: string }).status;

describe('a case from registration to follow-up visit', () => {
  it('records every step as an event, keeps the status column in step and logs each write', async () => {
    const c = await call(t.store, 'cases.create', sampleIntake({ receivedAt: `${daysAgo(10)}T09:00` }));
    const unit = t.unit('司法所');
    const handler = t.staff('李承办');
    const path: [Step, string][] = [
      [{ kind: 'accept', on: daysAgo(9) }, 'handling'],
      [{ kind: 'notify', on: daysAgo(9), method: 'mail' }, 'handling'],
      [
        {
          kind: 'assign',
          on: daysAgo(8),
          unitId: unit,
          handlerId: handler,
          deadline: addCalendarDays(today, 20),
          reportDue: addCalendarDays(today, 22),
        },
        'handling',
      ],
      [
        {
          kind: 'extend',
          on: daysAgo(3),
          days: 30,
          reason: '需会同自然资源所现场勘界',
          approvedBy: '赵领导',
        },
        'handling',
      ],
      [{ kind: 'reportAssignment', on: daysAgo(2), report: '已现场勘界并调解' }, 'handling'],
      [
        {
          kind: 'reply',
          on: daysAgo(2),
          outcome: 'support',
          request: '续签合同',
          facts: '合同到期未续签属实',
          basis: '《农村土地承包法》第二十一条',
        },
        'replied',
      ],
      [
        { kind: 'deliver', on: daysAgo(1), method: 'inPerson', receivedOn: daysAgo(1), recipient: '张三' },
        'delivered',
      ],
      [{ kind: 'evaluate', on: daysAgo(1), satisfaction: 'satisfied' }, 'delivered'],
      [{ kind: 'close', on: today, findings: '属实', actions: '已续签', resolved: true }, 'closed'],
      [
        { kind: 'followUp', on: today, note: '电话回访，信访人表示满意', satisfaction: 'satisfied' },
        'closed',
      ],
    ];
    let events = countOf(t.store, 'case_events');
    for (const [s, status] of path) {
      const logBefore = countOf(t.store, 'change_log');
      const detail = await step(c.id, s);
      expect(detail.workflow.status, s.kind).toBe(status);
      expect(statusColumn(c.id), s.kind).toBe(status);
      expect(countOf(t.store, 'case_events')).toBe(++events);
      expect(countOf(t.store, 'change_log')).toBeGreaterThan(logBefore);
    }
    const detail = await call(t.store, 'cases.get', { id: c.id });
    expect(detail.events.map((e) => e.kind)).toEqual(['registered', ...path.map(([s]) => s.kind)]);
    expect(detail.workflow.allowed).toEqual(expect.arrayContaining(['reopen', 'followUp', 'requestReview']));
    const reply = detail.workflow.deadlines.find((d) => d.kind === 'reply')!;
    expect(reply).toMatchObject({ state: 'met', metOn: daysAgo(2), note: '已延期30日' });
    // the case is off the work list once closed
    const work = await call(t.store, 'worklist.get', { scope: 'all' });
    expect(work.items.filter((i) => i.caseId === c.id)).toEqual([]);
  });

  it('refuses a step the state does not allow, says what is allowed, and writes nothing', async () => {
    const c = await call(t.store, 'cases.create', sampleIntake({ receivedAt: `${daysAgo(3)}T09:00` }));
    const before = { events: countOf(t.store, 'case_events'), log: countOf(t.store, 'change_log') };
    const err = await callError(t.store, 'cases.step', {
      caseId: c.id,
      kind: 'reply',
      on: today,
      outcome: 'support',
      request: 'r',
      facts: 'f',
      basis: 'b',
    });
    expect(err.message).toBe(
      '不能出具处理意见：当前状态为“待受理”。当前可进行：受理、不予受理、转送、交办、领导包案、督办',
    );
    expect(countOf(t.store, 'case_events')).toBe(before.events);
    expect(countOf(t.store, 'change_log')).toBe(before.log);
    expect(statusColumn(c.id)).toBe('registered');
  });

  it('explains bad step input in Chinese', async () => {
    const c = await call(t.store, 'cases.create', sampleIntake({ receivedAt: `${daysAgo(3)}T09:00` }));
    await step(c.id, { kind: 'accept', on: daysAgo(2) });
    expect(
      (
        await callError(t.store, 'cases.step', {
          caseId: c.id,
          kind: 'extend',
          on: today,
          days: 31,
          reason: '复杂',
          approvedBy: '赵领导',
        })
      ).message,
    ).toBe('延期不得超过30日（《信访工作条例》第三十四条）');
    expect(
      (
        await callError(t.store, 'cases.step', {
          caseId: c.id,
          kind: 'assign',
          on: today,
          unitId: 'nope',
          deadline: today,
          reportDue: today,
        })
      ).message,
    ).toBe('所选责任单位不存在，请重新选择');
    expect(
      (
        await callError(t.store, 'cases.step', {
          caseId: c.id,
          kind: 'accept',
          on: addCalendarDays(today, 1),
        })
      ).message,
    ).toMatch(/不能受理/);
    expect(
      (await callError(t.store, 'cases.step', { caseId: 'missing', kind: 'accept', on: today })).message,
    ).toBe('信访事项不存在或已删除');
  });
});

describe('the work list', () => {
  it('shows an overdue acceptance, then the next duties once accepted, for everyone, me or a unit', async () => {
    const late = await call(
      t.store,
      'cases.create',
      sampleIntake({ receivedAt: `${daysAgo(40)}T09:00`, summary: '反映道路积水' }),
    );
    const fresh = await call(
      t.store,
      'cases.create',
      sampleIntake({ receivedAt: `${today}T08:00`, summary: '反映路灯损坏' }),
    );
    let work = await call(t.store, 'worklist.get', { scope: 'all' });
    const lateItems = work.items.filter((i) => i.caseId === late.id);
    expect(lateItems.map((i) => [i.deadline.kind, i.bucket])).toEqual([
      ['acceptance', 'overdue'],
      ['notice', 'overdue'],
    ]);
    expect(work.items[0].caseId).toBe(late.id); // most urgent first
    expect(work.counts.overdue).toBe(2);
    expect(work.items.filter((i) => i.caseId === fresh.id).every((i) => i.bucket !== 'overdue')).toBe(true);

    await step(late.id, {
      kind: 'assign',
      on: today,
      unitId: t.unit('派出所'),
      handlerId: t.staff('李承办'),
      deadline: addCalendarDays(today, 10),
      reportDue: addCalendarDays(today, 10),
    });
    work = await call(t.store, 'worklist.get', { scope: 'all' });
    expect(work.items.filter((i) => i.caseId === late.id).map((i) => i.deadline.kind)).toEqual([
      'notice',
      'assignment',
      'reply',
    ]);
    expect(work.items.find((i) => i.caseId === late.id)).toMatchObject({ unit: '派出所', handler: '李承办' });

    const unitOnly = await call(t.store, 'worklist.get', { scope: 'unit', unitId: t.unit('派出所') });
    expect(new Set(unitOnly.items.map((i) => i.caseId))).toEqual(new Set([late.id]));
    expect((await call(t.store, 'worklist.get', { scope: 'mine' })).items).toEqual([]); // 王登记 handles nothing
    await call(t.store, 'session.setUser', { userId: t.staff('李承办') });
    expect(
      new Set((await call(t.store, 'worklist.get', { scope: 'mine' })).items.map((i) => i.caseId)),
    ).toEqual(new Set([late.id]));
  });
});

describe('deadline settings', () => {
  it('switching to working days, and an entry in the office calendar, move the due dates', async () => {
    const received = daysAgo(2);
    const c = await call(t.store, 'cases.create', sampleIntake({ receivedAt: `${received}T09:00` }));
    const acceptance = async () =>
      (await call(t.store, 'cases.get', { id: c.id })).workflow.deadlines.find(
        (d) => d.kind === 'acceptance',
      )!.due;
    const calendarDue = await acceptance();
    expect(calendarDue >= addCalendarDays(received, 15)).toBe(true);

    const settings = await call(t.store, 'settings.saveDeadlines', { dayCount: 'working', warnDays: 5 });
    expect(settings.deadlines).toEqual({ dayCount: 'working', warnDays: 5 });
    const workingDue = await acceptance();
    expect(workingDue > calendarDue).toBe(true); // 15 working days are three weeks
    expect(isRestDay(workingDue)).toBe(false);

    // declaring the due day itself a rest day pushes the deadline to the next working day
    const withDay = await call(t.store, 'settings.saveCalendarDay', {
      date: workingDue,
      kind: 'rest',
      note: '测试休息日',
    });
    expect(withDay.calendar.days).toEqual([{ date: workingDue, kind: 'rest', note: '测试休息日' }]);
    expect(withDay.calendar.knownYears).toContain(2026);
    expect((await acceptance()) > workingDue).toBe(true);
    await call(t.store, 'settings.removeCalendarDay', { date: workingDue });
    expect(await acceptance()).toBe(workingDue);
    expect((await callError(t.store, 'settings.removeCalendarDay', { date: workingDue })).message).toMatch(
      /节假日表中没有/,
    );
    expect(
      (await callError(t.store, 'settings.saveCalendarDay', { date: '2027-02-30', kind: 'rest' })).message,
    ).toBe('日期 2027-02-30 不存在');
  });
});

describe('不再受理 after re-review (Art. 36)', () => {
  it('flags the re-reviewed case at intake and records the new one as 不再受理 with its link', async () => {
    const a = await caseThroughRereview(t, { decided: false });
    const unfinished = await call(t.store, 'cases.findRepeats', {
      petitioners: [{ idNumber: sampleIntake().petitioners[0].idNumber }],
    });
    expect(unfinished.find((m) => m.id === a.id)?.final).toBe(false);
    // before the re-review is decided the new petition cannot be refused as final
    const early = await callError(t.store, 'cases.create', {
      ...sampleIntake(),
      repeatOf: a.id,
      notReaccepted: true,
    });
    expect(early.message).toMatch(/尚未经复核终结/);

    await step(a.id, {
      kind: 'decideRereview',
      on: daysAgo(20),
      result: 'uphold',
      receivedOn: daysAgo(18),
      note: '维持',
    });
    const matches = await call(t.store, 'cases.findRepeats', {
      petitioners: [{ idNumber: sampleIntake().petitioners[0].idNumber }],
    });
    expect(matches.find((m) => m.id === a.id)).toMatchObject({ final: true, status: 'rereviewed' });

    const b = await call(t.store, 'cases.create', { ...sampleIntake(), repeatOf: a.id, notReaccepted: true });
    const detail = await call(t.store, 'cases.get', { id: b.id });
    expect(detail.status).toBe('notReaccepted');
    expect(detail.repeatOf).toEqual({ id: a.id, caseNo: a.caseNo });
    expect(detail.events[0].data).toMatchObject({ notReacceptedOf: a.id });
    expect(detail.workflow.allowed).toEqual(expect.arrayContaining(['notify', 'close']));
    expect(detail.workflow.allowed).not.toContain('accept');
    expect(detail.workflow.deadlines.map((d) => d.kind)).toEqual(['notice']);
    expect(
      (await callError(t.store, 'cases.create', { ...sampleIntake(), notReaccepted: true })).message,
    ).toBe('登记为不再受理时须选择已复核终结的原信访事项');
  });
});

describe("the work list's stored clocks", () => {
  const acceptanceOnList = async (caseId: string) =>
    (await call(t.store, 'worklist.get', { scope: 'all' })).items.find(
      (i) => i.caseId === caseId && i.deadline.kind === 'acceptance',
    )?.deadline.due;

  it('follow a change of rules, an edit of the received day, and are rebuilt at start when stale', async () => {
    const c = await call(t.store, 'cases.create', sampleIntake({ receivedAt: `${daysAgo(2)}T09:00` }));
    const onCase = async () =>
      (await call(t.store, 'cases.get', { id: c.id })).workflow.deadlines.find(
        (d) => d.kind === 'acceptance',
      )!.due;
    expect(await acceptanceOnList(c.id)).toBe(await onCase());

    await call(t.store, 'settings.saveDeadlines', { dayCount: 'working', warnDays: 3 });
    expect(await acceptanceOnList(c.id)).toBe(await onCase());

    const detail = await call(t.store, 'cases.get', { id: c.id });
    await call(t.store, 'cases.update', updateInputOf(detail, { receivedAt: `${daysAgo(5)}T09:00` }));
    expect(await acceptanceOnList(c.id)).toBe(await onCase());

    // a new version that changes how clocks are derived marks them stale; the next start rebuilds them
    const before = await call(t.store, 'worklist.get', { scope: 'all' });
    t.store.sqlite.exec(
      `DELETE FROM case_clocks; INSERT OR REPLACE INTO local_state (key, value) VALUES ('clocks_stale', '1')`,
    );
    expect((await call(t.store, 'worklist.get', { scope: 'all' })).total).toBe(0);
    t.reopen();
    expect(await call(t.store, 'worklist.get', { scope: 'all' })).toEqual(before);
  });
});
