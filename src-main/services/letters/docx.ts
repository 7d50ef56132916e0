/**
 * An issued letter as a Word file (.docx) laid out per GB/T 9704-2012 《党政机关公文格式》, so it
 * opens with the same lines and pages in Word and WPS:
 *
 *   A4; 天头 37 mm, 订口 28 mm, 版心 156 × 225 mm (5.1, 5.2.1); 22 lines of 28 characters of
 *   3号 (16 pt) 仿宋 (5.2.2, 5.2.3): exact line spacing and a "lines and characters" document grid.
 *   Title in 2号 小标宋, centred (7.3.1); 发文字号 centred (7.2.5); 主送 flush left, ending with
 *   ： (7.3.2); body paragraphs indented two characters, "一、" headings in 黑体 and "（一）" in
 *   楷体 (7.3.3); the office's name centred over the date, the date four characters from the right,
 *   placed for the seal (7.3.5.1); page numbers "— 1 —" in 4号 宋体, odd pages right and even pages
 *   left, one character in (7.5).
 *
 * Forms (送达回证, 登记表) have the same title, a two-column ruled table in 4号 仿宋 with rows tall
 * enough to fill in by hand, and the office's name and the date under it.
 *
 * Fonts are named as on the government machines these letters are printed on. Where one is
 * missing, Word and WPS substitute the alternative the font table names (w:altName): 方正小标宋简体
 * → 宋体, 仿宋_GB2312 → 仿宋 (FangSong), 楷体_GB2312 → 楷体 (KaiTi), 黑体 = SimHei; LibreOffice on
 * Linux falls back through fontconfig to Noto Serif CJK / Noto Sans CJK. Latin letters and Arabic
 * numerals (dates, numbers, 〔2026〕12号) are set in Times New Roman, present on every Windows and
 * WPS machine (Liberation Serif stands in for it on Linux); half as wide as a Chinese character,
 * which the centring of the signature over the date counts with.
 *
 * Over 400 lines because the page, the runs, the signature block, the forms' table and the page
 * numbers are one layout measured against GB/T 9704 together.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  DocumentGridType,
  Footer,
  HeightRule,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
} from 'docx';
import type { FileBytes, LetterContent } from '../../contract';
import type { Store } from '../database';
import { getLetter } from './documents';
import { CHARS_PER_LINE, HANDWRITTEN_ROWS, LINES_PER_PAGE, PAGE_MM, splitHeading } from './layout';

// ---- measures (twips: 1/20 pt, 1440 a inch) ---------------------------------------------------

const TWIPS_PER_MM = 1440 / 25.4;
const mm = (v: number) => Math.round(v * TWIPS_PER_MM);
const pt = (v: number) => Math.round(v * 20);

/** 5.1: A4, 210 × 297 mm (11906 × 16838) */
const PAGE = { width: mm(PAGE_MM.width), height: mm(PAGE_MM.height) };
/** 5.2.1: 天头 37 mm, 订口 28 mm, 版心 156 × 225 mm, so right 26 mm and bottom 35 mm */
const MARGIN = {
  top: mm(PAGE_MM.top),
  left: mm(PAGE_MM.left),
  right: mm(PAGE_MM.width - PAGE_MM.left - PAGE_MM.textWidth),
  bottom: mm(PAGE_MM.height - PAGE_MM.top - PAGE_MM.textHeight),
};
const TEXT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right; // 8845
const TEXT_HEIGHT = PAGE.height - MARGIN.top - MARGIN.bottom; // 12756

/** font sizes in half-points (w:sz): 2号 22 pt, 3号 16 pt, 4号 14 pt */
const SIZE = { title: 44, body: 32, table: 28, pageNumber: 28 };

/**
 * 5.2.3: 22 lines a page. Rounded down (579 twips = 28.95 pt), so that the 22nd line still fits
 * in the 225 mm: Word moves a line that would cross the bottom margin to the next page.
 */
const LINE_PITCH = Math.floor(TEXT_HEIGHT / LINES_PER_PAGE);
/** 5.2.3: 28 characters a line, a little narrower than 16 pt: 156 mm / 28 = 15.79 pt */
const CHAR_PITCH = TEXT_WIDTH / CHARS_PER_LINE;
/**
 * w:docGrid charSpace: (character pitch − the Normal font's size, 16 pt) × 4096, rounded down so
 * that 28 pitches never come out wider than the line (−841.1 → −842).
 */
