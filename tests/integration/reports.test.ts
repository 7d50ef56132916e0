/**
 * The statistics report on a hand-built register whose every figure is worked out below by hand.
 *
 * Received January 2026 (the month reported; asOf 2026-03-31):
 *   A  group visit of 8 (集体), 东村, 土地承包; accepted and notified 01-06, unit 司法所, replied
 *      02-10 (due 03-07), delivered 02-12, 满意, closed as resolved 02-20
 *   B  letter, 1, 西村, a repeat of Z; accepted and notified 01-12, extended 30 days on 03-01
 *      (reply due 03-13 → about 04-12), replied 03-20 (on time thanks to the extension),
 *      delivered 03-22, 不满意, 复查 requested 03-25 and upheld 04-10
 *   C  visit, 1, 东村, 越级; accepted and notified 02-20 (due 02-04: late); under 赵领导 (包案);
 *      reply due 04-21, not yet due on 03-31
 *   D  online, 1, no village; nothing done (acceptance due 02-09: overdue); supervised 02-15 with
 *      deadline 02-25, unanswered (overdue)
 *   E  phone, anonymous (no notice owed), no village; accepted 01-29; reply due 03-30, not replied
 *      (overdue on 03-31)
 * Received December 2025 (环比):
 *   F  group visit of 6; accepted and notified 12-16, replied 2026-01-10, delivered 01-12,
 *      基本满意, closed 01-20 not resolved
 *   G  letter, 1; accepted and notified 12-31; reply due about 03-01, not replied (overdue)
 * Received January 2025 (同比):
 *   Z  visit, 1, 西村; accepted 01-09, notified, replied 02-01, delivered 02-03, 满意, closed resolved
 *   Y  visit, 3; not accepted (不予受理) 01-21, notified, closed 01-25 (not counted by 化解率)
 * Received February 2026: H, visit, 1, nothing done (outside January).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  CaseFilter,
  CaseStepInput,
  IntakeInput,
  Report,
  ReportBreakdownRow,
  ReportFigure,
} from '../../src-main/contract';
import {
  call,
  callError,
  createTownship,
  sampleIntake,
  samplePetitioner,
  type Township,
} from '../helpers/store';
import { rebuildFactsIfStale } from '../../src-main/services/work-list';
import { BREAKDOWN_COLUMNS, FIGURE_COLUMNS } from '../../src-main/services/reports/output';
import { createCounty, createEnrolledTownship, exchange } from '../helpers/sync';

let t: Township;
const ids: Record<string, string> = {};
const AS_OF = '2026-03-31';

/** A step without its case (distributed over the union of steps). */
type Step = CaseStepInput extends infer S ? (S extends CaseStepInput ? Omit<S, 'caseId'> : never) : never;

async function add(name: string, input: Partial<IntakeInput>, steps: Step[] = []) {
  const c = await call(
    t.store,
    'cases.create',
    sampleIntake({ villageId: null, categoryId: null, ...input }),
  );
  ids[name] = c.id;
  for (const s of steps) await call(t.store, 'cases.step', { ...s, caseId: c.id } as CaseStepInput);
}

