/**
 * Every write of the api keeps what the register derives in step with the rows it derives them
 * from: a case's status, its work-list clocks, its report facts and the monthly sums, its search
 * entry and key. Each write method is called through `dispatch` on a generated register (a county
 * and a township enrolled with it, the township holding generated cases), and after each call the
 * derived tables must hold exactly what a rebuild from scratch derives from the register's rows.
 * A write method added to the api must be added here: the last test fails until it is.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, type ApiInput, type ApiMethod, type ApiOutput } from '../../src-main/contract';
import { withWriteGate, type Store } from '../../src-main/services/database';
import { setLocal } from '../../src-main/services/local-state';
import { addCalendarDays } from '../../src-main/services/calendar';
import { todayLocal } from '../../src-main/services/local-time';
import { rebuildSearchIndexIfStale } from '../../src-main/services/search-index';
import { seedCases } from '../../tools/seed/seed';
import { rebuildClocks } from '../../src-main/services/work-list';
import { caseState } from '../../src-main/services/workflow';
import {
  call,
  caseThroughRereview,
  createTempStore,
  createTownship,
  sampleIntake,
  samplePetitioner,
  SETUP,
  updateInputOf,
  type Township,
} from '../helpers/store';
import { createCounty, createEnrolledTownship } from '../helpers/sync';

/** Methods that write no row of the register (they read, or write only files or this machine's own state). */
const READS: ApiMethod[] = [
  'session.get',
  'settings.get',
  'villages.previewImport',
  'cases.get',
  'cases.list',
  'cases.exportXlsx',
  'cases.findRepeats',
  'attachments.read',
  'drafts.get',
  'worklist.get',
  'letters.draft',
  'letters.list',
  'letters.docx',
  'letters.templates',
  'letters.html',
  'letters.issuedOn',
  'letters.previewTemplate',
  'letters.prefix',
  'reports.get',
  'reports.html',
  'reports.xlsx',
  'sync.status',
  'sync.readOutbox',
  'conflicts.list',
  'disputes.list',
  'disputes.get',
  'dailyReports.preview',
  'dailyReports.list',
  'dailyReports.matrix',
  'receptionDays.list',
];

type Rows = unknown[][];

/** The derived tables, each as its rows in a fixed order (search keys pass 2^53: read as text). */
function derived(store: Store): Record<string, Rows> {
  const { sqlite } = store;
  sqlite.exec(
    'CREATE VIRTUAL TABLE IF NOT EXISTS temp.derived_vocab USING fts5vocab(main, case_search, instance)',
  );
  const rows = (sql: string) => sqlite.prepare(sql).raw().all() as Rows;
  return {
    status: rows('SELECT id, status FROM cases ORDER BY id'),
    clocks: rows('SELECT * FROM case_clocks ORDER BY case_id, kind, ref_id'),
    facts: rows('SELECT * FROM case_facts ORDER BY case_id'),
    cells: rows('SELECT * FROM report_cells ORDER BY month, dim, key, office_id'),
    searchKeys: rows('SELECT case_rowid, CAST(key AS TEXT) FROM case_search_keys ORDER BY case_rowid'),
    searchEntries: rows(
      'SELECT term, CAST(doc AS TEXT) AS d, col, offset FROM temp.derived_vocab ORDER BY term, d, col, offset',
    ),
  };
}

class Rollback extends Error {}

/**
 * The derived tables as a rebuild from scratch makes them: the status folded again from each
 * case's events, then the clocks with the report facts and sums, and the search index. In a
 * transaction rolled back after, unless `keep`.
 */
function rebuilt(store: Store, keep = false): Record<string, Rows> {
  const { sqlite } = store;
  let out: Record<string, Rows> | undefined;
  try {
    sqlite.transaction(() => {
      withWriteGate(sqlite, () => {
        const setStatus = sqlite.prepare('UPDATE cases SET status = ? WHERE id = ?');
        for (const id of sqlite.prepare('SELECT id FROM cases').pluck().all() as string[])
          setStatus.run(caseState(store, id).status, id);
      });
      rebuildClocks(store);
      setLocal(store, 'search_index_stale', '1');
      rebuildSearchIndexIfStale(store);
      out = derived(store);
      if (!keep) throw new Rollback();
    })();
  } catch (e) {
    if (!(e instanceof Rollback)) throw e;
  }
  return out!;
}

