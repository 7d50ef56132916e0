/**
 * What the register derives from a case's rows, brought up to date for the given cases in one
 * pass: the status column (folded from the events), the work-list clocks and the report facts
 * with their monthly sums (from the same fold and the office's rules), and the search entry and
 * its key. `refreshDerived` is the one way derived data follow a write:
 * - every local write goes through mutate (mutation.ts), which notes the cases whose rows it
 *   wrote and, when it wrote the offices or the calendar, the rules before, and calls it before
 *   the transaction commits; services never call it themselves;
 * - sync calls it after writing the rows it received (sync/apply.ts: an import, with the rows
 *   it holds in memory; replaying deferred operations), inside the import's transaction.
 * The caller owns the transaction and holds the write gate. The full rebuilds are rebuildClocks
 * (clocks and report facts: here when the rules change, and at open when a new version or a
 * migration asks) and rebuildSearchIndexIfStale (at open).
 */
import type { Store } from './database';
import { loadRules, type DeadlineRules } from './deadlines';
import { indexCase, unindexCase, withRoomyIndexWrites } from './search-index';
import { loadCaseRows, rebuildClocks, replaceClocks, type PetitionerFacts } from './work-list';
import { foldEvents, initialStatusOf, type WorkflowEvent } from './workflow';
import { FactsBatch, HEAD_COLUMNS, type FactsHead } from './reports/facts';

/** Cases read, with their events and petitioners, per query. */
const BATCH = 2000;
/** Cases from which the search entries are written with more room in memory. */
const ROOMY_INDEX_FROM = 1000;

/** The columns the status, clocks and search entry need, and those the report facts read. */
interface Head extends FactsHead {
  rid: number;
  status: string;
  case_no: string;
  query_code: string;
  summary: string;
  content: string;
}

/**
 * Rows of case_events and petitioners the caller has just written, by case id, as written (column
 * names): an import holds them already, so a case all of whose rows are among them is not read back.
 */
export interface WrittenRows {
  events: Map<string, Record<string, unknown>[]>;
  petitioners: Map<string, Record<string, unknown>[]>;
}

/** A case's events in stamp order as loadCaseRows gives them, or null when memory cannot say for sure. */
function eventsFrom(rows: Record<string, unknown>[]): WorkflowEvent[] | null {
  for (const r of rows)
    if (
      typeof r.hlc !== 'string' ||
      typeof r.id !== 'string' ||
      typeof r.kind !== 'string' ||
      typeof r.data !== 'string'
    )
      return null;
  const sorted = rows
    .slice()
    .sort((a, b) =>
      (a.hlc as string) < (b.hlc as string) ? -1 : (a.hlc as string) > (b.hlc as string) ? 1 : 0,
    );
  // equal stamps are ordered by rowid in the register: leave those to it
  for (let i = 1; i < sorted.length; i++) if (sorted[i].hlc === sorted[i - 1].hlc) return null;
  return sorted.map((r) => ({
    id: r.id as string,
    kind: r.kind as string,
    data: JSON.parse(r.data as string) as Record<string, unknown>,
  }));
}

const textOrNull = (v: unknown) => v === null || typeof v === 'string';

/** A case's live petitioners in order as loadCaseRows gives them, or null when memory cannot say for sure. */
function petitionersFrom(rows: Record<string, unknown>[]): PetitionerFacts[] | null {
  for (const r of rows) {
    if (
      !Number.isInteger(r.sort) ||
      (r.deleted !== 0 && r.deleted !== 1) ||
      typeof r.name !== 'string' ||
      !textOrNull(r.id_number) ||
      !textOrNull(r.phone) ||
      !textOrNull(r.address)
    )
      return null;
  }
  const live = rows.filter((r) => r.deleted === 0).sort((a, b) => (a.sort as number) - (b.sort as number));
  for (let i = 1; i < live.length; i++) if (live[i].sort === live[i - 1].sort) return null;
  return live.map((r) => ({
    name: r.name as string,
    idNumber: r.id_number as string | null,
    phone: r.phone as string | null,
    address: r.address as string | null,
  }));
}

/**
 * The events and live petitioners of a batch of cases: from `written` for a case whose rows in the
 * register are exactly those written (counted in the tables' case indexes, without reading a row),
 * from the register for the others.
 */
function caseRows(store: Store, ids: string[], written?: WrittenRows): ReturnType<typeof loadCaseRows> {
  if (!written) return loadCaseRows(store, ids);
  const counts = (table: string) =>
    new Map(
      store.sqlite
        .prepare(
          `SELECT case_id, count(*) AS n FROM "${table}" WHERE case_id IN (SELECT value FROM json_each(?)) GROUP BY case_id`,
        )
        .raw()
        .all(JSON.stringify(ids)) as [string, number][],
    );
  const eventCounts = counts('case_events');
  const petitionerCounts = counts('petitioners');
  const out: ReturnType<typeof loadCaseRows> = { events: new Map(), petitioners: new Map() };
  const rest: string[] = [];
  for (const id of ids) {
    const ev = written.events.get(id) ?? [];
    const pe = written.petitioners.get(id) ?? [];
    // the written rows are in the register, so as many rows there means no other row
    const events = ev.length === (eventCounts.get(id) ?? 0) ? eventsFrom(ev) : null;
    const people = pe.length === (petitionerCounts.get(id) ?? 0) ? petitionersFrom(pe) : null;
    if (!events || !people) {
      rest.push(id);
      continue;
    }
    out.events.set(id, events);
    out.petitioners.set(id, people);
  }
  if (rest.length) {
    const read = loadCaseRows(store, rest);
    for (const [id, v] of read.events) out.events.set(id, v);
    for (const [id, v] of read.petitioners) out.petitioners.set(id, v);
  }
  return out;
}

