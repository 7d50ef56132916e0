/**
 * How a row's value follows from its operations, so every replica that holds the same set of
 * operations holds the same register, whatever order they arrived in:
 * - a row exists once an insert of it is held; until then its updates wait in the change log;
 * - each field shows the value of the write with the latest HLC stamp;
 * - every update names, per field, the versions it replaced (change_log.base). Writes that no
 *   other write replaced are the field's surviving versions; when more than one survives with
 *   different values, the field is in conflict: the latest one shows, the others are kept in
 *   sync_conflicts until a person settles them with a write that replaces all of them.
 * Derived fields (a case's status, folded from its events) never conflict and are not taken from
 * the writes: a row already written keeps them as this register derived them, and whoever
 * rewrites a row of a case derives them again (derived.ts).
 */
import { getTableColumns, is, SQL } from 'drizzle-orm';
import { getTableConfig, type SQLiteTable } from 'drizzle-orm/sqlite-core';
import type Database from 'better-sqlite3';
import * as schema from '../../../db/schema';
import type { SyncedTableName } from '../../../db/schema';
import type { ConflictVersion } from '../../contract';

/** Fields computed from other data on every replica: written, but never a conflict. */
export const DERIVED_FIELDS: Partial<Record<SyncedTableName, ReadonlySet<string>>> = {
  cases: new Set(['status']),
};

/** One operation as stored in the change log and carried in packages. */
export interface Operation {
  origin: string;
  seq: number;
  hlc: string;
  officeId: string;
  actor: string | null;
  tbl: string;
  rowId: string;
  op: 'insert' | 'update';
  /** JSON object of column values, exactly as written by the origin */
  data: string;
  /** JSON object: column → HLC stamps replaced; null for inserts and for old updates */
  base: string | null;
}

export function isSyncedTable(name: string): name is SyncedTableName {
  return Object.prototype.hasOwnProperty.call(schema.SYNCED_TABLES, name);
}

interface TableShape {
  sqlName: string;
  /** column name → default driver value (null when none) */
  columns: Map<string, unknown>;
  /** the column names in the order of upsertSql's parameters */
  names: string[];
  /** INSERT … ON CONFLICT(id) DO UPDATE of every column (prepared statements are cached per connection) */
  upsertSql: string;
}
const shapes = new Map<string, TableShape>();

export function tableShape(name: SyncedTableName): TableShape {
  let s = shapes.get(name);
  if (!s) {
    const table = schema.SYNCED_TABLES[name] as SQLiteTable;
    const sqlName = getTableConfig(table).name;
    const columns = new Map<string, unknown>();
    for (const col of Object.values(getTableColumns(table))) {
      const d = col.default;
      const plain = col.hasDefault && d !== undefined && !is(d, SQL) ? d : null;
      columns.set(col.name, typeof plain === 'boolean' ? (plain ? 1 : 0) : plain);
    }
    const names = [...columns.keys()];
    const sql =
      `INSERT INTO "${sqlName}" (${names.map((c) => `"${c}"`).join(', ')}) VALUES (${names.map(() => '?').join(', ')}) ` +
      `ON CONFLICT(id) DO UPDATE SET ${names
        .filter((c) => c !== 'id')
        .map((c) => `"${c}" = excluded."${c}"`)
        .join(', ')}`;
    s = { sqlName, columns, names, upsertSql: sql };
    shapes.set(name, s);
  }
  return s;
}

export interface ParsedOp {
  op: Operation;
  data: Record<string, unknown>;
  base: Record<string, string[]> | null;
}

export function parseOperation(op: Operation): ParsedOp {
  return {
    op,
    data: JSON.parse(op.data) as Record<string, unknown>,
    base: op.base ? (JSON.parse(op.base) as Record<string, string[]>) : null,
  };
}

/** Every operation held for one row, oldest stamp first. */
export function rowOperations(sqlite: Database.Database, tbl: string, rowId: string): Operation[] {
  return sqlite
    .prepare(
      `SELECT origin, origin_seq AS seq, hlc, office_id AS officeId, actor, tbl, row_id AS rowId, op, data, base
       FROM change_log WHERE tbl = ? AND row_id = ? ORDER BY hlc`,
    )
    .all(tbl, rowId) as Operation[];
}

/** The writes of a field that no other write replaced. */
function survivors(writers: ParsedOp[], field: string): ParsedOp[] {
  const replaced = new Set<string>();
  for (const w of writers) {
    if (w.op.op !== 'update') continue;
    const b = w.base?.[field];
    if (b) b.forEach((h) => replaced.add(h));
    // an update written before versions were recorded replaced whatever it had seen: all older writes
    else for (const o of writers) if (o.op.hlc < w.op.hlc) replaced.add(o.op.hlc);
  }
  return writers.filter((w) => !replaced.has(w.op.hlc));
}

/** The stamp of the write each field currently shows: what a local update replaces. */
export function shownStamps(
  sqlite: Database.Database,
  tbl: string,
  rowId: string,
  fields: string[],
): Record<string, string[]> {
  const ops = rowOperations(sqlite, tbl, rowId);
  const out: Record<string, string[]> = {};
  for (const f of fields) {
    for (let i = ops.length - 1; i >= 0; i--) {
      if (f in (JSON.parse(ops[i].data) as object)) {
        out[f] = [ops[i].hlc];
        break;
      }
    }
  }
  return out;
}

