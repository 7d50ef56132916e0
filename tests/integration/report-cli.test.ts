/**
 * `npm run cli -- report`, run as its own process on a real data folder: the figures as tab-separated
 * lines beside 同比 and 环比, the same .xlsx and print page as the screen, and a bad period refused
 * in the screen's own words.
 */
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeStore } from '../../src-main/services/database';
import { call, createTownship, sampleIntake, type Township } from '../helpers/store';

const ROOT = path.resolve(__dirname, '../..');
const cli = (args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src-main/cli.ts'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
  });

let t: Township;
beforeAll(async () => {
  t = await createTownship();
  // January 2026: a group visit of 8 and a letter; December 2025: one visit (环比)
  await call(t.store, 'cases.create', sampleIntake({ receivedAt: '2026-01-05T09:00', peopleCount: 8 }));
  await call(t.store, 'cases.create', sampleIntake({ channel: 'letter', receivedAt: '2026-01-10T11:00' }));
  await call(t.store, 'cases.create', sampleIntake({ receivedAt: '2025-12-15T09:00' }));
  closeStore(t.store);
});
afterAll(() => t.cleanup());

describe('report on the command line', () => {
  it('prints the month beside 同比 and 环比 and saves the same .xlsx and print page as the screen', async () => {
    const xlsx = path.join(t.dir, '报表', '2026年1月.xlsx');
    const html = path.join(t.dir, '报表', '2026年1月.html');
    const r = cli([
      'report',
      '--kind',
      'month',
      '--from',
      '2026-01',
      '--as-of',
      '2026-03-31',
      '--xlsx',
      xlsx,
      '--html',
      html,
      '--data-dir',
      t.dir,
    ]);
    expect(r.stderr).toContain('示范镇信访工作月报');
    expect(r.status).toBe(0);
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => l.split('\t'));
    expect(lines[0]).toEqual([
      '指标',
      '单位',
      '2026年1月',
      '同比（2025年1月）',
      '同比增减',
      '环比（2025年12月）',
      '环比增减',
    ]);
    const row = (label: string, unit: string) => lines.find((l) => l[0] === label && l[1] === unit);
    expect(row('信访总量', '批次')).toEqual(['信访总量', '批次', '2', '0', '—', '1', '+100.0%']);
    expect(row('信访总量', '人次')).toEqual(['信访总量', '人次', '9', '0', '—', '1', '+800.0%']);
    expect(row('集体信访', '人次')?.[2]).toBe('8');
    expect(lines.map((l) => l[0])).toContain('【矛盾纠纷排查与领导接访】');

    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(xlsx);
    const sheet = book.worksheets[0];
    const cells: unknown[][] = [];
    sheet.eachRow((r) => cells.push((r.values as unknown[]).slice(1)));
    expect(cells.find((c) => c[0] === '信访总量' && c[1] === '人次')?.[2]).toBe(9);
    expect(fs.readFileSync(html, 'utf8')).toContain('size: A4 landscape');
  });

  it('refuses a period that does not exist, and a missing option, with a Chinese message', () => {
    const bad = cli(['report', '--kind', 'month', '--from', '2026-13', '--data-dir', t.dir]);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toBe('--from 2026-13：日期 2026-13-01 不存在\n');
    const missing = cli(['report', '--kind', 'month', '--data-dir', t.dir]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('需要 --kind 和 --from');
  });
});
