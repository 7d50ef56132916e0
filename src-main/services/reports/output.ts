/**
 * A report on paper and in Excel, with the tables the screen shows: the figures beside 同比 and
 * 环比, each breakdown, and in county mode the townships' table, headed by the office, the period
 * and the date, and followed by the definitions of the rates.
 *
 * Paper: A4 landscape HTML pages for the browser's and Electron's print (and PDF through
 * Chromium's print engine), printed as letters are (src-renderer/lib/print-html.ts).
 * Excel: one .xlsx (exceljs, the conventions of ledger-export.ts) with a sheet per group of tables,
 * counts as whole numbers and rates and changes as numbers with one decimal.
 */
import ExcelJS from 'exceljs';
import type { FileBytes, Report, ReportBreakdownRow, ReportFigure, ReportSection } from '../../contract';
import { escapeHtml as esc } from '../letters/layout';
import { dateLabel } from './periods';
import { rankRows } from '../../contract';

type Figures = Extract<ReportSection, { kind: 'figures' }>;
type Breakdown = Extract<ReportSection, { kind: 'breakdown' }>;
type Ranking = Extract<ReportSection, { kind: 'ranking' }>;

const figuresOf = (r: Report) => r.sections.filter((s): s is Figures => s.kind === 'figures');
const breakdownsOf = (r: Report) => r.sections.filter((s): s is Breakdown => s.kind === 'breakdown');
const rankingOf = (r: Report) => r.sections.find((s): s is Ranking => s.kind === 'ranking');

/** The townships in rank order: fewest petitions first (the screen's default order). */
const rankedRows = (s: Ranking) => rankRows(s.rows, 'n', false);

/** What the heading says under the title. */
export function reportSubtitle(r: Report): string {
  return `统计期间：${r.period.label}　同比：${r.yoy.label}　环比：${r.mom.label}　办理情况截至：${dateLabel(r.asOf)}　制表日期：${dateLabel(r.generatedAt.slice(0, 10))}`;
}
export const SCOPE_NOTE = '统计口径：按收到日期统计该期间登记的信访事项，办理情况统计到截至日。';

const num = (v: number | null, rate: boolean) => (v === null ? '—' : rate ? `${v.toFixed(1)}%` : String(v));
const chg = (v: number | null, rate: boolean) =>
  v === null ? '—' : `${v > 0 ? '+' : ''}${v.toFixed(1)}${rate ? '个百分点' : '%'}`;
const rateNote = (f: ReportFigure, which: 'cur' | 'yoy' | 'mom') =>
  f.rate && f[which].den !== undefined ? `（${f[which].num}/${f[which].den}）` : '';

// ---- paper ---------------------------------------------------------------------------------

const CSS = `
@page { size: A4 landscape; margin: 15mm 12mm 15mm 12mm; @bottom-center { content: "第 " counter(page) " 页"; font: 10pt "宋体", "SimSun", "Noto Serif CJK SC", serif; } }
html, body { margin: 0; background: #fff; color: #000; font-family: "宋体", "SimSun", "Noto Serif CJK SC", serif; font-size: 10.5pt; }
h1 { font-family: "黑体", "SimHei", "Noto Sans CJK SC", sans-serif; font-size: 18pt; text-align: center; margin: 0 0 2mm; font-weight: normal; }
.sub { text-align: center; margin: 0 0 1mm; }
.scope { text-align: center; margin: 0 0 4mm; font-size: 9pt; }
h2 { font-family: "黑体", "SimHei", "Noto Sans CJK SC", sans-serif; font-size: 12pt; margin: 4mm 0 1.5mm; font-weight: normal; }
table { border-collapse: collapse; width: 100%; page-break-inside: auto; }
tr { page-break-inside: avoid; }
thead { display: table-header-group; }
th, td { border: 0.3mm solid #000; padding: 1mm 1.5mm; }
th { font-weight: bold; background: #efefef; text-align: center; }
td.n { text-align: right; white-space: nowrap; }
.defs p { margin: 0 0 1mm; font-size: 9pt; }
.foot { margin-top: 4mm; display: flex; justify-content: space-between; }
`;

