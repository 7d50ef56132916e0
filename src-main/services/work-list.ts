/**
 * The work list (待办): every running duty of every open case, most urgent first, for the whole
 * office, for the current user (as handler or leader in charge), for one unit, or (county) for
 * one township.
 *
 * The duties live in case_clocks, derived from each case's events and the office's rules: every
 * write of a case rewrites its rows in the write's own transaction, a change of rules rebuilds
 * them all (derived.ts refreshDerived, which mutate calls before each commit). Reading
 * the list is then a range read by due date, whatever the size of the register; only the
 * buckets (overdue, today, this week) depend on today and are worked out when reading.
 */
import type { ApiParsed, CaseStatus, DeadlineKind, WorkItem, WorkList } from '../contract';
import { addCalendarDays } from './calendar';
import type { Store } from './database';
import {
  computeDeadlines,
  deadlineView,
  loadRules,
  noticeOwed,
  openDuties,
  type DeadlineRules,
} from './deadlines';
import { currentUserId } from './local-state';
import { foldEvents, initialStatusOf, type WorkflowEvent, type WorkflowState } from './workflow';
import { factsStale, rebuildFacts } from './reports/facts';

/** The row of a case its clocks depend on, besides its events and petitioners. */
export interface ClockHead {
  id: string;
  received_at: string;
  anonymous: number;
  deleted: number;
}

interface CaseHead extends ClockHead {
  status: CaseStatus;
}

/** A live petitioner as the clocks (a notice is owed) and the search index read one. */
export interface PetitionerFacts {
  name: string;
  idNumber: string | null;
  phone: string | null;
  address: string | null;
}

interface ClockRow {
  case_id: string;
  kind: DeadlineKind;
  ref_id: string;
  start: string;
  due: string;
  note: string | null;
  status: CaseStatus;
  unit_id: string | null;
  handler_id: string | null;
  leader_id: string | null;
}

/**
 * The clocks of one case from its head, its folded state and petitioners: none once closed or
 * deleted, nor in a township's register once the county has assigned the case to another township.
 */
function clocksOf(
  c: ClockHead,
  state: WorkflowState,
  petitioners: { name: string | null; address: string | null }[],
  rules: DeadlineRules,
): ClockRow[] {
  if (c.deleted || state.status === 'closed') return [];
  if (rules.township && state.assignment?.officeId && state.assignment.officeId !== rules.township) return [];
  const facts = {
    receivedOn: c.received_at.slice(0, 10),
    noticeOwed: noticeOwed(!!c.anonymous, petitioners),
  };
  return openDuties(computeDeadlines(facts, state, rules)).map((d) => ({
    case_id: c.id,
    kind: d.kind,
    ref_id: d.refId ?? '',
    start: d.start,
    due: d.due,
    note: d.note,
    status: state.status,
    unit_id: state.unitId,
    handler_id: state.handlerId,
    leader_id: state.leaderId,
  }));
}

function insertClocks(store: Store, rows: ClockRow[]) {
  const insert = store.sqlite.prepare(
    `INSERT INTO case_clocks (case_id, kind, ref_id, start, due, note, status, unit_id, handler_id, leader_id)
     VALUES (@case_id, @kind, @ref_id, @start, @due, @note, @status, @unit_id, @handler_id, @leader_id)`,
  );
  for (const r of rows) insert.run(r);
}

/**
 * Replaces one case's clocks, from its state already folded (derived.ts refreshDerived, which
 * derives more from the same events). Inside the transaction that changed the case.
 */
export function replaceClocks(
  store: Store,
  c: ClockHead,
  state: WorkflowState,
  petitioners: PetitionerFacts[],
  rules: DeadlineRules,
): void {
  store.sqlite.prepare('DELETE FROM case_clocks WHERE case_id = ?').run(c.id);
  insertClocks(store, clocksOf(c, state, petitioners, rules));
}

function byCase<R extends { case_id: string }>(rows: R[]): Map<string, R[]> {
  const by = new Map<string, R[]>();
  for (const r of rows) {
    const list = by.get(r.case_id);
    if (list) list.push(r);
    else by.set(r.case_id, [r]);
  }
  return by;
}