beforeAll(async () => {
  t = await createTownship();
  const notify = (on: string) => ({ kind: 'notify', on, method: 'inPerson' }) as const;
  const reply = (on: string) =>
    ({ kind: 'reply', on, outcome: 'support', request: '请求', facts: '事实', basis: '依据' }) as const;
  const deliver = (on: string) => ({ kind: 'deliver', on, method: 'inPerson', receivedOn: on }) as const;
  const close = (on: string, resolved: boolean) =>
    ({ kind: 'close', on, findings: '查明', actions: '处理', resolved }) as const;

  await add('Z', { channel: 'visit', receivedAt: '2025-01-08T09:00', villageId: t.village('西村') }, [
    { kind: 'accept', on: '2025-01-09' },
    notify('2025-01-09'),
    reply('2025-02-01'),
    deliver('2025-02-03'),
    { kind: 'evaluate', on: '2025-02-04', satisfaction: 'satisfied' },
    close('2025-02-10', true),
  ]);
  await add('Y', { channel: 'visit', receivedAt: '2025-01-20T10:00', peopleCount: 3 }, [
    { kind: 'reject', on: '2025-01-21', reason: '属诉讼范围', route: 'litigation' },
    notify('2025-01-21'),
    close('2025-01-25', false),
  ]);
  await add('F', { channel: 'visit', receivedAt: '2025-12-15T09:00', peopleCount: 6 }, [
    { kind: 'accept', on: '2025-12-16' },
    notify('2025-12-16'),
    reply('2026-01-10'),
    deliver('2026-01-12'),
    { kind: 'evaluate', on: '2026-01-13', satisfaction: 'basically' },
    close('2026-01-20', false),
  ]);
  await add('G', { channel: 'letter', receivedAt: '2025-12-30T15:00' }, [
    { kind: 'accept', on: '2025-12-31' },
    notify('2025-12-31'),
  ]);
  await add(
    'A',
    {
      channel: 'visit',
      receivedAt: '2026-01-05T09:00',
      peopleCount: 8,
      villageId: t.village('东村'),
      categoryId: t.category('土地承包'),
    },
    [
      { kind: 'accept', on: '2026-01-06' },
      notify('2026-01-06'),
      { kind: 'setHandler', on: '2026-01-07', unitId: t.unit('司法所') },
      reply('2026-02-10'),
      deliver('2026-02-12'),
      { kind: 'evaluate', on: '2026-02-13', satisfaction: 'satisfied' },
      close('2026-02-20', true),
    ],
  );
  await add(
    'B',
    { channel: 'letter', receivedAt: '2026-01-10T11:00', villageId: t.village('西村'), repeatOf: ids.Z },
    [
      { kind: 'accept', on: '2026-01-12' },
      notify('2026-01-12'),
      { kind: 'extend', on: '2026-03-01', days: 30, reason: '需进一步调查', approvedBy: '赵领导' },
      reply('2026-03-20'),
      deliver('2026-03-22'),
      { kind: 'evaluate', on: '2026-03-23', satisfaction: 'unsatisfied' },
      { kind: 'requestReview', on: '2026-03-25', body: '县人民政府' },
      { kind: 'decideReview', on: '2026-04-10', result: 'uphold', receivedOn: '2026-04-12', note: '维持' },
    ],
  );
  await add(
    'C',
    { channel: 'visit', receivedAt: '2026-01-20T09:00', villageId: t.village('东村'), skipLevel: true },
    [
      { kind: 'accept', on: '2026-02-20' },
      notify('2026-02-20'),
      { kind: 'takeCharge', on: '2026-02-21', leaderId: t.staff('赵领导'), plan: '包案化解' },
    ],
  );
  await add('D', { channel: 'online', receivedAt: '2026-01-25T20:00' }, [
    { kind: 'supervise', on: '2026-02-15', deadline: '2026-02-25', content: '请尽快受理' },
  ]);
  await add('E', { channel: 'phone', receivedAt: '2026-01-28T16:00', anonymous: true, petitioners: [] }, [
    { kind: 'accept', on: '2026-01-29' },
  ]);
  await add('H', {
    channel: 'visit',
    receivedAt: '2026-02-03T09:00',
    petitioners: [samplePetitioner({ name: '李四' })],
  });
});
afterAll(() => t.cleanup());

const report = (input: { kind: 'day' | 'month' | 'quarter' | 'year' | 'range'; from: string; to?: string }) =>
  call(t.store, 'reports.get', { ...input, asOf: AS_OF });

