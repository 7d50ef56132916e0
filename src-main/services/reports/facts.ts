/**
 * What each case adds to the report figures (case_facts) and their sums per month, office and
 * breakdown key (report_cells). Both are derived from the case's events and the office's rules,
 * like the work-list clocks, and written in the same transaction as them (work-list.ts
 * refreshClocks and rebuildClocks, derived.ts refreshDerived). A report then sums a few thousand
 * cells for its whole months and reads case_facts only for the days of a month it covers in part.
 */
import { REPORT_COUNTERS, type ReportCounter } from '../../../db/schema';
import type { Store } from '../database';
import { getLocal, setLocal } from '../local-state';
import { computeDeadlines, noticeOwed, openDuties, type DeadlineRules } from '../deadlines';
import type { WorkflowEvent, WorkflowState } from '../workflow';
import { COLLECTIVE_FROM } from '../../api';

/** Breakdown dimensions and the case_facts column each one is keyed by. */
export const DIM_COLUMNS = {
  channel: 'channel',
  matter: 'matter_type',
  category: 'category_id',
  village: 'village_id',
  unit: 'unit_id',
} as const;
export type Dim = keyof typeof DIM_COLUMNS;

export type Counters = Record<ReportCounter, number>;

export interface FactsRow extends Counters {
  case_id: string;
  office_id: string;
  received_on: string;
  channel: string;
  matter_type: string;
  category_id: string;
  village_id: string;
  unit_id: string;
  accept_pend_due: string | null;
  reply_pend_due: string | null;
  sup_pend_due: string | null;
  duty_due: string | null;
}

/** The columns of a case the facts read, besides its events and petitioners. */
interface FactsHead {
  id: string;
  office_id: string;
  assigned_office_id: string | null;
  received_at: string;
  channel: string;
  matter_type: string;
  category_id: string | null;
  village_id: string | null;
  people_count: number;
  repeat_of: string | null;
  skip_level: number;
  anonymous: number;
  deleted: number;
}

const HEAD_COLUMNS = 'id, office_id, assigned_office_id, received_at, channel, matter_type, category_id, village_id, people_count, repeat_of, skip_level, anonymous, deleted';

/**
 * The version of the rules in factsOf. Raise it whenever what a case adds changes: a register
 * whose facts were written by another version rebuilds them at start (rebuildFactsIfStale).
 * 2: evaluations count only on a delivered handling opinion.
 */
export const FACTS_VERSION = '2';

/** Whether the facts were written by other rules than this version's (or a migration asked). */
export function factsStale(store: Store): boolean {
  return getLocal(store, 'report_facts_stale') === '1' || getLocal(store, 'report_facts_version') !== FACTS_VERSION;
}

export function zeroCounters(): Counters {
  return Object.fromEntries(REPORT_COUNTERS.map((c) => [c, 0])) as Counters;
}

const earliest = (dates: string[]) => (dates.length ? dates.reduce((a, b) => (b < a ? b : a)) : null);

