/**
 * The one way to write the register. `mutate` runs a function in one SQLite transaction with
 * the write guard open; every insert or update it makes is stamped with a hybrid logical clock,
 * this installation, the office and the acting user, and appended to the change log with this
 * installation's next gap-free sequence number. Sync exports that log. Before the transaction
 * commits, what the register derives follows: the cases whose rows it wrote (and every case when
 * it changed the day-counting rules) are refreshed by derived.ts refreshDerived, so no service
 * refreshes anything itself, and none can forget to.
 */
import { eq, getTableColumns, is, SQL } from 'drizzle-orm';
import { getTableConfig, type SQLiteColumn, type SQLiteTable } from 'drizzle-orm/sqlite-core';
import type Database from 'better-sqlite3';
import * as schema from '../../db/schema';
import type { SyncedTableName } from '../../db/schema';
import { withWriteGate, type Store } from './database';
import { formatHlc, parseHlc, tick, type HlcState } from './hlc';
import { getLocal, setLocal } from './local-state';
import { UserError } from './errors';
import { loadRules, type DeadlineRules } from './deadlines';
import { refreshDerived, RULE_TABLES } from './derived';
import { caseIdOfRow, DERIVED_FIELDS, hasConflicts, materializeRow, shownStamps } from './sync/merge';

type Insert<K extends SyncedTableName> = (typeof schema.SYNCED_TABLES)[K]['$inferInsert'];
type Row<K extends SyncedTableName> = (typeof schema.SYNCED_TABLES)[K]['$inferSelect'];