/** The events (in stamp order) and live petitioners (in order) of a batch of cases, each read in one query. */
export function loadCaseRows(
  store: Store,
  caseIds: string[],
): { events: Map<string, WorkflowEvent[]>; petitioners: Map<string, PetitionerFacts[]> } {
  const ids = JSON.stringify(caseIds);
  const events = store.sqlite
    .prepare(
      `SELECT case_id, id, kind, data FROM case_events WHERE case_id IN (SELECT value FROM json_each(?)) ORDER BY case_id, hlc`,
    )
    .all(ids) as { case_id: string; id: string; kind: string; data: string }[];
  const people = store.sqlite
    .prepare(
      `SELECT case_id, name, id_number AS idNumber, phone, address FROM petitioners
       WHERE deleted = 0 AND case_id IN (SELECT value FROM json_each(?)) ORDER BY case_id, sort`,
    )
    .all(ids) as (PetitionerFacts & { case_id: string })[];
  const evs = new Map<string, WorkflowEvent[]>();
  for (const [id, list] of byCase(events))
    evs.set(
      id,
      list.map((e) => ({ id: e.id, kind: e.kind, data: JSON.parse(e.data) as Record<string, unknown> })),
    );
  return { events: evs, petitioners: byCase(people) };
}

/** Rebuilds every open case's clocks (after a change of rules or calendar, or a new version). */
export function rebuildClocks(
  store: Store,
  rules: DeadlineRules = loadRules(store),
  onProgress?: (done: number, total: number) => void,
): void {
  const { sqlite } = store;
  const BATCH = 2000;
  // batches of open cases in rowid order (a range of the table: ordered by id, the planner read
  // every live case through an index and sorted them for each batch), each with its events and
  // petitioners read in one go
  const heads = sqlite.prepare(
    `SELECT rowid AS rid, id, received_at, anonymous, deleted, status FROM cases WHERE rowid > ? ORDER BY rowid LIMIT ${BATCH}`,
  );
  const total = onProgress
    ? (
        sqlite.prepare(`SELECT count(*) AS n FROM cases WHERE deleted = 0 AND status <> 'closed'`).get() as {
          n: number;
        }
      ).n
    : 0;
  let done = 0;
  const run = sqlite.transaction(() => {
    sqlite.exec('DELETE FROM case_clocks');
    for (let after = 0; ;) {
      const batch = heads.all(after) as (CaseHead & { rid: number })[];
      if (batch.length === 0) break;
      const cases = batch.filter((c) => !c.deleted && c.status !== 'closed');
      const rows = loadCaseRows(
        store,
        cases.map((c) => c.id),
      );
      for (const c of cases) {
        const events = rows.events.get(c.id) ?? [];
        insertClocks(
          store,
          clocksOf(c, foldEvents(events, initialStatusOf(events)), rows.petitioners.get(c.id) ?? [], rules),
        );
      }
      after = batch[batch.length - 1].rid;
      done += cases.length;
      onProgress?.(done, total);
    }
    sqlite.prepare(`DELETE FROM local_state WHERE key = 'clocks_stale'`).run();
    // the report figures count days by the same rules
    rebuildFacts(store, rules, (ids) => loadCaseRows(store, ids), foldCase);
  });
  run();
}

const foldCase = (events: WorkflowEvent[]) => foldEvents(events, initialStatusOf(events));

/** At start: builds the report figures when a migration or other rules of an older version left them stale. */
export function rebuildFactsIfStale(store: Store, onProgress?: (done: number, total: number) => void): void {
  if (factsStale(store))
    rebuildFacts(store, loadRules(store), (ids) => loadCaseRows(store, ids), foldCase, onProgress);
}

/** At start: builds the clocks when a migration (or an older version) left them stale. */
export function rebuildClocksIfStale(store: Store, onProgress?: (done: number, total: number) => void): void {
  const stale = store.sqlite.prepare(`SELECT value FROM local_state WHERE key = 'clocks_stale'`).get() as
    { value: string } | undefined;
  if (stale?.value === '1') rebuildClocks(store, loadRules(store), onProgress);
}

