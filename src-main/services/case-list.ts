/**
 * The filtered list behind the 台账 screen: a filter as SQL (also behind the report figures'
 * drill-down and the benchmark), its rows page by page with their petitioners, and its count;
 * ledger-export.ts writes the same rows to a workbook.
 */
import type { ApiParsed, CaseFilter, CaseList, CaseRow, Channel, Flag, MatterType } from '../contract';
import { maskIdNumber, maskPhone } from '../contract';
import type { Store } from './database';
import { KEY_SPAN, toMatchQuery } from './search-index';
import { todayLocal } from './local-time';
import { measureSql } from './reports/measures';
import { FLAG_SQL, flagsOf } from './case-flags';

/**
 * The list filters' covering indexes (db/schema.ts), most selective column first. Named rather
 * than left to the planner: without statistics it cannot tell that a village narrows a register
 * far more than a status most cases share, and sampled statistics cannot either.
 */
const LIST_INDEXES = [
  { key: 'villageId', index: 'cases_village_list', ties: ['status', 'category_id'] },
  { key: 'categoryId', index: 'cases_category_list', ties: ['status', 'village_id'] },
  { key: 'status', index: 'cases_status_list', ties: ['village_id', 'category_id'] },
] as const;

/** Table (with its index), WHERE clause and parameters of a register filter; values are bound, never spliced. */
export function filterSql(
  filter: CaseFilter,
): { source: string; where: string; params: unknown[]; order: string[] } | null {
  // a search drives from its own hits (the rowid IN clause below), however broad the other filters
  const list = filter.q ? undefined : LIST_INDEXES.find(({ key }) => filter[key]?.length);
  const source = list ? `cases c INDEXED BY ${list.index}` : 'cases c';
  // newest received first; within the same minute, the index's own order, so a page is read
  // straight off the index without sorting (and every page of a filter agrees on it)
  const order = ['received_at', ...(list?.ties ?? []), 'rowid'];
  const clauses = ['c.deleted = 0'];
  const params: unknown[] = [];
  // a filter on a tie column is written "+c.col": as a plain equality SQLite would take the
  // column for a constant and then fail to see that the index already gives the order
  const ties: readonly string[] = list?.ties ?? [];
  const inList = (col: string, values?: string[]) => {
    if (!values?.length) return;
    const term = ties.includes(col.slice(2)) ? `+${col}` : col;
    // '' stands for "none chosen" (a report's row of cases without a village, say)
    const given = values.filter((v) => v !== '');
    const terms = [
      ...(given.length ? [`${term} IN (${given.map(() => '?').join(',')})`] : []),
      ...(given.length < values.length ? [`${col} IS NULL`] : []),
    ];
    clauses.push(terms.length > 1 ? `(${terms.join(' OR ')})` : terms[0]);
    params.push(...given);
  };
  inList('c.status', filter.status);
  inList('c.channel', filter.channel);
  inList('c.matter_type', filter.matterType);
  inList('c.category_id', filter.categoryId);
  inList('c.village_id', filter.villageId);
  // a township's cases are those it handles: assigned (交办) to it, else registered by it and not
  // assigned on (the list's 乡镇 column, and the office a case's report facts count under); a
  // reception day's visits are the receiving office's, wherever the case went next
  if (filter.officeId?.length) {
    const office =
      filter.measure === 'reception' ? 'c.office_id' : 'coalesce(c.assigned_office_id, c.office_id)';
    clauses.push(`${office} IN (${filter.officeId.map(() => '?').join(',')})`);
    params.push(...filter.officeId);
  }
  if (filter.from) {
    clauses.push('c.received_at >= ?');
    params.push(filter.from);
  }
  if (filter.to) {
    clauses.push('c.received_at < ?');
    params.push(`${filter.to}T99`);
  }
  for (const f of filter.flags ?? []) clauses.push(FLAG_SQL[f]);
  // a report figure's cases: its condition on the cases' report facts, within the same dates
  const facts: string[] = [];
  const factParams: unknown[] = [];
  if (filter.from) {
    facts.push('received_on >= ?');
    factParams.push(filter.from);
  }
  if (filter.to) {
    facts.push('received_on <= ?');
    factParams.push(filter.to);
  }
  const dated = facts.length;
  if (filter.unitId?.length) {
    facts.push(`unit_id IN (${filter.unitId.map(() => '?').join(',')})`);
    factParams.push(...filter.unitId);
  }
  if (filter.measure) {
    const m = measureSql(filter.measure, filter.asOf ?? todayLocal());
    facts.push(m.where);
    factParams.push(...m.params);
  }
  if (facts.length > dated) {
    clauses.push(`c.id IN (SELECT case_id FROM case_facts WHERE ${facts.join(' AND ')})`);
    params.push(...factParams);
  }
  if (filter.q) {
    const match = toMatchQuery(filter.q);
    if (match === null) return null;
    clauses.push(`c.rowid IN (SELECT rowid % ${KEY_SPAN} FROM case_search WHERE case_search MATCH ?)`);
    params.push(match);
  }
  return { source, where: clauses.join(' AND '), params, order };
}

