/**
 * The start-up integrity check: a damaged file is refused before anything touches it (small
 * files), or reported by the background check (large files), and never modified.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { closeStore, type Store } from '../../src-main/services/database';
import { openRegister } from '../../src-main/services/open-register';
import { UserError } from '../../src-main/services/errors';
import { createTownship, sampleIntake, call } from '../helpers/store';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** A register with enough cases to span many pages, closed, with one b-tree page overwritten. */
async function damagedRegister(): Promise<{ dir: string; file: string; hash: string }> {
  const t = await createTownship();
  const dir = t.dir;
  dirs.push(dir);
  for (let i = 0; i < 60; i++)
    await call(
      t.store,
      'cases.create',
      sampleIntake({ summary: `反映第${i}号道路损坏问题，请求尽快修复`.repeat(3) }),
    );
  t.store.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  // the change log's pages: read by no start-up step, so only the integrity check meets the damage
  // (whichever pages the schema's growth puts where)
  const pages = (
    t.store.sqlite.prepare(`SELECT pageno FROM dbstat WHERE name = 'change_log' ORDER BY pageno`).all() as {
      pageno: number;
    }[]
  ).map((r) => r.pageno);
  closeStore(t.store);
  const file = path.join(dir, 'register.db');
  const pageSize = 4096;
  expect(pages.length).toBeGreaterThan(6);
  const fd = fs.openSync(file, 'r+');
  // scramble the page headers (page numbers count from 1)
  for (let i = 0; i < pages.length; i += 3)
    fs.writeSync(fd, Buffer.alloc(64, 0xa5), 0, 64, (pages[i] - 1) * pageSize);
  fs.closeSync(fd);
  return { dir, file, hash: createHash('sha256').update(fs.readFileSync(file)).digest('hex') };
}

describe('integrity check at start', () => {
  it('refuses a damaged small file with a Chinese message and leaves it untouched', async () => {
    const { dir, file, hash } = await damagedRegister();
    let error: unknown;
    try {
      openRegister({ dataDir: dir });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UserError);
    expect((error as Error).message).toContain('数据库完整性检查未通过');
    expect((error as Error).message).toContain('请从备份恢复');
    expect((error as Error).message.replace(file, '')).toMatch(/^[^A-Za-z]*$/);
    expect(createHash('sha256').update(fs.readFileSync(file)).digest('hex')).toBe(hash);
  });

  it('says the same when the damage is in the schema itself, which SQLite meets before any check', async () => {
    const t = await createTownship();
    dirs.push(t.dir);
    closeStore(t.store);
    const file = path.join(t.dir, 'register.db');
    const fd = fs.openSync(file, 'r+');
    // page 1 after the 100-byte file header: the b-tree header of sqlite_schema
    fs.writeSync(fd, Buffer.alloc(64, 0xa5), 0, 64, 100);
    fs.closeSync(fd);
    const hash = createHash('sha256').update(fs.readFileSync(file)).digest('hex');
    for (const syncCheckMaxBytes of [undefined, 0]) {
      let error: unknown;
      try {
        openRegister({ dataDir: t.dir, syncCheckMaxBytes });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(UserError);
      expect((error as Error).message).toMatch(/^数据库完整性检查未通过.*请从备份恢复/);
      // SQLite's own words ("btreeInitPage() returns error code 11") stay in the log: apart
      // from the file's place, the message is Chinese
      expect((error as Error).message.replace(file, '')).toMatch(/^[^A-Za-z]*$/);
    }
    expect(createHash('sha256').update(fs.readFileSync(file)).digest('hex')).toBe(hash);
  });

  it('says in Chinese why a file cannot be opened at all, SQLite’s reason only in the log', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'petition-test-'));
    dirs.push(dir);
    const file = path.join(dir, 'register.db');
    fs.mkdirSync(file); // a folder where the file should be: SQLite "unable to open database file"
    let error: unknown;
    try {
      openRegister({ dataDir: dir });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UserError);
    expect((error as Error).message).toContain('无法打开数据库文件');
    expect((error as Error).message.replace(file, '')).toMatch(/^[^A-Za-z]*$/);
  });

  it('checks a large file in the background and reports the damage in the session', async () => {
    const { dir } = await damagedRegister();
    let store: Store | undefined;
    try {
      store = openRegister({ dataDir: dir, syncCheckMaxBytes: 0 });
      expect(store.integrity.state).toBe('checking');
      const s = store;
      await expect.poll(() => s.integrity.state, { timeout: 20_000 }).toBe('failed');
      const session = await call(s, 'session.get', {});
      expect(session.integrity).toMatchObject({ state: 'failed' });
      expect((session.integrity as { message: string }).message).toContain('数据库完整性检查未通过');
      expect(
        (session.integrity as { message: string }).message.replace(path.join(dir, 'register.db'), ''),
      ).toMatch(/^[^A-Za-z]*$/);
    } finally {
      if (store) closeStore(store);
    }
  });

  it('reports a sound large file as ok once the background check is done', async () => {
    const t = await createTownship();
    const dir = t.dir;
    dirs.push(dir);
    closeStore(t.store);
    const store = openRegister({ dataDir: dir, syncCheckMaxBytes: 0 });
    try {
      expect(store.integrity.state).toBe('checking');
      await expect.poll(() => store.integrity.state, { timeout: 20_000 }).toBe('ok');
    } finally {
      closeStore(store);
    }
  });
});
