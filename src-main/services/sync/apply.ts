/**
 * Applying operations received from other offices. Operations already held (same origin and
 * sequence) are ignored, so a package imported twice changes nothing; each touched row is then
 * rewritten from all of its operations (sync/merge.ts), so the order packages arrive in does not
 * matter. A row none of whose operations was held before (most of a large package) is written
 * from the package's operations in memory; any other from what the change log holds. What is
 * derived locally follows in the same transaction (derived.ts refreshDerived): a case's status
 * (folded from its events), its work-list clocks and report facts, its search entry; every case's
 * clocks and facts when the package changed the rules. The caller owns the transaction.
 */
import type Database from 'better-sqlite3';
import { withWriteGate, type Store } from '../database';
import { loadRules } from '../deadlines';
import { refreshDerived, type WrittenRows } from '../derived';
import { getLocal, setLocal } from '../local-state';
import { formatHlc, parseHlc, receive, type HlcState } from '../hlc';
import { UserError } from '../errors';
import type { SyncedTableName } from '../../../db/schema';
import type { ApplySummary } from '../../contract';
import {
  caseIdOfRow,
  isSyncedTable,
  materializeNewRow,
  materializeRow,
  parseOperation,
  type Materialized,
  type Operation,
  type ParsedOp,
} from './merge';

const SETTINGS_TABLES = new Set([
  'offices',
  'calendar_days',
  'categories',
  'villages',
  'units',
  'staff',
  'letter_templates',
]);
const CASE_TABLES = new Set(['cases', 'petitioners', 'case_events', 'attachments', 'documents']);
const LEDGER_TABLES = new Set(['disputes', 'daily_reports', 'reception_days']);

/** Deletions beyond this share of the live register (and at least MASS_DELETE_MIN cases) are held. */
export const MASS_DELETE_SHARE = 0.1;
export const MASS_DELETE_MIN = 10;

/** Cases the operations would newly mark deleted (checked before anything is written). */
export function deletionsIn(sqlite: Database.Database, ops: Operation[]): number {
  const held = sqlite.prepare('SELECT 1 FROM change_log WHERE origin = ? AND origin_seq = ?');
  const live = sqlite.prepare('SELECT 1 FROM cases WHERE id = ? AND deleted = 0');
  const ids = new Set<string>();
  for (const o of ops) {
    if (o.tbl !== 'cases' || !o.data.includes('"deleted"')) continue;
    const d = JSON.parse(o.data) as { deleted?: unknown };
    if (d.deleted !== 1 && d.deleted !== true) continue;
    if (held.get(o.origin, o.seq) || !live.get(o.rowId)) continue;
    ids.add(o.rowId);
  }
  return ids.size;
}

/** Throws when a package would delete an unusual share of the register and nobody confirmed it. */
export function checkMassDeletion(sqlite: Database.Database, ops: Operation[], confirmed: boolean): number {
  const n = deletionsIn(sqlite, ops);
  if (confirmed || n < MASS_DELETE_MIN) return n;
  const live = (sqlite.prepare('SELECT count(*) AS n FROM cases WHERE deleted = 0').get() as { n: number }).n;
  if (n > live * MASS_DELETE_SHARE) {
    throw new UserError(
      `此交换包将删除 ${n} 件信访事项（占本机台账 ${Math.round((n / Math.max(live, 1)) * 100)}%），比例异常，已暂停导入。请与发送单位核实；确认无误后可选择“确认删除并导入”`,
    );
  }
  return n;
}

/**
 * Applies operations inside the caller's transaction with the write gate open. Progress is
 * reported per operation stored and per row rewritten.
 */
