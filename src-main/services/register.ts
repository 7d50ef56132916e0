/**
 * The register: intake of a petition, edits to its registration (kept in its history),
 * the case detail, and the filtered list behind the 台账 screen and its export.
 */
import { randomInt, randomUUID } from 'node:crypto';
import type {
  ApiParsed,
  CaseDetail,
  CaseFilter,
  CaseList,
  CaseRow,
  Channel,
  Flag,
  MatterType,
  PetitionerView,
} from '../contract';
import { COLLECTIVE_FROM, maskIdNumber, maskPhone, normalizePhone, parseIdNumber } from '../contract';
import type { Store } from './database';
import { mutate, type Mutator } from './mutation';
import { currentOfficeId, requireOffice } from './office';
import { KEY_SPAN, toMatchQuery } from './search-index';
import { UserError } from './errors';
import { nowLocal, todayLocal } from './local-time';
import { measureSql } from './reports/measures';
import { caseWorkflow, noticeOwed } from './deadlines';
import { isFinal } from './repeats';
import { requireHandledHere } from './handling-office';

export const QUERY_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ'; // no 0/O, 1/I/L

export function formatCaseNo(officeId: string, year: number, seq: number): string {
  return `${officeId}-${year}-${String(seq).padStart(5, '0')}`;
}

function newQueryCode(store: Store): string {
  const exists = store.sqlite.prepare('SELECT 1 FROM cases WHERE query_code = ?');
  for (;;) {
    let code = '';
    for (let i = 0; i < 8; i++) code += QUERY_CODE_ALPHABET[randomInt(QUERY_CODE_ALPHABET.length)];
    if (!exists.get(code)) return code;
  }
}

/** Next sequence of the office in the year the petition was received. */
function nextSeq(store: Store, officeId: string, year: number): number {
  const row = store.sqlite
    .prepare('SELECT max(seq) AS s FROM cases WHERE office_id = ? AND year = ?')
    .get(officeId, year) as { s: number | null };
  return (row.s ?? 0) + 1;
}

type PetitionerIn = ApiParsed<'cases.create'>['petitioners'][number];

function petitionerFields(p: PetitionerIn) {
  const parsed = p.idNumber ? parseIdNumber(p.idNumber) : null;
  const info = parsed?.ok ? parsed.info : null;
  return {
    name: p.name,
    idNumber: info?.idNumber ?? null,
    gender: info?.gender ?? null,
    birthDate: info?.birthDate ?? null,
    regionCode: info?.regionCode ?? null,
    phone: p.phone ? normalizePhone(p.phone) : null,
    address: p.address || null,
    villageId: p.villageId ?? null,
    representative: p.representative,
  };
}

function checkReferences(
  store: Store,
  input: {
    categoryId?: string | null;
    villageId?: string | null;
    repeatOf?: string | null;
    receivedAt: string;
  },
  selfId?: string,
) {
  const has = (table: string, id: string) =>
    !!store.sqlite.prepare(`SELECT 1 FROM ${table} WHERE id = ? AND deleted = 0`).get(id);
  if (input.categoryId && !has('categories', input.categoryId))
    throw new UserError('所选内容分类不存在，请重新选择', 'categoryId');
  if (input.villageId && !has('villages', input.villageId))
    throw new UserError('所选村/社区不存在，请重新选择', 'villageId');
  if (input.repeatOf) {
    if (input.repeatOf === selfId) throw new UserError('不能把事项标为自身的重复件', 'repeatOf');
    if (!has('cases', input.repeatOf)) throw new UserError('所标记的原信访事项不存在', 'repeatOf');
  }
  if (input.receivedAt > nowLocal().slice(0, 10) + 'T23:59')
    throw new UserError('收到时间不能晚于今天', 'receivedAt');
}

function caseFieldsOf(input: ApiParsed<'cases.create'> | ApiParsed<'cases.update'>) {
  return {
    channel: input.channel,
    proxyBy: input.channel === 'proxy' ? (input.proxyBy ?? null) : null,
    receivedAt: input.receivedAt,
    matterType: input.matterType,
    categoryId: input.categoryId ?? null,
    summary: input.summary,
    content: input.content,
    villageId: input.villageId ?? null,
    peopleCount: input.peopleCount,
    jointly: input.jointly,
    anonymous: input.anonymous,
    skipLevel: input.skipLevel,
    repeatOf: input.repeatOf ?? null,
  };
}

/** Appends one timeline event (registration, edit, attachment, letter issued) of a case inside a mutation; its id. */
export function appendEvent(m: Mutator, caseId: string, kind: string, data: Record<string, unknown>): string {
  const id = randomUUID();
  m.insert('case_events', {
    id,
    caseId,
    kind,
    at: nowLocal(),
    actor: m.actor,
    data: JSON.stringify(data),
    hlc: m.stamp(),
  });
  return id;
}

