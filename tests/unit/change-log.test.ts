import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { eq, getTableColumns } from 'drizzle-orm';
import { getTableConfig, type SQLiteTable } from 'drizzle-orm/sqlite-core';
import { SYNCED_TABLES } from '../../db/schema';
import { mutate } from '../../src-main/services/mutation';
import { getLocal } from '../../src-main/services/local-state';
import type { Store } from '../../src-main/services/database';
import {
  IDS,
  TOWNSHIP_CODE,
  call,
  countOf,
  createTownship,
  sampleIntake,
  samplePetitioner,
  updateInputOf,
  type Township,
} from '../helpers/store';

/**
 * Every table that is not synced, and why it stays on this machine. A table added later must be
 * put either in SYNCED_TABLES (db/schema.ts) or here, deliberately.
 */
const LOCAL_TABLES = [
  '__drizzle_migrations', // which migrations this file has had
  'local_state', // installation id, clock, current user, office
  'change_log', // the log itself; travels as operations, not as a table
  'drafts', // unsaved forms of this machine's users
  'case_clocks', // the work list's clocks, derived from events and rules
  'case_facts', // what each case adds to the report figures, derived from events and rules
  'report_cells', // case_facts summed per month, office and breakdown key
  'audit_log', // this machine's audit trail
  'case_search', // full-text index, rebuilt from cases
  'case_search_data', // FTS5 shadow tables of case_search
  'case_search_idx',
  'case_search_docsize',
  'case_search_config',
  'case_search_keys', // each case's key in the search index
  'sync_conflicts', // unsettled concurrent writes, derived from the change log
  'sync_peers', // the offices this one exchanges with, their keys and what they hold
  'sync_packages', // the record of every package written or imported
  'sync_batches', // signatures of others' operations, to relay them as signed
  'sync_deferred', // rows whose operations need a newer version
];

const syncedNames = Object.values(SYNCED_TABLES).map((t) => getTableConfig(t).name);

interface LogRow {
  id: number;
  origin: string;
  origin_seq: number;
  hlc: string;
  office_id: string;
  actor: string | null;
  tbl: string;
  row_id: string;
  op: 'insert' | 'update';
  data: string;
}
const logRows = (store: Store): LogRow[] =>
  store.sqlite.prepare('SELECT * FROM change_log ORDER BY id').all() as LogRow[];

/** Column name → value a row gets when an insert leaves the column out (SQLite's form: booleans 0/1). */
function columnDefaults(table: SQLiteTable): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const col of Object.values(getTableColumns(table))) {
    let v: unknown = col.hasDefault ? col.default : null;
    if (typeof v === 'boolean') v = v ? 1 : 0;
    out.set(col.name, v ?? null);
  }
  return out;
}

let t: Township;
beforeEach(async () => {
  t = await createTownship();
});
afterEach(() => t.cleanup());

