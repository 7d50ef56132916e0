/**
 * What a clerk reads when a call fails for a reason that is not theirs to fix: Chinese words and
 * a number to give the technician, never the error's own (English) text or an internal name.
 */
import { afterEach, expect, it, vi } from 'vitest';
import { dispatch } from '../../src-main/handlers';
import { callError, createTownship, type TempStore } from '../helpers/store';

let t: TempStore | undefined;
afterEach(() => {
  vi.restoreAllMocks();
  t?.cleanup();
});

it('says an unexpected failure in Chinese with a reference, and logs the details under it', async () => {
  t = await createTownship();
  // a register whose table has gone (a damaged file): SQLite answers "no such table: disputes"
  t.store.sqlite.exec('DROP TABLE disputes');
  const logged: unknown[][] = [];
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void logged.push(args));

  const err = await callError(t.store, 'disputes.list', {});
  expect(err.internal).toBe(true);
  expect(err.message).toMatch(/^操作失败，数据未改动。请把错误编号 \d{6} 告诉技术人员/);
  expect(err.message).not.toMatch(/[A-Za-z]/);
  expect(err.message).not.toContain('disputes');

  // the technician finds the same number beside the real cause in the log
  const ref = /\d{6}/.exec(err.message)![0];
  const line = logged.find((args) => args.some((a) => String(a).includes(ref)));
  expect(line?.map(String).join(' ')).toContain('no such table: disputes');
});

it('names no method when the screen asks for one the services do not have', async () => {
  t = await createTownship();
  const r = await dispatch(t.store, 'cases.frobnicate', {});
  expect(r.ok).toBe(false);
  if (r.ok) return;
  expect(r.error.message).not.toMatch(/[A-Za-z]/);
  expect(r.error.message).toContain('版本');
});
