/**
 * Shared set-up for unit and integration tests: a register on a real SQLite file in a fresh
 * temporary folder (never a mock of the database), a township set up through the api, typed
 * wrappers around `dispatch`, and a valid intake input to vary per test.
 *
 *   const t = await createTownship();        // store + township 330102001 示范镇
 *   const c = await call(t.store, 'cases.create', sampleIntake({ summary: '…' }));
 *   const err = await callError(t.store, 'cases.create', { … });
 *   await t.cleanup();                       // in afterEach
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { closeStore, type Store } from '../../src-main/services/database';
import { openRegister } from '../../src-main/services/open-register';
import { dispatch } from '../../src-main/handlers';
import type {
  ApiInput,
  ApiMethod,
  ApiOutput,
  CaseDetail,
  CaseStepInput,
  CaseUpdateInput,
  IntakeInput,
  PetitionerInput,
  Settings,
  SetupInput,
} from '../../src-main/contract';
import { addCalendarDays } from '../../src-main/services/calendar';
import { todayLocal } from '../../src-main/services/local-time';
import { fromCase, toIntakeInput } from '../../src-renderer/components/case-form-values';

export const TOWNSHIP_CODE = '330102001';
export const TOWNSHIP_NAME = '示范镇';

/** Valid 18-digit ID numbers (GB 11643 check digits computed independently of the app). */
export const IDS = {
  /** the standard's own example: 北京市朝阳区, 1949-12-31, female, check character X */
  standardX: '11010519491231002X',
  /** 杭州市上城区, 1980-01-01, male, check character X */
  maleX: '33010219800101123X',
  /** 1990-03-07, female */
  female1990: '330102199003074562',
  /** 2000-02-29 (a leap day), male */
  leapDay2000: '440304200002290014',
  /** 1985-10-10, female, check character X */
  female1985X: '33010219851010002X',
  /** 南京, 1970-06-15, male, check character X */
  nanjingX: '32010219700615003X',
} as const;

export interface TempStore {
  store: Store;
  dir: string;
  /** closes the store and opens the same folder again (as a restart of the app would) */
  reopen(): Store;
  /** closes the store and removes the folder */
  cleanup(): void;
}