function figuresTable(r: Report, s: Figures): string {
  const rows = s.figures
    .map(
      (f) =>
        `<tr><td>${esc(f.label)}</td><td>${esc(f.unit)}</td><td class="n">${num(f.cur.value, f.rate)}${rateNote(f, 'cur')}</td>` +
        `<td class="n">${num(f.yoy.value, f.rate)}${rateNote(f, 'yoy')}</td><td class="n">${chg(f.yoyChange, f.rate)}</td>` +
        `<td class="n">${num(f.mom.value, f.rate)}${rateNote(f, 'mom')}</td><td class="n">${chg(f.momChange, f.rate)}</td></tr>`,
    )
    .join('');
  return `<h2>${esc(s.title)}</h2><table><thead><tr><th>指标</th><th>单位</th><th>${esc(r.period.label)}</th><th>同比（${esc(r.yoy.label)}）</th><th>同比增减</th><th>环比（${esc(r.mom.label)}）</th><th>环比增减</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function breakdownTable(r: Report, s: Breakdown): string {
  const rows = s.rows
    .filter((x) => x.n || x.yoyN || x.momN)
    .map(
      (x: ReportBreakdownRow) =>
        `<tr><td>${esc(x.label)}</td><td class="n">${x.n}</td><td class="n">${x.people}</td><td class="n">${x.share === null ? '—' : `${x.share.toFixed(1)}%`}</td>` +
        `<td class="n">${x.yoyN}</td><td class="n">${chg(x.yoyChange, false)}</td><td class="n">${x.momN}</td><td class="n">${chg(x.momChange, false)}</td></tr>`,
    )
    .join('');
  return `<h2>${esc(s.title)}</h2><table><thead><tr><th>名称</th><th>${s.nUnit}</th><th>${s.peopleUnit}</th><th>占比</th><th>同比（${esc(r.yoy.label)}）</th><th>同比增减</th><th>环比（${esc(r.mom.label)}）</th><th>环比增减</th></tr></thead><tbody>${rows || '<tr><td colspan="8">本期无信访事项</td></tr>'}</tbody></table>`;
}

function rankingTable(s: Ranking): string {
  const head = s.columns.map((c) => `<th>${esc(c.label)}<br>（${esc(c.unit)}）</th>`).join('');
  const rows = rankedRows(s)
    .map(
      (row) =>
        `<tr><td class="n">${row.rank}</td><td>${esc(row.name)}</td>${s.columns.map((c) => `<td class="n">${num(row.values[c.key], c.rate)}</td>`).join('')}</tr>`,
    )
    .join('');
  return `<h2>${esc(s.title)}</h2><table><thead><tr><th>排名</th><th>乡镇（街道）</th>${head}</tr></thead><tbody>${rows}</tbody></table>`;
}

function definitions(r: Report): { label: string; text: string }[] {
  const seen = new Set<string>();
  const out: { label: string; text: string }[] = [];
  for (const s of figuresOf(r)) {
    for (const f of s.figures) {
      if (f.definition && !seen.has(f.key)) {
        seen.add(f.key);
        out.push({ label: f.label, text: f.definition });
      }
    }
  }
  return out;
}

export function reportHtml(r: Report): string {
  const ranking = rankingOf(r);
  const body = [
    `<h1>${esc(r.title)}</h1>`,
    `<p class="sub">${esc(reportSubtitle(r))}</p>`,
    `<p class="scope">${esc(SCOPE_NOTE)}</p>`,
    ...figuresOf(r).map((s) => figuresTable(r, s)),
    ...(ranking ? [rankingTable(ranking)] : []),
    ...breakdownsOf(r).map((s) => breakdownTable(r, s)),
    `<h2>指标口径说明</h2><div class="defs">${definitions(r)
      .map((d) => `<p><b>${esc(d.label)}</b>：${esc(d.text)}</p>`)
      .join(
        '',
      )}<p><b>当前逾期</b>：截至日仍未履行且已过期限的受理、告知、答复、交办、督办、复查、复核职责所涉信访事项件数。</p></div>`,
    `<div class="foot"><span>填报单位：${esc(r.officeName)}</span><span>填报人：</span><span>审核人：</span><span>${esc(dateLabel(r.generatedAt.slice(0, 10)))}</span></div>`,
  ].join('\n');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(r.title)}</title><style>${CSS}</style></head>
<body>${body}</body></html>`;
}

