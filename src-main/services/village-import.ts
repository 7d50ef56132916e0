/**
 * Import of the village/community list from .xlsx or .csv: a preview first, with a clear
 * error for each bad row, then the good rows are applied (new codes added, known codes renamed).
 */
import ExcelJS from 'exceljs';
import { Readable } from 'node:stream';
import { randomUUID } from 'node:crypto';
import type { ImportPreviewRow } from '../contract';
import type { Store } from './database';
import { mutate } from './mutation';
import { requireOffice } from './office';
import { UserError } from './errors';

const CODE_HEADERS = ['代码', '统计代码', '区划代码', '村代码', '编码', 'code'];
const NAME_HEADERS = [
  '名称',
  '村名',
  '村（社区）',
  '村(社区)',
  '村/社区',
  '村社区名称',
  '村名称',
  '社区名称',
  'name',
];

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('result' in v) return String(v.result ?? '');
    if ('text' in v) return String(v.text);
  }
  return String(v).trim();
}

async function readRows(fileName: string, bytes: Buffer): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  const lower = fileName.toLowerCase();
  try {
    if (lower.endsWith('.csv')) {
      // strip a UTF-8 BOM, which Excel writes and which would glue onto the first header
      const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
      if (text.includes('\uFFFD'))
        throw new UserError('CSV 文件不是 UTF-8 编码：请在 Excel 中“另存为 CSV UTF-8”后再导入');
      await wb.csv.read(Readable.from([text]));
    } else if (lower.endsWith('.xlsx')) {
      await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    } else {
      throw new UserError('只能导入 .xlsx 或 .csv 文件');
    }
  } catch (e) {
    if (e instanceof UserError) throw e;
    throw new UserError(`文件“${fileName}”无法读取，可能已损坏或不是表格文件`);
  }
  const ws = wb.worksheets[0];
  if (!ws) throw new UserError('文件中没有工作表');
  const rows: string[][] = [];
  ws.eachRow({ includeEmpty: true }, (row, n) => {
    const values: string[] = [];
    for (let c = 1; c <= Math.max(row.cellCount, 2); c++) values.push(cellText(row.getCell(c).value));
    rows[n - 1] = values;
  });
  return Array.from(rows, (r) => r ?? []);
}

export async function previewVillageImport(
  store: Store,
  fileName: string,
  base64: string,
): Promise<ImportPreviewRow[]> {
  const office = requireOffice(store);
  const rows = await readRows(fileName, Buffer.from(base64, 'base64'));
  const headerIdx = rows.findIndex(
    (r) => r.some((c) => CODE_HEADERS.includes(c)) && r.some((c) => NAME_HEADERS.includes(c)),
  );
  let codeCol = 0;
  let nameCol = 1;
  let start = 0;
  if (headerIdx >= 0) {
    codeCol = rows[headerIdx].findIndex((c) => CODE_HEADERS.includes(c));
    nameCol = rows[headerIdx].findIndex((c) => NAME_HEADERS.includes(c));
    start = headerIdx + 1;
  } else if (rows[0] && !/^\d/.test(rows[0][0] ?? '') && /^\d/.test(rows[0][1] ?? '')) {
    codeCol = 1;
    nameCol = 0;
  }
  const seen = new Map<string, number>();
  const out: ImportPreviewRow[] = [];
  for (let i = start; i < rows.length; i++) {
    const r = rows[i];
    const code = (r[codeCol] ?? '').replace(/\s/g, '');
    const name = (r[nameCol] ?? '').trim();
    if (!code && !name) continue;
    let error: string | null = null;
    if (!/^\d{12}$/.test(code)) error = `代码“${code}”应为12位数字`;
    else if (office.level === 'township' && !code.startsWith(office.id))
      error = `代码不属于本乡镇（应以 ${office.id} 开头）`;
    else if (!name) error = '缺少名称';
    else if (name.length > 40) error = '名称超过40个字';
    else if (seen.has(code)) error = `代码与第${seen.get(code)}行重复`;
    seen.set(code, i + 1);
    out.push({ line: i + 1, code, name, error });
  }
  if (out.length === 0)
    throw new UserError(
      '文件中没有找到村/社区数据：第一列应为12位代码，第二列为名称（或带“代码”“名称”表头）',
    );
  return out;
}

export async function applyVillageImport(
  store: Store,
  fileName: string,
  base64: string,
  actor: string | null,
) {
  const office = requireOffice(store);
  const preview = await previewVillageImport(store, fileName, base64);
  const existing = new Map(
    (
      store.sqlite
        .prepare('SELECT id, code, name FROM villages WHERE office_id = ? AND deleted = 0')
        .all(office.id) as {
        id: string;
        code: string;
        name: string;
      }[]
    ).map((v) => [v.code, v]),
  );
  let added = 0;
  let updated = 0;
  const good = preview.filter((r) => !r.error);
  mutate(store, { actor }, (m) => {
    let sort = (
      store.sqlite.prepare('SELECT coalesce(max(sort), -1) + 1 AS n FROM villages').get() as { n: number }
    ).n;
    for (const r of good) {
      const old = existing.get(r.code);
      if (old) {
        if (m.update('villages', old.id, { name: r.name }).length) updated++;
      } else {
        m.insert('villages', {
          id: randomUUID(),
          officeId: office.id,
          code: r.code,
          name: r.name,
          sort: sort++,
        });
        added++;
      }
    }
  });
  return { added, updated, skipped: preview.length - good.length };
}