/** An empty register (migrated, no office yet) in a fresh temporary folder. */
export function createTempStore(): TempStore {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'petition-test-'));
  const t: TempStore = {
    store: openRegister({ dataDir: dir }),
    dir,
    reopen() {
      closeStore(t.store);
      t.store = openRegister({ dataDir: dir });
      return t.store;
    },
    cleanup() {
      closeStore(t.store);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  return t;
}

/** dispatch, expecting success: returns the value or throws with the error message. */
export async function call<M extends ApiMethod>(
  store: Store,
  method: M,
  input: ApiInput<M>,
): Promise<ApiOutput<M>> {
  const r = await dispatch(store, method, input);
  if (!r.ok)
    throw new Error(`${method} failed: ${r.error.message}${r.error.field ? ` [${r.error.field}]` : ''}`);
  return r.value as ApiOutput<M>;
}

/** dispatch, expecting a refusal: returns the error or throws if the call succeeded. */
export async function callError(
  store: Store,
  method: ApiMethod,
  input: unknown,
): Promise<{ message: string; field?: string; internal?: boolean }> {
  const r = await dispatch(store, method, input);
  if (r.ok) throw new Error(`${method} was expected to fail but succeeded`);
  return r.error;
}

export const SETUP: SetupInput = {
  level: 'township',
  code: TOWNSHIP_CODE,
  name: TOWNSHIP_NAME,
  villages: [
    { code: '330102001001', name: '东村' },
    { code: '330102001002', name: '西村' },
    { code: '330102001003', name: '南山社区' },
  ],
  units: [{ name: '司法所' }, { name: '派出所' }, { name: '自然资源所' }],
  staff: [
    { name: '王登记', role: 'clerk' },
    { name: '李承办', role: 'handler' },
    { name: '赵领导', role: 'leader', phone: '13900139000' },
  ],
};

export interface Township extends TempStore {
  settings: Settings;
  /** village id by name (东村, 西村, 南山社区) */
  village(name: string): string;
  /** staff id by name (王登记 is the current user after set-up) */
  staff(name: string): string;
  /** category id by name, e.g. 土地承包 */
  category(name: string): string;
  /** responsible unit id by name (司法所, 派出所, 自然资源所) */
  unit(name: string): string;
}

/** A register with township 330102001 示范镇 set up through the api; the clerk 王登记 is signed in. */
export async function createTownship(setup: SetupInput = SETUP): Promise<Township> {
  const t = createTempStore();
  try {
    await call(t.store, 'setup.create', setup);
  } catch (e) {
    t.cleanup();
    throw e;
  }
  const settings = await call(t.store, 'settings.get', {});
  const find = (list: { id: string; name: string }[], kind: string, name: string) => {
    const hit = list.find((x) => x.name === name);
    if (!hit) throw new Error(`no ${kind} named ${name}`);
    return hit.id;
  };
  return Object.assign(t, {
    settings,
    village: (name: string) => find(settings.villages, 'village', name),
    staff: (name: string) => find(settings.staff, 'staff', name),
    category: (name: string) => find(settings.categories, 'category', name),
    unit: (name: string) => find(settings.units, 'unit', name),
  });
}

export function samplePetitioner(overrides: Partial<PetitionerInput> = {}): PetitionerInput {
  return {
    name: '张三',
    idNumber: IDS.maleX,
    phone: '13800138000',
    address: '示范镇东村3组12号',
    representative: false,
    ...overrides,
  };
}

/** A valid intake: one petitioner visiting about a land contract dispute, received 2026-11-20. */
export function sampleIntake(overrides: Partial<IntakeInput> = {}): IntakeInput {
  return {
    channel: 'visit',
    receivedAt: '2026-11-20T09:30',
    matterType: 'claim',
    summary: '反映土地承包合同到期后村委会未按约定续签',
    content: '信访人称其家庭承包的两亩耕地合同已于今年到期，村委会未按约定续签，请求依法处理。',
    peopleCount: 1,
    petitioners: [samplePetitioner()],
    ...overrides,
  };
}

/** Number of rows of a table (a quick before/after check that nothing was written). */
export function countOf(store: Store, table: string): number {
  return (store.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
}

/**
 * The `cases.update` input that saves a case exactly as it is, with the given fields changed: the
 * case screen's own mapping (case-form-values.ts), as the screen saves an edit.
 */
export function updateInputOf(detail: CaseDetail, overrides: Partial<CaseUpdateInput> = {}): CaseUpdateInput {
  const { attachments: _attachments, ...input } = toIntakeInput(fromCase(detail));
  return { id: detail.id, ...input, ...overrides };
}

/**
 * A case (the sample intake, received 120 days ago) taken through 受理, a 不予支持 reply, its
 * delivery, 复查 (upheld) and a request for 复核; with `decided` (the default) the 复核 is decided
 * too (upheld, 20 days ago), so the case is 复核终结 (Art. 36).
 */
export async function caseThroughRereview(
  t: TempStore,
  opts: { decided?: boolean } = {},
): Promise<{ id: string; caseNo: string }> {
  const today = todayLocal();
  const daysAgo = (n: number) => addCalendarDays(today, -n);
  const c = await call(t.store, 'cases.create', sampleIntake({ receivedAt: `${daysAgo(120)}T09:00` }));
  const steps: CaseStepInput[] = [
    { caseId: c.id, kind: 'accept', on: daysAgo(118) },
    {
      caseId: c.id,
      kind: 'reply',
      on: daysAgo(80),
      outcome: 'notSupport',
      request: '续签',
      facts: '不符合条件',
      basis: '《农村土地承包法》',
    },
    { caseId: c.id, kind: 'deliver', on: daysAgo(78), method: 'mail', receivedOn: daysAgo(78) },
    { caseId: c.id, kind: 'requestReview', on: daysAgo(70), body: '县人民政府' },
    {
      caseId: c.id,
      kind: 'decideReview',
      on: daysAgo(50),
      result: 'uphold',
      receivedOn: daysAgo(48),
      note: '维持',
    },
    { caseId: c.id, kind: 'requestRereview', on: daysAgo(40), body: '市人民政府' },
  ];
  if (opts.decided ?? true)
    steps.push({
      caseId: c.id,
      kind: 'decideRereview',
      on: daysAgo(20),
      result: 'uphold',
      receivedOn: daysAgo(18),
      note: '维持',
    });
  for (const s of steps) await call(t.store, 'cases.step', s);
  return { id: c.id, caseNo: c.caseNo };
}
