/**
 * The generated registers behind `npm run seed` and the benchmark: they must be registers the
 * app itself would accept, with their work-list clocks built.
 */
import { afterEach, expect, it } from 'vitest';
import { api } from '../../src-main/api';
import { sampleIntakes, seedCases } from '../../src-main/services/seed';
import { createTempStore, call, countOf, type TempStore } from '../helpers/store';

let t: TempStore | undefined;
afterEach(() => t?.cleanup());

it('generates cases every api check accepts, 代理 ones with their cadre, and their work-list clocks', async () => {
  t = createTempStore();
  const result = seedCases(t.store, { cases: 400, seed: 3 });
  expect(result.cases).toBe(400);
  const proxies = t.store.sqlite.prepare(`SELECT proxy_by FROM cases WHERE channel = 'proxy'`).all() as { proxy_by: string | null }[];
  expect(proxies.length).toBeGreaterThan(0);
  expect(proxies.every((p) => p.proxy_by && /(党支部书记|村委会主任|调解委员|网格员) /.test(p.proxy_by))).toBe(true);
  // every registered case owes at least its acceptance decision
  expect(countOf(t.store, 'case_clocks')).toBeGreaterThanOrEqual(400);
  expect((await call(t.store, 'worklist.get', { scope: 'all' })).total).toBe(countOf(t.store, 'case_clocks'));

  const forms = sampleIntakes(t.store, 300, 9);
  for (const f of forms) {
    const parsed = api['cases.create'].input.safeParse(f);
    expect(parsed.success, parsed.success ? '' : parsed.error.issues[0].message).toBe(true);
  }
});
