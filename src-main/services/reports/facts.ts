/**
 * What each case adds to the report figures (case_facts) and their sums per month, office and
 * breakdown key (report_cells). Both are derived from the case's events and the office's rules,
 * like the work-list clocks, and written with them by one path: derived.ts refreshDerived (which
 * mutate calls before every local write commits, and sync after writing what it received)
 * through FactsBatch; rebuildFacts rebuilds them all with the clocks (work-list.ts rebuildClocks)
 * when the rules change or a new version asks. A report then sums a few thousand cells for its
 * whole months and reads case_facts only for the days of a month it covers in part.
 */
import { REPORT_COUNTERS, type ReportCounter } from '../../../db/schema';
import type { Store } from '../database';
import { getLocal, setLocal } from '../local-state';
import { computeDeadlines, noticeOwed, openDuties, type DeadlineRules } from '../deadlines';
import type { WorkflowEvent, WorkflowState } from '../workflow';
import { COLLECTIVE_FROM } from '../../contract';

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
export interface FactsHead {
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

export const HEAD_COLUMNS =
  'id, office_id, assigned_office_id, received_at, channel, matter_type, category_id, village_id, people_count, repeat_of, skip_level, anonymous, deleted';

/**
 * The version of the rules in factsOf. Raise it whenever what a case adds changes: a register
 * whose facts were written by another version rebuilds them at start (rebuildFactsIfStale).
 * 2: evaluations count only on a delivered handling opinion.
 */
export const FACTS_VERSION = '2';

/** Whether the facts were written by other rules than this version's (or a migration asked). */
export function factsStale(store: Store): boolean {
  return (
    getLocal(store, 'report_facts_stale') === '1' || getLocal(store, 'report_facts_version') !== FACTS_VERSION
  );
}

const ZERO = Object.freeze(Object.fromEntries(REPORT_COUNTERS.map((c) => [c, 0])) as Counters);

/** A copy of one template: ten times faster than building the object again (once per case in an import). */
export function zeroCounters(): Counters {
  return { ...ZERO };
}

const earliest = (dates: string[]) => (dates.length ? dates.reduce((a, b) => (b < a ? b : a)) : null);

/** One case's facts from its row, its events in order and the state folded from them. */
export function factsOf(
  h: FactsHead,
  events: WorkflowEvent[],
  s: WorkflowState,
  petitioners: { name: string | null; address: string | null }[],
  rules: DeadlineRules,
): FactsRow {
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

  const deadlines = computeDeadlines(
    { receivedOn: h.received_at.slice(0, 10), noticeOwed: noticeOwed(!!h.anonymous, petitioners) },
    s,
    rules,
  );
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
      if (result === 'uphold' || result === 'revoke' || result === 'amend' || result === 'redo')
        c[`${stage}_${result}`] += 1;
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

const FACT_COLUMNS = [
  'case_id',
  'office_id',
  'received_on',
  'channel',
  'matter_type',
  'category_id',
  'village_id',
  'unit_id',
  ...REPORT_COUNTERS,
  'accept_pend_due',
  'reply_pend_due',
  'sup_pend_due',
  'duty_due',
] as (keyof FactsRow)[];

type Statements = ReturnType<typeof compile>;
function compile(store: Store) {
  const { sqlite } = store;
  const cols = REPORT_COUNTERS.join(', ');
  return {
    olds: sqlite.prepare('SELECT * FROM case_facts WHERE case_id IN (SELECT value FROM json_each(?))'),
    remove: sqlite.prepare('DELETE FROM case_facts WHERE case_id = ?'),
    insert: sqlite.prepare(
      `INSERT INTO case_facts (${FACT_COLUMNS.join(', ')}) VALUES (${FACT_COLUMNS.map(() => '?').join(', ')})`,
    ),
    addCell: sqlite.prepare(
      `INSERT INTO report_cells (month, dim, key, office_id, ${cols}) VALUES (?, ?, ?, ?, ${REPORT_COUNTERS.map(() => '?').join(', ')})
       ON CONFLICT (month, dim, key, office_id) DO UPDATE SET ${REPORT_COUNTERS.map((c) => `${c} = ${c} + excluded.${c}`).join(', ')}`,
    ),
    dropEmpty: sqlite.prepare(
      'DELETE FROM report_cells WHERE month = ? AND dim = ? AND key = ? AND office_id = ? AND n = 0',
    ),
  };
}

/**
 * Prepared once per connection: an import writes the facts of thousands of cases (going through
 * the connection's statement cache for each one cost a fifth of writing them).
 */
const compiled = new WeakMap<Store['sqlite'], Statements>();
function statements(store: Store): Statements {
  let st = compiled.get(store.sqlite);
  if (!st) compiled.set(store.sqlite, (st = compile(store)));
  return st;
}

/** The counters of one cell a batch changes, summed before they are written. */
interface CellChange {
  month: string;
  dim: string;
  key: string;
  officeId: string;
  values: number[];
  /** a case was taken away: the cell may be left empty */
  removed: boolean;
}

/**
 * Writes the facts of many cases and moves their counters between cells. The changes to each
 * cell are summed in memory and written once by flush (cells are sums: adding them one case at
 * a time or all together gives the same figures), so an import of thousands of cases, most of
 * them sharing a month and its keys, writes each cell once rather than six times per case.
 * Inside the transaction that changed the cases; flush before it ends.
 */
export class FactsBatch {
  private readonly st: Statements;
  private readonly cells = new Map<string, CellChange>();

  constructor(private readonly store: Store) {
    this.st = statements(store);
  }

  /** The facts rows held now of the given cases, by case id. */
  held(caseIds: string[]): Map<string, FactsRow> {
    const rows = this.st.olds.all(JSON.stringify(caseIds)) as FactsRow[];
    return new Map(rows.map((r) => [r.case_id, r]));
  }

  /**
   * One case: `head` its row (undefined when missing), `old` the facts held for it (undefined
   * when none), its events in order and the state folded from them.
   */
  write(
    caseId: string,
    head: FactsHead | undefined,
    old: FactsRow | undefined,
    events: WorkflowEvent[],
    state: WorkflowState,
    petitioners: { name: string | null; address: string | null }[],
    rules: DeadlineRules,
  ): void {
    const row = head && !head.deleted ? factsOf(head, events, state, petitioners, rules) : null;
    if (old && row && FACT_COLUMNS.every((c) => old[c] === row[c])) return;
    if (old) {
      this.addToCells(old, -1);
      this.st.remove.run(caseId);
    }
    if (row) {
      this.st.insert.run(FACT_COLUMNS.map((c) => row[c]));
      this.addToCells(row, 1);
    }
  }

  /** Adds (sign 1) or takes away (sign -1) one case's counters in each of its cells. */
  private addToCells(row: FactsRow, sign: 1 | -1) {
    const month = row.received_on.slice(0, 7);
    const officeId = row.office_id;
    const counts = REPORT_COUNTERS.map((c) => row[c] * sign);
    const add = (dim: string, key: string) => {
      const id = `${month}\u0000${dim}\u0000${key}\u0000${officeId}`;
      let cell = this.cells.get(id);
      if (!cell)
        this.cells.set(
          id,
          (cell = {
            month,
            dim,
            key,
            officeId,
            values: new Array<number>(REPORT_COUNTERS.length).fill(0),
            removed: false,
          }),
        );
      const v = cell.values;
      for (let i = 0; i < counts.length; i++) v[i] += counts[i];
      if (sign < 0) cell.removed = true;
    };
    add('all', '');
    for (const dim of DIMS) add(dim, String(row[DIM_COLUMNS[dim]]));
  }

  /** Writes the summed cell changes; a cell some case left is dropped when no case remains in it. */
  flush(): void {
    for (const c of this.cells.values()) {
      this.st.addCell.run(c.month, c.dim, c.key, c.officeId, ...c.values);
      if (c.removed) this.st.dropEmpty.run(c.month, c.dim, c.key, c.officeId);
    }
    this.cells.clear();
  }
}

const DIMS = Object.keys(DIM_COLUMNS) as Dim[];

/**
 * Rebuilds every case's facts and all the cells (the rules changed, or a migration made them
 * stale). `load` reads a batch of cases' events and petitioners (work-list.ts loadCaseRows).
 */
export function rebuildFacts(
  store: Store,
  rules: DeadlineRules,
  load: (ids: string[]) => {
    events: Map<string, WorkflowEvent[]>;
    petitioners: Map<string, { name: string | null; address: string | null }[]>;
  },
  fold: (events: WorkflowEvent[]) => WorkflowState,
  onProgress?: (done: number, total: number) => void,
): void {
  const { sqlite } = store;
  const BATCH = 2000;
  // batches in rowid order: a range of the table itself (ordering by id made the planner read
  // every live case through the received-date index and sort them, for each batch)
  const heads = sqlite.prepare(
    `SELECT rowid AS rid, ${HEAD_COLUMNS} FROM cases WHERE rowid > ? ORDER BY rowid LIMIT ${BATCH}`,
  );
  const total = onProgress
    ? (sqlite.prepare('SELECT count(*) AS n FROM cases WHERE deleted = 0').get() as { n: number }).n
    : 0;
  const st = statements(store);
  let done = 0;
  sqlite.transaction(() => {
    sqlite.exec('DELETE FROM case_facts; DELETE FROM report_cells');
    for (let after = 0; ;) {
      const batch = heads.all(after) as (FactsHead & { rid: number })[];
      if (batch.length === 0) break;
      const live = batch.filter((h) => !h.deleted);
      const rows = load(live.map((h) => h.id));
      for (const h of live) {
        const events = rows.events.get(h.id) ?? [];
        const row = factsOf(h, events, fold(events), rows.petitioners.get(h.id) ?? [], rules);
        st.insert.run(FACT_COLUMNS.map((c) => row[c]));
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