/** Per derived table that differs: a few rows held but not derived afresh, and the other way round. */
function differences(held: Record<string, Rows>, fresh: Record<string, Rows>) {
  const out: Record<string, { stale: Rows; missing: Rows }> = {};
  for (const table of Object.keys(fresh)) {
    const a = held[table].map((r) => JSON.stringify(r));
    const b = fresh[table].map((r) => JSON.stringify(r));
    if (a.join('\n') === b.join('\n')) continue;
    const inA = new Set(a);
    const inB = new Set(b);
    out[table] = {
      stale: a
        .filter((r) => !inB.has(r))
        .slice(0, 5)
        .map((r) => JSON.parse(r) as unknown[]),
      missing: b
        .filter((r) => !inA.has(r))
        .slice(0, 5)
        .map((r) => JSON.parse(r) as unknown[]),
    };
  }
  return out;
}

function expectInStep(store: Store, after: string): void {
  const found = differences(derived(store), rebuilt(store));
  // the next write starts from derived data in step, so a failure names the write that made it
  if (Object.keys(found).length) rebuilt(store, true);
  expect(found, `derived data after ${after}`).toEqual({});
}

const exercised = new Set<ApiMethod>();

/** Calls a write method through dispatch, then holds the derived data to a rebuild. */
async function write<M extends ApiMethod>(
  t: { store: Store },
  method: M,
  input: ApiInput<M>,
): Promise<ApiOutput<M>> {
  const out = await call(t.store, method, input);
  exercised.add(method);
  expectInStep(t.store, method);
  return out;
}

const today = todayLocal();
const daysAgo = (n: number) => addCalendarDays(today, -n);

let county: Township;
let town: Township;
const cleanups: (() => void)[] = [];
const tempDir = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'petition-derived-'));
  cleanups.push(() => fs.rmSync(d, { recursive: true, force: true }));
  return d;
};

beforeAll(async () => {
  county = await createCounty();
  cleanups.push(() => county.cleanup());
  town = await createEnrolledTownship(county);
  cleanups.push(() => town.cleanup());
  seedCases(town.store, { cases: 80, seed: 7 });
});
afterAll(() =>
  cleanups
    .splice(0)
    .reverse()
    .forEach((f) => f()),
);

/** A case of the township registered today through the api, with its id. */
async function newCase(overrides: Parameters<typeof sampleIntake>[0] = {}) {
  return write(town, 'cases.create', sampleIntake({ receivedAt: `${daysAgo(3)}T09:00`, ...overrides }));
}