export function createCase(store: Store, input: ApiParsed<'cases.create'>, actor: string | null) {
  const office = requireOffice(store);
  checkReferences(store, input);
  if (input.notReaccepted && !isFinal(store, input.repeatOf!)) {
    throw new UserError(
      '所选原信访事项尚未经复核终结，不能登记为不再受理；如属重复信访请标为重复件',
      'repeatOf',
    );
  }
  const year = Number(input.receivedAt.slice(0, 4));
  return mutate(store, { actor }, (m) => {
    const seq = nextSeq(store, office.id, year);
    const id = randomUUID();
    const caseNo = formatCaseNo(office.id, year, seq);
    const queryCode = newQueryCode(store);
    m.insert('cases', {
      id,
      officeId: office.id,
      caseNo,
      year,
      seq,
      queryCode,
      registeredBy: actor,
      registeredAt: nowLocal(),
      status: input.notReaccepted ? 'notReaccepted' : 'registered',
      ...caseFieldsOf(input),
    });
    input.petitioners.forEach((p, i) =>
      m.insert('petitioners', { id: randomUUID(), caseId: id, sort: i, ...petitionerFields(p) }),
    );
    for (const a of input.attachments) {
      m.insert('attachments', {
        id: randomUUID(),
        caseId: id,
        sha256: a.sha256,
        fileName: a.fileName,
        mime: a.mime,
        size: a.size,
        addedAt: nowLocal(),
      });
    }
    appendEvent(m, id, 'registered', {
      channel: input.channel,
      repeatOf: input.repeatOf ?? null,
      ...(input.notReaccepted ? { notReacceptedOf: input.repeatOf } : {}),
    });
    return { id, caseNo, queryCode };
  });
}

/** Field labels for the history of edits and the conflicts screen. */
export const FIELD_LABELS: Record<string, string> = {
  channel: '信访形式',
  proxyBy: '代理人',
  receivedAt: '收到时间',
  matterType: '事项性质',
  categoryId: '内容分类',
  summary: '内容摘要',
  content: '信访内容',
  villageId: '所属村/社区',
  peopleCount: '人数',
  jointly: '联名',
  anonymous: '匿名',
  skipLevel: '越级',
  repeatOf: '重复件',
  name: '姓名',
  idNumber: '身份证号',
  phone: '电话',
  address: '住址',
  representative: '代表',
};

export function updateCase(store: Store, input: ApiParsed<'cases.update'>, actor: string | null): CaseDetail {
  const before = getCase(store, input.id);
  requireHandledHere(store, input.id);
  checkReferences(store, input, input.id);
  mutate(store, { actor }, (m) => {
    const changes: { field: string; label: string; before: unknown; after: unknown; petitioner?: string }[] =
      [];
    const fields = caseFieldsOf(input);
    const old: Record<string, unknown> = { ...before, repeatOf: before.repeatOfId ?? null };
    for (const f of m.update('cases', input.id, fields)) {
      changes.push({
        field: f,
        label: FIELD_LABELS[f] ?? f,
        before: old[f] ?? null,
        after: (fields as Record<string, unknown>)[f],
      });
    }

    const kept = new Set<string>();
    input.petitioners.forEach((p, i) => {
      const values = { sort: i, ...petitionerFields(p) };
      const prev = p.id ? before.petitioners.find((x) => x.id === p.id) : undefined;
      if (prev) {
        kept.add(prev.id);
        for (const f of m.update('petitioners', prev.id, values)) {
          if (!(f in FIELD_LABELS)) continue; // sort and the fields derived from the ID number
          changes.push({
            field: f,
            label: FIELD_LABELS[f],
            petitioner: prev.name,
            before: (prev as unknown as Record<string, unknown>)[f],
            after: (values as Record<string, unknown>)[f],
          });
        }
      } else {
        m.insert('petitioners', { id: randomUUID(), caseId: input.id, ...values });
        changes.push({ field: 'petitioner', label: '增加信访人', before: null, after: p.name });
      }
    });
    for (const prev of before.petitioners) {
      if (!kept.has(prev.id)) {
        m.update('petitioners', prev.id, { deleted: true });
        changes.push({ field: 'petitioner', label: '删除信访人', before: prev.name, after: null });
      }
    }
    if (changes.length) appendEvent(m, input.id, 'edited', { changes });
  });
  return getCase(store, input.id);
}

export function flagsOf(c: {
  peopleCount: number;
  repeatOf: string | null;
  jointly: boolean;
  anonymous: boolean;
  skipLevel: boolean;
}): Flag[] {
  const flags: Flag[] = [];
  if (c.peopleCount >= COLLECTIVE_FROM) flags.push('collective');
  flags.push(c.repeatOf ? 'repeat' : 'first');
  if (c.jointly) flags.push('jointly');
  if (c.anonymous) flags.push('anonymous');
  if (c.skipLevel) flags.push('skipLevel');
  return flags;
}

