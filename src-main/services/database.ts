/**
 * Opens the register's SQLite file: pragmas for power cuts, an integrity check, migrations in
 * one transaction, this installation's identity, and the guard that keeps every write to a
 * synced table inside the mutation layer.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { getTableConfig } from 'drizzle-orm/sqlite-core';
import * as schema from '../../db/schema';
import { UserError } from './errors';

export type Db = BetterSQLite3Database<typeof schema>;

export interface Store {
  sqlite: Database.Database;
  db: Db;
  dataDir: string;
  /** 16 hex digits naming this installation in HLC stamps and the change log */
  installationId: string;
}

export interface OpenOptions {
  /** folder holding register.db and attachments/ */
  dataDir: string;
  /** path of a better_sqlite3.node built for the running runtime (Electron passes its own) */
  nativeBinding?: string;
  migrationsFolder?: string;
}

const here = path.dirname(fileURLToPath(import.meta.url));

/** db/migrations, found from both the source tree (src-main/services) and the bundle (out/main). */
export function defaultMigrationsFolder(): string {
  for (const up of ['../../db/migrations', '../db/migrations', '../../../db/migrations']) {
    const dir = path.resolve(here, up);
    if (fs.existsSync(path.join(dir, 'meta', '_journal.json'))) return dir;
  }
  throw new Error('db/migrations not found');
}

export function openStore(opts: OpenOptions): Store {
  fs.mkdirSync(opts.dataDir, { recursive: true });
  const file = path.join(opts.dataDir, 'register.db');
  let sqlite: Database.Database;
  try {
    sqlite = new Database(file, opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {});
  } catch (e) {
    throw new UserError(`无法打开数据库文件 ${file}：${(e as Error).message}`);
  }
  try {
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = FULL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    const check = sqlite.pragma('quick_check', { simple: true });
    if (check !== 'ok') {
      throw new UserError(`数据库完整性检查未通过（${String(check)}）。请从备份恢复，原文件未被改动：${file}`);
    }
    const db = drizzle(sqlite, { schema });
    migrate(db, { migrationsFolder: opts.migrationsFolder ?? defaultMigrationsFolder() });
    installWriteGuard(sqlite);
    const installationId = ensureInstallationId(sqlite);
    return { sqlite, db, dataDir: opts.dataDir, installationId };
  } catch (e) {
    sqlite.close();
    throw e;
  }
}

export function closeStore(store: Store): void {
  if (store.sqlite.open) store.sqlite.close();
}

function ensureInstallationId(sqlite: Database.Database): string {
  const row = sqlite.prepare(`SELECT value FROM local_state WHERE key = 'installation_id'`).get() as
    | { value: string }
    | undefined;
  if (row) return row.value;
  const id = randomBytes(8).toString('hex');
  sqlite.prepare(`INSERT INTO local_state (key, value) VALUES ('installation_id', ?)`).run(id);
  return id;
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
