/**
 * The work list (待办): every running duty of every open case, most urgent first, for the whole
 * office, for the current user (as handler or leader in charge) or for one unit.
 */
import type { ApiParsed, CaseStatus, WorkItem, WorkList } from '../api';
import { addCalendarDays, daysBetween } from './calendar';
import type { Store } from './database';
import { computeDeadlines, loadRules, noticeOwed, openDuties, type DeadlineRules } from './deadlines';
import { currentUserId } from './office';
import { foldEvents, initialStatusOf, type WorkflowEvent } from './workflow';

interface OpenCase {
  id: string;
  case_no: string;
  summary: string;
  received_at: string;
  anonymous: number;
  status: CaseStatus;
}

/** The Sunday ending the week of `today` (weeks run Monday to Sunday). */
function endOfWeek(today: string): string {
  const weekday = new Date(`${today}T12:00:00Z`).getUTCDay(); // 0 = Sunday
  return addCalendarDays(today, weekday === 0 ? 0 : 7 - weekday);
}

export function workList(store: Store, input: ApiParsed<'worklist.get'>, rules: DeadlineRules = loadRules(store)): WorkList {
  const { sqlite } = store;
  // closed cases owe nothing; everything else may still have a clock running
  const open = `SELECT id FROM cases WHERE deleted = 0 AND status <> 'closed'`;
  const cases = sqlite
    .prepare(`SELECT id, case_no, summary, received_at, anonymous, status FROM cases WHERE id IN (${open})`)
    .all() as OpenCase[];
  const events = new Map<string, WorkflowEvent[]>();
  for (const e of sqlite
    .prepare(`SELECT case_id, id, kind, data FROM case_events WHERE case_id IN (${open}) ORDER BY case_id, hlc`)
    .iterate() as Iterable<{ case_id: string; id: string; kind: string; data: string }>) {
    const list = events.get(e.case_id) ?? [];
    list.push({ id: e.id, kind: e.kind, data: JSON.parse(e.data) as Record<string, unknown> });
    events.set(e.case_id, list);
  }
  const people = new Map<string, { name: string | null; address: string | null }[]>();
  for (const p of sqlite
    .prepare(`SELECT case_id, name, address FROM petitioners WHERE deleted = 0 AND case_id IN (${open}) ORDER BY case_id, sort`)
    .iterate() as Iterable<{ case_id: string; name: string | null; address: string | null }>) {
    const list = people.get(p.case_id) ?? [];
    list.push(p);
    people.set(p.case_id, list);
  }
  const names = (table: string) =>
    new Map((sqlite.prepare(`SELECT id, name FROM ${table}`).all() as { id: string; name: string }[]).map((r) => [r.id, r.name]));
  const unitNames = names('units');
  const staffNames = names('staff');
  const me = currentUserId(store);
  const weekEnd = endOfWeek(rules.today);

  const items: WorkItem[] = [];
  for (const c of cases) {
    const evs = events.get(c.id) ?? [];
    const state = foldEvents(evs, initialStatusOf(evs));
    if (input.scope === 'mine' && state.handlerId !== me && state.leaderId !== me) continue;
    if (input.scope === 'unit' && state.unitId !== input.unitId) continue;
    const petitioners = people.get(c.id) ?? [];
    const facts = { receivedOn: c.received_at.slice(0, 10), noticeOwed: noticeOwed(!!c.anonymous, petitioners) };
    for (const d of openDuties(computeDeadlines(facts, state, rules))) {
      const left = daysBetween(rules.today, d.due);
      items.push({
        caseId: c.id,
        caseNo: c.case_no,
        summary: c.summary,
        petitioners: petitioners.map((p) => p.name).filter(Boolean).join('、'),
        status: state.status,
        unit: state.unitId ? (unitNames.get(state.unitId) ?? null) : null,
        handler: state.handlerId ? (staffNames.get(state.handlerId) ?? null) : null,
        deadline: d,
        bucket: left < 0 ? 'overdue' : left === 0 ? 'today' : d.due <= weekEnd ? 'week' : 'later',
      });
    }
  }
  items.sort((a, b) => (a.deadline.due < b.deadline.due ? -1 : a.deadline.due > b.deadline.due ? 1 : a.caseNo < b.caseNo ? -1 : 1));
  const count = (f: (i: WorkItem) => boolean) => items.filter(f).length;
  return {
    today: rules.today,
    warnDays: rules.warnDays,
    counts: {
      overdue: count((i) => i.bucket === 'overdue'),
      today: count((i) => i.bucket === 'today'),
      week: count((i) => i.bucket === 'week'),
      warning: count((i) => i.deadline.state === 'warning'),
    },
    total: items.length,
    items: items.slice(0, input.limit),
  };
}
