/**
 * The conflicts screen's data: fields two offices changed concurrently, with every surviving
 * version, and settling one, which is an ordinary change (it syncs) replacing all of them.
 */
import type { Store } from '../database';
import { mutate, propertyOfColumn } from '../mutation';
import { UserError } from '../errors';
import { officeName } from '../office';
import type { Conflict, ConflictVersion } from '../../contract';
import { isSyncedTable } from './merge';
import { FIELD_LABELS } from '../register';

const TABLE_LABELS: Record<string, string> = {
  cases: '信访事项',
  petitioners: '信访人',
  case_events: '办理记录',
  attachments: '附件',
  villages: '村（社区）',
  units: '责任单位',
  staff: '工作人员',
  categories: '内容分类',
  offices: '单位',
  calendar_days: '节假日',
  disputes: '矛盾纠纷',
  daily_reports: '日报告',
  reception_days: '领导接访日',
};

/** Fields of the ledgers beside the register (the register's own are in register.ts). */
const LEDGER_FIELD_LABELS: Record<string, string> = {
  foundOn: '发现日期',
  parties: '当事人',
  kind: '纠纷类型',
  description: '简要情况',
  mediator: '调处人',
  status: '调处状态',
  resolution: '化解情况',
  resolvedOn: '化解日期',
  date: '日期',
  startTime: '开始时间',
  endTime: '结束时间',
  leaderId: '接访领导',
  place: '接访地点',
  note: '备注',
  deleted: '删除',
};

/** Rows a field may name by id, shown by their name. */
const NAMED_BY_ID: Record<string, string> = {
  villageId: 'villages',
  categoryId: 'categories',
  unitId: 'units',
  handlerId: 'staff',
  leaderId: 'staff',
};

export function listConflicts(store: Store, caseId?: string): Conflict[] {
  const rows = store.sqlite
    .prepare(
      `SELECT k.tbl, k.row_id AS rowId, k.field, k.case_id AS caseId, c.case_no AS caseNo, c.summary AS caseSummary, k.versions
       FROM sync_conflicts k LEFT JOIN cases c ON c.id = k.case_id
       ${caseId ? 'WHERE k.case_id = ?' : ''} ORDER BY c.received_at DESC, k.tbl, k.field`,
    )
    .all(...(caseId ? [caseId] : [])) as (Omit<Conflict, 'versions' | 'label'> & { versions: string })[];
  const nameOf = (table: string, id: unknown) =>
    (
      store.sqlite.prepare(`SELECT name FROM "${table}" WHERE id = ?`).get(String(id)) as
        { name: string } | undefined
    )?.name ?? null;
  return rows.map((r) => {
    const prop = isSyncedTable(r.tbl) ? propertyOfColumn(r.tbl, r.field) : undefined;
    const fieldLabel = (prop && (FIELD_LABELS[prop] ?? LEDGER_FIELD_LABELS[prop])) ?? prop ?? r.field;
    const owner = r.tbl === 'petitioners' ? nameOf('petitioners', r.rowId) : null;
    const show = (value: unknown): string => {
      if (value === null || value === undefined || value === '') return '（空）';
      if (
        typeof value === 'boolean' ||
        ((prop === 'jointly' || prop === 'anonymous' || prop === 'skipLevel') && typeof value === 'number')
      )
        return value ? '是' : '否';
      const table = prop ? NAMED_BY_ID[prop] : undefined;
      return (table && nameOf(table, value)) ?? String(value);
    };
    return {
      ...r,
      label: `${TABLE_LABELS[r.tbl] ?? r.tbl}${owner ? `（${owner}）` : ''}：${fieldLabel}`,
      versions: (JSON.parse(r.versions) as ConflictVersion[]).map((v) => ({
        ...v,
        office: officeName(store, v.officeId) ?? v.officeId,
        actorName: v.actor ? nameOf('staff', v.actor) : null,
        shown: show(v.value),
      })),
    };
  });
}

/** Settles a conflict with the value a person chose (one of the versions, or a new text). */
export function settleConflict(
  store: Store,
  input: { tbl: string; rowId: string; field: string; value: unknown },
  actor: string | null,
): void {
  const { tbl, rowId, field } = input;
  const conflict = store.sqlite
    .prepare('SELECT versions FROM sync_conflicts WHERE tbl = ? AND row_id = ? AND field = ?')
    .get(tbl, rowId, field) as { versions: string } | undefined;
  if (!conflict || !isSyncedTable(tbl)) throw new UserError('该冲突不存在或已由他人处理');
  const versions = (JSON.parse(conflict.versions) as ConflictVersion[]).map((v) => v.hlc);
  const prop = propertyOfColumn(tbl, field);
  if (!prop) throw new UserError('该字段在本版本中不存在，请升级软件后处理');
  // what the settled value moves (a case's clocks and search entry, or every clock when it is
  // the office's day counting or calendar) mutate brings along
  mutate(store, { actor }, (m) =>
    m.update(tbl, rowId, { [prop]: input.value } as never, { field, versions }),
  );
}
