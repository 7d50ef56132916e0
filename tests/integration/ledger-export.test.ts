import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CHANNELS, MATTER_TYPES, maskIdNumber, type CaseFilter } from '../../src-main/contract';
import { LEDGER_COLUMNS } from '../../src-main/services/ledger-export';
import {
  IDS,
  TOWNSHIP_NAME,
  call,
  callError,
  countOf,
  createTownship,
  type Township,
} from '../helpers/store';
import { addSampleCases, type SampleRegister } from '../helpers/register';

let t: Township;
let cases: SampleRegister;
beforeEach(async () => {
  t = await createTownship();
  cases = await addSampleCases(t);
});
afterEach(() => t.cleanup());

async function exportSheet(filter: CaseFilter, fullNumbers = true) {
  const file = await call(t.store, 'cases.exportXlsx', { filter, fullNumbers });
  const bytes = Buffer.from(file.base64, 'base64');
  expect(bytes.subarray(0, 2).toString()).toBe('PK'); // a zip container, as .xlsx is
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  expect(wb.worksheets).toHaveLength(1);
  const ws = wb.worksheets[0];
  const rowValues = (n: number) => LEDGER_COLUMNS.map((_, i) => ws.getRow(n).getCell(i + 1).value);
  const dataRows: ExcelJS.CellValue[][] = [];
  for (let n = 4; n <= ws.rowCount; n++) dataRows.push(rowValues(n));
  return { file, ws, rowValues, dataRows };
}

const col = (header: string) => {
  const i = LEDGER_COLUMNS.findIndex((c) => c.header === header);
  if (i < 0) throw new Error(`no column ${header}`);
  return i;
};