export interface Materialized {
  /** the row exists (an insert is held) */
  exists: boolean;
  /** columns named by operations that this version does not know */
  unknownColumns: string[];
  /** fields now in conflict */
  conflicts: number;
  /** the values written, by column name (when the row exists) */
  row?: Record<string, unknown>;
}

/**
 * Rewrites one row from all its operations, and its conflicts; its derived fields stay as they
 * are. The caller holds the write gate and the transaction.
 */
export function materializeRow(
  sqlite: Database.Database,
  name: SyncedTableName,
  rowId: string,
  caseIdOf?: (row: Record<string, unknown>) => string | null,
): Materialized {
  const ops = rowOperations(sqlite, tableShape(name).sqlName, rowId).map(parseOperation);
  return writeRow(sqlite, name, rowId, ops, caseIdOf, true);
}

/**
 * Writes a row none of whose operations was held before: `ops` (stamp order) are all it has, so
 * the change log need not be read back, and it can have no conflicts recorded yet. The result
 * is the one materializeRow gives once these operations are logged.
 */
export function materializeNewRow(
  sqlite: Database.Database,
  name: SyncedTableName,
  rowId: string,
  ops: ParsedOp[],
  caseIdOf?: (row: Record<string, unknown>) => string | null,
): Materialized {
  return writeRow(sqlite, name, rowId, ops, caseIdOf, false);
}

function writeRow(
  sqlite: Database.Database,
  name: SyncedTableName,
  rowId: string,
  ops: ParsedOp[],
  caseIdOf: ((row: Record<string, unknown>) => string | null) | undefined,
  heldBefore: boolean,
): Materialized {
  const shape = tableShape(name);
  const unknown = new Set<string>();
  const values = new Map<string, unknown>();
  // one operation gives each field one version: no conflict to look for (most rows of a package)
  const writers = ops.length > 1 ? new Map<string, ParsedOp[]>() : null;
  let inserted = false;
  for (const p of ops) {
    if (p.op.op === 'insert') inserted = true;
    for (const [col, v] of Object.entries(p.data)) {
      if (!shape.columns.has(col)) {
        unknown.add(col);
        continue;
      }
      values.set(col, v); // ops are in stamp order: the last write wins
      if (!writers) continue;
      let list = writers.get(col);
      if (!list) writers.set(col, (list = []));
      list.push(p);
    }
  }
  if (!inserted) return { exists: false, unknownColumns: [...unknown], conflicts: 0 };
  const row: Record<string, unknown> = {};
  for (const [col, d] of shape.columns) row[col] = values.has(col) ? values.get(col) : d;
  row.id = rowId;
  const derived = DERIVED_FIELDS[name];
  // the latest write of a derived field is no truth (an import folds a case's status without
  // logging it): a row already written keeps what was derived here
  if (derived && heldBefore) {
    const current = sqlite
      .prepare(`SELECT ${[...derived].map((c) => `"${c}"`).join(', ')} FROM "${shape.sqlName}" WHERE id = ?`)
      .get(rowId) as Record<string, unknown> | undefined;
    if (current) for (const col of derived) row[col] = current[col];
  }
  sqlite.prepare(shape.upsertSql).run(shape.names.map((c) => row[c] ?? null));

  const caseId = caseIdOf ? caseIdOf(row) : null;
  let conflicts = 0;
  if (heldBefore) clearConflicts(sqlite, shape.sqlName, rowId);
  for (const [col, list] of writers ?? []) {
    // a field written once has one version: nothing to compare
    if (list.length < 2 || col === 'id' || derived?.has(col)) continue;
    const alive = survivors(list, col);
    if (new Set(alive.map((w) => JSON.stringify(w.data[col]))).size < 2) continue;
    const versions: ConflictVersion[] = alive
      .sort((a, b) => (a.op.hlc < b.op.hlc ? 1 : -1))
      .map((w) => ({
        hlc: w.op.hlc,
        value: w.data[col],
        origin: w.op.origin,
        officeId: w.op.officeId,
        actor: w.op.actor,
      }));
    sqlite
      .prepare('INSERT INTO sync_conflicts (tbl, row_id, field, versions, case_id) VALUES (?, ?, ?, ?, ?)')
      .run(shape.sqlName, rowId, col, JSON.stringify(versions), caseId);
    conflicts++;
  }
  return { exists: true, unknownColumns: [...unknown], conflicts, row };
}

function clearConflicts(sqlite: Database.Database, tbl: string, rowId: string) {
  sqlite.prepare('DELETE FROM sync_conflicts WHERE tbl = ? AND row_id = ?').run(tbl, rowId);
}

/** Whether a row has unsettled conflicts (a local edit then rewrites them). */
export function hasConflicts(sqlite: Database.Database, tbl: string, rowId: string): boolean {
  return !!sqlite
    .prepare('SELECT 1 FROM sync_conflicts WHERE tbl = ? AND row_id = ? LIMIT 1')
    .get(tbl, rowId);
}

/** The case a row of the register belongs to (for the conflicts screen). */
export function caseIdOfRow(
  name: SyncedTableName,
): ((row: Record<string, unknown>) => string | null) | undefined {
  if (name === 'cases') return (r) => r.id as string;
  if (name === 'petitioners' || name === 'case_events' || name === 'attachments' || name === 'documents')
    return (r) => r.case_id as string;
  return undefined;
}
