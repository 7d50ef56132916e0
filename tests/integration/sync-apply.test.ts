/**
 * Applying a package writes rows first seen in it straight from its operations, and rewrites
 * rows already held from the change log (sync/apply.ts). Both must give what the change log
 * alone gives: here one package mixes the two, and every row is then rewritten from the log.
 * A row first seen keeps the refusals of the other path (a duplicate case number).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { call, countOf, sampleIntake, type Township } from '../helpers/store';
import { createCounty, createEnrolledTownship, exchange, exportTo, importFile } from '../helpers/sync';
import { mutate } from '../../src-main/services/mutation';
import { todayLocal } from '../../src-main/services/local-time';
import { caseIdOfRow, materializeRow } from '../../src-main/services/sync/merge';
import { refreshDerived } from '../../src-main/services/derived';
import { rebuildFactsIfStale } from '../../src-main/services/work-list';
import { SYNCED_TABLES, type SyncedTableName } from '../../db/schema';
import { withWriteGate, type Store } from '../../src-main/services/database';

let county: Township;
let town: Township;
let dir: string;

beforeEach(async () => {
  county = await createCounty();
  town = await createEnrolledTownship(county);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'petition-outbox-'));
});
afterEach(() => {
  county.cleanup();
  town.cleanup();
  fs.rmSync(dir, { recursive: true, force: true });
});

function dump(store: Store): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const t of Object.keys(SYNCED_TABLES))
    out[t] = store.sqlite.prepare(`SELECT * FROM "${t}" ORDER BY id`).all();
  out.sync_conflicts = store.sqlite.prepare('SELECT * FROM sync_conflicts ORDER BY tbl, row_id, field').all();
  return out;
}

/** Every row of the register rewritten from its change log entries alone. */
function rewriteFromLog(store: Store): void {
  const { sqlite } = store;
  sqlite.transaction(() =>
    withWriteGate(sqlite, () => {
      for (const t of Object.keys(SYNCED_TABLES) as SyncedTableName[]) {
        const ids = sqlite.prepare(`SELECT id FROM "${t}"`).pluck().all() as string[];
        for (const id of ids) materializeRow(sqlite, t, id, caseIdOfRow(t));
      }
    }),
  )();
}

it('a package mixing rows already held and rows first seen gives each row what its change log gives', async () => {
  const a = await call(town.store, 'cases.create', sampleIntake({ summary: '甲事项原摘要' }));
  const b = await call(town.store, 'cases.create', sampleIntake({ summary: '乙事项原摘要' }));
  exchange(town, county, dir);

  // held rows: a edited on both sides (a conflict), b edited; the package also repeats their inserts
  mutate(town.store, { actor: null }, (m) => m.update('cases', a.id, { summary: '镇里改的甲摘要' }));
  mutate(county.store, { actor: null }, (m) => m.update('cases', a.id, { summary: '县里改的甲摘要' }));
  mutate(town.store, { actor: null }, (m) => m.update('cases', b.id, { content: '乙事项补充了新的情况' }));
  // rows first seen: a new event of b, and a case c inserted and edited before it travels
  const today = todayLocal();
  await call(town.store, 'cases.step', {
    caseId: b.id,
    kind: 'supervise',
    on: today,
    deadline: today,
    content: '请尽快答复',
  });
  const c = await call(town.store, 'cases.create', sampleIntake({ summary: '丙事项原摘要' }));
  mutate(town.store, { actor: null }, (m) => m.update('cases', c.id, { summary: '丙事项宅基地纠纷' }));

  const report = exchange(town, county, dir);
  expect(report.summary.newCases).toEqual([c.id]);
  expect([...report.summary.updatedCases].sort()).toEqual([a.id, b.id].sort());
  expect(report.summary.conflicts).toBe(1);
  expect(report.summary.events).toEqual({ registered: 1, supervise: 1 });

  const atCounty = await call(county.store, 'cases.get', { id: c.id });
  expect(atCounty.summary).toBe('丙事项宅基地纠纷');
  const found = await call(county.store, 'cases.list', { filter: { q: '宅基地' }, offset: 0, limit: 100 });
  expect(found.rows.map((r) => r.id)).toEqual([c.id]);
  expect(
    (await call(county.store, 'cases.list', { filter: { q: '丙事项原摘要' }, offset: 0, limit: 100 })).total,
  ).toBe(0);

  const applied = dump(county.store);
  rewriteFromLog(county.store);
  expect(dump(county.store)).toEqual(applied);
});