const CHAR_SPACE = Math.floor((CHAR_PITCH / 20 - SIZE.body / 2) * 4096);

/** 7.5: the 一字线 of the page number 7 mm under the text block; the footer's own 14 pt line is centred on it */
const PAGE_NUMBER_LINE = pt(SIZE.pageNumber / 2);
const FOOTER_DISTANCE = MARGIN.bottom - mm(7) - Math.round(PAGE_NUMBER_LINE / 2);

/** forms: a row to fill in by hand is at least 12 mm; a signature two lines of the page */
const FORM_ROW = mm(12);
const SIGNATURE_ROW = 2 * LINE_PITCH;
const FORM_LINE = pt(22);
const CELL_MARGIN = 108;
const TABLE_CHAR = pt(SIZE.table / 2);

// ---- fonts ------------------------------------------------------------------------------------

const FONT = {
  /** 7.3.1 小标宋 */
  title: '方正小标宋简体',
  /** 5.2.2 仿宋 */
  body: '仿宋_GB2312',
  /** 7.3.3 first level of headings */
  heading1: '黑体',
  /** 7.3.3 second level */
  heading2: '楷体_GB2312',
  /** 7.5 page numbers */
  pageNumber: '宋体',
  latin: 'Times New Roman',
} as const;

/** The font table, with what Word and WPS use where a font is missing (w:altName). */
const FONT_TABLE = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">${[
  [FONT.title, '宋体', 'roman'],
  [FONT.body, '仿宋', 'modern'],
  [FONT.heading1, 'SimHei', 'modern'],
  [FONT.heading2, '楷体', 'modern'],
  [FONT.pageNumber, 'SimSun', 'auto'],
]
  .map(
    ([name, alt, family]) =>
      `<w:font w:name="${name}"><w:altName w:val="${alt}"/><w:charset w:val="86"/><w:family w:val="${family}"/><w:pitch w:val="variable"/></w:font>`,
  )
  .join(
    '',
  )}<w:font w:name="${FONT.latin}"><w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font></w:fonts>`;

// ---- paragraphs -------------------------------------------------------------------------------

interface RunStyle {
  font: string;
  size: number;
  /** latin letters and digits: Times New Roman unless given */
  latin?: string;
  /** off the character grid, in a paragraph of the OFF_GRID style */
  offGrid?: boolean;
}

const BODY: RunStyle = { font: FONT.body, size: SIZE.body };

/**
 * Paragraphs in type other than 3号 (the title, forms, page numbers) are kept off the document
 * grid, which would give a 22 pt character two 15.8 pt cells and spread the title ("snap to grid"
 * unchecked in Word's and WPS's paragraph dialog). docx has no paragraph-level snapToGrid, so it is
 * a style; the runs also carry it.
 */
const OFF_GRID = 'OffGrid';
const EXTRA_STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:style w:type="paragraph" w:customStyle="1" w:styleId="${OFF_GRID}"><w:name w:val="不对齐网格"/><w:basedOn w:val="Normal"/><w:pPr><w:snapToGrid w:val="0"/></w:pPr></w:style></w:styles>`;

function run(text: string, s: RunStyle): TextRun {
  const latin = s.latin ?? FONT.latin;
  return new TextRun({
    text,
    size: s.size,
    sizeComplexScript: s.size,
    // hint: quotation marks and dashes, shared with Latin text, are set in the Chinese font
    font: { eastAsia: s.font, ascii: latin, hAnsi: latin, cs: latin, hint: 'eastAsia' },
    ...(s.offGrid ? { snapToGrid: false } : {}),
  });
}

/** one line of the page: exact spacing, nothing before or after (5.2.3) */
const ON_GRID = { line: LINE_PITCH, lineRule: LineRuleType.EXACT, before: 0, after: 0 };

const blank = (keepNext = false) =>
  new Paragraph({ spacing: ON_GRID, keepNext: keepNext || undefined, children: [] });

/** 7.3.3: 一、 in 黑体, （一） in 楷体 (layout.ts splitHeading says where a heading ends) */
function bodyParagraph(text: string, keepNext: boolean): Paragraph {
  const { level, head, rest } = splitHeading(text);
  const font = level === 1 ? FONT.heading1 : FONT.heading2;
  return new Paragraph({
    alignment: AlignmentType.BOTH,
    spacing: ON_GRID,
    // 7.3.3: 每个自然段左空二字: two grid characters (firstLine in twips where *Chars is not read)
    indent: { firstLineChars: 200, firstLine: Math.floor(2 * CHAR_PITCH) },
    keepNext: keepNext || undefined,
    children: [...(head ? [run(head, { font, size: SIZE.body })] : []), ...(rest ? [run(rest, BODY)] : [])],
  });
}