/** The Sunday ending the week of `today` (weeks run Monday to Sunday). */
function endOfWeek(today: string): string {
  const weekday = new Date(`${today}T12:00:00Z`).getUTCDay(); // 0 = Sunday
  return addCalendarDays(today, weekday === 0 ? 0 : 7 - weekday);
}

export function workList(
  store: Store,
  input: ApiParsed<'worklist.get'>,
  rules: DeadlineRules = loadRules(store),
): WorkList {
  const { sqlite } = store;
  const me = currentUserId(store);
  const scope =
    input.scope === 'mine'
      ? { where: 'k.handler_id = @me OR k.leader_id = @me', params: { me: me ?? '' } }
      : input.scope === 'unit'
        ? { where: 'k.unit_id = @unit', params: { unit: input.unitId ?? '' } }
        : input.scope === 'office'
          ? {
              where:
                'k.case_id IN (SELECT id FROM cases WHERE coalesce(assigned_office_id, office_id) = @office)',
              params: { office: input.officeId ?? '' },
            }
          : { where: '1', params: {} };
  const today = rules.today;
  const weekEnd = endOfWeek(today);
  const warnEnd = addCalendarDays(today, rules.warnDays);
  const counts = sqlite
    .prepare(
      `SELECT count(*) AS total,
              coalesce(sum(k.due < @today), 0) AS overdue,
              coalesce(sum(k.due = @today), 0) AS dueToday,
              coalesce(sum(k.due > @today AND k.due <= @weekEnd), 0) AS week,
              coalesce(sum(k.due >= @today AND k.due <= @warnEnd), 0) AS warning
       FROM case_clocks k WHERE ${scope.where}`,
    )
    .get({ ...scope.params, today, weekEnd, warnEnd }) as {
    total: number;
    overdue: number;
    dueToday: number;
    week: number;
    warning: number;
  };

  const rows = sqlite
    .prepare(
      `SELECT k.*, c.case_no, c.summary, u.name AS unit, s.name AS handler,
              coalesce(c.assigned_office_id, c.office_id) AS office_id, coalesce(ao.name, o.name) AS office FROM case_clocks k
       JOIN cases c ON c.id = k.case_id
       LEFT JOIN units u ON u.id = k.unit_id LEFT JOIN staff s ON s.id = k.handler_id
       LEFT JOIN offices o ON o.id = c.office_id LEFT JOIN offices ao ON ao.id = c.assigned_office_id
       WHERE ${scope.where} ORDER BY k.due, c.case_no LIMIT @limit`,
    )
    .all({ ...scope.params, limit: input.limit }) as (ClockRow & {
    case_no: string;
    summary: string;
    unit: string | null;
    handler: string | null;
    office_id: string;
    office: string | null;
  })[];
  const names = new Map<string, string[]>();
  for (const p of sqlite
    .prepare(
      `SELECT case_id, name FROM petitioners WHERE deleted = 0 AND case_id IN (SELECT value FROM json_each(?)) ORDER BY case_id, sort`,
    )
    .iterate(JSON.stringify([...new Set(rows.map((r) => r.case_id))])) as Iterable<{
    case_id: string;
    name: string;
  }>) {
    const list = names.get(p.case_id);
    if (list) list.push(p.name);
    else names.set(p.case_id, [p.name]);
  }

  const items: WorkItem[] = rows.map((r) => {
    const deadline = deadlineView(r.kind, r.start, r.due, null, rules, {
      refId: r.ref_id || null,
      note: r.note,
    });
    const left = deadline.daysLeft!; // a running duty always has time left (or overdue)
    return {
      caseId: r.case_id,
      caseNo: r.case_no,
      summary: r.summary,
      petitioners: (names.get(r.case_id) ?? []).join('、'),
      status: r.status,
      unit: r.unit,
      handler: r.handler,
      officeId: r.office_id,
      office: r.office,
      deadline,
      bucket: left < 0 ? 'overdue' : left === 0 ? 'today' : r.due <= weekEnd ? 'week' : 'later',
    };
  });
  return {
    today,
    warnDays: rules.warnDays,
    counts: { overdue: counts.overdue, today: counts.dueToday, week: counts.week, warning: counts.warning },
    total: counts.total,
    items,
  };
}
