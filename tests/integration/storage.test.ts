/**
 * How services/database.ts keeps saves short: saving appends to the write-ahead log and returns,
 * the checkpoint (tens of milliseconds on a large register) waits until the app is idle; and a
 * statement is compiled once per SQL text, then reused. And who may read the files it makes.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { closeStore } from '../../src-main/services/database';
import { openRegister } from '../../src-main/services/open-register';
import { call, createTownship, sampleIntake, SETUP, type TempStore } from '../helpers/store';

let t: TempStore | undefined;
afterEach(() => t?.cleanup());

/** The database header's file change counter: it moves only when pages reach the file itself. */
function changeCounter(dir: string): number {
  const fd = fs.openSync(path.join(dir, 'register.db'), 'r');
  try {
    const header = Buffer.alloc(4);
    fs.readSync(fd, header, 0, 4, 24);
    return header.readUInt32BE(0);
  } finally {
    fs.closeSync(fd);
  }
}

it('leaves the checkpoint out of the save and does it once the app is idle', async () => {
  t = await createTownship();
  closeStore(t.store);
  t.store = openRegister({ dataDir: t.dir, checkpointIntervalMs: 150 });
  const before = changeCounter(t.dir);

  const saved = await call(t.store, 'cases.create', sampleIntake({ summary: '反映村道路灯损坏' }));
  expect(changeCounter(t.dir)).toBe(before);
  expect(fs.statSync(path.join(t.dir, 'register.db-wal')).size).toBeGreaterThan(0);

  await new Promise((r) => setTimeout(r, 600));
  expect(changeCounter(t.dir)).toBeGreaterThan(before);
  const got = await call(t.store, 'cases.get', { id: saved.id });
  expect(got.caseNo).toBe(saved.caseNo);
});

it('reuses a prepared statement, reset to plain rows, and copies one that is still iterating', async () => {
  t = await createTownship();
  const { sqlite } = t.store;
  const sql = 'SELECT id, name FROM units ORDER BY sort';
  const first = sqlite.prepare(sql);
  expect(sqlite.prepare(sql)).toBe(first);
  first.raw(true);
  expect(sqlite.prepare(sql).all()[0]).toHaveProperty('name'); // objects again, not arrays
  const names: string[] = [];
  for (const row of sqlite.prepare(sql).iterate() as Iterable<{ name: string }>) {
    // nested use of the same text while the outer iteration is open
    names.push(row.name, (sqlite.prepare(sql).get() as { name: string }).name);
  }
  expect(names).toEqual(['司法所', '司法所', '派出所', '司法所', '自然资源所', '司法所']);
});

it('reports the progress of the rebuilds a new version runs at start, and finishes them', async () => {
  t = await createTownship();
  for (let i = 0; i < 3; i++)
    await call(t.store, 'cases.create', sampleIntake({ summary: `反映路灯损坏${i}` }));
  t.store.sqlite.exec(
    `INSERT OR REPLACE INTO local_state (key, value) VALUES ('search_index_stale', '1'), ('clocks_stale', '1')`,
  );
  closeStore(t.store);
  const seen: [string, number, number][] = [];
  t.store = openRegister({
    dataDir: t.dir,
    onProgress: (task, done, total) => seen.push([task, done, total]),
  });
  expect(seen).toEqual([
    ['重建检索索引', 3, 3],
    ['重建待办期限', 3, 3],
  ]);
  expect((await call(t.store, 'cases.list', { filter: { q: '路灯' } })).total).toBe(3);
  expect(
    (await call(t.store, 'worklist.get', { scope: 'all' })).items.filter(
      (i) => i.deadline.kind === 'acceptance',
    ),
  ).toHaveLength(3);
  // nothing stale: nothing to report on the next start
  closeStore(t.store);
  seen.length = 0;
  t.store = openRegister({
    dataDir: t.dir,
    onProgress: (task, done, total) => seen.push([task, done, total]),
  });
  expect(seen).toEqual([]);
});

it('creates the data folder and the register readable by their user alone', async () => {
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'petition-mode-'));
  try {
    const dataDir = path.join(parent, 'new', 'data');
    const store = openRegister({ dataDir });
    try {
      await call(store, 'setup.create', SETUP);
      await call(store, 'cases.create', sampleIntake());
      const mode = (p: string) => fs.statSync(p).mode & 0o777;
      expect(mode(dataDir)).toBe(0o700);
      expect(mode(path.join(parent, 'new'))).toBe(0o700);
      for (const f of ['register.db', 'register.db-wal', 'register.db-shm'])
        expect([f, mode(path.join(dataDir, f))]).toEqual([f, 0o600]);
    } finally {
      closeStore(store);
    }
  } finally {
    fs.rmSync(parent, { recursive: true, force: true });
  }
});
