/**
 * The office of a generated register: a township with villages, units and staff when the
 * store has none, villages when the office has none, and the mark that says a register holds
 * only generated data.
 */
import { randomUUID } from 'node:crypto';
import { api } from '../../src-main/contract';
import type { Store } from '../../src-main/services/database';
import { DEFAULT_TOWNSHIP_UNITS } from '../../src-main/services/default-categories';
import { getLocal, setLocal } from '../../src-main/services/local-state';
import { mutate } from '../../src-main/services/mutation';
import { currentOfficeId, currentUserId, requireOffice, setupOffice } from '../../src-main/services/office';
import * as D from './data';
import { randomMobile, randomName } from './people';
import { Rng } from './random';

export const SEED_OFFICE = { code: '330102001', name: '清波街道' };

function villageList(rng: Rng, prefix: string): { code: string; name: string }[] {
  const out: { code: string; name: string }[] = [];
  const names = new Set<string>();
  rng
    .shuffle(D.COMMUNITY_NAMES)
    .slice(0, 6)
    .forEach((n, i) => {
      names.add(`${n}社区`);
      out.push({ code: `${prefix}${String(i + 1).padStart(3, '0')}`, name: `${n}社区` });
    });
  const rural = [
    ...rng
      .shuffle(D.VILLAGE_SURNAMES)
      .slice(0, 7)
      .map((s) => `${s}家村`),
    ...rng.shuffle(D.VILLAGE_NAMES).map((n) => `${n}村`),
  ];
  let k = 0;
  for (const n of rural) {
    if (k >= 14) break;
    if (names.has(n)) continue;
    names.add(n);
    out.push({ code: `${prefix}${String(201 + k).padStart(3, '0')}`, name: n });
    k++;
  }
  return out;
}

/** local_state key set when the office itself was made by the generator (a demo register). */
const SEEDED_KEY = 'seeded_office';

/** True when this register's office was made by the generator, so it holds only generated data. */
export function isGeneratedRegister(store: Store): boolean {
  return getLocal(store, SEEDED_KEY) !== undefined;
}

export interface SeedOfficeResult {
  officeCreated: boolean;
  villagesCreated: number;
}

/**
 * Makes sure there is an office with villages: a township (330102001 清波街道) with staff if the
 * store has none, and ~20 villages/communities under the office code if the office has none.
 */
export function ensureSeedOffice(store: Store, seed = 1): SeedOfficeResult {
  const rng = new Rng(seed ^ 0x5eed);
  if (!currentOfficeId(store)) {
    const villages = villageList(rng, SEED_OFFICE.code);
    const staff = [
      { name: randomName(rng, 'female', 1985), role: 'clerk' as const },
      { name: randomName(rng, 'male', 1990), role: 'clerk' as const },
      { name: randomName(rng, 'male', 1978), role: 'handler' as const },
      { name: randomName(rng, 'female', 1982), role: 'handler' as const },
      { name: randomName(rng, 'male', 1970), role: 'leader' as const },
      { name: randomName(rng, 'male', 1988), role: 'admin' as const },
    ].map((s) => ({ ...s, phone: randomMobile(rng) }));
    setupOffice(
      store,
      api['setup.create'].input.parse({
        level: 'township',
        code: SEED_OFFICE.code,
        name: SEED_OFFICE.name,
        villages,
        units: DEFAULT_TOWNSHIP_UNITS.map((name) => ({ name })),
        staff,
      }),
    );
    setLocal(store, SEEDED_KEY, JSON.stringify({ seed, at: new Date().toISOString() }));
    return { officeCreated: true, villagesCreated: villages.length };
  }
  const office = requireOffice(store);
  const has = store.sqlite
    .prepare('SELECT 1 FROM villages WHERE office_id = ? AND deleted = 0 LIMIT 1')
    .get(office.id);
  if (has) return { officeCreated: false, villagesCreated: 0 };
  const prefix = office.id.length === 9 ? office.id : `${office.id}001`;
  const villages = villageList(rng, prefix);
  mutate(store, { actor: currentUserId(store) }, (m) => {
    villages.forEach((v, i) =>
      m.insert('villages', { id: randomUUID(), officeId: office.id, code: v.code, name: v.name, sort: i }),
    );
  });
  return { officeCreated: false, villagesCreated: villages.length };
}
