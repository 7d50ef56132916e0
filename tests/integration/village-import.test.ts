import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ImportPreviewRow } from '../../src-main/contract';
import { call, callError, countOf, createTownship, type Township } from '../helpers/store';

let t: Township;
beforeEach(async () => {
  t = await createTownship(); // villages 东村 …001, 西村 …002, 南山社区 …003
});
afterEach(() => t.cleanup());

async function xlsx(rows: (string | number | null)[][]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('村社区');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}
const csv = (text: string, bom = false) =>
  Buffer.from((bom ? '\uFEFF' : '') + text, 'utf8').toString('base64');

const preview = (fileName: string, base64: string) =>
  call(t.store, 'villages.previewImport', { fileName, base64 });
const apply = (fileName: string, base64: string) =>
  call(t.store, 'villages.applyImport', { fileName, base64 });
const villages = async () => (await call(t.store, 'settings.get', {})).villages.map((v) => [v.code, v.name]);
const errors = (rows: ImportPreviewRow[]) => rows.map((r) => [r.line, r.code, r.name, r.error]);

/** A typical list: a header, good rows and one of each kind of bad row. */
const MIXED: (string | number | null)[][] = [
  ['统计代码', '名称'],
  ['330102001004', '北村'], // new
  [330102001002, '西村村'], // known code (typed as a number in Excel), renamed
  ['33010200100', '短码村'], // 11 digits
  ['330102002001', '邻镇村'], // another township
  ['330102001004', '北村二'], // duplicate code
  ['330102001005', null], // missing name
  [null, null], // blank line, ignored
  ['330102001006', '新建社区'], // new
];

describe('village import: preview', () => {
  it('reads an .xlsx with a header row and explains each bad row', async () => {
    const rows = await preview('村社区.xlsx', await xlsx(MIXED));
    expect(errors(rows)).toEqual([
      [2, '330102001004', '北村', null],
      [3, '330102001002', '西村村', null],
      [4, '33010200100', '短码村', '代码“33010200100”应为12位数字'],
      [5, '330102002001', '邻镇村', '代码不属于本乡镇（应以 330102001 开头）'],
      [6, '330102001004', '北村二', '代码与第2行重复'],
      [7, '330102001005', '', '缺少名称'],
      [9, '330102001006', '新建社区', null],
    ]);
  });

  it('reads a .csv with a BOM and a header row (as Excel saves “CSV UTF-8”)', async () => {
    const text = '代码,名称\r\n330102001004,北村\r\n330102001002,西村村\r\n3301020010,短码村\r\n';
    const rows = await preview('villages.csv', csv(text, true));
    expect(errors(rows)).toEqual([
      [2, '330102001004', '北村', null],
      [3, '330102001002', '西村村', null],
      [4, '3301020010', '短码村', '代码“3301020010”应为12位数字'],
    ]);
  });

  it('reads a .csv without a BOM and without a header row', async () => {
    const rows = await preview(
      'villages.csv',
      csv('330102001004,北村\n330102001004,北村\n330102002009,外镇村\n330102001007,\n'),
    );
    expect(errors(rows)).toEqual([
      [1, '330102001004', '北村', null],
      [2, '330102001004', '北村', '代码与第1行重复'],
      [3, '330102002009', '外镇村', '代码不属于本乡镇（应以 330102001 开头）'],
      [4, '330102001007', '', '缺少名称'],
    ]);
  });

  it('finds the columns by their headers in any order, and name-first lists without a header', async () => {
    const byHeader = await preview(
      'v.csv',
      csv('序号,村/社区,区划代码\n1,北村,330102001004\n2,新村,330102001008\n', true),
    );
    expect(errors(byHeader)).toEqual([
      [2, '330102001004', '北村', null],
      [3, '330102001008', '新村', null],
    ]);
    const nameFirst = await preview('v.csv', csv('北村,330102001004\n新村,330102001008\n'));
    expect(errors(nameFirst)).toEqual([
      [1, '330102001004', '北村', null],
      [2, '330102001008', '新村', null],
    ]);
  });

  it('changes nothing', async () => {
    const before = { villages: countOf(t.store, 'villages'), log: countOf(t.store, 'change_log') };
    await preview('村社区.xlsx', await xlsx(MIXED));
    expect(countOf(t.store, 'villages')).toBe(before.villages);
    expect(countOf(t.store, 'change_log')).toBe(before.log);
  });
});