/** A figure of the register's cases (with their lists). */
function figure(r: Report, key: string): ReportFigure & { links: NonNullable<ReportFigure['links']> } {
  const f = anyFigure(r, key);
  if (!f.links) throw new Error(`figure ${key} lists no cases`);
  return f as ReportFigure & { links: NonNullable<ReportFigure['links']> };
}
function anyFigure(r: Report, key: string): ReportFigure {
  for (const s of r.sections)
    if (s.kind === 'figures') for (const f of s.figures) if (f.key === key) return f;
  throw new Error(`no figure ${key}`);
}
function rows(r: Report, dim: string): ReportBreakdownRow[] {
  const s = r.sections.find((x) => x.kind === 'breakdown' && x.key === dim);
  if (!s || s.kind !== 'breakdown') throw new Error(`no breakdown ${dim}`);
  return s.rows;
}
/** The cases a filter lists, by their names in this test. */
async function casesOf(filter: CaseFilter): Promise<string[]> {
  const list = await call(t.store, 'cases.list', { filter, limit: 500 });
  const name = new Map(Object.entries(ids).map(([k, v]) => [v, k]));
  return list.rows.map((r) => name.get(r.id) ?? r.id).sort();
}

describe('report figures (January 2026, asOf 2026-03-31)', () => {
  it('names the period and the periods it is compared with, across the year boundary', async () => {
    const r = await report({ kind: 'month', from: '2026-01-17' });
    expect(r.period).toMatchObject({ from: '2026-01-01', to: '2026-01-31', label: '2026年1月' });
    expect(r.yoy).toMatchObject({ from: '2025-01-01', to: '2025-01-31', label: '2025年1月' });
    expect(r.mom).toMatchObject({ from: '2025-12-01', to: '2025-12-31', label: '2025年12月' });
    expect(r.title).toBe('示范镇信访工作月报');
    expect(r.asOf).toBe(AS_OF);
  });

  it('counts volume in 批次 and 人次: a group visit of 8 is 1 批次 and 8 人次', async () => {
    const r = await report({ kind: 'month', from: '2026-01-01' });
    const v = (key: string) => [figure(r, key).cur.value, figure(r, key).yoy.value, figure(r, key).mom.value];
    expect(v('n')).toEqual([5, 2, 2]);
    expect(v('people')).toEqual([12, 4, 7]);
    expect(v('collective')).toEqual([1, 0, 1]);
    expect(v('collectivePeople')).toEqual([8, 0, 6]);
    expect(v('first')).toEqual([4, 2, 2]);
    expect(v('repeat')).toEqual([1, 0, 0]);
    expect(v('skipLevel')).toEqual([1, 0, 0]);
    expect(v('skipLevelPeople')).toEqual([1, 0, 0]);
    // 5 against 2: +150 %; 12 人次 against 4 and 7: +200 % and +71.4 %
    expect([figure(r, 'n').yoyChange, figure(r, 'n').momChange]).toEqual([150, 150]);
    expect([figure(r, 'people').yoyChange, figure(r, 'people').momChange]).toEqual([200, 71.4]);
    // nothing a year before: no percentage
    expect(figure(r, 'repeat').yoyChange).toBeNull();
  });

  it('works out each rate from its numerator and denominator', async () => {
    const r = await report({ kind: 'month', from: '2026-01-01' });
    const rate = (key: string) => figure(r, key).cur;
    // on time A, B, E; late C (decided after 15 days); D undecided past its due day
    expect(rate('acceptRate')).toEqual({ value: 60, num: 3, den: 5 });
    // on time A, B (replied after 60 days but within the approved extension); E past due unreplied;
    // C not yet due, D never accepted: left out
    expect(rate('replyRate')).toEqual({ value: 66.7, num: 2, den: 3 });
    expect(figure(r, 'extended').cur.value).toBe(1);
    // delivered A, B; both evaluated; A 满意, B 不满意
    expect(rate('evalRate')).toEqual({ value: 100, num: 2, den: 2 });
    expect(rate('satRate')).toEqual({ value: 50, num: 1, den: 2 });
    expect(rate('resolveRate')).toEqual({ value: 100, num: 1, den: 1 });
    // D (acceptance) and E (reply) past due on 2026-03-31
    expect(figure(r, 'overdue').cur.value).toBe(2);
    expect([figure(r, 'leader').cur.value, figure(r, 'leaderClosed').cur.value]).toEqual([1, 0]);
    expect([figure(r, 'supervised').cur.value, figure(r, 'supNotices').cur.value]).toEqual([1, 1]);
    expect(rate('supRate')).toEqual({ value: 0, num: 0, den: 1 });
    expect([
      figure(r, 'reviewRequested').cur.value,
      figure(r, 'reviewUphold').cur.value,
      figure(r, 'reviewChanged').cur.value,
    ]).toEqual([1, 1, 0]);

    // a year before: Z on time throughout and resolved; Y decided on time, closed unresolved but never accepted
    expect(figure(r, 'acceptRate').yoy).toEqual({ value: 100, num: 2, den: 2 });
    expect(figure(r, 'replyRate').yoy).toEqual({ value: 100, num: 1, den: 1 });
    expect(figure(r, 'resolveRate').yoy).toEqual({ value: 100, num: 1, den: 1 });
    // December: F replied on time, G past its reply day; F closed unresolved
    expect(figure(r, 'replyRate').mom).toEqual({ value: 50, num: 1, den: 2 });
    expect(figure(r, 'resolveRate').mom).toEqual({ value: 0, num: 0, den: 1 });
    // rates change in percentage points
    expect(figure(r, 'acceptRate').yoyChange).toBe(-40);
    expect(figure(r, 'replyRate').momChange).toBe(16.7);
    expect(figure(r, 'acceptRate').definition).toContain('应受理告知');
  });

  it('judges running duties on the report day', async () => {
    // on 2026-03-29, E's reply (due 03-30) is not yet late: left out of 按期办结率
    const r = await call(t.store, 'reports.get', { kind: 'month', from: '2026-01-01', asOf: '2026-03-29' });
    expect(figure(r, 'replyRate').cur).toEqual({ value: 100, num: 2, den: 2 });
    expect(await casesOf(figure(r, 'overdue').links.cur.value)).toEqual(['D']);
    expect(figure(r, 'overdue').cur.value).toBe(1);
  });

  it('breaks down by channel, matter type, category, village and unit, each summing to the total', async () => {
    const r = await report({ kind: 'month', from: '2026-01-01' });
    for (const dim of ['channel', 'matter', 'category', 'village', 'unit']) {
      const list = rows(r, dim);
      expect(
        list.reduce((s, x) => s + x.n, 0),
        dim,
      ).toBe(5);
      expect(
        list.reduce((s, x) => s + x.people, 0),
        dim,
      ).toBe(12);
    }
    const byLabel = (dim: string) =>
      Object.fromEntries(
        rows(r, dim)
          .filter((x) => x.n || x.yoyN || x.momN)
          .map((x) => [x.label, [x.n, x.people, x.yoyN, x.momN]]),
      );
    expect(byLabel('channel')).toEqual({
      来信: [1, 1, 0, 1],
      来访: [2, 9, 2, 1],
      网上信访: [1, 1, 0, 0],
      电话: [1, 1, 0, 0],
    });
    expect(byLabel('village')).toEqual({
      东村: [2, 9, 0, 0],
      西村: [1, 1, 1, 0],
      '未填写村（社区）': [2, 2, 1, 2],
    });
    expect(byLabel('unit')).toEqual({ 司法所: [1, 8, 0, 0], 未确定责任单位: [4, 4, 2, 2] });
    expect(byLabel('category')).toEqual({ '农村农业／土地承包': [1, 8, 0, 0], 未分类: [4, 4, 2, 2] });
    expect(rows(r, 'channel').find((x) => x.label === '来访')!.share).toBe(40);
  });

  it('lists exactly the cases behind each figure', async () => {
    const r = await report({ kind: 'month', from: '2026-01-01' });
    const f = (key: string) => figure(r, key).links.cur;
    expect(await casesOf(f('n').value)).toEqual(['A', 'B', 'C', 'D', 'E']);
    expect(await casesOf(f('collective').value)).toEqual(['A']);
    expect(await casesOf(f('repeat').value)).toEqual(['B']);
    expect(await casesOf(f('skipLevel').value)).toEqual(['C']);
    expect(await casesOf(f('acceptRate').num!)).toEqual(['A', 'B', 'E']);
    expect(await casesOf(f('acceptRate').den!)).toEqual(['A', 'B', 'C', 'D', 'E']);
    expect(await casesOf(f('replyRate').num!)).toEqual(['A', 'B']);
    expect(await casesOf(f('replyRate').den!)).toEqual(['A', 'B', 'E']);
    expect(await casesOf(f('extended').value)).toEqual(['B']);
    expect(await casesOf(f('satRate').num!)).toEqual(['A']);
    expect(await casesOf(f('overdue').value)).toEqual(['D', 'E']);
    expect(await casesOf(f('leader').value)).toEqual(['C']);
    expect(await casesOf(f('supRate').den!)).toEqual(['D']);
    expect(await casesOf(f('reviewRequested').value)).toEqual(['B']);
    // the earlier periods' values too
    expect(await casesOf(figure(r, 'n').links.yoy.value)).toEqual(['Y', 'Z']);
    expect(await casesOf(figure(r, 'replyRate').links.mom.den!)).toEqual(['F', 'G']);
    // breakdown rows, including the row of cases without a village or unit
    const row = (dim: string, label: string) => rows(r, dim).find((x) => x.label === label)!.links.cur;
    expect(await casesOf(row('village', '东村'))).toEqual(['A', 'C']);
    expect(await casesOf(row('village', '未填写村（社区）'))).toEqual(['D', 'E']);
    expect(await casesOf(row('unit', '司法所'))).toEqual(['A']);
    expect(await casesOf(row('unit', '未确定责任单位'))).toEqual(['B', 'C', 'D', 'E']);
    expect(await casesOf(row('channel', '来访'))).toEqual(['A', 'C']);
    // every count's list is as long as the count
    for (const s of r.sections) {
      if (s.kind !== 'figures') continue;
      for (const x of s.figures) {
        // dispute figures list disputes; a reception day is a day, its list is the visits
        if (!x.links || x.key === 'ledger-days') continue;
        if (
          x.rate ||
          x.unit === '人次' ||
          x.key === 'supNotices' ||
          x.key.startsWith('review') ||
          x.key.startsWith('rereview')
        )
          continue;
        expect(
          (await call(t.store, 'cases.list', { filter: x.links.cur.value, limit: 1 })).total,
          x.key,
        ).toBe(x.cur.value);
      }
    }
  });

  it('reads a day, a quarter, a year and a custom range over part months the same way', async () => {
    const day = await report({ kind: 'day', from: '2026-01-05' });
    expect([figure(day, 'n').cur.value, figure(day, 'people').cur.value]).toEqual([1, 8]);
    expect(day.yoy.from).toBe('2025-01-05');
    expect(day.mom.from).toBe('2026-01-04');
    const quarter = await report({ kind: 'quarter', from: '2026-02-14' });
    expect(quarter.period).toMatchObject({ from: '2026-01-01', to: '2026-03-31', label: '2026年第一季度' });
    expect(quarter.mom).toMatchObject({ from: '2025-10-01', to: '2025-12-31' });
    expect(figure(quarter, 'n').cur.value).toBe(6); // A–E and H
    expect(figure(quarter, 'n').mom.value).toBe(2);
    const year = await report({ kind: 'year', from: '2025-06-01' });
    expect(figure(year, 'n').cur.value).toBe(4); // Z, Y, F, G
    expect(figure(year, 'n').yoyChange).toBeNull();
    // 2025-12-20 .. 2026-01-15: G, A, B from days of two months read case by case
    const range = await report({ kind: 'range', from: '2025-12-20', to: '2026-01-15' });
    expect([figure(range, 'n').cur.value, figure(range, 'people').cur.value]).toEqual([3, 10]);
    expect(figure(range, 'replyRate').cur).toEqual({ value: 66.7, num: 2, den: 3 });
    // 27 days (12 of December, 15 of January): the 27 days before
    expect(range.mom).toMatchObject({ from: '2025-11-23', to: '2025-12-19' });
    expect(figure(range, 'n').mom.value).toBe(1); // F
    expect(await casesOf(figure(range, 'replyRate').links.cur.den!)).toEqual(['A', 'B', 'G']);
    const trend = year.sections.find((s) => s.kind === 'trend');
    expect(trend?.kind === 'trend' && trend.months.map((m) => m.n)).toEqual([
      2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2,
    ]);
  });

  it('keeps its sums in step with the cases: an edit moves a case between rows, a rebuild agrees', async () => {
    const cells = () =>
      t.store.sqlite.prepare('SELECT * FROM report_cells ORDER BY month, dim, key, office_id').all();
    const detail = await call(t.store, 'cases.get', { id: ids.D });
    const { updateInputOf } = await import('../helpers/store');
    await call(t.store, 'cases.update', updateInputOf(detail, { villageId: t.village('南山社区') }));
    const r = await report({ kind: 'month', from: '2026-01-01' });
    expect(Object.fromEntries(rows(r, 'village').map((x) => [x.label, x.n]))).toMatchObject({
      南山社区: 1,
      '未填写村（社区）': 1,
    });
    const before = cells();
    t.store.sqlite
      .prepare(`INSERT OR REPLACE INTO local_state (key, value) VALUES ('report_facts_stale', '1')`)
      .run();
    rebuildFactsIfStale(t.store);
    expect(cells()).toEqual(before);
  });

  it('refuses a range ending before it starts, and a township a township report cannot name', async () => {
    expect(
      (await callError(t.store, 'reports.get', { kind: 'range', from: '2026-02-01', to: '2026-01-01' }))
        .message,
    ).toBe('截止日期不能早于起始日期');
    expect((await callError(t.store, 'reports.get', { kind: 'range', from: '2026-02-01' })).message).toBe(
      '请选择自定义统计的截止日期',
    );
    expect(
      (await callError(t.store, 'reports.get', { kind: 'month', from: '2026-02-01', officeId: '330102002' }))
        .message,
    ).toBe('所选乡镇不存在，请重新选择');
  });
});