/** One case's facts from its row, its events in order and the state folded from them. */
export function factsOf(h: FactsHead, events: WorkflowEvent[], s: WorkflowState, petitioners: { name: string | null; address: string | null }[], rules: DeadlineRules): FactsRow {
  const c = zeroCounters();
  const people = h.people_count;
  c.n = 1;
  c.people = people;
  if (people >= COLLECTIVE_FROM) {
    c.collective = 1;
    c.collective_people = people;
  }
  if (h.repeat_of) c.repeat = 1;
  else c.first = 1;
  if (h.skip_level) {
    c.skip_level = 1;
    c.skip_level_people = people;
  }

  const deadlines = computeDeadlines({ receivedOn: h.received_at.slice(0, 10), noticeOwed: noticeOwed(!!h.anonymous, petitioners) }, s, rules);
  const late = (d: { metOn: string | null; due: string }) => !!d.metOn && d.metOn > d.due;

  // 及时受理: the decision and (when owed) the written notice, both within their 15 days;
  // a 不再受理 case owes no acceptance decision and is left out
  let acceptPend: string | null = null;
  if (s.status !== 'notReaccepted' || s.decidedOn) {
    const duties = deadlines.filter((d) => d.kind === 'acceptance' || d.kind === 'notice');
    if (duties.some((d) => d.kind === 'acceptance')) {
      if (duties.some(late)) c.accept_late = 1;
      else if (duties.every((d) => d.metOn)) c.accept_ok = 1;
      else acceptPend = earliest(duties.filter((d) => !d.metOn).map((d) => d.due));
    }
  }

  // 按期办结: the reply within 60 days of acceptance, plus the one extension the law allows
  let replyPend: string | null = null;
  const reply = deadlines.find((d) => d.kind === 'reply');
  if (reply) {
    if (!reply.metOn) replyPend = reply.due;
    else if (late(reply)) c.reply_late = 1;
    else c.reply_ok = 1;
  }
  if (s.extension) c.extended = 1;

  // 参评率 and 满意率 count evaluations of a delivered handling opinion: the workflow also takes
  // an evaluation on a case closed after 不予受理 or 转送, which has none (num would pass den)
  if (s.deliveredOn) {
    c.delivered = 1;
    if (s.satisfaction === 'satisfied') c.satisfied = 1;
    else if (s.satisfaction === 'basically') c.basically = 1;
    else if (s.satisfaction === 'unsatisfied') c.unsatisfied = 1;
  }

  const lastClose = [...events].reverse().find((e) => e.kind === 'close');
  const closed = s.status === 'closed' && !!s.acceptedOn;
  const resolved = closed && lastClose?.data.resolved === true;
  if (closed) c.closed = 1;
  if (resolved) c.resolved = 1;
  if (s.leaderId) {
    c.leader = 1;
    if (s.status === 'closed') c.leader_closed = 1;
    if (resolved) c.leader_resolved = 1;
  }

  if (s.supervisions.length) c.supervised = 1;
  c.sup_notices = s.supervisions.length;
  for (const sup of s.supervisions) {
    if (sup.answeredOn) c[sup.answeredOn <= sup.deadline ? 'sup_on_time' : 'sup_late'] += 1;
  }
  const supPend = earliest(s.supervisions.filter((x) => !x.answeredOn).map((x) => x.deadline));

  // reviews counted from the events: an order to redo the handling clears them from the state
  for (const e of events) {
    if (e.kind === 'requestReview') c.review_requested += 1;
    else if (e.kind === 'requestRereview') c.rereview_requested += 1;
    else if (e.kind === 'decideReview' || e.kind === 'decideRereview') {
      const stage = e.kind === 'decideReview' ? 'review' : 'rereview';
      const result = String(e.data.result);
      if (result === 'uphold' || result === 'revoke' || result === 'amend' || result === 'redo') c[`${stage}_${result}`] += 1;
    }
  }

  return {
    case_id: h.id,
    office_id: h.assigned_office_id ?? h.office_id,
    received_on: h.received_at.slice(0, 10),
    channel: h.channel,
    matter_type: h.matter_type,
    category_id: h.category_id ?? '',
    village_id: h.village_id ?? '',
    unit_id: s.unitId ?? '',
    ...c,
    accept_pend_due: acceptPend,
    reply_pend_due: replyPend,
    sup_pend_due: supPend,
    // as the work list's clocks (work-list.ts clocksOf): none once closed
    duty_due: s.status === 'closed' ? null : earliest(openDuties(deadlines).map((d) => d.due)),
  };
}

const FACT_COLUMNS = ['case_id', 'office_id', 'received_on', 'channel', 'matter_type', 'category_id', 'village_id', 'unit_id', ...REPORT_COUNTERS, 'accept_pend_due', 'reply_pend_due', 'sup_pend_due', 'duty_due'];

function statements(store: Store) {
  const { sqlite } = store;
  const cols = REPORT_COUNTERS.join(', ');
  return {
    head: sqlite.prepare(`SELECT ${HEAD_COLUMNS} FROM cases WHERE id = ?`),
    old: sqlite.prepare('SELECT * FROM case_facts WHERE case_id = ?'),
    remove: sqlite.prepare('DELETE FROM case_facts WHERE case_id = ?'),
    insert: sqlite.prepare(`INSERT INTO case_facts (${FACT_COLUMNS.join(', ')}) VALUES (${FACT_COLUMNS.map((c) => `@${c}`).join(', ')})`),
    addCell: sqlite.prepare(
      `INSERT INTO report_cells (month, dim, key, office_id, ${cols}) VALUES (?, ?, ?, ?, ${REPORT_COUNTERS.map(() => '?').join(', ')})
       ON CONFLICT (month, dim, key, office_id) DO UPDATE SET ${REPORT_COUNTERS.map((c) => `${c} = ${c} + excluded.${c}`).join(', ')}`,
    ),
    dropEmpty: sqlite.prepare('DELETE FROM report_cells WHERE month = ? AND dim = ? AND key = ? AND office_id = ? AND n = 0'),
  };
}