describe('village import: apply', () => {
  it('adds new codes, renames known codes and skips bad rows', async () => {
    const result = await apply('村社区.xlsx', await xlsx(MIXED));
    expect(result).toEqual({ added: 2, updated: 1, skipped: 4 });
    expect(await villages()).toEqual([
      ['330102001001', '东村'],
      ['330102001002', '西村村'],
      ['330102001003', '南山社区'],
      ['330102001004', '北村'],
      ['330102001006', '新建社区'],
    ]);
    // the renamed village keeps its id, so cases that name it follow the new name
    expect(
      (await call(t.store, 'settings.get', {})).villages.find((v) => v.code === '330102001002')!.id,
    ).toBe(t.village('西村'));
    // every change went through the change log
    const logged = t.store.sqlite
      .prepare(
        `SELECT op, data FROM change_log WHERE tbl = 'villages' AND actor IS NOT NULL ORDER BY origin_seq`,
      )
      .all() as {
      op: string;
      data: string;
    }[];
    expect(logged.map((r) => [r.op, JSON.parse(r.data).name])).toEqual([
      ['insert', '北村'],
      ['update', '西村村'],
      ['insert', '新建社区'],
    ]);
  });

  it('applied twice, changes nothing the second time', async () => {
    const file = csv('代码,名称\n330102001004,北村\n330102001001,东村\n', true);
    expect(await apply('v.csv', file)).toEqual({ added: 1, updated: 0, skipped: 0 });
    const log = countOf(t.store, 'change_log');
    expect(await apply('v.csv', file)).toEqual({ added: 0, updated: 0, skipped: 0 });
    expect(countOf(t.store, 'change_log')).toBe(log);
    expect(await villages()).toHaveLength(4);
  });
});

describe('village import: files that are not village lists', () => {
  const expectNothingChanged = async (fileName: string, base64: string, message: RegExp) => {
    const before = { villages: await villages(), log: countOf(t.store, 'change_log') };
    for (const method of ['villages.previewImport', 'villages.applyImport'] as const) {
      const err = await callError(t.store, method, { fileName, base64 });
      expect(err.message, `${method} ${fileName}`).toMatch(message);
      expect(err.message).toMatch(/[\u4e00-\u9fa5]/);
      expect(err.internal).toBeUndefined();
    }
    expect(await villages()).toEqual(before.villages);
    expect(countOf(t.store, 'change_log')).toBe(before.log);
  };

  it('refuses a file that is neither .xlsx nor .csv', async () => {
    await expectNothingChanged(
      '村名单.docx',
      Buffer.from('PK\u0003\u0004 not really').toString('base64'),
      /只能导入 \.xlsx 或 \.csv 文件/,
    );
    await expectNothingChanged('村名单.txt', csv('330102001004,北村'), /只能导入 \.xlsx 或 \.csv 文件/);
  });

  it('refuses an .xlsx that is not a spreadsheet', async () => {
    const png = Buffer.from([
      0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52,
    ]).toString('base64');
    await expectNothingChanged('村名单.xlsx', png, /文件“村名单\.xlsx”无法读取，可能已损坏或不是表格文件/);
  });

  it('refuses a .csv that is not UTF-8 text', async () => {
    const gbk = Buffer.from([0xb4, 0xfa, 0xc2, 0xeb, 0x2c, 0xc3, 0xfb, 0xb3, 0xc6, 0x0a]).toString('base64'); // 代码,名称 in GBK
    await expectNothingChanged('村名单.csv', gbk, /不是 UTF-8 编码/);
  });

  it('refuses a spreadsheet with no village rows', async () => {
    await expectNothingChanged('空.csv', csv(''), /没有找到村\/社区数据/);
    await expectNothingChanged('空.xlsx', await xlsx([['代码', '名称']]), /没有找到村\/社区数据/);
  });
});