it('an import moving cases between report cells, deleting one, keeps the facts and sums a rebuild gives', async () => {
  const day = '2026-01-05T09:00';
  const a = await call(
    town.store,
    'cases.create',
    sampleIntake({ receivedAt: day, villageId: town.village('东村') }),
  );
  const b = await call(
    town.store,
    'cases.create',
    sampleIntake({ receivedAt: day, villageId: town.village('西村'), peopleCount: 6 }),
  );
  const c = await call(
    town.store,
    'cases.create',
    sampleIntake({ receivedAt: day, villageId: town.village('东村') }),
  );
  exchange(town, county, dir);
  // a moves to 南山社区, b (西村's only case) is deleted, c is accepted: cells gain, lose and empty
  mutate(town.store, { actor: null }, (m) =>
    m.update('cases', a.id, { villageId: town.village('南山社区') }),
  );
  mutate(town.store, { actor: null }, (m) => m.update('cases', b.id, { deleted: true }));
  await call(town.store, 'cases.step', { caseId: c.id, kind: 'accept', on: '2026-01-06' });
  const d = await call(
    town.store,
    'cases.create',
    sampleIntake({ receivedAt: day, villageId: town.village('东村') }),
  );
  exchange(town, county, dir);

  const { sqlite } = county.store;
  const facts = () =>
    sqlite.prepare('SELECT * FROM case_facts ORDER BY case_id').all() as {
      case_id: string;
      village_id: string;
    }[];
  const cells = () =>
    sqlite.prepare('SELECT * FROM report_cells ORDER BY month, dim, key, office_id').all() as {
      dim: string;
      key: string;
      n: number;
    }[];
  const imported = { facts: facts(), cells: cells() };
  expect(imported.facts.map((f) => [f.case_id, f.village_id]).sort()).toEqual(
    [
      [a.id, town.village('南山社区')],
      [c.id, town.village('东村')],
      [d.id, town.village('东村')],
    ].sort(),
  );
  expect(
    imported.cells
      .filter((x) => x.dim === 'village')
      .map((x) => [x.key, x.n])
      .sort(),
  ).toEqual(
    [
      [town.village('东村'), 2],
      [town.village('南山社区'), 1],
    ].sort(),
  );
  sqlite.prepare(`INSERT OR REPLACE INTO local_state (key, value) VALUES ('report_facts_stale', '1')`).run();
  rebuildFactsIfStale(county.store);
  expect({ facts: facts(), cells: cells() }).toEqual(imported);
});

it('a case first seen whose number another case here already has is refused, and nothing is written', async () => {
  const a = await call(town.store, 'cases.create', sampleIntake({ summary: '第一台电脑登记的事项' }));
  exchange(town, county, dir);
  // the same township set up again on a second computer, which numbers its first case the same
  const second = await createEnrolledTownship(county);
  try {
    const b = await call(second.store, 'cases.create', sampleIntake({ summary: '第二台电脑登记的事项' }));
    expect(b.caseNo).toBe(a.caseNo);
    const log = countOf(county.store, 'change_log');
    const file = exportTo(second, county, dir).file;
    expect(() => importFile(county.store, file)).toThrow(
      `交换包中的信访事项编号 ${b.caseNo} 与本机已有的另一件事项重复，未作任何改动`,
    );
    expect(countOf(county.store, 'change_log')).toBe(log);
    expect(countOf(county.store, 'cases')).toBe(1);
  } finally {
    second.cleanup();
  }
});

it('rows kept for a newer version and applied after the upgrade refresh their case: a petitioner renamed is found, its clocks follow', async () => {
  const c = await call(town.store, 'cases.create', sampleIntake());
  exchange(town, county, dir);
  const petitioner = (await call(town.store, 'cases.get', { id: c.id })).petitioners[0];
  // renamed, the address no longer known: no written notice is owed any more
  mutate(town.store, { actor: null }, (m) =>
    m.update('petitioners', petitioner.id, { name: '李四', address: null }),
  );
  exchange(town, county, dir);

  // the county as a version that could not apply that update left it: the row as before, kept for later
  const { sqlite } = county.store;
  sqlite.transaction(() =>
    withWriteGate(sqlite, () => {
      sqlite
        .prepare('UPDATE petitioners SET name = ?, address = ? WHERE id = ?')
        .run(petitioner.name, petitioner.address, petitioner.id);
      refreshDerived(county.store, [c.id]);
      sqlite
        .prepare('INSERT INTO sync_deferred (tbl, row_id) VALUES (?, ?)')
        .run('petitioners', petitioner.id);
    }),
  )();
  const found = async (q: string) =>
    (await call(county.store, 'cases.list', { filter: { q }, offset: 0, limit: 10 })).rows.map((r) => r.id);
  const clocks = () =>
    county.store.sqlite
      .prepare('SELECT kind FROM case_clocks WHERE case_id = ? ORDER BY kind')
      .pluck()
      .all(c.id) as string[];
  expect(await found('张三')).toEqual([c.id]);
  expect(clocks()).toContain('notice');

  // the upgraded version opens the register and applies what was kept
  county.reopen();
  expect(countOf(county.store, 'sync_deferred')).toBe(0);
  expect((await call(county.store, 'cases.get', { id: c.id })).petitioners[0].name).toBe('李四');
  expect(await found('李四')).toEqual([c.id]);
  expect(await found('张三')).toEqual([]);
  expect(clocks()).not.toContain('notice');
});
