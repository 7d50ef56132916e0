/**
 * What the register derives from a case's rows, brought up to date for the given cases in one
 * pass: the status column (folded from the events), the work-list clocks (from the same fold) and
 * the search entry. Sync calls it after writing rows it received (an import, replaying deferred
 * operations, settling a conflict); the caller owns the transaction and holds the write gate.
 */
import type { Store } from './database';
import { loadRules, type DeadlineRules } from './deadlines';
import { indexCase, unindexCase } from './search-index';
import { loadCaseRows, replaceClocks } from './work-list';
import { foldEvents, initialStatusOf } from './workflow';
import { writeFacts } from './reports/facts';

/** Cases read, with their events and petitioners, per query. */
const BATCH = 2000;

interface Head {
  rid: number;
  id: string;
  received_at: string;
  anonymous: number;
  deleted: number;
  status: string;
  case_no: string;
  query_code: string;
  summary: string;
  content: string;
}

/**
 * The cases go in the search index's key order (received minute, then rowid: search-index.ts).
 * FTS5 writes its pending entries out as a new segment whenever a key is lower than the last one
 * written, so in this order a large package's entries go in as a few big segments instead of one
 * per case. Any order gives the same index; this one indexed 11,600 cases 20–40 % faster.
 *
 * `clocks: false` leaves the clocks and the report facts to a caller that rebuilds all of them
 * (the rules changed: rebuildClocks rebuilds both).
 * Ids of cases this register does not hold are passed over.
 */
export function refreshDerived(store: Store, caseIds: Iterable<string>, rules: DeadlineRules = loadRules(store), opts: { clocks: boolean } = { clocks: true }): void {
  const { sqlite } = store;
  const ordered = sqlite
    .prepare(`SELECT id FROM cases WHERE id IN (SELECT value FROM json_each(?)) ORDER BY CAST(strftime('%s', received_at) AS INTEGER) / 60, rowid`)
    .pluck()
    .all(JSON.stringify([...caseIds])) as string[];
  // a batch is a run of consecutive keys, so reading it in key order keeps the order whole
  const heads = sqlite.prepare(
    `SELECT rowid AS rid, id, received_at, anonymous, deleted, status, case_no, query_code, summary, content FROM cases
     WHERE id IN (SELECT value FROM json_each(?)) ORDER BY CAST(strftime('%s', received_at) AS INTEGER) / 60, rowid`,
  );
  const setStatus = sqlite.prepare('UPDATE cases SET status = ? WHERE id = ?');
  for (let i = 0; i < ordered.length; i += BATCH) {
    const ids = ordered.slice(i, i + BATCH);
    const rows = loadCaseRows(store, ids);
    for (const h of heads.all(JSON.stringify(ids)) as Head[]) {
      const events = rows.events.get(h.id) ?? [];
      const petitioners = rows.petitioners.get(h.id) ?? [];
      const state = foldEvents(events, initialStatusOf(events));
      if (state.status !== h.status) setStatus.run(state.status, h.id);
      if (opts.clocks) {
        replaceClocks(store, h, state, petitioners, rules);
        writeFacts(store, h.id, events, state, petitioners, rules);
      }
      if (h.deleted) unindexCase(store, h.rid);
      else indexCase(store, h.rid, { receivedAt: h.received_at, caseNo: h.case_no, queryCode: h.query_code, summary: h.summary, content: h.content, petitioners });
    }
  }
}
