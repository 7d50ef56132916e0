/**
 * What a clerk reads when a call fails for a reason that is not theirs to fix: Chinese words and
 * a number to give the technician, never the error's own (English) text or an internal name.
 */
import { afterEach, expect, it, vi } from 'vitest';
import { api } from '../../src-main/contract';
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

it('refuses an input that is not an object at all in Chinese, the cross-field checks not run', async () => {
  t = await createTownship();
  // the intake's people check read petitioners.length of a string and threw a TypeError, which
  // dispatch did not catch: the web bridge sent "TypeError: Cannot read properties of undefined"
  for (const input of ['intake', [], 42, true]) {
    const err = await callError(t.store, 'cases.create', input);
    expect(err.message).toBe('格式不正确');
    expect(err.internal).toBeFalsy();
  }
});

it('answers in Chinese when a schema throws, rather than rejecting with its English text', async () => {
  t = await createTownship();
  const logged: unknown[][] = [];
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void logged.push(args));
  vi.spyOn(api['cases.get'].input, 'safeParse').mockImplementation(() => {
    throw new TypeError("Cannot read properties of undefined (reading 'length')");
  });
  const r = await dispatch(t.store, 'cases.get', { id: 'x' });
  expect(r.ok).toBe(false);
  if (r.ok) return;
  expect(r.error.message).toMatch(/^操作失败，数据未改动。请把错误编号 \d{6} 告诉技术人员/);
  expect(logged.map((args) => args.map(String).join(' ')).join('\n')).toContain('Cannot read properties');
});
