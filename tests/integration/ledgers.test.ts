/**
 * The ledgers beside the register, on a real register through the api: the dispute screening
 * ledger, the daily report (zero reports, frozen figures, issuing again) and the leader reception
 * days with the cases received; and the count functions the reports join in.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  call,
  callError,
  countOf,
  createTownship,
  sampleIntake,
  samplePetitioner,
  updateInputOf,
  type Township,
} from '../helpers/store';
import type { DisputeInput } from '../../src-main/contract';
import { disputeCounts } from '../../src-main/services/disputes';
import { RECEPTION_VISITS, receptionCounts } from '../../src-main/services/reception-days';
import { addCalendarDays } from '../../src-main/services/calendar';
import { todayLocal } from '../../src-main/services/local-time';
import { withWriteGate } from '../../src-main/services/database';

let t: Township;
beforeEach(async () => {
  t = await createTownship();
});
afterEach(() => t.cleanup());

const DAY = '2026-11-20';

function dispute(overrides: Partial<DisputeInput> = {}): DisputeInput {
  return {
    foundOn: DAY,
    villageId: t.village('东村'),
    parties: [{ name: '钱大', phone: '13811112222' }, { name: '孙二' }],
    kind: 'homestead',
    description: '两户因宅基地界址争执，一方砌墙占用通道',
    mediator: '司法所 周调解',
    ...overrides,
  };
}

describe('矛盾纠纷排查台账', () => {
  it('adds, edits, filters, changes status and deletes a dispute', async () => {
    const d = await call(t.store, 'disputes.save', dispute());
    expect(d).toMatchObject({
      status: 'pending',
      village: '东村',
      kind: 'homestead',
      parties: [
        { name: '钱大', phone: '13811112222' },
        { name: '孙二', phone: null },
      ],
    });
    await call(
      t.store,
      'disputes.save',
      dispute({
        foundOn: '2026-10-02',
        villageId: t.village('西村'),
        kind: 'neighbor',
        description: '噪音纠纷',
        parties: [{ name: '周五' }],
      }),
    );

    // the list masks phones; the form gets them whole
    const all = await call(t.store, 'disputes.list', {});
    expect(all.total).toBe(2);
    expect(all.rows[0].foundOn).toBe(DAY);
    expect(all.rows[0].parties[0].phone).toBe('138****2222');
    expect((await call(t.store, 'disputes.get', { id: d.id })).parties[0].phone).toBe('13811112222');

    expect(
      (await call(t.store, 'disputes.list', { filter: { villageId: [t.village('西村')] } })).rows.map(
        (r) => r.kind,
      ),
    ).toEqual(['neighbor']);
    expect(
      (await call(t.store, 'disputes.list', { filter: { from: '2026-11-01', to: '2026-11-30' } })).total,
    ).toBe(1);

    const edited = await call(t.store, 'disputes.save', { ...dispute({ mediator: '村调委会' }), id: d.id });
    expect(edited.mediator).toBe('村调委会');

    // resolving needs the day and how
    expect((await callError(t.store, 'disputes.setStatus', { id: d.id, status: 'resolved' })).message).toBe(
      '已化解的纠纷请填写化解日期',
    );
    expect(
      (await callError(t.store, 'disputes.setStatus', { id: d.id, status: 'resolved', resolvedOn: DAY }))
        .message,
    ).toBe('请填写化解情况');
    expect(
      (
        await callError(t.store, 'disputes.setStatus', {
          id: d.id,
          status: 'resolved',
          resolvedOn: '2026-11-01',
          resolution: '调解',
        })
      ).message,
    ).toBe('化解日期不能早于发现日期');
    const resolved = await call(t.store, 'disputes.setStatus', {
      id: d.id,
      status: 'resolved',
      resolvedOn: '2026-11-21',
      resolution: '经调解拆除围墙，签订调解协议',
    });
    expect(resolved).toMatchObject({
      status: 'resolved',
      resolvedOn: '2026-11-21',
      resolution: '经调解拆除围墙，签订调解协议',
    });
    expect(
      (await call(t.store, 'disputes.list', { filter: { status: ['resolved'] } })).rows.map((r) => r.id),
    ).toEqual([d.id]);
    expect((await call(t.store, 'disputes.list', {})).byStatus).toEqual({ resolved: 1, pending: 1 });

    // every write is an operation in the change log, with its actor
    const ops = t.store.sqlite
      .prepare(`SELECT op, actor FROM change_log WHERE tbl = 'disputes' AND row_id = ? ORDER BY origin_seq`)
      .all(d.id) as { op: string; actor: string }[];
    expect(ops.map((o) => o.op)).toEqual(['insert', 'update', 'update']);
    expect(ops.every((o) => o.actor === t.staff('王登记'))).toBe(true);

    await call(t.store, 'disputes.remove', { id: d.id });
    expect((await call(t.store, 'disputes.list', {})).total).toBe(1);
    expect(countOf(t.store, 'disputes')).toBe(2); // a tombstone
    expect((await callError(t.store, 'disputes.get', { id: d.id })).message).toBe(
      '该矛盾纠纷记录不存在或已删除',
    );
  });

  it('refuses bad input with a Chinese message and saves nothing', async () => {
    // a village of another office (a county register holds every township's, brought by sync)
    const { sqlite } = t.store;
    withWriteGate(sqlite, () =>
      sqlite
        .prepare(
          `INSERT INTO villages (id, office_id, code, name) VALUES ('other-village', '330102999', '330102999001', '别乡村')`,
        )
        .run(),
    );
    const cases: [Partial<DisputeInput>, string][] = [
      [{ villageId: 'other-village' }, '所选村/社区不存在，请重新选择'],
      [{ parties: [] }, '请至少填写一名当事人'],
      [{ parties: [{ name: '钱大', phone: '1381111' }] }, '手机号应为11位，现为7位'],
      [{ description: '  ' }, '请填写纠纷简要情况'],
      [{ foundOn: '2026-02-30' }, '发现日期 2026-02-30 不存在'],
      [{ foundOn: addCalendarDays(todayLocal(), 1) }, '发现日期不能晚于今天'],
      [{ villageId: 'nope' }, '所选村/社区不存在，请重新选择'],
      [{ status: 'referred' }, '请填写移交去向及理由'],
    ];
    for (const [o, message] of cases)
      expect((await callError(t.store, 'disputes.save', dispute(o))).message).toBe(message);
    expect((await callError(t.store, 'disputes.save', { ...dispute(), kind: 'feud' })).message).toBe(
      '请选择纠纷类型',
    );
    expect(countOf(t.store, 'disputes')).toBe(0);
  });

  it('counts found and resolved by their own days, for one office or all', async () => {
    const a = await call(t.store, 'disputes.save', dispute({ foundOn: '2026-10-30' }));
    await call(t.store, 'disputes.save', dispute({ foundOn: '2026-11-01' }));
    await call(t.store, 'disputes.save', dispute({ foundOn: '2026-11-15' }));
    const gone = await call(t.store, 'disputes.save', dispute({ foundOn: '2026-11-02' }));
    await call(t.store, 'disputes.remove', { id: gone.id });
    // found in October, resolved in November: resolved counts in November
    await call(t.store, 'disputes.setStatus', {
      id: a.id,
      status: 'resolved',
      resolvedOn: '2026-11-03',
      resolution: '调解成功',
    });
    expect(disputeCounts(t.store, { from: '2026-11-01', to: '2026-11-30' })).toEqual({
      found: 2,
      resolved: 1,
    });
    expect(
      disputeCounts(t.store, { from: '2026-10-30', to: '2026-10-30', officeId: t.settings.office.id }),
    ).toEqual({ found: 1, resolved: 0 });
    expect(disputeCounts(t.store, { from: '2026-11-01', to: '2026-11-30', officeId: '330102999' })).toEqual({
      found: 0,
      resolved: 0,
    });
    // moved back to mediation: no longer resolved
    await call(t.store, 'disputes.setStatus', { id: a.id, status: 'mediating' });
    expect(disputeCounts(t.store, { from: '2026-11-01', to: '2026-11-30' })).toEqual({
      found: 2,
      resolved: 0,
    });
  });
});

describe('日报告', () => {
  it('issues a zero report for a day with nothing new', async () => {
    const preview = await call(t.store, 'dailyReports.preview', { date: DAY });
    expect(preview).toEqual({
      date: DAY,
      figures: {
        petitions: { batches: 0, persons: 0, byChannel: {} },
        disputes: { found: 0, resolved: 0 },
        zero: true,
      },
      issued: null,
    });
    const r = await call(t.store, 'dailyReports.issue', { date: DAY });
    expect(r).toMatchObject({
      date: DAY,
      zero: true,
      petitions: { batches: 0, persons: 0 },
      issuedBy: '王登记',
      late: true,
      replacesId: null,
      replacedBy: null,
    });
    expect(await call(t.store, 'dailyReports.list', {})).toEqual([r]);
  });

  it('freezes the figures: a later edit of the register does not change what was reported', async () => {
    const visit = await call(
      t.store,
      'cases.create',
      sampleIntake({
        receivedAt: `${DAY}T09:30`,
        peopleCount: 6,
        petitioners: [samplePetitioner(), samplePetitioner({ name: '李四', idNumber: '' })],
      }),
    );
    await call(t.store, 'cases.create', sampleIntake({ channel: 'letter', receivedAt: `${DAY}T15:00` }));
    await call(t.store, 'cases.create', sampleIntake({ channel: 'letter', receivedAt: '2026-11-19T23:59' })); // the day before
    await call(t.store, 'disputes.save', dispute());
    const r = await call(t.store, 'dailyReports.issue', { date: DAY, note: '已电话报县信访局' });
    expect(r).toMatchObject({
      zero: false,
      petitions: {
        batches: 2,
        persons: 7,
        byChannel: { visit: { batches: 1, persons: 6 }, letter: { batches: 1, persons: 1 } },
      },
      disputes: { found: 1, resolved: 0 },
      note: '已电话报县信访局',
    });

    // the register changes after the report: the report does not
    const detail = await call(t.store, 'cases.get', { id: visit.id });
    await call(t.store, 'cases.update', updateInputOf(detail, { receivedAt: '2026-11-21T08:00' }));
    expect((await call(t.store, 'dailyReports.preview', { date: DAY })).figures.petitions).toEqual({
      batches: 1,
      persons: 1,
      byChannel: { letter: { batches: 1, persons: 1 } },
    });
    const [kept] = await call(t.store, 'dailyReports.list', {});
    expect(kept).toEqual(r);

    // issuing again is refused unless confirmed, and then keeps the earlier report
    const refused = await callError(t.store, 'dailyReports.issue', { date: DAY });
    expect(refused.message).toMatch(
      /^2026-11-20 的日报告已于 \d{4}-\d\d-\d\d \d\d:\d\d 由王登记上报。如需按当前台账重新上报，请确认替换（原报告仍保留）$/,
    );
    expect(countOf(t.store, 'daily_reports')).toBe(1);
    const again = await call(t.store, 'dailyReports.issue', { date: DAY, replace: true });
    expect(again).toMatchObject({ replacesId: r.id, petitions: { batches: 1, persons: 1 } });
    const list = await call(t.store, 'dailyReports.list', {});
    expect(list.map((x) => [x.id, x.replacedBy])).toEqual([
      [again.id, null],
      [r.id, again.id],
    ]);
    expect((await call(t.store, 'dailyReports.preview', { date: DAY })).issued?.id).toBe(again.id);
  });

  it('refuses a day in the future or that does not exist', async () => {
    expect(
      (await callError(t.store, 'dailyReports.issue', { date: addCalendarDays(todayLocal(), 1) })).message,
    ).toBe('不能上报今天以后的日报告');
    expect((await callError(t.store, 'dailyReports.issue', { date: '2026-13-01' })).message).toBe(
      '日期 2026-13-01 不存在',
    );
    expect((await callError(t.store, 'dailyReports.issue', { date: '11/20' })).message).toBe(
      '日期格式应为 年-月-日',
    );
    expect((await callError(t.store, 'dailyReports.matrix', { from: DAY, to: DAY })).message).toBe(
      '各乡镇日报告上报情况只在县信访局查看',
    );
    expect(countOf(t.store, 'daily_reports')).toBe(0);
  });
});

describe('领导接访日', () => {
  it('schedules days and shows the visits received within their hours', async () => {
    const leader = t.staff('赵领导');
    const day = await call(t.store, 'receptionDays.save', {
      date: DAY,
      startTime: '09:00',
      endTime: '11:30',
      leaderId: leader,
      place: '镇信访接待室',
    });
    expect(day).toMatchObject({ leader: '赵领导', place: '镇信访接待室', cases: [], batches: 0, persons: 0 });

    const inHours = await call(
      t.store,
      'cases.create',
      sampleIntake({
        receivedAt: `${DAY}T09:30`,
        peopleCount: 6,
        petitioners: [samplePetitioner({ representative: true })],
      }),
    );
    await call(
      t.store,
      'cases.create',
      sampleIntake({ receivedAt: `${DAY}T11:30`, summary: '反映低保评定不公' }),
    ); // the last minute counts
    await call(t.store, 'cases.create', sampleIntake({ receivedAt: `${DAY}T14:00` })); // afternoon: not the leader's
    await call(t.store, 'cases.create', sampleIntake({ channel: 'letter', receivedAt: `${DAY}T10:00` })); // a letter is not a visit
    await call(t.store, 'cases.create', sampleIntake({ receivedAt: '2026-11-21T10:00' }));

    const [listed] = await call(t.store, 'receptionDays.list', { from: DAY, to: DAY });
    expect(listed.cases.map((c) => [c.id === inHours.id, c.receivedAt, c.petitioners])).toEqual([
      [true, `${DAY}T09:30`, '张三'],
      [false, `${DAY}T11:30`, '张三'],
    ]);
    expect([listed.batches, listed.persons]).toEqual([2, 7]);

    // a second leader the same afternoon; overlapping hours are refused
    await call(t.store, 'receptionDays.save', {
      date: DAY,
      startTime: '13:30',
      endTime: '17:00',
      leaderId: t.staff('李承办'),
    });
    const clash = await callError(t.store, 'receptionDays.save', {
      date: DAY,
      startTime: '11:00',
      endTime: '14:00',
      leaderId: leader,
    });
    expect(clash).toEqual({
      message: '2026-11-20 09:00–11:30 已安排赵领导接访，时间与之重叠',
      field: 'startTime',
    });
    expect(
      (
        await callError(t.store, 'receptionDays.save', {
          date: DAY,
          startTime: '10:00',
          endTime: '09:00',
          leaderId: leader,
        })
      ).message,
    ).toBe('结束时间应晚于开始时间');
    expect(
      (
        await callError(t.store, 'receptionDays.save', {
          date: DAY,
          startTime: '9点',
          endTime: '10:00',
          leaderId: leader,
        })
      ).message,
    ).toBe('时间格式应为 时:分，如 09:00');
    expect(
      (
        await callError(t.store, 'receptionDays.save', {
          date: '2026-11-27',
          startTime: '09:00',
          endTime: '10:00',
          leaderId: 'nobody',
        })
      ).message,
    ).toBe('所选接访领导不是本单位在册人员，请重新选择');

    // days: distinct dates; cases counted once
    await call(t.store, 'receptionDays.save', {
      date: '2026-11-27',
      startTime: '09:00',
      endTime: '11:30',
      leaderId: leader,
    });
    expect(receptionCounts(t.store, { from: '2026-11-01', to: '2026-11-30' })).toEqual({
      days: 2,
      batches: 3,
      persons: 8,
    });
    expect(
      receptionCounts(t.store, { from: '2026-11-21', to: '2026-11-30', officeId: t.settings.office.id }),
    ).toEqual({ days: 1, batches: 0, persons: 0 });

    // edit moves the hours; removal is a tombstone the counts leave out
    await call(t.store, 'receptionDays.save', {
      id: day.id,
      date: DAY,
      startTime: '09:00',
      endTime: '10:00',
      leaderId: leader,
      place: '镇信访接待室',
    });
    expect(receptionCounts(t.store, { from: DAY, to: DAY })).toEqual({ days: 1, batches: 2, persons: 7 });
    await call(t.store, 'receptionDays.remove', { id: day.id });
    expect(
      (await call(t.store, 'receptionDays.list', { from: DAY, to: DAY })).map((d) => d.startTime),
    ).toEqual(['13:30']);
    expect(receptionCounts(t.store, { from: DAY, to: DAY })).toEqual({ days: 1, batches: 1, persons: 1 });
  });

  it('reads each reception day’s visits off the cases’ received-time index, never scanning every case', () => {
    // the reception days drive the join: a county's whole report once scanned its every case here
    const plan = (sql: string) =>
      (t.store.sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map(
        (r) => r.detail,
      );
    for (const sql of [
      `SELECT * FROM (${RECEPTION_VISITS}) WHERE date BETWEEN '2026-01-01' AND '2026-12-31'`,
      `SELECT id FROM (${RECEPTION_VISITS})`,
    ]) {
      const steps = plan(sql);
      expect(
        steps.some((d) =>
          /^SEARCH c USING INDEX cases_received \(deleted=\? AND received_at>\? AND received_at<\?\)/.test(d),
        ),
      ).toBe(true);
      expect(
        steps.filter((d) => /^SCAN c\b|SEARCH c USING INDEX cases_received \(deleted=\?\)$/.test(d)),
      ).toEqual([]);
    }
  });
});