const ROW_COLUMNS = `SELECT c.id, c.case_no, c.received_at, c.channel, c.proxy_by, c.matter_type, c.summary, c.people_count,
  c.jointly, c.anonymous, c.skip_level, c.repeat_of, c.status, cat.name AS category, v.name AS village,
  coalesce(ao.name, o.name) AS office, coalesce(c.assigned_office_id, c.office_id) AS office_id`;
const ROW_JOINS = `LEFT JOIN categories cat ON cat.id = c.category_id LEFT JOIN villages v ON v.id = c.village_id
  LEFT JOIN offices o ON o.id = c.office_id LEFT JOIN offices ao ON ao.id = c.assigned_office_id`;

interface ListRecord {
  id: string;
  case_no: string;
  received_at: string;
  channel: Channel;
  proxy_by: string | null;
  matter_type: MatterType;
  summary: string;
  people_count: number;
  jointly: number;
  anonymous: number;
  skip_level: number;
  repeat_of: string | null;
  status: string;
  category: string | null;
  village: string | null;
  /** the township handling the case: the one it was assigned to, else the one that registered it */
  office: string | null;
  office_id: string;
}

export interface FullRow extends ListRecord {
  petitioners: { name: string; idNumber: string | null; phone: string | null; address: string | null }[];
}

/**
 * When a filter is a search with at most a date range, the search index alone answers it: its
 * MATCH, plus the key range of the dates (keys order by received minute, see search-index.ts).
 * Null when other filters need the case table.
 */
function indexOnlySql(filter: CaseFilter): { where: string; params: string[] } | null {
  const match = filter.q ? toMatchQuery(filter.q) : null;
  if (match === null || hasListFilters(filter)) return null;
  const bound = (day: string) => `(CAST(strftime('%s', ${day}) AS INTEGER) / 60) * ${KEY_SPAN}`;
  const clauses = ['case_search MATCH ?'];
  const params = [match];
  if (filter.from) {
    clauses.push(`rowid >= ${bound('?')}`);
    params.push(filter.from);
  }
  if (filter.to) {
    clauses.push(`rowid < ${bound("date(?, '+1 day')")}`);
    params.push(filter.to);
  }
  return { where: clauses.join(' AND '), params };
}

/** Whether a filter narrows by status, channel, matter type, category, village or flags. */
function hasListFilters(filter: CaseFilter): boolean {
  return (
    [
      filter.status,
      filter.channel,
      filter.matterType,
      filter.categoryId,
      filter.villageId,
      filter.officeId,
      filter.flags,
      filter.unitId,
    ].some((l) => l?.length) || !!filter.measure
  );
}

/** Whether a filter asks for the whole live register. */
function isWholeRegister(filter: CaseFilter): boolean {
  return !filter.q && !filter.from && !filter.to && !hasListFilters(filter);
}

