/**
 * Opens the register's SQLite file: pragmas for power cuts, an integrity check, migrations in
 * one transaction, this installation's identity, and the guard that keeps every write to a
 * synced table inside the mutation layer.
 *
 * The lowest layer: the mutation layer and every service import this module, so it imports no
 * service. Bringing the register's derived data up to date at start needs the whole domain and
 * lives in open-register.ts, which passes that work in as `prepare`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { getTableConfig } from 'drizzle-orm/sqlite-core';
import * as schema from '../../db/schema';
import { UserError } from './errors';

export type Db = BetterSQLite3Database<typeof schema>;

export type IntegrityState = { state: 'ok' } | { state: 'checking' } | { state: 'failed'; message: string };

export interface Store {
  sqlite: Database.Database;
  db: Db;
  dataDir: string;
  /** 16 hex digits naming this installation in HLC stamps and the change log */
  installationId: string;
  /** the start-up integrity check: done before opening a small file, in the background for a large one */
  integrity: IntegrityState;
}

/**
 * Files up to this size are checked before anything else touches them (well under a second on
 * an old PC; a township's whole history fits). A county's multi-gigabyte register would take
 * half a minute, so it opens at once and a worker thread checks it meanwhile.
 */
export const SYNC_CHECK_MAX_BYTES = 512 * 1024 * 1024;

export interface OpenOptions {
  /** folder holding register.db and attachments/ */
  dataDir: string;
  /** path of a better_sqlite3.node built for the running runtime (Electron passes its own) */
  nativeBinding?: string;
  migrationsFolder?: string;
  /** files larger than this are checked in the background (tests lower it) */
  syncCheckMaxBytes?: number;
  /** how often an idle checkpoint is tried (tests shorten it) */
  checkpointIntervalMs?: number;
  /**
   * Work on the opened store before it is handed out (open-register.ts brings the derived data
   * up to date); what it throws closes the file like any other failure to open.
   */
  prepare?: (store: Store) => void;
}

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

/** db/migrations, found from both the source tree (src-main/services) and the bundle (out/main). */
export function defaultMigrationsFolder(): string {
  for (const up of ['../../db/migrations', '../db/migrations', '../../../db/migrations']) {
    const dir = path.resolve(here, up);
    if (fs.existsSync(path.join(dir, 'meta', '_journal.json'))) return dir;
  }
  throw new Error('db/migrations not found');
}

export function openStore(opts: OpenOptions): Store {
  // the register holds every petitioner's name, ID number and complaint: a folder and a file
  // the app creates are its user's alone (POSIX modes; on Windows the per-user AppData ACL does
  // this). SQLite gives the -wal and -shm files the database file's mode.
  fs.mkdirSync(opts.dataDir, { recursive: true, mode: 0o700 });
  const file = path.join(opts.dataDir, 'register.db');
  if (!fs.existsSync(file)) fs.closeSync(fs.openSync(file, 'a', 0o600));
  let sqlite: Database.Database;
  try {
    sqlite = new Database(file, opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {});
  } catch (e) {
    // SQLite's reason is English ("unable to open database file"): logged, not shown
    console.error(`cannot open ${file}:`, e);
    throw new UserError(`无法打开数据库文件 ${file}：文件夹不存在、没有读写权限或文件被占用`);
  }
  cacheStatements(sqlite);
  try {
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = FULL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    // A save must not pay for copying the log back into the database (tens of ms now and then):
    // the checkpoint runs when the app is idle (see idleCheckpoints); this large limit only bounds
    // the log during bulk work such as seeding or an import, when no timer gets to run.
    sqlite.pragma(`wal_autocheckpoint = ${BULK_CHECKPOINT_PAGES}`);
    const large = fs.statSync(file).size > (opts.syncCheckMaxBytes ?? SYNC_CHECK_MAX_BYTES);
    if (!large) {
      const check = sqlite.pragma('quick_check', { simple: true });
      if (check !== 'ok') throw new UserError(integrityMessage(String(check), file));
    }
    const db = drizzle(sqlite, { schema });
    migrate(db, { migrationsFolder: opts.migrationsFolder ?? defaultMigrationsFolder() });
    installWriteGuard(sqlite);
    const installationId = ensureInstallationId(sqlite);
    const store: Store = {
      sqlite,
      db,
      dataDir: opts.dataDir,
      installationId,
      integrity: { state: large ? 'checking' : 'ok' },
    };
    opts.prepare?.(store);
    if (large) checkInBackground(store, file, opts.nativeBinding);
    idleCheckpoints.set(
      store,
      setInterval(() => checkpointIdle(store), opts.checkpointIntervalMs ?? CHECKPOINT_INTERVAL_MS).unref(),
    );
    return store;
  } catch (e) {
    sqlite.close();
    // damage SQLite trips over before the check has run (e.g. in the schema's own pages) is told the same way
    if (e instanceof Database.SqliteError && /^SQLITE_(CORRUPT|NOTADB)/.test(e.code))
      throw new UserError(integrityMessage(e.message, file));
    throw e;
  }
}

/**
 * What the clerk reads about a damaged file: Chinese and the file's place. SQLite's own words
 * ("btreeInitPage() returns error code 11", "database disk image is malformed") are English and
 * mean nothing to a clerk; they go to the log for the technician.
 */
function integrityMessage(result: string, file: string): string {
  console.error(`integrity check of ${file} failed: ${result.slice(0, 2000)}`);
  return `数据库完整性检查未通过：数据文件已损坏。请从备份恢复，原文件未被改动：${file}`;
}

