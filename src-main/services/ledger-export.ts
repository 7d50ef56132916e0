/**
 * Export of the filtered register to .xlsx in the layout of a township 信访台账: a title row
 * with the office, the range and the export time, one header row, one row per case. ID numbers
 * and phones are masked as in the register's list unless the clerk asks for them whole; every
 * export, and that choice, is written to the audit trail.
 */
import ExcelJS from 'exceljs';
import {
  CASE_STATUSES,
  CHANNELS,
  FLAGS,
  MATTER_TYPES,
  maskIdNumber,
  maskPhone,
  type CaseFilter,
  type FileBytes,
} from '../contract';
import type { Store } from './database';
import { requireOffice } from './office';
import { countRows, queryRows, rowFlags } from './case-list';
import { audit } from './audit';
import { UserError } from './errors';

export const MAX_EXPORT_ROWS = 200_000;

export const LEDGER_COLUMNS: { header: string; width: number }[] = [
  { header: '序号', width: 6 },
  { header: '信访编号', width: 22 },
  { header: '收到时间', width: 17 },
  { header: '信访形式', width: 10 },
  { header: '信访人', width: 14 },
  { header: '身份证号', width: 21 },
  { header: '联系电话', width: 14 },
  { header: '住址', width: 24 },
  { header: '所属村（社区）', width: 14 },
  { header: '人数', width: 6 },
  { header: '事项性质', width: 10 },
  { header: '内容分类', width: 12 },
  { header: '内容摘要', width: 40 },
  { header: '标记', width: 14 },
  { header: '办理状态', width: 10 },
];

function describe(filter: CaseFilter): string {
  const from = filter.from ?? '最早';
  const to = filter.to ?? '今天';
  return `收到时间：${from} 至 ${to}${filter.q ? `；检索：${filter.q}` : ''}`;
}

export async function exportLedger(
  store: Store,
  filter: CaseFilter,
  actor: string | null,
  fullNumbers = false,
): Promise<FileBytes> {
  const office = requireOffice(store);
  const idNumber = fullNumbers ? (id: string) => id : maskIdNumber;
  const phone = fullNumbers ? (p: string) => p : maskPhone;
  const total = countRows(store, filter);
  if (total > MAX_EXPORT_ROWS)
    throw new UserError(
      `筛选结果共 ${total} 件，超过单次导出上限 ${MAX_EXPORT_ROWS} 件，请缩小时间范围后分批导出`,
    );
  const rows = queryRows(store, filter, 0, MAX_EXPORT_ROWS);

  const wb = new ExcelJS.Workbook();
  wb.creator = office.name;
  const ws = wb.addWorksheet('信访台账', {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
    views: [{ state: 'frozen', ySplit: 3 }],
  });
  ws.columns = LEDGER_COLUMNS.map((c) => ({ width: c.width }));
  const last = LEDGER_COLUMNS.length;
  ws.mergeCells(1, 1, 1, last);
  const title = ws.getCell(1, 1);
  title.value = `${office.name}信访事项登记台账`;
  title.font = { name: '宋体', size: 16, bold: true };
  title.alignment = { horizontal: 'center', vertical: 'middle' };
  ws.getRow(1).height = 30;
  ws.mergeCells(2, 1, 2, last);
  const now = new Date();
  ws.getCell(2, 1).value =
    `${describe(filter)}　共 ${rows.length} 件　导出时间：${now.getFullYear()}年${now.getMonth() + 1}月${now.getDate()}日`;
  ws.getCell(2, 1).alignment = { horizontal: 'left' };

  const header = ws.getRow(3);
  LEDGER_COLUMNS.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.header;
    cell.font = { bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEFEFEF' } };
  });

  const border = { style: 'thin' as const };
  rows.forEach((r, i) => {
    const ps = r.petitioners;
    const row = ws.addRow([
      i + 1,
      r.case_no,
      r.received_at.replace('T', ' '),
      (CHANNELS[r.channel] ?? r.channel) + (r.proxy_by ? `（代理人：${r.proxy_by}）` : ''),
      ps.map((p) => p.name).join('、'),
      ps
        .map((p) => (p.idNumber ? idNumber(p.idNumber) : ''))
        .filter(Boolean)
        .join('、'),
      ps
        .map((p) => (p.phone ? phone(p.phone) : ''))
        .filter(Boolean)
        .join('、'),
      ps
        .map((p) => p.address ?? '')
        .filter(Boolean)
        .join('；'),
      r.village ?? '',
      r.people_count,
      MATTER_TYPES[r.matter_type] ?? r.matter_type,
      r.category ?? '',
      r.summary,
      rowFlags(r)
        .map((f) => FLAGS[f])
        .join('、'),
      // a township's case the county assigned on to another township is that township's to handle
      office.level === 'township' && r.office_id !== office.id
        ? `已改交（${r.office ?? r.office_id}）`
        : (CASE_STATUSES[r.status as keyof typeof CASE_STATUSES] ?? r.status),
    ]);
    row.alignment = { vertical: 'top', wrapText: true };
  });
  for (let r = 3; r <= ws.rowCount; r++) {
    for (let c = 1; c <= last; c++)
      ws.getCell(r, c).border = { top: border, left: border, bottom: border, right: border };
  }
  // ID numbers and phones are text, never numbers Excel would round
  ws.getColumn(6).numFmt = '@';
  ws.getColumn(7).numFmt = '@';

  const buffer = Buffer.from(await wb.xlsx.writeBuffer());
  audit(store, actor, 'export-ledger', { rows: rows.length, filter, fullNumbers });
  const stamp = now.toISOString().slice(0, 10);
  return { fileName: `${office.name}信访台账_${stamp}.xlsx`, base64: buffer.toString('base64') };
}
