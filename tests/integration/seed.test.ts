/**
 * The generated registers behind `npm run seed` and the benchmark: they must be registers the
 * app itself would accept, with their work-list clocks built.
 */
import { afterEach, expect, it } from 'vitest';
import { api, STEP_KINDS, type CaseStatus } from '../../src-main/contract';
import { loadRules } from '../../src-main/services/deadlines';
import { sampleIntakes, seedCases } from '../../tools/seed/seed';
import {
  initialState,
  initialStatusOf,
  loadEvents,
  nextState,
  type DayRules,
  type WorkflowState,
} from '../../src-main/services/workflow';
import { createTempStore, call, countOf, type TempStore } from '../helpers/store';

let t: TempStore | undefined;
afterEach(() => t?.cleanup());

it('generates cases every api check accepts, 代理 ones with their cadre, follow-up histories and their work-list clocks', async () => {
  t = createTempStore();
  const result = seedCases(t.store, { cases: 400, seed: 3 });
  expect(result.cases).toBe(400);
  const proxies = t.store.sqlite.prepare(`SELECT proxy_by FROM cases WHERE channel = 'proxy'`).all() as {
    proxy_by: string | null;
  }[];
  expect(proxies.length).toBeGreaterThan(0);
  expect(
    proxies.every((p) => p.proxy_by && /(党支部书记|村委会主任|调解委员|网格员) /.test(p.proxy_by)),
  ).toBe(true);
  // follow-up histories by age: waiting, in hand, answered and closed, a few left overdue
  const statuses = new Map(
    (
      t.store.sqlite.prepare('SELECT status, count(*) AS n FROM cases GROUP BY status').all() as {
        status: string;
        n: number;
      }[]
    ).map((r) => [r.status, r.n]),
  );
  expect(statuses.get('closed')).toBeGreaterThan(200);
  expect(statuses.get('registered')).toBeGreaterThan(0);
  expect(statuses.get('handling')).toBeGreaterThan(0);
  // each stored history is one the app would have let a clerk record, step by step, and its
  // stored status is where those steps lead
  const rules = loadRules(t.store);
  const cases = t.store.sqlite
    .prepare('SELECT id, status, received_at FROM cases ORDER BY case_no')
    .all() as { id: string; status: CaseStatus; received_at: string }[];
  expect(cases).toHaveLength(400);
  let steps = 0;
  for (const c of cases) {
    const r = replay(c.id, c.received_at.slice(0, 10), rules);
    expect(r.state.status, c.id).toBe(c.status);
    steps += r.steps;
  }
  expect(steps).toBeGreaterThan(5 * 200); // each closed case alone took at least accept, reply, deliver, evaluate and close
  const work = await call(t.store, 'worklist.get', { scope: 'all' });
  expect(work.total).toBe(countOf(t.store, 'case_clocks'));
  expect(work.counts.overdue).toBeGreaterThan(0);
  expect(work.total).toBeLessThan(400);

  const forms = sampleIntakes(t.store, 300, 9);
  for (const f of forms) {
    const parsed = api['cases.create'].input.safeParse(f);
    expect(parsed.success, parsed.success ? '' : parsed.error.issues[0].message).toBe(true);
  }
});

/**
 * A case's stored events taken again one by one as `cases.step` takes them: each step's data
 * through the api's check, then `nextState`, which refuses a step its state does not allow, a day
 * before receipt or after today, or data the step's own rule rejects. Throws at the first
 * illegal step, naming the case and the step.
 */
function replay(
  caseId: string,
  receivedOn: string,
  rules: DayRules,
): { state: WorkflowState; steps: number } {
  const events = loadEvents(t!.store, caseId);
  let state = initialState(initialStatusOf(events));
  let steps = 0;
  for (const e of events) {
    // registration, edits and attachments are not steps
    if (!(e.kind in STEP_KINDS)) continue;
    const step = api['cases.step'].input.safeParse({ caseId, kind: e.kind, ...e.data });
    if (!step.success)
      throw new Error(`case ${caseId}: ${e.kind} ${JSON.stringify(e.data)}: ${step.error.issues[0].message}`);
    try {
      state = nextState(state, step.data, { receivedOn }, rules, e.id);
      steps++;
    } catch (err) {
      throw new Error(`case ${caseId}: ${e.kind} on ${String(e.data.on)}: ${(err as Error).message}`, {
        cause: err,
      });
    }
  }
  return { state, steps };
}
