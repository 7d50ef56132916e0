/**
 * Sync set-up for tests: a county register, townships enrolled with it through real enrollment
 * files, and packages carried between them through a real folder.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Store } from '../../src-main/services/database';
import { applyEnrollment, createEnrollment } from '../../src-main/services/sync/enrollment';
import { exportPackage } from '../../src-main/services/sync/export';
import { importPackage, type ImportOptions } from '../../src-main/services/sync/import';
import type { ExportResult, ImportReport } from '../../src-main/contract';
import { call, createTownship, SETUP, type Township } from './store';

export const COUNTY_CODE = '330102';

/** A county register (county mode) with one clerk. */
export async function createCounty(): Promise<Township> {
  return createTownship({
    level: 'county',
    code: COUNTY_CODE,
    name: '示范县信访局',
    villages: [],
    units: [{ name: '县自然资源局' }],
    staff: [{ name: '县登记员', role: 'clerk' }],
  });
}

/** A township register set up and enrolled with the county. */
export async function createEnrolledTownship(
  county: Township,
  code = '330102001',
  name = '示范镇',
): Promise<Township> {
  const t = await createTownship({
    ...SETUP,
    code,
    name,
    villages: (SETUP.villages ?? []).map((v, i) => ({ ...v, code: `${code}00${i + 1}` })),
  });
  const file = createEnrollment(county.store, { id: code, name }, null);
  applyEnrollment(t.store, file.bytes);
  return t;
}

/** Exports from one register to another and returns the package file. */
export function exportTo(from: Township, to: Township, dir: string): ExportResult {
  const toOffice = (
    to.store.sqlite.prepare(`SELECT value FROM local_state WHERE key = 'office_id'`).get() as {
      value: string;
    }
  ).value;
  return exportPackage(from.store, { dir, actor: null, to: toOffice });
}

export function importFile(to: Store, file: string, opts: Partial<ImportOptions> = {}): ImportReport {
  return importPackage(to, fs.readFileSync(file), { actor: null, fileName: path.basename(file), ...opts });
}

/** One package from `from` to `to`, imported. */
export function exchange(from: Township, to: Township, dir: string): ImportReport {
  return importFile(to.store, exportTo(from, to, dir).file);
}

/**
 * Wall-clock times ahead of every stamp the test's registers hold, a second apart, for mutate's
 * `now`: writes made at `at(0)`, `at(1)` … are stamped in that order whichever office makes
 * them, so which one wrote last is fixed, not left to the clock.
 */
export function timesAhead(): (i: number) => () => number {
  const base = Date.now() + 60_000;
  return (i) => () => base + i * 1000;
}

export { call };