/** Writes through every path that exists so far: set-up (done), intake, edit, settings. */
async function exerciseWrites() {
  const s = t.store;
  const upload = await call(s, 'attachments.upload', {
    fileName: '来信.png',
    mime: 'image/png',
    base64: Buffer.from('png bytes').toString('base64'),
  });
  const a = await call(
    s,
    'cases.create',
    sampleIntake({ villageId: t.village('东村'), categoryId: t.category('土地承包'), attachments: [upload] }),
  );
  const b = await call(
    s,
    'cases.create',
    sampleIntake({
      channel: 'letter',
      summary: '反映低保评定不公',
      peopleCount: 6,
      jointly: true,
      petitioners: [
        samplePetitioner({
          name: '单伟',
          idNumber: IDS.female1990,
          phone: '13911112222',
          representative: true,
        }),
        samplePetitioner({ name: '曾红', idNumber: '', phone: '', representative: true }),
      ],
    }),
  );
  const detail = await call(s, 'cases.get', { id: b.id });
  await call(s, 'cases.update', updateInputOf(detail, { summary: '反映低保评定不公，要求重新评议' }));
  await call(s, 'attachments.add', { caseId: a.id, file: upload });
  await call(s, 'settings.saveVillage', { code: '330102001004', name: '北村' });
  await call(s, 'settings.saveVillage', { id: t.village('西村'), code: '330102001002', name: '西村村' });
  await call(s, 'settings.saveUnit', { name: '综治中心' });
  await call(s, 'settings.saveStaff', { name: '钱新人', role: 'handler', phone: '0571-88886666' });
  await call(s, 'settings.saveCategory', { name: '其他其他', parentId: null });
  await call(s, 'settings.saveOffice', { name: '示范街道' });
  await call(s, 'settings.remove', { kind: 'unit', id: t.settings.units[0].id });
  await call(s, 'settings.saveCalendarDay', { date: '2027-01-01', kind: 'rest', note: '元旦' });
  await call(s, 'settings.saveCalendarDay', {
    date: '2027-01-01',
    kind: 'rest',
    note: '元旦（待国务院通知）',
  });
  await call(s, 'settings.saveDeadlines', { dayCount: 'working', warnDays: 5 });
  await call(s, 'cases.step', { caseId: a.id, kind: 'accept', on: '2026-11-20', note: '' });
  const letter = await call(s, 'letters.draft', { caseId: a.id, kind: 'acceptNotice' });
  await call(s, 'letters.issue', {
    caseId: a.id,
    kind: 'acceptNotice',
    content: letter.content,
    issuedOn: '2026-11-20',
  });
  await call(s, 'letters.saveTemplate', {
    kind: 'acceptNotice',
    title: '受理告知书',
    body: '{{信访人}}反映的问题已受理。\n特此告知。',
  });
  await call(s, 'letters.saveTemplate', {
    kind: 'acceptNotice',
    title: '受理告知书',
    body: '{{信访人}}反映的问题本机关已依法受理。\n特此告知。',
  });
  const d = await call(s, 'disputes.save', {
    foundOn: '2026-11-20',
    parties: [{ name: '钱大', phone: '13811112222' }],
    kind: 'neighbor',
    description: '邻里噪音纠纷',
    mediator: '村调委会',
  });
  await call(s, 'disputes.setStatus', {
    id: d.id,
    status: 'resolved',
    resolvedOn: '2026-11-21',
    resolution: '调解成功',
  });
  await call(s, 'dailyReports.issue', { date: '2026-11-20' });
  const r = await call(s, 'receptionDays.save', {
    date: '2026-11-20',
    startTime: '09:00',
    endTime: '11:30',
    leaderId: t.staff('赵领导'),
  });
  await call(s, 'receptionDays.save', {
    id: r.id,
    date: '2026-11-20',
    startTime: '09:00',
    endTime: '12:00',
    leaderId: t.staff('赵领导'),
    place: '接待室',
  });
  return { a, b };
}

