/**
 * The one way to write the register. `mutate` runs a function in one SQLite transaction with
 * the write guard open; every insert or update it makes is stamped with a hybrid logical clock,
 * this installation, the office and the acting user, and appended to the change log with this
 * installation's next gap-free sequence number. Sync exports that log.
 */
import { eq, getTableColumns, is, SQL } from 'drizzle-orm';
import { getTableConfig, type SQLiteTable } from 'drizzle-orm/sqlite-core';
import * as schema from '../../db/schema';
import type { SyncedTableName } from '../../db/schema';
import type { Store } from './database';
import { formatHlc, parseHlc, tick, type HlcState } from './hlc';
import { getLocal, setLocal } from './local-state';
import { UserError } from './errors';

type Insert<K extends SyncedTableName> = (typeof schema.SYNCED_TABLES)[K]['$inferInsert'];
type Row<K extends SyncedTableName> = (typeof schema.SYNCED_TABLES)[K]['$inferSelect'];

export interface Mutator {
  /** the HLC stamp of this transaction's last write */
  readonly hlc: string;
  readonly actor: string | null;
  readonly officeId: string;
  insert<K extends SyncedTableName>(table: K, row: Insert<K> & { id: string }): void;
  /** writes only the fields that differ from the stored row; returns the changed field names */
  update<K extends SyncedTableName>(table: K, id: string, changes: Partial<Insert<K>>): string[];
  /** the next local HLC stamp, for rows that carry their own (case events) */
  stamp(): string;
}

export interface MutationContext {
  actor: string | null;
  /** the office the change is made for; defaults to this installation's office */
  officeId?: string;
  /** wall clock, injectable for tests */
  now?: () => number;
}

function columnNames(table: SQLiteTable): Map<string, string> {
  const map = new Map<string, string>();
  for (const [prop, col] of Object.entries(getTableColumns(table))) map.set(prop, col.name);
  return map;
}

const tableInfo = new Map<SyncedTableName, { table: SQLiteTable; columns: Map<string, string> }>();
function info(name: SyncedTableName) {
  let i = tableInfo.get(name);
  if (!i) {
    const table = schema.SYNCED_TABLES[name] as SQLiteTable;
    i = { table, columns: columnNames(table) };
    tableInfo.set(name, i);
  }
  return i;
}

const defaults = new Map<SyncedTableName, Record<string, unknown>>();
/** The schema's default value of every column that has a plain (non-SQL) default. */
function defaultsOf(name: SyncedTableName): Record<string, unknown> {
  let d = defaults.get(name);
  if (!d) {
    d = {};
    for (const [prop, col] of Object.entries(getTableColumns(info(name).table))) {
      if (col.hasDefault && col.default !== undefined && !is(col.default, SQL)) d[prop] = col.default;
    }
    defaults.set(name, d);
  }
  return d;
}

/** Column-named copy of a property-named record, JSON-safe (booleans as 0/1 like SQLite). */
function toColumns(name: SyncedTableName, values: Record<string, unknown>): Record<string, unknown> {
  const { columns } = info(name);
  const out: Record<string, unknown> = {};
  for (const [prop, v] of Object.entries(values)) {
    const col = columns.get(prop);
    if (!col) throw new Error(`unknown field ${name}.${prop}`);
    if (v === undefined) continue;
    out[col] = typeof v === 'boolean' ? (v ? 1 : 0) : v;
  }
  return out;
}

export function mutate<T>(store: Store, ctx: MutationContext, fn: (m: Mutator) => T): T {
  const { sqlite, db } = store;
  const officeId = ctx.officeId ?? getLocal(store, 'office_id') ?? '';
  const now = ctx.now ?? Date.now;
  const insertLog = sqlite.prepare(
    `INSERT INTO change_log (origin, origin_seq, hlc, office_id, actor, tbl, row_id, op, data)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );

  const run = sqlite.transaction((): T => {
    sqlite.exec('INSERT INTO temp.mutation_gate (open) VALUES (1)');
    const lastText = getLocal(store, 'hlc');
    let clock: HlcState = lastText ? parseHlc(lastText) : { millis: 0, counter: 0, node: store.installationId };
    const maxSeq = sqlite
      .prepare('SELECT max(origin_seq) AS s FROM change_log WHERE origin = ?')
      .get(store.installationId) as { s: number | null };
    let seq = maxSeq.s ?? 0;
    let current = '';

    const stamp = (): string => {
      clock = tick(clock, now());
      current = formatHlc(clock);
      return current;
    };
    const log = (table: SyncedTableName, rowId: string, op: 'insert' | 'update', data: Record<string, unknown>) => {
      seq += 1;
      insertLog.run(store.installationId, seq, stamp(), officeId, ctx.actor, getTableConfig(info(table).table).name, rowId, op, JSON.stringify(data));
    };

    const m: Mutator = {
      get hlc() {
        return current;
      },
      actor: ctx.actor,
      officeId,
      stamp,
      insert(table, row) {
        const { table: t } = info(table);
        // the whole row, defaults included, so a replica with other defaults rebuilds it exactly
        const full = { ...defaultsOf(table), ...(row as Record<string, unknown>) };
        db.insert(t).values(full as never).run();
        log(table, row.id, 'insert', toColumns(table, full));
      },
      update(table, id, changes) {
        const { table: t } = info(table);
        const idCol = (t as unknown as { id: Parameters<typeof eq>[0] }).id;
        const before = db.select().from(t).where(eq(idCol, id)).get() as Record<string, unknown> | undefined;
        if (!before) throw new UserError(`要修改的记录不存在（${table} ${id}）`);
        const changed: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(changes)) {
          if (v === undefined) continue;
          if (before[k] !== v) changed[k] = v;
        }
        const fields = Object.keys(changed);
        if (fields.length === 0) return [];
        db.update(t).set(changed as never).where(eq(idCol, id)).run();
        log(table, id, 'update', toColumns(table, changed));
        return fields;
      },
    };

    const result = fn(m);
    if (current) setLocal(store, 'hlc', current);
    sqlite.exec('DELETE FROM temp.mutation_gate');
    return result;
  });
  // a throw inside rolls the gate row back with everything else
  return run.immediate();
}

export type { Row, Insert };