/** Width in characters: half for Latin letters and Arabic numerals. */
function charWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += ch.charCodeAt(0) < 0x2000 ? 0.5 : 1;
  return w;
}

/**
 * 7.3.5.1: the date four characters from the right; the office's name over it, centred on the
 * date (a name longer than the date runs up to the right margin at most). Kept with the last
 * lines of text, so the seal never stands on a page of its own (cf. 7.3.5.5).
 */
function signatureBlock(content: LetterContent): Paragraph[] {
  const dateRight = 4;
  const nameRight = Math.max(0, dateRight + (charWidth(content.date) - charWidth(content.signature)) / 2);
  const line = (text: string, chars: number, keepNext: boolean) =>
    new Paragraph({
      alignment: AlignmentType.RIGHT,
      spacing: ON_GRID,
      indent: { right: Math.round(chars * CHAR_PITCH) },
      keepNext: keepNext || undefined,
      children: [run(text, BODY)],
    });
  return [blank(true), line(content.signature, nameRight, true), line(content.date, dateRight, false)];
}

// ---- forms ------------------------------------------------------------------------------------

const LINE_BORDER = { style: BorderStyle.SINGLE, size: 6, color: '000000' };
const TABLE_RUN: RunStyle = { font: FONT.body, size: SIZE.table, offGrid: true };

function cell(
  lines: string[],
  width: number,
  alignment: (typeof AlignmentType)[keyof typeof AlignmentType],
  keepNext: boolean,
): TableCell {
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    verticalAlign: VerticalAlignTable.CENTER,
    margins: { left: CELL_MARGIN, right: CELL_MARGIN, top: mm(1), bottom: mm(1) },
    children: lines.map(
      (l) =>
        new Paragraph({
          style: OFF_GRID,
          alignment,
          keepNext: keepNext || undefined,
          spacing: { line: FORM_LINE, lineRule: LineRuleType.EXACT, before: 0, after: 0 },
          children: l ? [run(l, TABLE_RUN)] : [],
        }),
    ),
  });
}

/**
 * Label and value, ruled. The label column holds the longest label (4 to 7 characters of 4号) and
 * one more; longer labels wrap. Fixed layout: Word and WPS keep exactly these widths.
 */
function formTable(rows: [string, string][]): Table {
  const longest = Math.max(0, ...rows.map(([label]) => label.length));
  const labelWidth = (Math.min(Math.max(longest, 4), 7) + 1) * TABLE_CHAR + 2 * CELL_MARGIN;
  const valueWidth = TEXT_WIDTH - labelWidth;
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: [labelWidth, valueWidth],
    layout: TableLayoutType.FIXED,
    borders: {
      top: LINE_BORDER,
      bottom: LINE_BORDER,
      left: LINE_BORDER,
      right: LINE_BORDER,
      insideHorizontal: LINE_BORDER,
      insideVertical: LINE_BORDER,
    },
    rows: rows.map(([label, value], i) => {
      const handwritten = HANDWRITTEN_ROWS.has(label);
      // as on the printed page: no row split across pages, and the last row stays with the office and date
      const last = i === rows.length - 1;
      return new TableRow({
        height: { value: handwritten ? SIGNATURE_ROW : FORM_ROW, rule: HeightRule.ATLEAST },
        cantSplit: true,
        children: [
          cell([label], labelWidth, AlignmentType.CENTER, last),
          cell(value.split('\n'), valueWidth, AlignmentType.LEFT, last),
        ],
      });
    }),
  });
}

// ---- page numbers -----------------------------------------------------------------------------