describe('change log', () => {
  it('logs every insert and update with origin, gap-free sequence, increasing HLC, office and actor', async () => {
    await exerciseWrites();
    const rows = logRows(t.store);
    expect(rows.length).toBeGreaterThan(50);
    rows.forEach((r, i) => {
      expect(r.origin).toBe(t.store.installationId);
      expect(r.origin_seq).toBe(i + 1);
      expect(r.office_id).toBe(TOWNSHIP_CODE);
      if (i > 0) expect(r.hlc > rows[i - 1].hlc, `hlc of seq ${r.origin_seq}`).toBe(true);
      expect(r.hlc.endsWith(`-${t.store.installationId}`)).toBe(true);
      expect(syncedNames).toContain(r.tbl);
    });
    // set-up runs before anyone is signed in; afterwards the signed-in clerk is the actor
    const clerk = t.staff('王登记');
    const setupCount = rows.findIndex((r) => r.actor !== null);
    expect(setupCount).toBeGreaterThan(0);
    expect(rows.slice(0, setupCount).every((r) => r.tbl !== 'cases')).toBe(true);
    expect(rows.slice(setupCount).every((r) => r.actor === clerk)).toBe(true);
    // the clock the next transaction starts from is the last stamp written
    expect(getLocal(t.store, 'hlc')).toBe(rows.at(-1)!.hlc);
  });

  it('records the acting user of each write', async () => {
    const handler = t.staff('李承办');
    await call(t.store, 'session.setUser', { userId: handler });
    const before = countOf(t.store, 'change_log');
    await call(t.store, 'cases.create', sampleIntake());
    const rows = logRows(t.store).slice(before);
    expect(rows.length).toBeGreaterThan(0);
    expect(new Set(rows.map((r) => r.actor))).toEqual(new Set([handler]));
  });

  it('replaying the log reproduces every synced table exactly (column-named data)', async () => {
    await exerciseWrites();
    const replay = new Map<string, Map<string, Record<string, unknown>>>();
    for (const r of logRows(t.store)) {
      const table = replay.get(r.tbl) ?? new Map<string, Record<string, unknown>>();
      replay.set(r.tbl, table);
      const data = JSON.parse(r.data) as Record<string, unknown>;
      if (r.op === 'insert') {
        expect(table.has(r.row_id), `${r.tbl} ${r.row_id} inserted twice`).toBe(false);
        expect(data.id).toBe(r.row_id);
        table.set(r.row_id, { ...data });
      } else {
        expect(table.has(r.row_id), `${r.tbl} ${r.row_id} updated before insert`).toBe(true);
        expect(Object.keys(data).length).toBeGreaterThan(0);
        Object.assign(table.get(r.row_id)!, data);
      }
    }
    for (const table of Object.values(SYNCED_TABLES)) {
      const name = getTableConfig(table).name;
      const defaults = columnDefaults(table);
      const actual = t.store.sqlite.prepare(`SELECT * FROM ${name}`).all() as Record<string, unknown>[];
      const logged = replay.get(name) ?? new Map();
      expect(logged.size, `rows of ${name}`).toBe(actual.length);
      expect(actual.length, `${name} has rows to compare`).toBeGreaterThan(0);
      for (const row of actual) {
        const fromLog = logged.get(row.id as string);
        expect(fromLog, `${name} ${row.id} in the log`).toBeDefined();
        for (const key of Object.keys(fromLog!))
          expect(defaults.has(key), `${name}.${key} is a column name`).toBe(true);
        // a column missing from the log can only be an unset nullable one: defaults travel in the log
        const rebuilt = Object.fromEntries(
          [...defaults.keys()].map((k) => [k, k in fromLog! ? fromLog![k] : null]),
        );
        expect(rebuilt, `${name} ${row.id}`).toEqual(row);
      }
    }
  });

  it('an update logs only the fields that changed; a no-op update logs nothing', async () => {
    const c = await call(t.store, 'cases.create', sampleIntake());
    const detail = await call(t.store, 'cases.get', { id: c.id });
    const input = updateInputOf(detail);
    const before = countOf(t.store, 'change_log');
    const eventsBefore = countOf(t.store, 'case_events');
    const hlcBefore = getLocal(t.store, 'hlc');
    await call(t.store, 'cases.update', input);
    expect(countOf(t.store, 'change_log')).toBe(before);
    expect(countOf(t.store, 'case_events')).toBe(eventsBefore);
    expect(getLocal(t.store, 'hlc')).toBe(hlcBefore);

    await call(t.store, 'cases.update', {
      ...input,
      summary: '改过的摘要',
      petitioners: [{ ...input.petitioners[0], phone: '13700137000' }],
    });
    const rows = logRows(t.store).slice(before);
    const byTable = Object.fromEntries(rows.map((r) => [r.tbl, r]));
    expect(rows.map((r) => `${r.tbl}:${r.op}`).sort()).toEqual([
      'case_events:insert',
      'cases:update',
      'petitioners:update',
    ]);
    expect(JSON.parse(byTable.cases.data)).toEqual({ summary: '改过的摘要' });
    expect(byTable.cases.row_id).toBe(c.id);
    expect(JSON.parse(byTable.petitioners.data)).toEqual({ phone: '13700137000' });
    expect(byTable.petitioners.row_id).toBe(detail.petitioners[0].id);
  });

  it('a settings save with nothing changed logs nothing', async () => {
    const before = countOf(t.store, 'change_log');
    await call(t.store, 'settings.saveOffice', { name: '示范镇' });
    await call(t.store, 'settings.saveVillage', {
      id: t.village('东村'),
      code: '330102001001',
      name: '东村',
    });
    expect(countOf(t.store, 'change_log')).toBe(before);
  });

  it('keeps HLC increasing across transactions when the wall clock goes backwards', () => {
    const s = t.store;
    const last = getLocal(s, 'hlc')!;
    const past = Date.parse('2020-01-01T00:00:00Z');
    for (let i = 0; i < 3; i++) {
      mutate(s, { actor: null, now: () => past }, (m) =>
        m.insert('units', { id: randomUUID(), officeId: TOWNSHIP_CODE, name: `单位${i}` }),
      );
    }
    const rows = logRows(s).slice(-3);
    expect(rows[0].hlc > last).toBe(true);
    expect(rows[1].hlc > rows[0].hlc).toBe(true);
    expect(rows[2].hlc > rows[1].hlc).toBe(true);
    expect(rows.every((r) => r.hlc.slice(0, 24) === last.slice(0, 24))).toBe(true); // same time, counter moves
  });

  it('a throw inside mutate rolls back the rows, the log, the clock and the sequence', () => {
    const s = t.store;
    const before = { units: countOf(s, 'units'), log: countOf(s, 'change_log'), hlc: getLocal(s, 'hlc') };
    const unitId = randomUUID();
    expect(() =>
      mutate(s, { actor: null }, (m) => {
        m.insert('units', { id: unitId, officeId: TOWNSHIP_CODE, name: '临时单位' });
        m.update('offices', TOWNSHIP_CODE, { name: '改名' });
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(countOf(s, 'units')).toBe(before.units);
    expect(countOf(s, 'change_log')).toBe(before.log);
    expect(getLocal(s, 'hlc')).toBe(before.hlc);
    expect(
      (s.sqlite.prepare('SELECT name FROM offices WHERE id = ?').get(TOWNSHIP_CODE) as { name: string }).name,
    ).toBe('示范镇');
    // the gate closed with the rollback: a plain write is refused again
    expect(() => s.sqlite.prepare(`UPDATE offices SET name = 'x' WHERE id = ?`).run(TOWNSHIP_CODE)).toThrow(
      /outside the mutation layer/,
    );
    // and the next successful mutation continues the sequence without a gap
    mutate(s, { actor: null }, (m) =>
      m.insert('units', { id: unitId, officeId: TOWNSHIP_CODE, name: '临时单位' }),
    );
    const last = logRows(s).at(-1)!;
    expect(last.origin_seq).toBe(before.log + 1);
    expect(last.row_id).toBe(unitId);
  });

  it('a database error mid-transaction (primary key clash) leaves no trace', () => {
    const s = t.store;
    const before = { units: countOf(s, 'units'), log: countOf(s, 'change_log') };
    expect(() =>
      mutate(s, { actor: null }, (m) => {
        m.insert('units', { id: randomUUID(), officeId: TOWNSHIP_CODE, name: '甲' });
        m.insert('offices', { id: TOWNSHIP_CODE, name: '重复', level: 'township' }); // primary key clash
      }),
    ).toThrow(/UNIQUE constraint failed: offices.id/);
    expect(countOf(s, 'units')).toBe(before.units);
    expect(countOf(s, 'change_log')).toBe(before.log);
  });
});

describe('write guard', () => {
  /** One real row of every synced table, made through the services. */
  async function oneOfEach() {
    await exerciseWrites();
    for (const name of syncedNames) expect(countOf(t.store, name), name).toBeGreaterThan(0);
  }

  /** A copy of a stored row (column-named) that would be insertable if nothing guarded the table. */
  function freshCopy(name: string, row: Record<string, unknown>): Record<string, unknown> {
    const copy = { ...row, id: name === 'offices' ? '330102999' : randomUUID() };
    if (name === 'cases')
      Object.assign(copy, { case_no: `${TOWNSHIP_CODE}-2026-99999`, query_code: 'ZZZZZZZZ', seq: 99999 });
    return copy;
  }

  /** A text column other than the id that every row has (to try changing). */
  function textColumn(name: string): { prop: string; col: string } {
    const table = Object.values(SYNCED_TABLES).find((x) => getTableConfig(x).name === name)!;
    const [prop, col] = Object.entries(getTableColumns(table)).find(
      ([, c]) => c.name !== 'id' && c.notNull && c.dataType === 'string',
    )!;
    return { prop, col: col.name };
  }

  it('refuses raw SQL insert, update and delete on every synced table outside mutate', async () => {
    await oneOfEach();
    const s = t.store.sqlite;
    for (const name of syncedNames) {
      const row = s.prepare(`SELECT * FROM ${name} LIMIT 1`).get() as Record<string, unknown>;
      const copy = freshCopy(name, row);
      const cols = Object.keys(copy);
      const count = countOf(t.store, name);
      expect(
        () =>
          s
            .prepare(`INSERT INTO ${name} (${cols.join(',')}) VALUES (${cols.map((c) => '@' + c).join(',')})`)
            .run(copy),
        `insert ${name}`,
      ).toThrow(new RegExp(`write to ${name} outside the mutation layer`));
      const { col } = textColumn(name);
      expect(
        () => s.prepare(`UPDATE ${name} SET ${col} = 'tampered' WHERE id = ?`).run(row.id),
        `update ${name}`,
      ).toThrow(/outside the mutation layer/);
      expect(() => s.prepare(`DELETE FROM ${name} WHERE id = ?`).run(row.id), `delete ${name}`).toThrow(
        /never deleted/,
      );
      expect(countOf(t.store, name)).toBe(count);
      expect(s.prepare(`SELECT * FROM ${name} WHERE id = ?`).get(row.id)).toEqual(row);
    }
  });

  it('refuses drizzle insert, update and delete on every synced table outside mutate', async () => {
    await oneOfEach();
    const { db, sqlite } = t.store;
    for (const [key, table] of Object.entries(SYNCED_TABLES)) {
      const name = getTableConfig(table).name;
      const idCol = (table as unknown as { id: Parameters<typeof eq>[0] }).id;
      const row = db.select().from(table).limit(1).get() as Record<string, unknown>;
      const raw = sqlite.prepare(`SELECT * FROM ${name} WHERE id = ?`).get(row.id);
      const copy: Record<string, unknown> = { ...row, id: name === 'offices' ? '330102999' : randomUUID() };
      if (name === 'cases')
        Object.assign(copy, { caseNo: `${TOWNSHIP_CODE}-2026-99999`, queryCode: 'ZZZZZZZZ' });
      const count = countOf(t.store, name);
      expect(
        () =>
          db
            .insert(table)
            .values(copy as never)
            .run(),
        `insert ${key}`,
      ).toThrow(/outside the mutation layer/);
      const { prop } = textColumn(name);
      expect(
        () =>
          db
            .update(table)
            .set({ [prop]: 'tampered' } as never)
            .where(eq(idCol, row.id))
            .run(),
        `update ${key}`,
      ).toThrow(/outside the mutation layer/);
      expect(() => db.delete(table).where(eq(idCol, row.id)).run(), `delete ${key}`).toThrow(/never deleted/);
      expect(countOf(t.store, name)).toBe(count);
      expect(sqlite.prepare(`SELECT * FROM ${name} WHERE id = ?`).get(row.id)).toEqual(raw);
    }
  });

  it('refuses deletes even inside mutate (the register deletes by tombstone)', async () => {
    await oneOfEach();
    const s = t.store;
    const before = countOf(s, 'change_log');
    expect(() => mutate(s, { actor: null }, () => s.sqlite.prepare('DELETE FROM units').run())).toThrow(
      /never deleted/,
    );
    expect(countOf(s, 'change_log')).toBe(before);
  });

  it('keeps guarding after the store is closed and opened again', async () => {
    const s = t.reopen();
    expect(() => s.sqlite.prepare(`UPDATE offices SET name = 'x'`).run()).toThrow(
      /outside the mutation layer/,
    );
    expect(() =>
      s.sqlite.prepare(`INSERT INTO units (id, office_id, name) VALUES ('u', ?, 'x')`).run(TOWNSHIP_CODE),
    ).toThrow(/outside the mutation layer/);
  });

  it('does not guard the local tables (drafts, local_state, audit_log)', () => {
    const s = t.store.sqlite;
    s.prepare(`INSERT INTO drafts (form, user_id, data, saved_at) VALUES ('f', 'u', '{}', 'now')`).run();
    s.prepare(`UPDATE drafts SET data = '{"a":1}' WHERE form = 'f'`).run();
    expect((s.prepare(`SELECT data FROM drafts WHERE form = 'f'`).get() as { data: string }).data).toBe(
      '{"a":1}',
    );
    s.prepare(`DELETE FROM drafts WHERE form = 'f'`).run();
    expect(countOf(t.store, 'drafts')).toBe(0);

    s.prepare(`INSERT INTO local_state (key, value) VALUES ('test_key', '1')`).run();
    s.prepare(`UPDATE local_state SET value = '2' WHERE key = 'test_key'`).run();
    expect(getLocal(t.store, 'test_key')).toBe('2');
    s.prepare(`DELETE FROM local_state WHERE key = 'test_key'`).run();
    expect(getLocal(t.store, 'test_key')).toBeUndefined();

    s.prepare(`INSERT INTO audit_log (at, action) VALUES ('now', 'test')`).run();
    s.prepare(`UPDATE audit_log SET action = 'test2' WHERE action = 'test'`).run();
    expect(countOf(t.store, 'audit_log')).toBe(1);
    s.prepare(`DELETE FROM audit_log`).run();
    expect(countOf(t.store, 'audit_log')).toBe(0);
  });

  it('every table is either synced or on the explicit list of local tables', () => {
    const tables = (
      t.store.sqlite
        .prepare(
          `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'`,
        )
        .all() as { name: string }[]
    ).map((r) => r.name);
    const undecided = tables.filter((n) => !syncedNames.includes(n) && !LOCAL_TABLES.includes(n));
    expect(undecided, 'tables neither in SYNCED_TABLES nor in LOCAL_TABLES').toEqual([]);
    // the lists stay honest: every listed table exists, and none is both
    for (const n of [...syncedNames, ...LOCAL_TABLES]) expect(tables, n).toContain(n);
    expect(syncedNames.filter((n) => LOCAL_TABLES.includes(n))).toEqual([]);
  });
});
