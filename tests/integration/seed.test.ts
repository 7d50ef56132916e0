/**
 * The generated registers behind `npm run seed` and the benchmark: they must be registers the
 * app itself would accept, with their work-list clocks built.
 */
import { afterEach, expect, it } from 'vitest';
import { api } from '../../src-main/api';
import { sampleIntakes, seedCases } from '../../src-main/services/seed';
import { caseState } from '../../src-main/services/workflow';
import { createTempStore, call, countOf, type TempStore } from '../helpers/store';

let t: TempStore | undefined;
afterEach(() => t?.cleanup());

it('generates cases every api check accepts, 代理 ones with their cadre, follow-up histories and their work-list clocks', async () => {
  t = createTempStore();
  const result = seedCases(t.store, { cases: 400, seed: 3 });
  expect(result.cases).toBe(400);
  const proxies = t.store.sqlite.prepare(`SELECT proxy_by FROM cases WHERE channel = 'proxy'`).all() as { proxy_by: string | null }[];
  expect(proxies.length).toBeGreaterThan(0);
  expect(proxies.every((p) => p.proxy_by && /(党支部书记|村委会主任|调解委员|网格员) /.test(p.proxy_by))).toBe(true);
  // follow-up histories by age: waiting, in hand, answered and closed, a few left overdue
  const statuses = new Map(
    (t.store.sqlite.prepare('SELECT status, count(*) AS n FROM cases GROUP BY status').all() as { status: string; n: number }[]).map((r) => [r.status, r.n]),
  );
  expect(statuses.get('closed')).toBeGreaterThan(200);
  expect(statuses.get('registered')).toBeGreaterThan(0);
  expect(statuses.get('handling')).toBeGreaterThan(0);
  // each stored status is what the workflow makes of the stored events
  const ids = (t.store.sqlite.prepare('SELECT id, status FROM cases').all() as { id: string; status: string }[]);
  for (const c of ids) expect(caseState(t.store, c.id).status, c.id).toBe(c.status);
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
