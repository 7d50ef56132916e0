/**
 * The conflicts screen's data: fields two offices changed concurrently, with every surviving
 * version, and settling one, which is an ordinary change (it syncs) replacing all of them.
 */
import type { Store } from '../database';
import { mutate, propertyOfColumn } from '../mutation';
import { UserError } from '../errors';
import { reindexCase } from '../search-index';
import { isSyncedTable, type ConflictVersion } from './merge';

export interface Conflict {
  tbl: string;
  rowId: string;
  field: string;
  caseId: string | null;
  caseNo: string | null;
  /** the shown version first */
  versions: (ConflictVersion & { office: string })[];
}

export function listConflicts(store: Store, caseId?: string): Conflict[] {
  const rows = store.sqlite
    .prepare(
      `SELECT k.tbl, k.row_id AS rowId, k.field, k.case_id AS caseId, c.case_no AS caseNo, k.versions
       FROM sync_conflicts k LEFT JOIN cases c ON c.id = k.case_id
       ${caseId ? 'WHERE k.case_id = ?' : ''} ORDER BY c.received_at DESC, k.tbl, k.field`,
    )
    .all(...(caseId ? [caseId] : [])) as (Omit<Conflict, 'versions'> & { versions: string })[];
  const office = store.sqlite.prepare('SELECT name FROM offices WHERE id = ?');
  return rows.map((r) => ({
    ...r,
    versions: (JSON.parse(r.versions) as ConflictVersion[]).map((v) => ({ ...v, office: (office.get(v.officeId) as { name: string } | undefined)?.name ?? v.officeId })),
  }));
}

/** Settles a conflict with the value a person chose (one of the versions, or a new text). */
export function settleConflict(store: Store, input: { tbl: string; rowId: string; field: string; value: unknown }, actor: string | null): void {
  const { tbl, rowId, field } = input;
  const conflict = store.sqlite
    .prepare('SELECT versions, case_id AS caseId FROM sync_conflicts WHERE tbl = ? AND row_id = ? AND field = ?')
    .get(tbl, rowId, field) as { versions: string; caseId: string | null } | undefined;
  if (!conflict || !isSyncedTable(tbl)) throw new UserError('该冲突不存在或已由他人处理');
  const versions = (JSON.parse(conflict.versions) as ConflictVersion[]).map((v) => v.hlc);
  const prop = propertyOfColumn(tbl, field);
  if (!prop) throw new UserError('该字段在本版本中不存在，请升级软件后处理');
  mutate(store, { actor }, (m) => {
    m.update(tbl, rowId, { [prop]: input.value } as never, { field, versions });
    if (conflict.caseId) reindexCase(store, conflict.caseId);
  });
}