// ---- Excel ---------------------------------------------------------------------------------

export const FIGURE_COLUMNS = [
  { header: '指标', width: 22 },
  { header: '单位', width: 8 },
  { header: '本期', width: 12 },
  { header: '本期分子', width: 10 },
  { header: '本期分母', width: 10 },
  { header: '同比（上年同期）', width: 16 },
  { header: '同比增减', width: 12 },
  { header: '环比（上期）', width: 14 },
  { header: '环比增减', width: 12 },
];
export const BREAKDOWN_COLUMNS = [
  { header: '分类', width: 14 },
  { header: '名称', width: 26 },
  { header: '批次', width: 10 },
  { header: '人次', width: 10 },
  { header: '占比', width: 10 },
  { header: '同比（上年同期）批次', width: 18 },
  { header: '同比增减', width: 12 },
  { header: '环比（上期）批次', width: 16 },
  { header: '环比增减', width: 12 },
];

const COUNT_FMT = '0';
const RATE_FMT = '0.0"%"';
const CHANGE_FMT = '+0.0"%";-0.0"%";0.0"%"';
const POINTS_FMT = '+0.0"个百分点";-0.0"个百分点";0.0"个百分点"';
const border = { style: 'thin' as const };
const boxed = { top: border, left: border, bottom: border, right: border };

function sheetHead(
  ws: ExcelJS.Worksheet,
  r: Report,
  title: string,
  columns: { header: string; width: number }[],
) {
  ws.columns = columns.map((c) => ({ width: c.width }));
  const last = columns.length;
  ws.mergeCells(1, 1, 1, last);
  const t = ws.getCell(1, 1);
  t.value = title;
  t.font = { name: '宋体', size: 16, bold: true };
  t.alignment = { horizontal: 'center', vertical: 'middle' };
  ws.getRow(1).height = 30;
  ws.mergeCells(2, 1, 2, last);
  ws.getCell(2, 1).value =
    `填报单位：${r.officeName}${r.scope ? `（${r.scope.name}）` : ''}　${reportSubtitle(r)}`;
  ws.mergeCells(3, 1, 3, last);
  ws.getCell(3, 1).value = SCOPE_NOTE;
  ws.getCell(3, 1).font = { size: 9 };
}

function headerRow(ws: ExcelJS.Worksheet, labels: string[]) {
  const row = ws.addRow(labels);
  row.eachCell((c) => {
    c.font = { bold: true };
    c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEFEFEF' } };
    c.border = boxed;
  });
}

function dataRow(ws: ExcelJS.Worksheet, values: (string | number | null)[], formats: (string | null)[]) {
  const row = ws.addRow(values.map((v) => (v === null ? '—' : v)));
  row.eachCell({ includeEmpty: true }, (c, i) => {
    c.border = boxed;
    const fmt = formats[i - 1];
    if (fmt && typeof c.value === 'number') {
      c.numFmt = fmt;
      c.alignment = { horizontal: 'right' };
    }
  });
}

const pageSetup: Partial<ExcelJS.PageSetup> = {
  paperSize: 9,
  orientation: 'landscape',
  fitToPage: true,
  fitToWidth: 1,
  fitToHeight: 0,
};