describe('ledger export (.xlsx)', () => {
  it('writes the title row, the filter line and the header row', async () => {
    const { file, ws, rowValues } = await exportSheet({ from: '2026-03-01', to: '2026-03-31' });
    expect(file.fileName).toMatch(new RegExp(`^${TOWNSHIP_NAME}信访台账_\\d{4}-\\d{2}-\\d{2}\\.xlsx$`));
    expect(ws.name).toBe('信访台账');
    expect(ws.getCell(1, 1).value).toBe(`${TOWNSHIP_NAME}信访事项登记台账`);
    expect(ws.getCell(1, 1).isMerged).toBe(true);
    expect(ws.getCell(1, LEDGER_COLUMNS.length).master.address).toBe('A1');
    expect(String(ws.getCell(2, 1).value)).toMatch(
      /^收到时间：2026-03-01 至 2026-03-31　共 3 件　导出时间：\d{4}年\d{1,2}月\d{1,2}日$/,
    );
    expect(rowValues(3)).toEqual(LEDGER_COLUMNS.map((c) => c.header));
  });

  it('holds exactly the rows of the filter, in the order of cases.list', async () => {
    const filters: CaseFilter[] = [
      {},
      { q: '土地' },
      { villageId: [t.village('东村')] },
      { flags: ['collective'] },
      { from: '2026-04-01' },
      { q: '拆迁' },
    ];
    for (const filter of filters) {
      const list = await call(t.store, 'cases.list', { filter, limit: 500 });
      const { dataRows } = await exportSheet(filter);
      expect(
        dataRows.map((r) => r[col('信访编号')]),
        JSON.stringify(filter),
      ).toEqual(list.rows.map((r) => r.caseNo));
      expect(dataRows.map((r) => r[col('序号')])).toEqual(list.rows.map((_, i) => i + 1));
    }
    const { dataRows } = await exportSheet({ q: '土地' });
    expect(dataRows.map((r) => r[col('信访编号')])).toEqual([cases.B.caseNo, cases.E.caseNo, cases.A.caseNo]);
  });

  it('writes each case’s fields, with whole ID numbers and phones as text', async () => {
    const { ws, dataRows } = await exportSheet({ villageId: [t.village('西村')] });
    expect(dataRows).toHaveLength(1);
    const b = dataRows[0];
    expect(b).toEqual([
      1,
      cases.B.caseNo,
      '2026-03-31 23:59',
      CHANNELS.visit,
      '单伟、曾国强、刘洋',
      `${IDS.female1990}、${IDS.nanjingX}`,
      '13911112222、0571-88886666',
      '西村二组；西村二组',
      '西村',
      6,
      MATTER_TYPES.claim,
      '土地征收',
      '六名村民反映土地征收补偿款未足额发放',
      '集体、初信初访',
      '待受理',
    ]);
    const idCell = ws.getCell(4, col('身份证号') + 1);
    expect(idCell.type).toBe(ExcelJS.ValueType.String);
    expect(idCell.numFmt).toBe('@'); // text format, so Excel never turns it into 3.30102E+17
    expect(ws.getCell(4, col('联系电话') + 1).type).toBe(ExcelJS.ValueType.String);
    expect(ws.getCell(4, col('联系电话') + 1).numFmt).toBe('@');
  });

  it('masks ID numbers and phones unless asked for them whole', async () => {
    // what a clerk gets from the 导出 Excel button itself
    const file = await call(t.store, 'cases.exportXlsx', { filter: { villageId: [t.village('西村')] } });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer);
    const row = wb.worksheets[0].getRow(4);
    expect(row.getCell(col('身份证号') + 1).value).toBe(
      `${maskIdNumber(IDS.female1990)}、${maskIdNumber(IDS.nanjingX)}`,
    );
    expect(row.getCell(col('联系电话') + 1).value).toBe('139****2222、057****6666');
    const whole = await exportSheet({ villageId: [t.village('西村')] }, true);
    expect(whole.dataRows[0][col('身份证号')]).toBe(`${IDS.female1990}、${IDS.nanjingX}`);
    // the audit trail says which of the two each export was
    const details = (
      t.store.sqlite
        .prepare("SELECT detail FROM audit_log WHERE action = 'export-ledger' ORDER BY rowid")
        .all() as {
        detail: string;
      }[]
    ).map((r) => JSON.parse(r.detail).fullNumbers);
    expect(details).toEqual([false, true]);
  });

  it('keeps a single 18-digit ID number a string, never a rounded number', async () => {
    const { ws, dataRows } = await exportSheet({ q: '李四' });
    expect(dataRows).toHaveLength(1);
    const cell = ws.getCell(4, col('身份证号') + 1);
    expect(cell.value).toBe(IDS.standardX);
    const a = await exportSheet({ q: cases.A.caseNo });
    const idCell = a.ws.getCell(4, col('身份证号') + 1);
    expect(idCell.value).toBe(IDS.maleX);
    expect(typeof idCell.value).toBe('string');
    expect(typeof a.ws.getCell(4, col('联系电话') + 1).value).toBe('string');
    expect(a.ws.getCell(4, col('联系电话') + 1).value).toBe('13800138000');
  });

  it('marks the flags of anonymous, joint and repeat cases', async () => {
    const { dataRows } = await exportSheet({});
    const flags = Object.fromEntries(dataRows.map((r) => [r[col('信访编号')], r[col('标记')]]));
    expect(flags[cases.C.caseNo]).toBe('初信初访、联名');
    expect(flags[cases.D.caseNo]).toBe('初信初访、匿名、越级');
    expect(flags[cases.E.caseNo]).toBe('重复');
    const d = dataRows.find((r) => r[col('信访编号')] === cases.D.caseNo)!;
    expect(d[col('信访人')]).toBe(''); // anonymous: no name written
    expect(d[col('身份证号')]).toBe('');
  });

  it('writes an audit_log row for every export, naming the actor and the filter', async () => {
    expect(countOf(t.store, 'audit_log')).toBe(0);
    const filter: CaseFilter = { q: '土地', villageId: [t.village('东村')] };
    await exportSheet(filter);
    const rows = t.store.sqlite.prepare('SELECT at, actor, action, detail FROM audit_log').all() as {
      at: string;
      actor: string;
      action: string;
      detail: string;
    }[];
    expect(rows).toHaveLength(1);
    expect(rows[0].action).toBe('export-ledger');
    expect(rows[0].actor).toBe(t.staff('王登记'));
    expect(JSON.parse(rows[0].detail)).toEqual({ rows: 2, filter, fullNumbers: true });
    expect(Date.parse(rows[0].at)).not.toBeNaN();
    await exportSheet({});
    expect(countOf(t.store, 'audit_log')).toBe(2);
  });

  it('refuses a bad filter in Chinese and writes no audit row', async () => {
    const err = await callError(t.store, 'cases.exportXlsx', { filter: { from: '2026/03/01' } });
    expect(err).toMatchObject({ field: 'filter.from', message: '日期格式应为 年-月-日' });
    expect(countOf(t.store, 'audit_log')).toBe(0);
  });
});