export interface Mutator {
  /** the HLC stamp of this transaction's last write */
  readonly hlc: string;
  readonly actor: string | null;
  readonly officeId: string;
  insert<K extends SyncedTableName>(table: K, row: Insert<K> & { id: string }): void;
  /**
   * Writes only the fields that differ from the stored row; returns the changed field names.
   * Each written field records the version it replaced (the one shown), so a concurrent write
   * elsewhere becomes a conflict, not a silent loss. `settle` instead replaces the given
   * versions of a field (by column name) and writes it even when the value is unchanged: settling a conflict.
   */
  update<K extends SyncedTableName>(
    table: K,
    id: string,
    changes: Partial<Insert<K>>,
    settle?: { field: string; versions: string[] },
  ): string[];
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

const tableInfo = new Map<
  SyncedTableName,
  { table: SQLiteTable; sqlName: string; columns: Map<string, string> }
>();
function info(name: SyncedTableName) {
  let i = tableInfo.get(name);
  if (!i) {
    const table = schema.SYNCED_TABLES[name] as SQLiteTable;
    i = { table, sqlName: getTableConfig(table).name, columns: columnNames(table) };
    tableInfo.set(name, i);
  }
  return i;
}

/** The field (property) name of a table's column, or undefined when this version lacks it. */
export function propertyOfColumn(name: SyncedTableName, column: string): string | undefined {
  for (const [prop, col] of info(name).columns) if (col === column) return prop;
  return undefined;
}

/**
 * One prepared INSERT per table and connection naming every column, with values converted as
 * drizzle's insert builder converts them (mapToDriverValue; an omitted column gets its default
 * or null). Building and preparing the statement for every row was most of a bulk load's time.
 */
interface InsertPlan {
  stmt: Database.Statement;
  cols: { prop: string; col: SQLiteColumn }[];
}
const insertPlans = new WeakMap<Database.Database, Map<SyncedTableName, InsertPlan>>();
function insertPlan(sqlite: Database.Database, name: SyncedTableName): InsertPlan {
  let plans = insertPlans.get(sqlite);
  if (!plans) insertPlans.set(sqlite, (plans = new Map()));
  let plan = plans.get(name);
  if (!plan) {
    const { table, sqlName } = info(name);
    const cols = Object.entries(getTableColumns(table)).map(([prop, col]) => ({
      prop,
      col: col as SQLiteColumn,
    }));
    const names = cols.map((c) => `"${c.col.name}"`).join(', ');
    plan = {
      stmt: sqlite.prepare(`INSERT INTO "${sqlName}" (${names}) VALUES (${cols.map(() => '?').join(', ')})`),
      cols,
    };
    plans.set(name, plan);
  }
  return plan;
}
function driverValue(col: SQLiteColumn, v: unknown): unknown {
  if (v === undefined) {
    if (col.default !== null && col.default !== undefined)
      return is(col.default, SQL) ? null : col.mapToDriverValue(col.default);
    if (col.defaultFn !== undefined) return driverValue(col, col.defaultFn());
    return null;
  }
  return v === null ? null : col.mapToDriverValue(v);
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
    `INSERT INTO change_log (origin, origin_seq, hlc, office_id, actor, tbl, row_id, op, data, base)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );

  const run = sqlite.transaction((): T =>
    withWriteGate(sqlite, () => {
      const lastText = getLocal(store, 'hlc');
      let clock: HlcState = lastText
        ? parseHlc(lastText)
        : { millis: 0, counter: 0, node: store.installationId };
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
      const log = (
        table: SyncedTableName,
        rowId: string,
        op: 'insert' | 'update',
        data: Record<string, unknown>,
        base: Record<string, string[]> | null,
      ) => {
        seq += 1;
        insertLog.run(
          store.installationId,
          seq,
          stamp(),
          officeId,
          ctx.actor,
          info(table).sqlName,
          rowId,
          op,
          JSON.stringify(data),
          base && JSON.stringify(base),
        );
      };

      // what derived data follow: the cases whose rows are written, and the rules as they stood
      // before the first write of a table they are read from
      const touched = new Set<string>();
      let rulesBefore: DeadlineRules | undefined;
      const writing = (table: SyncedTableName, ...rows: Record<string, unknown>[]) => {
        const caseOf = caseIdOfRow(table);
        if (caseOf)
          for (const row of rows) {
            const caseId = caseOf(row);
            if (caseId) touched.add(caseId);
          }
        if (!rulesBefore && RULE_TABLES.has(table)) rulesBefore = loadRules(store);
      };

      const m: Mutator = {
        get hlc() {
          return current;
        },
        actor: ctx.actor,
        officeId,
        stamp,
        insert(table, row) {
          // the whole row, defaults included, so a replica with other defaults rebuilds it exactly
          const full = { ...defaultsOf(table), ...(row as Record<string, unknown>) };
          const columns = toColumns(table, full);
          writing(table, columns);
          const plan = insertPlan(sqlite, table);
          plan.stmt.run(plan.cols.map(({ prop, col }) => driverValue(col, full[prop])));
          log(table, row.id, 'insert', columns, null);
        },
        update(table, id, changes, settle) {
          const { table: t, sqlName } = info(table);
          const idCol = (t as unknown as { id: Parameters<typeof eq>[0] }).id;
          const before = db.select().from(t).where(eq(idCol, id)).get() as
            Record<string, unknown> | undefined;
          if (!before) throw new UserError(`要修改的记录不存在（${table} ${id}）`);
          const changed: Record<string, unknown> = {};
          for (const [k, v] of Object.entries(changes)) {
            if (v === undefined) continue;
            if (before[k] !== v || (settle && info(table).columns.get(k) === settle.field)) changed[k] = v;
          }
          const fields = Object.keys(changed);
          if (fields.length === 0) return [];
          const columns = toColumns(table, changed);
          const beforeColumns = toColumns(table, before);
          writing(table, beforeColumns, { ...beforeColumns, ...columns });
          db.update(t)
            .set(changed as never)
            .where(eq(idCol, id))
            .run();
          const derived = DERIVED_FIELDS[table];
          const versioned = Object.keys(columns).filter((c) => !derived?.has(c));
          const base = versioned.length ? shownStamps(sqlite, sqlName, id, versioned) : null;
          if (settle && base) base[settle.field] = settle.versions;
          log(table, id, 'update', columns, base);
          // the shown version of a conflicted field changed: its surviving versions did too
          if (versioned.length && hasConflicts(sqlite, sqlName, id))
            materializeRow(sqlite, table, id, caseIdOfRow(table));
          return fields;
        },
      };

      const result = fn(m);
      refreshDerived(store, touched, { rulesBefore });
      if (current) setLocal(store, 'hlc', current);
      return result;
    }),
  );
  return run.immediate();
}

export type { Row, Insert };