describe('report on paper and in Excel', () => {
  it('writes the .xlsx with the screen’s tables, read back equal to the report', async () => {
    const input = { kind: 'month', from: '2026-01-01', asOf: AS_OF } as const;
    const r = await call(t.store, 'reports.get', input);
    const file = await call(t.store, 'reports.xlsx', input);
    expect(file.fileName).toBe('示范镇信访统计_2026年1月.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['总量与办理', '分类统计', '口径说明']);

    const ws = wb.getWorksheet('总量与办理')!;
    expect(ws.getCell(1, 1).value).toBe('示范镇信访工作月报');
    expect(String(ws.getCell(2, 1).value)).toContain(
      '统计期间：2026年1月　同比：2025年1月　环比：2025年12月',
    );
    expect(ws.pageSetup.orientation).toBe('landscape');
    expect(ws.columns.map((c) => c.width)).toEqual(FIGURE_COLUMNS.map((c) => c.width));
    // every figure's row: label, unit, values, numerator and denominator, changes, as on screen
    const sheetRows = new Map<string, ExcelJS.CellValue[]>();
    ws.eachRow((row) => {
      const v = row.values as ExcelJS.CellValue[];
      if (typeof v[2] === 'string' && v[3] !== undefined)
        sheetRows.set(`${String(v[1])}|${String(v[2])}`, v.slice(1));
    });
    const dash = (x: number | null | undefined) => (x === null || x === undefined ? '—' : x);
    let checked = 0;
    for (const sec of r.sections) {
      if (sec.kind !== 'figures') continue;
      for (const f of sec.figures) {
        const row = sheetRows.get(`${f.label}|${f.unit}`);
        expect(row, f.key).toBeDefined();
        expect(row!.slice(2, 9), f.key).toEqual([
          dash(f.cur.value),
          f.rate ? f.cur.num : undefined,
          f.rate ? f.cur.den : undefined,
          dash(f.yoy.value),
          dash(f.yoyChange),
          dash(f.mom.value),
          dash(f.momChange),
        ]);
        checked++;
      }
    }
    expect(checked).toBe(29 + 5); // the register's figures and the ledgers'
    // number formats: a rate with one decimal, a change with its sign
    const rateRow = [...Array(ws.rowCount).keys()]
      .map((i) => ws.getRow(i + 1))
      .find((row) => row.getCell(1).value === '及时受理率')!;
    expect(rateRow.getCell(3).numFmt).toBe('0.0"%"');
    expect(rateRow.getCell(7).numFmt).toContain('个百分点');

    const bs = wb.getWorksheet('分类统计')!;
    expect(bs.columns.map((c) => c.width)).toEqual(BREAKDOWN_COLUMNS.map((c) => c.width));
    const got: unknown[][] = [];
    bs.eachRow((row, n) => n > 4 && got.push((row.values as unknown[]).slice(1, 6)));
    const want = r.sections.flatMap((sec) =>
      sec.kind === 'breakdown'
        ? sec.rows
            .filter((x) => x.n || x.yoyN || x.momN)
            .map((x) => [sec.title, x.label, x.n, x.people, dash(x.share)])
        : [],
    );
    expect(got).toEqual(want);
  });

  it('lays the printed report out on A4 landscape with the office, the period and the date', async () => {
    const { html } = await call(t.store, 'reports.html', {
      kind: 'quarter',
      from: '2026-01-01',
      asOf: AS_OF,
    });
    expect(html).toContain('size: A4 landscape');
    expect(html).toContain('<h1>示范镇信访工作季报</h1>');
    expect(html).toContain('统计期间：2026年第一季度');
    expect(html).toContain('办理情况截至：2026年3月31日');
    expect(html).toMatch(/制表日期：\d{4}年\d{1,2}月\d{1,2}日/);
    expect(html).toContain('及时受理率</b>：按时受理并告知的件数');
  });
});

describe('county mode', () => {
  it('reports each township in the ranking table, and one township alone', async () => {
    const county = await createCounty();
    const north = await createEnrolledTownship(county, '330102001', '示范镇');
    const south = await createEnrolledTownship(county, '330102002', '南湖乡');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'petition-report-county-'));
    try {
      const visit = async (town: Township, at: string, people: number, accept?: string) => {
        const c = await call(
          town.store,
          'cases.create',
          sampleIntake({ receivedAt: at, peopleCount: people }),
        );
        if (accept) await call(town.store, 'cases.step', { caseId: c.id, kind: 'accept', on: accept });
        if (accept)
          await call(town.store, 'cases.step', {
            caseId: c.id,
            kind: 'notify',
            on: accept,
            method: 'inPerson',
          });
      };
      await visit(north, '2026-01-05T09:00', 6, '2026-01-06');
      await visit(north, '2026-01-06T09:00', 1, '2026-01-30');
      await visit(south, '2026-01-07T09:00', 2, '2026-01-08');
      exchange(north, county, dir);
      exchange(south, county, dir);

      const r = await call(county.store, 'reports.get', { kind: 'month', from: '2026-01-01', asOf: AS_OF });
      expect(r.title).toBe('示范县信访局信访工作月报');
      expect(figure(r, 'n').cur.value).toBe(3);
      expect(figure(r, 'people').cur.value).toBe(9);
      const ranking = r.sections.find((x) => x.kind === 'ranking');
      if (ranking?.kind !== 'ranking') throw new Error('no ranking');
      const row = (name: string) => ranking.rows.find((x) => x.name === name)!;
      expect(row('示范镇').values).toMatchObject({ n: 2, people: 7, collective: 1, acceptRate: 50 });
      expect(row('南湖乡').values).toMatchObject({ n: 1, people: 2, collective: 0, acceptRate: 100 });
      // the township's figure lists its cases at the county
      const list = await call(county.store, 'cases.list', { filter: row('示范镇').links.n, limit: 10 });
      expect(list.total).toBe(2);
      expect(r.sections.some((x) => x.kind === 'breakdown' && x.key === 'village')).toBe(false);

      const one = await call(county.store, 'reports.get', {
        kind: 'month',
        from: '2026-01-01',
        asOf: AS_OF,
        officeId: '330102002',
      });
      expect(one.title).toBe('示范县信访局（南湖乡）信访工作月报');
      expect(figure(one, 'n').cur.value).toBe(1);
      expect(one.sections.some((x) => x.kind === 'ranking')).toBe(false);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
      north.cleanup();
      south.cleanup();
      county.cleanup();
    }
  });
});