export async function reportXlsx(r: Report): Promise<FileBytes> {
  const wb = new ExcelJS.Workbook();
  wb.creator = r.officeName;

  const ws = wb.addWorksheet('总量与办理', { pageSetup, views: [{ state: 'frozen', ySplit: 3 }] });
  sheetHead(ws, r, r.title, FIGURE_COLUMNS);
  for (const s of figuresOf(r)) {
    const title = ws.addRow([s.title]);
    title.font = { bold: true };
    headerRow(
      ws,
      FIGURE_COLUMNS.map((c) => c.header),
    );
    for (const f of s.figures) {
      const v = f.rate ? RATE_FMT : COUNT_FMT;
      dataRow(
        ws,
        [
          f.label,
          f.unit,
          f.cur.value,
          f.rate ? (f.cur.num ?? null) : null,
          f.rate ? (f.cur.den ?? null) : null,
          f.yoy.value,
          f.yoyChange,
          f.mom.value,
          f.momChange,
        ],
        [
          null,
          null,
          v,
          COUNT_FMT,
          COUNT_FMT,
          v,
          f.rate ? POINTS_FMT : CHANGE_FMT,
          v,
          f.rate ? POINTS_FMT : CHANGE_FMT,
        ],
      );
      if (!f.rate) {
        // a count has no numerator or denominator: empty, not a dash
        ws.lastRow!.getCell(4).value = null;
        ws.lastRow!.getCell(5).value = null;
      }
    }
  }

  const ranking = rankingOf(r);
  if (ranking) {
    const cols = [
      { header: '排名', width: 6 },
      { header: '乡镇（街道）', width: 16 },
      ...ranking.columns.map((c) => ({ header: `${c.label}（${c.unit}）`, width: 12 })),
    ];
    const rs = wb.addWorksheet('各乡镇情况', { pageSetup, views: [{ state: 'frozen', ySplit: 4 }] });
    sheetHead(rs, r, `${r.title}（各乡镇）`, cols);
    headerRow(
      rs,
      cols.map((c) => c.header),
    );
    rankedRows(ranking).forEach((row) =>
      dataRow(
        rs,
        [row.rank, row.name, ...ranking.columns.map((c) => row.values[c.key])],
        [COUNT_FMT, null, ...ranking.columns.map((c) => (c.rate ? RATE_FMT : COUNT_FMT))],
      ),
    );
  }

  const bs = wb.addWorksheet('分类统计', { pageSetup, views: [{ state: 'frozen', ySplit: 4 }] });
  sheetHead(bs, r, `${r.title}（分类统计）`, BREAKDOWN_COLUMNS);
  headerRow(
    bs,
    BREAKDOWN_COLUMNS.map((c) => c.header),
  );
  for (const s of breakdownsOf(r)) {
    for (const x of s.rows.filter((y) => y.n || y.yoyN || y.momN)) {
      dataRow(
        bs,
        [s.title, x.label, x.n, x.people, x.share, x.yoyN, x.yoyChange, x.momN, x.momChange],
        [null, null, COUNT_FMT, COUNT_FMT, RATE_FMT, COUNT_FMT, CHANGE_FMT, COUNT_FMT, CHANGE_FMT],
      );
    }
  }

  const ds = wb.addWorksheet('口径说明', { pageSetup });
  ds.columns = [{ width: 16 }, { width: 120 }];
  ds.addRow(['指标', '口径']).font = { bold: true };
  for (const d of definitions(r))
    ds.addRow([d.label, d.text]).alignment = { wrapText: true, vertical: 'top' };
  ds.addRow(['统计口径', SCOPE_NOTE]);

  const buffer = Buffer.from(await wb.xlsx.writeBuffer());
  const scope = r.scope ? `（${r.scope.name}）` : '';
  return {
    fileName: `${r.officeName}${scope}信访统计_${r.period.label}.xlsx`,
    base64: buffer.toString('base64'),
  };
}