describe('derived data after every write of the api', () => {
  it('a generated register is in step to begin with', () => {
    expectInStep(town.store, 'seeding');
    expectInStep(county.store, 'enrollment');
  });

  it('setting up an office, and this machine’s user', async () => {
    const fresh = createTempStore();
    try {
      await write(fresh, 'setup.create', SETUP);
    } finally {
      fresh.cleanup();
    }
    await write(town, 'session.setUser', { userId: town.staff('李承办') });
    await write(town, 'session.setUser', { userId: town.staff('王登记') });
  });

  it('the office’s settings: name, villages, units, staff, categories, removals, a village list', async () => {
    await write(town, 'settings.saveOffice', { name: '示范镇人民政府' });
    const village = (await write(town, 'settings.saveVillage', { code: '330102001008', name: '北村' }))
      .villages;
    await write(town, 'settings.saveUnit', { name: '农业农村办' });
    await write(town, 'settings.saveStaff', { name: '钱承办', role: 'handler', unitId: town.unit('司法所') });
    await write(town, 'settings.saveCategory', { name: '环境保护' });
    const north = village.find((v) => v.name === '北村')!;
    await write(town, 'settings.remove', { kind: 'village', id: north.id });
    await write(town, 'villages.applyImport', {
      fileName: '村社区.csv',
      base64: Buffer.from('统计代码,名称\n330102001009,新村\n', 'utf8').toString('base64'),
    });
  });

  it('registering petitions: plain, anonymous, collective, and 不再受理 of a case finally decided', async () => {
    await newCase();
    await newCase({ anonymous: true, petitioners: [samplePetitioner({ name: '匿名', address: undefined })] });
    await newCase({
      peopleCount: 6,
      villageId: town.village('西村'),
      categoryId: town.category('土地承包'),
      petitioners: [
        samplePetitioner(),
        samplePetitioner({ name: '李四', idNumber: undefined, phone: undefined }),
      ],
    });
    const final = await caseThroughRereview(town);
    expectInStep(town.store, 'a case taken through 复核');
    await write(town, 'cases.create', sampleIntake({ repeatOf: final.id, notReaccepted: true }));
  });

  it('editing a registration: received time, village, an address gone, petitioners reordered, marked 重复', async () => {
    const earlier = await newCase({ summary: '反映宅基地审批迟迟未办' });
    const c = await newCase({
      peopleCount: 2,
      petitioners: [
        samplePetitioner(),
        samplePetitioner({ name: '李四', idNumber: undefined, phone: undefined }),
      ],
    });
    const get = () => call(town.store, 'cases.get', { id: c.id });
    await write(
      town,
      'cases.update',
      updateInputOf(await get(), { receivedAt: `${daysAgo(40)}T15:20`, villageId: town.village('东村') }),
    );
    const d = await get();
    await write(
      town,
      'cases.update',
      updateInputOf(d, {
        petitioners: updateInputOf(d).petitioners.map((p) => ({ ...p, address: undefined })),
      }),
    );
    const e = await get();
    await write(
      town,
      'cases.update',
      updateInputOf(e, { petitioners: updateInputOf(e).petitioners.reverse() }),
    );
    await write(town, 'cases.update', updateInputOf(await get(), { repeatOf: earlier.id }));
  });

  it('attachments and drafts', async () => {
    const c = await newCase();
    const file = await write(town, 'attachments.upload', {
      fileName: '来信.pdf',
      mime: 'application/pdf',
      base64: Buffer.from('%PDF-1.4 来信扫描件').toString('base64'),
    });
    await write(town, 'attachments.add', { caseId: c.id, file });
    await write(town, 'drafts.save', { form: 'intake', data: { summary: '未保存的登记' } });
    await write(town, 'drafts.clear', { form: 'intake' });
  });

  it('steps of a case: accepted, assigned, under a leader, supervised, replied, delivered, evaluated, closed', async () => {
    const c = await newCase();
    const step = (s: Record<string, unknown>) =>
      write(town, 'cases.step', { caseId: c.id, on: today, ...s } as ApiInput<'cases.step'>);
    await step({ kind: 'accept' });
    await step({
      kind: 'assign',
      unitId: town.unit('司法所'),
      handlerId: town.staff('李承办'),
      deadline: addCalendarDays(today, 20),
      reportDue: addCalendarDays(today, 25),
    });
    await step({ kind: 'takeCharge', leaderId: town.staff('赵领导'), plan: '包案化解' });
    const supervised = await step({
      kind: 'supervise',
      deadline: addCalendarDays(today, 5),
      content: '请加快办理',
    });
    const supervisionId = supervised.workflow.openSupervisions[0].id;
    await step({ kind: 'answerSupervision', supervisionId, answer: '已调查' });
    await step({
      kind: 'reply',
      outcome: 'support',
      request: '续签',
      facts: '符合条件',
      basis: '《农村土地承包法》',
    });
    await step({ kind: 'deliver', method: 'inPerson', receivedOn: today });
    await step({ kind: 'evaluate', satisfaction: 'satisfied' });
    await step({ kind: 'close', findings: '已查明', actions: '已续签', resolved: true });
  });

  it('letters: a notice that records the written notice, templates, the document prefix', async () => {
    const c = await newCase();
    await write(town, 'cases.step', { caseId: c.id, kind: 'accept', on: today });
    const draft = await call(town.store, 'letters.draft', { caseId: c.id, kind: 'acceptNotice' });
    await write(town, 'letters.issue', {
      caseId: c.id,
      kind: 'acceptNotice',
      content: draft.content,
      issuedOn: today,
      notifyMethod: 'inPerson',
    });
    await write(town, 'letters.saveTemplate', {
      kind: 'acceptNotice',
      title: '受理告知书',
      body: '特此告知。',
    });
    await write(town, 'letters.resetTemplate', { kind: 'acceptNotice' });
    await write(town, 'letters.savePrefix', { prefix: '示范信' });
  });

  it('the day-counting rules and the holiday calendar move every clock', async () => {
    await write(town, 'settings.saveDeadlines', { dayCount: 'working', warnDays: 5 });
    await write(town, 'settings.saveCalendarDay', {
      date: addCalendarDays(today, 2),
      kind: 'rest',
      note: '调休',
    });
    await write(town, 'settings.removeCalendarDay', { date: addCalendarDays(today, 2) });
    await write(town, 'settings.saveDeadlines', { dayCount: 'calendar', warnDays: 3 });
  });

  it('the ledgers beside the register: disputes, daily reports, reception days', async () => {
    const d = await write(town, 'disputes.save', {
      foundOn: today,
      villageId: town.village('东村'),
      parties: [{ name: '钱大', phone: '13811112222' }],
      kind: 'homestead',
      description: '宅基地界址争执',
    });
    await write(town, 'disputes.setStatus', {
      id: d.id,
      status: 'resolved',
      resolvedOn: today,
      resolution: '调解',
    });
    await write(town, 'disputes.remove', { id: d.id });
    await write(town, 'dailyReports.issue', { date: today });
    const r = await write(town, 'receptionDays.save', {
      date: today,
      startTime: '09:00',
      endTime: '11:30',
      leaderId: town.staff('赵领导'),
    });
    await write(town, 'receptionDays.remove', { id: r.id });
  });

  it('sync: packages both ways, a case the county assigns, enrolling and revoking a township', async () => {
    for (const t of [town, county])
      await write(t, 'sync.saveSettings', {
        outbox: tempDir(),
        inbox: tempDir(),
        exportOnExit: false,
        pickUpAtStart: false,
        remindAfterDays: 7,
      });
    const carry = async (from: Township, to: Township, exportInput: ApiInput<'sync.export'>) => {
      const [sent] = await write(from, 'sync.export', exportInput);
      const file = await call(from.store, 'sync.readOutbox', { fileName: sent.fileName });
      await write(to, 'sync.import', { source: file, preview: false });
    };
    await carry(town, county, {});

    const c = await write(
      county,
      'cases.create',
      sampleIntake({ summary: '县局接访：宅基地纠纷', receivedAt: `${daysAgo(2)}T10:00` }),
    );
    await write(county, 'cases.step', {
      caseId: c.id,
      kind: 'assign',
      on: today,
      officeId: '330102001',
      deadline: addCalendarDays(today, 15),
      reportDue: addCalendarDays(today, 20),
    });
    await carry(county, town, { to: '330102001' });

    const enrolled = await write(county, 'sync.enroll', { code: '330102002', name: '东风乡' });
    const other = await createTownship({
      ...SETUP,
      code: '330102002',
      name: '东风乡',
      villages: [{ code: '330102002001', name: '东风村' }],
    });
    cleanups.push(() => other.cleanup());
    await write(other, 'sync.applyEnrollment', { fileName: enrolled.fileName, base64: enrolled.base64 });
    await write(county, 'sync.revoke', { officeId: '330102002' });
  });

  it('settling a conflict over a case’s received time', async () => {
    const c = await newCase();
    const carry = async (from: Township, to: Township, exportInput: ApiInput<'sync.export'>) => {
      const [sent] = await call(from.store, 'sync.export', exportInput);
      const file = await call(from.store, 'sync.readOutbox', { fileName: sent.fileName });
      await call(to.store, 'sync.import', { source: file, preview: false });
    };
    await carry(town, county, {});
    await carry(county, town, { to: '330102001' });
    const edit = async (t: Township, receivedAt: string) =>
      call(
        t.store,
        'cases.update',
        updateInputOf(await call(t.store, 'cases.get', { id: c.id }), { receivedAt }),
      );
    await edit(town, `${daysAgo(20)}T08:00`);
    await edit(county, `${daysAgo(50)}T08:00`);
    await carry(town, county, {});
    expectInStep(county.store, 'a package bringing a conflict');
    const [conflict] = await call(county.store, 'conflicts.list', { caseId: c.id });
    expect(conflict.field).toBe('received_at');
    await write(county, 'conflicts.settle', {
      tbl: conflict.tbl,
      rowId: conflict.rowId,
      field: conflict.field,
      value: `${daysAgo(35)}T08:00`,
    });
  });

  it('every write method of the api is exercised above', () => {
    const missing = (Object.keys(api) as ApiMethod[]).filter((m) => !exercised.has(m) && !READS.includes(m));
    expect(missing, 'write methods not exercised here (or reads missing from READS)').toEqual([]);
  });
});