describe('the ledgers beside the register (January 2026)', () => {
  it('counts disputes found and resolved on their own days, and reception days with the visits in their hours', async () => {
    const leader = t.staff('赵领导');
    // A (8 people) at 09:00 on 01-05 is inside; C at 09:00 on 01-20 is after that day's hours
    for (const [date, startTime, endTime] of [
      ['2026-01-05', '08:30', '11:30'],
      ['2026-01-20', '08:00', '08:59'],
      ['2025-12-15', '08:00', '12:00'], // F, 6 people: 环比
      ['2025-01-08', '08:00', '10:00'], // Z, 1 person: 同比
    ]) {
      await call(t.store, 'receptionDays.save', {
        date,
        startTime,
        endTime,
        leaderId: leader,
        place: '镇信访接待室',
      });
    }
    const dispute = (foundOn: string) =>
      call(t.store, 'disputes.save', {
        foundOn,
        villageId: null,
        parties: [{ name: '钱大' }],
        kind: 'neighbor',
        description: '邻里纠纷',
        mediator: '村调委会',
      });
    const janFebResolved = await dispute('2026-01-03');
    const decJanResolved = await dispute('2025-12-20');
    await dispute('2026-01-25');
    await dispute('2025-01-10');
    await call(t.store, 'disputes.setStatus', {
      id: janFebResolved.id,
      status: 'resolved',
      resolvedOn: '2026-02-02',
      resolution: '调解',
    });
    await call(t.store, 'disputes.setStatus', {
      id: decJanResolved.id,
      status: 'resolved',
      resolvedOn: '2026-01-15',
      resolution: '调解',
    });

    const r = await report({ kind: 'month', from: '2026-01-01' });
    const v = (key: string) => {
      const f = anyFigure(r, `ledger-${key}`);
      return [f.cur.value, f.yoy.value, f.mom.value];
    };
    expect(v('found')).toEqual([2, 1, 1]);
    expect(v('resolved')).toEqual([1, 0, 0]);
    expect(v('days')).toEqual([2, 1, 1]);
    expect(v('batches')).toEqual([1, 1, 1]);
    expect(v('persons')).toEqual([8, 1, 6]);
    expect(anyFigure(r, 'ledger-persons').momChange).toBe(33.3);

    // behind the visits: the register's cases; behind the disputes: the ledger, by the same day
    const visits = figure(r, 'ledger-batches').links;
    expect([
      await casesOf(visits.cur.value),
      await casesOf(visits.yoy.value),
      await casesOf(visits.mom.value),
    ]).toEqual([['A'], ['Z'], ['F']]);
    expect(anyFigure(r, 'ledger-resolved').disputes).toEqual({ dateOf: 'resolved' });
    const listed = async (dateOf: 'found' | 'resolved') =>
      (
        await call(t.store, 'disputes.list', { filter: { from: r.period.from, to: r.period.to, dateOf } })
      ).rows
        .map((d) => d.foundOn)
        .sort();
    expect(await listed('found')).toEqual(['2026-01-03', '2026-01-25']);
    expect(await listed('resolved')).toEqual(['2025-12-20']);

    // on paper and in Excel too: a section of its own
    const { html } = await call(t.store, 'reports.html', { kind: 'month', from: '2026-01-01', asOf: AS_OF });
    expect(html).toContain('矛盾纠纷排查与领导接访');
  });
});