interface CaseRecord {
  id: string;
  office_id: string;
  case_no: string;
  query_code: string;
  channel: Channel;
  received_at: string;
  proxy_by: string | null;
  registered_by: string | null;
  registered_at: string;
  matter_type: MatterType;
  category_id: string | null;
  summary: string;
  content: string;
  village_id: string | null;
  people_count: number;
  jointly: number;
  anonymous: number;
  skip_level: number;
  repeat_of: string | null;
  status: string;
}

export function getCase(store: Store, id: string): CaseDetail & { repeatOfId?: string | null } {
  const { sqlite } = store;
  const c = sqlite.prepare('SELECT * FROM cases WHERE id = ? AND deleted = 0').get(id) as
    CaseRecord | undefined;
  if (!c) throw new UserError('该信访事项不存在或已删除');
  const petitioners = (
    sqlite
      .prepare('SELECT * FROM petitioners WHERE case_id = ? AND deleted = 0 ORDER BY sort')
      .all(id) as Record<string, unknown>[]
  ).map((p): PetitionerView => ({
    id: p.id as string,
    name: p.name as string,
    idNumber: p.id_number as string | null,
    gender: p.gender as PetitionerView['gender'],
    birthDate: p.birth_date as string | null,
    regionCode: p.region_code as string | null,
    phone: p.phone as string | null,
    address: p.address as string | null,
    villageId: p.village_id as string | null,
    representative: p.representative === 1,
  }));
  const attachments = sqlite
    .prepare(
      'SELECT id, sha256, file_name AS fileName, mime, size, added_at AS addedAt FROM attachments WHERE case_id = ? AND deleted = 0 ORDER BY added_at',
    )
    .all(id) as CaseDetail['attachments'];
  const events = (
    sqlite
      .prepare(
        // someone of another office (the county, after sync) is named with that office
        `SELECT e.id, e.kind, e.at, e.data,
           CASE WHEN e.actor IS NULL THEN NULL
                WHEN s.name IS NULL THEN '其他单位人员'
                WHEN s.office_id = ? THEN s.name
                ELSE s.name || '（' || coalesce(so.name, s.office_id) || '）' END AS actor
         FROM case_events e LEFT JOIN staff s ON s.id = e.actor LEFT JOIN offices so ON so.id = s.office_id
         WHERE e.case_id = ? ORDER BY e.hlc`,
      )
      .all(currentOfficeId(store), id) as {
      id: string;
      kind: string;
      at: string;
      actor: string | null;
      data: string;
    }[]
  ).map((e) => ({ ...e, data: JSON.parse(e.data) as Record<string, unknown> }));
  const repeat = c.repeat_of
    ? (sqlite.prepare('SELECT id, case_no AS caseNo FROM cases WHERE id = ?').get(c.repeat_of) as
        { id: string; caseNo: string } | undefined)
    : undefined;
  const registeredBy = c.registered_by
    ? ((
        sqlite.prepare('SELECT name FROM staff WHERE id = ?').get(c.registered_by) as
          { name: string } | undefined
      )?.name ?? c.registered_by)
    : null;
  const flags = flagsOf({
    peopleCount: c.people_count,
    repeatOf: c.repeat_of,
    jointly: !!c.jointly,
    anonymous: !!c.anonymous,
    skipLevel: !!c.skip_level,
  });
  const workflow = caseWorkflow(store, c.id, {
    receivedOn: c.received_at.slice(0, 10),
    noticeOwed: noticeOwed(!!c.anonymous, petitioners),
  });
  return {
    id: c.id,
    caseNo: c.case_no,
    queryCode: c.query_code,
    officeId: c.office_id,
    channel: c.channel,
    proxyBy: c.proxy_by,
    receivedAt: c.received_at,
    registeredAt: c.registered_at,
    registeredBy,
    matterType: c.matter_type,
    categoryId: c.category_id,
    summary: c.summary,
    content: c.content,
    villageId: c.village_id,
    peopleCount: c.people_count,
    jointly: !!c.jointly,
    anonymous: !!c.anonymous,
    skipLevel: !!c.skip_level,
    repeatOf: repeat ?? null,
    repeatOfId: c.repeat_of,
    status: c.status,
    flags,
    petitioners,
    attachments,
    events,
    workflow,
  };
}

const FLAG_SQL: Record<Flag, string> = {
  collective: `c.people_count >= ${COLLECTIVE_FROM}`,
  first: 'c.repeat_of IS NULL',
  repeat: 'c.repeat_of IS NOT NULL',
  jointly: 'c.jointly = 1',
  anonymous: 'c.anonymous = 1',
  skipLevel: 'c.skip_level = 1',
};

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