/** quick_check on a read-only connection of its own, in a worker thread, so the app stays usable. */
function checkInBackground(store: Store, file: string, nativeBinding?: string): void {
  const code = `
    const { parentPort, workerData } = require('node:worker_threads');
    const Database = require(workerData.module);
    let db;
    try {
      db = new Database(workerData.file, { readonly: true, ...(workerData.nativeBinding ? { nativeBinding: workerData.nativeBinding } : {}) });
      parentPort.postMessage(String(db.pragma('quick_check', { simple: true })));
    } catch (e) {
      parentPort.postMessage(String(e && e.message || e));
    } finally {
      if (db) db.close();
    }`;
  const worker = new Worker(code, {
    eval: true,
    workerData: { file, nativeBinding, module: require.resolve('better-sqlite3') },
  });
  worker.unref();
  worker.once('message', (result: string) => {
    store.integrity =
      result === 'ok' ? { state: 'ok' } : { state: 'failed', message: integrityMessage(result, file) };
  });
  worker.once('error', (e) => {
    store.integrity = { state: 'failed', message: integrityMessage(e.message, file) };
  });
}

/** Distinct SQL texts kept prepared per connection (list filters build a few variants each). */
const STATEMENT_CACHE_SIZE = 500;

/**
 * Makes `prepare` return the statement already compiled for the same SQL text, reset to plain
 * rows. Compiling was a third of a save's time (a save runs some thirty statements, drizzle's
 * included), and every service keeps writing plain `sqlite.prepare(sql)`. Least recently used
 * texts drop out.
 */
function cacheStatements(sqlite: Database.Database): void {
  const compile = sqlite.prepare.bind(sqlite);
  const cache = new Map<string, Database.Statement>();
  sqlite.prepare = ((source: string) => {
    let stmt = cache.get(source);
    // the same text prepared again while an iteration of it is still open gets its own copy
    if (stmt?.busy) return compile(source);
    if (stmt) {
      cache.delete(source);
      // back to plain rows: a caller (drizzle does) may have switched it to raw arrays
      if (stmt.reader) stmt.raw(false).pluck(false).expand(false);
    } else stmt = compile(source);
    cache.set(source, stmt);
    if (cache.size > STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
    return stmt;
  }) as typeof sqlite.prepare;
}

/** Pages the write-ahead log may reach before a write checkpoints it itself (≈40 MB). */
const BULK_CHECKPOINT_PAGES = 10_000;
const CHECKPOINT_INTERVAL_MS = 2_000;
const idleCheckpoints = new WeakMap<Store, NodeJS.Timeout>();

/** Copies committed pages from the log into the database between requests; a no-op when there are none. */
function checkpointIdle(store: Store): void {
  if (!store.sqlite.open || store.sqlite.inTransaction) return;
  try {
    store.sqlite.pragma('wal_checkpoint(PASSIVE)');
  } catch {
    // busy or read-only: the next tick, or the bulk limit, will do it
  }
}

export function closeStore(store: Store): void {
  clearInterval(idleCheckpoints.get(store));
  if (store.sqlite.open) store.sqlite.close();
}

function ensureInstallationId(sqlite: Database.Database): string {
  const row = sqlite.prepare(`SELECT value FROM local_state WHERE key = 'installation_id'`).get() as
    { value: string } | undefined;
  if (row) return row.value;
  const id = randomBytes(8).toString('hex');
  sqlite.prepare(`INSERT INTO local_state (key, value) VALUES ('installation_id', ?)`).run(id);
  return id;
}

/**
 * Runs `fn` with the write gate open, inside the caller's transaction: the one way past the guard
 * below (the mutation layer, and sync writing what it received or derived). The gate closes when
 * `fn` returns or throws; a rollback would close it too.
 */
export function withWriteGate<T>(sqlite: Database.Database, fn: () => T): T {
  sqlite.exec('INSERT INTO temp.mutation_gate (open) VALUES (1)');
  try {
    return fn();
  } finally {
    sqlite.exec('DELETE FROM temp.mutation_gate');
  }
}

/**
 * Temporary triggers (they live only in this connection) refuse any insert, update or delete
 * on a synced table unless the mutation layer has opened its gate in the same transaction.
 * Deletes are refused always: the register deletes by tombstone.
 */
function installWriteGuard(sqlite: Database.Database): void {
  sqlite.exec(`CREATE TEMP TABLE IF NOT EXISTS mutation_gate (open INTEGER NOT NULL)`);
  for (const table of Object.values(schema.SYNCED_TABLES)) {
    const name = getTableConfig(table).name;
    for (const op of ['INSERT', 'UPDATE']) {
      sqlite.exec(
        `CREATE TEMP TRIGGER IF NOT EXISTS guard_${name}_${op.toLowerCase()} BEFORE ${op} ON main.${name}
         WHEN NOT EXISTS (SELECT 1 FROM temp.mutation_gate)
         BEGIN SELECT RAISE(ABORT, 'write to ${name} outside the mutation layer'); END`,
      );
    }
    sqlite.exec(
      `CREATE TEMP TRIGGER IF NOT EXISTS guard_${name}_delete BEFORE DELETE ON main.${name}
       BEGIN SELECT RAISE(ABORT, 'rows of ${name} are never deleted, only marked deleted'); END`,
    );
  }
}