/** Adds (sign 1) or takes away (sign -1) one case's counters in each of its cells. */
function applyToCells(st: ReturnType<typeof statements>, row: FactsRow, sign: 1 | -1) {
  const month = row.received_on.slice(0, 7);
  const values = REPORT_COUNTERS.map((c) => row[c] * sign);
  const keys: [string, string][] = [['all', ''], ...(Object.entries(DIM_COLUMNS) as [Dim, keyof FactsRow][]).map(([dim, col]): [string, string] => [dim, String(row[col])])];
  for (const [dim, key] of keys) {
    st.addCell.run(month, dim, key, row.office_id, ...values);
    if (sign < 0) st.dropEmpty.run(month, dim, key, row.office_id);
  }
}

/**
 * Rewrites one case's facts and moves its counters between cells, from its events and state
 * already folded by the caller. Inside the transaction that changed the case. A deleted or
 * missing case has none.
 */
export function writeFacts(store: Store, caseId: string, events: WorkflowEvent[], state: WorkflowState, petitioners: { name: string | null; address: string | null }[], rules: DeadlineRules): void {
  const st = statements(store);
  const old = st.old.get(caseId) as FactsRow | undefined;
  const head = st.head.get(caseId) as FactsHead | undefined;
  const row = head && !head.deleted ? factsOf(head, events, state, petitioners, rules) : null;
  if (old && row && FACT_COLUMNS.every((c) => old[c as keyof FactsRow] === row[c as keyof FactsRow])) return;
  if (old) {
    applyToCells(st, old, -1);
    st.remove.run(caseId);
  }
  if (row) {
    st.insert.run(row);
    applyToCells(st, row, 1);
  }
}

/**
 * Rebuilds every case's facts and all the cells (the rules changed, or a migration made them
 * stale). `load` reads a batch of cases' events and petitioners (work-list.ts loadCaseRows).
 */
export function rebuildFacts(
  store: Store,
  rules: DeadlineRules,
  load: (ids: string[]) => { events: Map<string, WorkflowEvent[]>; petitioners: Map<string, { name: string | null; address: string | null }[]> },
  fold: (events: WorkflowEvent[]) => WorkflowState,
  onProgress?: (done: number, total: number) => void,
): void {
  const { sqlite } = store;
  const BATCH = 2000;
  // batches in rowid order: a range of the table itself (ordering by id made the planner read
  // every live case through the received-date index and sort them, for each batch)
  const heads = sqlite.prepare(`SELECT rowid AS rid, ${HEAD_COLUMNS} FROM cases WHERE rowid > ? ORDER BY rowid LIMIT ${BATCH}`);
  const total = onProgress ? (sqlite.prepare('SELECT count(*) AS n FROM cases WHERE deleted = 0').get() as { n: number }).n : 0;
  const st = statements(store);
  let done = 0;
  sqlite.transaction(() => {
    sqlite.exec('DELETE FROM case_facts; DELETE FROM report_cells');
    for (let after = 0; ; ) {
      const batch = heads.all(after) as (FactsHead & { rid: number })[];
      if (batch.length === 0) break;
      const live = batch.filter((h) => !h.deleted);
      const rows = load(live.map((h) => h.id));
      for (const h of live) {
        const events = rows.events.get(h.id) ?? [];
        st.insert.run(factsOf(h, events, fold(events), rows.petitioners.get(h.id) ?? [], rules));
      }
      after = batch[batch.length - 1].rid;
      done += live.length;
      onProgress?.(done, total);
    }
    const sums = REPORT_COUNTERS.map((c) => `sum(${c})`).join(', ');
    const cols = REPORT_COUNTERS.join(', ');
    const keyed: [string, string][] = [['all', "''"], ...Object.entries(DIM_COLUMNS)];
    for (const [dim, key] of keyed) {
      sqlite.exec(
        `INSERT INTO report_cells (month, dim, key, office_id, ${cols})
         SELECT substr(received_on, 1, 7), '${dim}', ${key}, office_id, ${sums} FROM case_facts GROUP BY 1, 3, 4`,
      );
    }
    sqlite.prepare(`DELETE FROM local_state WHERE key = 'report_facts_stale'`).run();
    setLocal(store, 'report_facts_version', FACTS_VERSION);
  })();
}