export function applyOperations(
  store: Store,
  ops: Operation[],
  onProgress?: (done: number, total: number) => void,
): ApplySummary {
  const { sqlite } = store;
  const summary: ApplySummary = {
    received: ops.length,
    fresh: 0,
    newCases: [],
    updatedCases: [],
    events: {},
    settings: {},
    ledgers: {},
    deletedCases: 0,
    conflicts: 0,
    deferred: 0,
    clockAheadMinutes: 0,
  };
  const insert = sqlite.prepare(
    `INSERT OR IGNORE INTO change_log (origin, origin_seq, hlc, office_id, actor, tbl, row_id, op, data, base)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  // change_log ids only grow (AUTOINCREMENT): every entry above this one is from this package
  const logEnd = (sqlite.prepare('SELECT coalesce(max(id), 0) AS n FROM change_log').get() as { n: number })
    .n;
  // the office's day counting and calendar as they stand before the package (it may change them)
  const rulesBefore = loadRules(store);
  /** the fresh operations of each touched row, by table, in package order (parsed when the row is written: short-lived) */
  const touched = new Map<string, Map<string, Operation[]>>();
  let newest: string | null = null;
  const total = ops.length * 2;
  let done = 0;
  for (const o of ops) {
    const r = insert.run(o.origin, o.seq, o.hlc, o.officeId, o.actor, o.tbl, o.rowId, o.op, o.data, o.base);
    if (++done % 5000 === 0) onProgress?.(done, total);
    if (r.changes === 0) continue;
    summary.fresh++;
    if (!newest || o.hlc > newest) newest = o.hlc;
    let rows = touched.get(o.tbl);
    if (!rows) touched.set(o.tbl, (rows = new Map()));
    const list = rows.get(o.rowId);
    if (list) list.push(o);
    else rows.set(o.rowId, [o]);
  }
  done = ops.length;
  const held = rowsHeldBefore(sqlite, logEnd, touched, summary.fresh);

  const deferred = sqlite.prepare('INSERT OR IGNORE INTO sync_deferred (tbl, row_id) VALUES (?, ?)');
  const caseLive = sqlite.prepare('SELECT deleted FROM cases WHERE id = ?') as Database.Statement<
    [string],
    { deleted: number }
  >;
  const caseIds = new Set<string>();
  // what derived.ts would read back of the touched cases, kept as written
  const written: WrittenRows = { events: new Map(), petitioners: new Map() };
  for (const [tbl, rows] of touched) {
    if (!isSyncedTable(tbl)) {
      // a table a newer version added: kept, applied after the upgrade
      for (const id of rows.keys()) deferred.run(tbl, id);
      summary.deferred += rows.size;
      continue;
    }
    const caseOf = caseIdOfRow(tbl);
    const heldHere = held.get(tbl);
    const settingsRow = SETTINGS_TABLES.has(tbl)
      ? sqlite.prepare(`SELECT * FROM "${tbl}" WHERE id = ?`)
      : null;
    for (const [id, freshOps] of rows) {
      const fresh = freshOps.map(parseOperation);
      if (tbl === 'case_events') {
        for (const p of fresh) {
          if (p.op.op !== 'insert') continue;
          const kind = typeof p.data.kind === 'string' ? p.data.kind : '';
          summary.events[kind] = (summary.events[kind] ?? 0) + 1;
        }
      }
      const before = tbl === 'cases' ? caseLive.get(id) : undefined;
      // the same shipped list or office row written on both sides changes nothing: not reported
      const settingsBefore = settingsRow ? JSON.stringify(settingsRow.get(id) ?? null) : null;
      // A row whose operations all arrived just now is built from them in memory; a row with
      // operations held before is rewritten from everything the change log holds for it.
      const m = heldHere?.has(id)
        ? materializeRowChecked(store, tbl, id, () => materializeRow(sqlite, tbl, id, caseOf))
        : materializeRowChecked(store, tbl, id, () =>
            materializeNewRow(sqlite, tbl, id, byStamp(fresh), caseOf),
          );
      if (++done % 5000 === 0) onProgress?.(done, total);
      if (m.unknownColumns.length) {
        deferred.run(tbl, id);
        summary.deferred++;
      }
      summary.conflicts += m.conflicts;
      if (!m.row) continue;
      if (settingsRow && JSON.stringify(settingsRow.get(id) ?? null) !== settingsBefore)
        summary.settings[tbl] = (summary.settings[tbl] ?? 0) + 1;
      if (LEDGER_TABLES.has(tbl)) summary.ledgers[tbl] = (summary.ledgers[tbl] ?? 0) + 1;
      if (CASE_TABLES.has(tbl)) {
        caseIds.add(tbl === 'cases' ? id : (m.row.case_id as string));
        const kept =
          tbl === 'case_events' ? written.events : tbl === 'petitioners' ? written.petitioners : null;
        if (kept) {
          const list = kept.get(m.row.case_id as string);
          if (list) list.push(m.row);
          else kept.set(m.row.case_id as string, [m.row]);
        }
        if (tbl === 'cases') {
          if (!before) summary.newCases.push(id);
          if (m.row.deleted && !before?.deleted) summary.deletedCases++;
        }
      }
    }
  }
  const newSet = new Set(summary.newCases);
  summary.updatedCases = [...caseIds].filter((id) => !newSet.has(id));

  // derived data of the touched cases; new rules (office, calendar) rebuild every case's clocks
  refreshDerived(store, caseIds, { rulesBefore, written });

  if (newest) {
    const remote = parseHlc(newest);
    const wall = Date.now();
    summary.clockAheadMinutes = Math.max(0, Math.round((remote.millis - wall) / 60000));
    const lastText = getLocal(store, 'hlc');
    const last: HlcState = lastText
      ? parseHlc(lastText)
      : { millis: 0, counter: 0, node: store.installationId };
    // later local writes sort after everything received, so they replace what was seen
    setLocal(store, 'hlc', formatHlc(receive(last, remote, wall)));
  }
  onProgress?.(total, total);
  return summary;
}

/**
 * The rows, by table, that already had operations in the change log before the entry `logEnd`
 * and were touched after it (`touched`, from `fresh` new entries). Whichever side is smaller is
 * read: a register holding fewer entries than the package brought (a first import) reads its
 * old entries and looks each up in `touched`; otherwise one pass over the new entries by id (NOT
 * INDEXED keeps SQLite from scanning the whole row index instead), each checked with one seek in
 * that index.
 */
function rowsHeldBefore(
  sqlite: Database.Database,
  logEnd: number,
  touched: Map<string, Map<string, unknown>>,
  fresh: number,
): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  const add = (tbl: string, rowId: string) => {
    let set = out.get(tbl);
    if (!set) out.set(tbl, (set = new Set()));
    set.add(rowId);
  };
  // ids only grow and entries are never removed: logEnd bounds the old entries' count
  if (logEnd < fresh) {
    const old = sqlite
      .prepare('SELECT tbl, row_id FROM change_log WHERE id <= ?')
      .raw()
      .iterate(logEnd) as Iterable<[string, string]>;
    for (const [tbl, rowId] of old) if (touched.get(tbl)?.has(rowId)) add(tbl, rowId);
    return out;
  }
  const rows = sqlite
    .prepare(
      `SELECT n.tbl, n.row_id AS rowId FROM change_log n NOT INDEXED
       WHERE n.id > ? AND EXISTS (SELECT 1 FROM change_log o WHERE o.tbl = n.tbl AND o.row_id = n.row_id AND o.id <= ?)`,
    )
    .all(logEnd, logEnd) as { tbl: string; rowId: string }[];
  for (const r of rows) add(r.tbl, r.rowId);
  return out;
}

/** Oldest stamp first, as the change log reads them back (stamps are unique). */
function byStamp(ops: ParsedOp[]): ParsedOp[] {
  return ops.length < 2
    ? ops
    : ops.slice().sort((a, b) => (a.op.hlc < b.op.hlc ? -1 : a.op.hlc > b.op.hlc ? 1 : 0));
}

function materializeRowChecked(
  store: Store,
  tbl: SyncedTableName,
  id: string,
  write: () => Materialized,
): Materialized {
  try {
    return write();
  } catch (e) {
    if ((e as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE' && tbl === 'cases') {
      const no = store.sqlite
        .prepare(
          `SELECT json_extract(data, '$.case_no') AS no FROM change_log WHERE tbl = 'cases' AND row_id = ? AND op = 'insert'`,
        )
        .get(id) as { no: string } | undefined;
      throw new UserError(
        `交换包中的信访事项编号 ${no?.no ?? ''} 与本机已有的另一件事项重复，未作任何改动。可能是同一单位在两台电脑上各自登记：请联系县信访局技术人员处理`,
      );
    }
    throw e;
  }
}

/** After an upgrade: rows whose operations named tables or columns unknown before are rewritten. */
export function replayDeferred(store: Store): number {
  const { sqlite } = store;
  const rows = sqlite.prepare('SELECT tbl, row_id AS rowId FROM sync_deferred').all() as {
    tbl: string;
    rowId: string;
  }[];
  if (rows.length === 0) return 0;
  let replayed = 0;
  sqlite.transaction(() =>
    withWriteGate(sqlite, () => {
      const rulesBefore = loadRules(store);
      const done = sqlite.prepare('DELETE FROM sync_deferred WHERE tbl = ? AND row_id = ?');
      const caseIds = new Set<string>();
      for (const r of rows) {
        if (!isSyncedTable(r.tbl)) continue;
        const caseOf = caseIdOfRow(r.tbl);
        const m = materializeRow(sqlite, r.tbl, r.rowId, caseOf);
        if (m.unknownColumns.length === 0) {
          done.run(r.tbl, r.rowId);
          replayed++;
          // a petitioner, event, attachment or letter changes what its case derives too
          const caseId = m.row && caseOf?.(m.row);
          if (caseId) caseIds.add(caseId);
        }
      }
      refreshDerived(store, caseIds, { rulesBefore });
    }),
  )();
  return replayed;
}