/** 7.5: "— 1 —" in 4号 半角宋体 numerals, odd pages one character in from the right, even from the left */
function pageNumberFooter(side: 'odd' | 'even'): Footer {
  const style: RunStyle = {
    font: FONT.pageNumber,
    latin: FONT.pageNumber,
    size: SIZE.pageNumber,
    offGrid: true,
  };
  const number = new TextRun({
    children: [PageNumber.CURRENT],
    size: style.size,
    font: { eastAsia: style.font, ascii: style.font, hAnsi: style.font, hint: 'eastAsia' },
    snapToGrid: false,
  });
  const oneChar = pt(SIZE.pageNumber / 2);
  return new Footer({
    children: [
      new Paragraph({
        style: OFF_GRID,
        alignment: side === 'odd' ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: side === 'odd' ? { right: oneChar } : { left: oneChar },
        spacing: { line: PAGE_NUMBER_LINE, lineRule: LineRuleType.EXACT, before: 0, after: 0 },
        children: [run('— ', style), number, run(' —', style)],
      }),
    ],
  });
}

// ---- the document -----------------------------------------------------------------------------

/**
 * 3号 仿宋 on the grid's lines; no widow and orphan control, which would pull lines to the next
 * page and leave pages short of their 22 lines (5.2.3).
 */
const NORMAL = {
  run: {
    size: SIZE.body,
    sizeComplexScript: SIZE.body,
    font: { eastAsia: FONT.body, ascii: FONT.latin, hAnsi: FONT.latin, cs: FONT.latin, hint: 'eastAsia' },
    language: { value: 'en-US', eastAsia: 'zh-CN' },
  },
  paragraph: { spacing: ON_GRID, widowControl: false },
};

/** The letter as a .docx file, its author the issuing office. */
async function letterDocx(content: LetterContent): Promise<Buffer> {
  const paragraphs = content.paragraphs.filter((p) => p.trim());
  const children: (Paragraph | Table)[] = [
    // 7.3.1: 2号小标宋, centred, wrapping onto a second line (20 characters a line)
    new Paragraph({
      style: OFF_GRID,
      alignment: AlignmentType.CENTER,
      spacing: ON_GRID,
      children: [run(content.title, { font: FONT.title, size: SIZE.title, offGrid: true })],
    }),
    blank(),
  ];
  // 7.2.5: 发文字号 centred; 7.3.2: 主送 a blank line under it, flush left
  if (content.docNo)
    children.push(
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: ON_GRID,
        children: [run(content.docNo, BODY)],
      }),
      blank(),
    );
  if (content.addressee)
    children.push(
      new Paragraph({
        alignment: AlignmentType.LEFT,
        spacing: ON_GRID,
        children: [run(content.addressee, BODY)],
      }),
    );
  // the last paragraph stays with the signature (cf. 7.3.5.5)
  paragraphs.forEach((p, i) =>
    children.push(bodyParagraph(p.trim(), i === paragraphs.length - 1 && !content.rows)),
  );
  if (content.rows) children.push(formTable(content.rows));
  children.push(...signatureBlock(content));

  const doc = new Document({
    title: content.title,
    creator: content.signature,
    lastModifiedBy: content.signature,
    evenAndOddHeaderAndFooters: true,
    // the Normal style carries 3号 itself (not only the defaults): the character grid is counted
    // from its size, and LibreOffice reads that size from the style alone
    externalStyles: EXTRA_STYLES,
    styles: {
      default: { document: NORMAL },
      paragraphStyles: [{ id: 'Normal', name: 'Normal', quickFormat: true, ...NORMAL }],
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE.width, height: PAGE.height },
            margin: { ...MARGIN, header: mm(15), footer: FOOTER_DISTANCE, gutter: 0 },
          },
          grid: { type: DocumentGridType.LINES_AND_CHARS, linePitch: LINE_PITCH, charSpace: CHAR_SPACE },
        },
        footers: { default: pageNumberFooter('odd'), even: pageNumberFooter('even') },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc, false, [{ path: 'word/fontTable.xml', data: FONT_TABLE }]);
}

/** An issued letter as a file to save: 信访事项受理告知书_示范信受〔2026〕1号.docx (the case number when it has no 发文字号). */
export async function letterDocxFile(store: Store, id: string): Promise<FileBytes> {
  const letter = getLetter(store, id);
  const ref =
    letter.docNo ??
    (
      store.sqlite.prepare('SELECT case_no AS no FROM cases WHERE id = ?').get(letter.caseId) as
        { no: string } | undefined
    )?.no ??
    '';
  const buffer = await letterDocx(letter.content);
  const fileName = `${letter.content.title}${ref ? `_${ref}` : ''}.docx`.replace(
    // eslint-disable-next-line no-control-regex -- control characters are what is refused
    /[\\/:*?"<>|\u0000-\u001f]/g,
    '_',
  );
  return { fileName, base64: buffer.toString('base64') };
}