/** The tables loadRules (deadlines.ts) reads the rules from, besides this installation's own state. */
export const RULE_TABLES: ReadonlySet<string> = new Set(['offices', 'calendar_days']);

/** Whether two sets of rules derive the same clocks and facts (what a day counts as; not today, nor the warning). */
export function sameRules(a: DeadlineRules, b: DeadlineRules): boolean {
  if (a.dayCount !== b.dayCount || a.township !== b.township || a.overrides.size !== b.overrides.size)
    return false;
  for (const [day, kind] of a.overrides) if (b.overrides.get(day) !== kind) return false;
  return true;
}

export interface RefreshOptions {
  /** the rules as they stand now; loaded when not given */
  rules?: DeadlineRules;
  /**
   * the rules before the transaction wrote a table they are read from (RULE_TABLES): when they
   * differ from `rules`, every case's clocks and report facts are rebuilt (rebuildClocks), not
   * only the given cases'
   */
  rulesBefore?: DeadlineRules;
  /** the events and petitioners the caller has just written (see WrittenRows) */
  written?: WrittenRows;
}

/**
 * Brings the status, clocks, report facts and cells, and search entries and keys of the given
 * cases up to date (ids of cases this register does not hold are passed over); and, when the
 * rules changed (`rulesBefore`), every case's clocks and report facts.
 */
export function refreshDerived(store: Store, caseIds: Iterable<string>, opts: RefreshOptions = {}): void {
  const ids = [...caseIds];
  if (ids.length === 0 && !opts.rulesBefore) return;
  const rules = opts.rules ?? loadRules(store);
  const rulesChanged = !!opts.rulesBefore && !sameRules(opts.rulesBefore, rules);
  // the status first: the rebuild reads it to pass over closed cases
  if (ids.length) refreshCases(store, ids, rules, { clocks: !rulesChanged, written: opts.written });
  if (rulesChanged) rebuildClocks(store, rules);
}

/**
 * The cases go in the search index's key order (received minute, then rowid: search-index.ts).
 * FTS5 writes its pending entries out as a new segment whenever a key is lower than the last one
 * written, so in this order a large package's entries go in as a few big segments instead of one
 * per case. Any order gives the same index; this one indexed 11,600 cases 20–40 % faster.
 *
 * `clocks: false` leaves the clocks and the report facts to the rebuild that follows (the rules
 * changed: rebuildClocks rebuilds both).
 */
function refreshCases(
  store: Store,
  caseIds: string[],
  rules: DeadlineRules,
  opts: { clocks: boolean; written?: WrittenRows },
): void {
  const { sqlite } = store;
  const ordered = sqlite
    .prepare(
      `SELECT id FROM cases WHERE id IN (SELECT value FROM json_each(?)) ORDER BY CAST(strftime('%s', received_at) AS INTEGER) / 60, rowid`,
    )
    .pluck()
    .all(JSON.stringify(caseIds)) as string[];
  // a batch is a run of consecutive keys, so reading it in key order keeps the order whole
  const heads = sqlite.prepare(
    `SELECT rowid AS rid, ${HEAD_COLUMNS}, status, case_no, query_code, summary, content FROM cases
     WHERE id IN (SELECT value FROM json_each(?)) ORDER BY CAST(strftime('%s', received_at) AS INTEGER) / 60, rowid`,
  );
  const setStatus = sqlite.prepare('UPDATE cases SET status = ? WHERE id = ?');
  const facts = opts.clocks ? new FactsBatch(store) : null;
  const all = () => {
    for (let i = 0; i < ordered.length; i += BATCH) {
      const ids = ordered.slice(i, i + BATCH);
      const rows = caseRows(store, ids, opts.written);
      const heldFacts = facts?.held(ids);
      for (const h of heads.all(JSON.stringify(ids)) as Head[]) {
        const events = rows.events.get(h.id) ?? [];
        const petitioners = rows.petitioners.get(h.id) ?? [];
        const state = foldEvents(events, initialStatusOf(events));
        if (state.status !== h.status) setStatus.run(state.status, h.id);
        if (opts.clocks) {
          replaceClocks(store, h, state, petitioners, rules);
          facts!.write(h.id, h, heldFacts!.get(h.id), events, state, petitioners, rules);
        }
        if (h.deleted) unindexCase(store, h.rid);
        else
          indexCase(store, h.rid, {
            receivedAt: h.received_at,
            caseNo: h.case_no,
            queryCode: h.query_code,
            summary: h.summary,
            content: h.content,
            petitioners,
          });
      }
    }
  };
  // many cases: their search entries go out in a few large segments (withRoomyIndexWrites)
  if (ordered.length >= ROOMY_INDEX_FROM) withRoomyIndexWrites(store, all);
  else all();
  facts?.flush();
}
