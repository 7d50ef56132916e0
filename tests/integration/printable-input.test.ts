/**
 * Bad input a probe sent through the bridge: text with invisible control characters where it
 * would print on a letter, and a daily report for 1900. Each is refused in Chinese, naming the
 * field, and nothing is stored.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, callError, countOf, createTownship, TOWNSHIP_NAME, type Township } from '../helpers/store';

let town: Township;
beforeEach(async () => {
  town = await createTownship();
});
afterEach(() => town.cleanup());

describe('text that prints', () => {
  it('refuses an office name with a NUL', async () => {
    const before = (await call(town.store, 'settings.get', {})).office;
    const error = await callError(town.store, 'settings.saveOffice', { name: '示范镇\0人民政府' });
    expect(error).toMatchObject({ message: '单位名称含有不可见的控制字符，请删除后重新输入', field: 'name' });
    expect((await call(town.store, 'settings.get', {})).office).toEqual(before);
  });

  it('refuses a template title with a right-to-left override', async () => {
    const error = await callError(town.store, 'letters.saveTemplate', {
      kind: 'acceptNotice',
      title: '\u202E书知告理受',
      body: '特此告知。',
    });
    expect(error).toMatchObject({
      message: '文书标题含有不可见的控制字符，请删除后重新输入',
      field: 'title',
    });
    expect(countOf(town.store, 'letter_templates')).toBe(0);
    const accept = (await call(town.store, 'letters.templates', {})).find((t) => t.kind === 'acceptNotice');
    expect(accept?.source).toBe('default');
  });

  it('refuses a 机关代字 of zero-width spaces only', async () => {
    const before = await call(town.store, 'letters.prefix', {});
    const error = await callError(town.store, 'letters.savePrefix', { prefix: '\u200B\u200B\u200B' });
    expect(error).toMatchObject({
      message: '机关代字含有不可见的控制字符，请删除后重新输入',
      field: 'prefix',
    });
    expect(await call(town.store, 'letters.prefix', {})).toEqual(before);
  });

  it('still takes Chinese text with a full-width space and emoji', async () => {
    const settings = await call(town.store, 'settings.saveOffice', {
      name: `${TOWNSHIP_NAME}\u3000人民政府🏛`,
    });
    expect(settings.office?.name).toBe(`${TOWNSHIP_NAME}\u3000人民政府🏛`);
  });
});

describe('dates', () => {
  it('refuses a daily report dated 1900-01-01', async () => {
    const error = await callError(town.store, 'dailyReports.issue', { date: '1900-01-01', note: '' });
    expect(error).toMatchObject({ message: '日期 1900-01-01 早于 2000-01-01，请检查年份', field: 'date' });
    expect(countOf(town.store, 'daily_reports')).toBe(0);
  });

  it('refuses a daily report for a day that does not exist', async () => {
    const error = await callError(town.store, 'dailyReports.issue', { date: '2026-02-30', note: '' });
    expect(error).toMatchObject({ message: '日期 2026-02-30 不存在', field: 'date' });
    expect(countOf(town.store, 'daily_reports')).toBe(0);
  });
});