/** Rows of a filter in register order (newest received first), with their petitioners. */
export function queryRows(store: Store, filter: CaseFilter, offset: number, limit: number): FullRow[] {
  const f = filterSql(filter);
  if (!f) return [];
  let rows: ListRecord[];
  const index = indexOnlySql(filter);
  if (index) {
    // the index yields its hits newest-received first: read one page of them, sort nothing
    rows = store.sqlite
      .prepare(
        `${ROW_COLUMNS} FROM (SELECT rowid AS k FROM case_search WHERE ${index.where} ORDER BY rowid DESC LIMIT ? OFFSET ?) s
         JOIN cases c ON c.rowid = s.k % ${KEY_SPAN} ${ROW_JOINS} ORDER BY s.k DESC`,
      )
      .all(...index.params, limit, offset) as ListRecord[];
  } else {
    // pick the page's rows first, from the filter's covering index alone (a deep page skips
    // index entries, not case rows), then read just those rows
    const keys = f.order.map((col, i) => `c.${col} AS k${i}`).join(', ');
    const inner = f.order.map((col) => `c.${col} DESC`).join(', ');
    const outer = f.order.map((_, i) => `p.k${i} DESC`).join(', ');
    rows = store.sqlite
      .prepare(
        `${ROW_COLUMNS} FROM (SELECT ${keys} FROM ${f.source} WHERE ${f.where} ORDER BY ${inner} LIMIT ? OFFSET ?) p
         JOIN cases c ON c.rowid = p.k${f.order.length - 1} ${ROW_JOINS} ORDER BY ${outer}`,
      )
      .all(...f.params, limit, offset) as ListRecord[];
  }
  if (rows.length === 0) return [];
  const byCase = new Map<string, FullRow['petitioners']>();
  const stmt = store.sqlite.prepare(
    `SELECT case_id, name, id_number AS idNumber, phone, address FROM petitioners
     WHERE deleted = 0 AND case_id IN (SELECT value FROM json_each(?)) ORDER BY case_id, sort`,
  );
  for (const p of stmt.all(JSON.stringify(rows.map((r) => r.id))) as ({
    case_id: string;
  } & FullRow['petitioners'][number])[]) {
    const list = byCase.get(p.case_id) ?? [];
    list.push({ name: p.name, idNumber: p.idNumber, phone: p.phone, address: p.address });
    byCase.set(p.case_id, list);
  }
  return rows.map((r) => ({ ...r, petitioners: byCase.get(r.id) ?? [] }));
}

export function countRows(store: Store, filter: CaseFilter): number {
  const f = filterSql(filter);
  if (!f) return 0;
  if (isWholeRegister(filter)) {
    // all rows (counted on the smallest index) less the few tombstones
    return (
      store.sqlite
        .prepare('SELECT (SELECT count(*) FROM cases) - (SELECT count(*) FROM cases WHERE deleted = 1) AS n')
        .get() as { n: number }
    ).n;
  }
  const index = indexOnlySql(filter);
  if (index) {
    // the index holds live cases only (see unindexCase), so its own count is the answer
    return (
      store.sqlite
        .prepare(`SELECT count(*) AS n FROM case_search WHERE ${index.where}`)
        .get(...index.params) as { n: number }
    ).n;
  }
  return (
    store.sqlite.prepare(`SELECT count(*) AS n FROM ${f.source} WHERE ${f.where}`).get(...f.params) as {
      n: number;
    }
  ).n;
}

export function rowFlags(r: ListRecord): Flag[] {
  return flagsOf({
    peopleCount: r.people_count,
    repeatOf: r.repeat_of,
    jointly: !!r.jointly,
    anonymous: !!r.anonymous,
    skipLevel: !!r.skip_level,
  });
}

export function listCases(store: Store, input: ApiParsed<'cases.list'>): CaseList {
  const rows: CaseRow[] = queryRows(store, input.filter, input.offset, input.limit).map((r) => ({
    id: r.id,
    caseNo: r.case_no,
    receivedAt: r.received_at,
    channel: r.channel,
    matterType: r.matter_type,
    category: r.category,
    village: r.village,
    office: r.office,
    officeId: r.office_id,
    summary: r.summary,
    peopleCount: r.people_count,
    petitioners: r.petitioners.map((p) => p.name).join('、'),
    idNumber: maskIdNumber(r.petitioners[0]?.idNumber),
    phone: maskPhone(r.petitioners[0]?.phone),
    flags: rowFlags(r),
    status: r.status,
  }));
  return { total: countRows(store, input.filter), rows };
}
