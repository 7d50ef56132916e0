/**
 * A letter as a printable HTML page laid out per GB/T 9704-2012 (党政机关公文格式), for the print
 * preview, the browser's and Electron's print, and PDF through Chromium's print engine.
 *
 * - A4 (5.1); top margin 37 mm, left 28 mm, text block 156 × 225 mm (5.2.1).
 * - Body in 3号 (16 pt) 仿宋 (5.2.2), 22 lines of 28 characters (5.2.3): a line is 225/22 mm high, and
 *   letters are drawn a hair closer than 16 pt so 28 fill 156 mm exactly.
 * - Title in 2号 小标宋, centred (7.3.1); headings 一、 in 黑体, （一） in 楷体 (7.3.3).
 * - 成文日期 in Arabic numerals, right-aligned four characters in, the office name centred over it
 *   (7.3.5.1, a sealed document); page numbers in 4号 between dashes, 7 mm under the text block, odd pages right and
 *   even pages left, one character in (7.5).
 *
 * Fonts: 方正小标宋简体, 仿宋_GB2312, 黑体 and 楷体_GB2312 are named first; a machine without them
 * falls back to Windows' 仿宋/黑体/楷体 and then to Noto Serif/Sans CJK (Debian's fonts-noto-cjk),
 * which keep the same 22 × 28 grid because the sizes and spacing do not depend on the font.
 */
import type { LetterContent } from '../../contract';

/** GB/T 9704 5.1 and 5.2.1: A4, 天头 37 mm, 订口 28 mm, 版心 156 × 225 mm */
export const PAGE_MM = {
  width: 210,
  height: 297,
  top: 37,
  left: 28,
  textWidth: 156,
  textHeight: 225,
} as const;
/** GB/T 9704 5.2.3: 28 characters a line, 22 lines a page. */
export const CHARS_PER_LINE = 28;
export const LINES_PER_PAGE = 22;
const LINE_MM = PAGE_MM.textHeight / LINES_PER_PAGE;
/** a character cell; a tenth of a millimetre spare on the line so rounding never wraps the 28th */
const CHAR_MM = (PAGE_MM.textWidth - 0.1) / CHARS_PER_LINE;
const PT_MM = 25.4 / 72;

const FONTS = {
  // 小标宋 is a heavy Song face: without it, the bold cut of Noto Serif CJK is the nearest
  title: `"方正小标宋简体", "方正小标宋_GBK", "FZXiaoBiaoSong-B05S", "华文中宋", "STZhongsong", "小标宋回退", serif`,
  body: `"仿宋_GB2312", "仿宋", "FangSong", "STFangsong", "Noto Serif CJK SC", "Noto Serif SC", serif`,
  hei: `"黑体", "SimHei", "STHeiti", "Noto Sans CJK SC", "Noto Sans SC", sans-serif`,
  kai: `"楷体_GB2312", "楷体", "KaiTi", "STKaiti", "Noto Serif CJK SC", "Noto Serif SC", serif`,
  song: `"宋体", "SimSun", "Noto Serif CJK SC", serif`,
};

export const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const HEADING_1 = /^[一二三四五六七八九十]+、/;
const HEADING_2 = /^（[一二三四五六七八九十]+）/;

/**
 * A paragraph's heading (GB/T 9704 7.3.3: 一、 the first level in 黑体, （一） the second in 楷体):
 * its level, the heading itself and the text after it. A heading followed by text in the same
 * paragraph ends at its first 。. The print pages and the .docx both set headings by this.
 */
export function splitHeading(p: string): { level: 1 | 2 | null; head: string; rest: string } {
  const level = HEADING_1.test(p) ? 1 : HEADING_2.test(p) ? 2 : null;
  if (!level) return { level, head: '', rest: p };
  const stop = p.indexOf('。');
  const head = stop >= 0 && stop < p.length - 1 ? p.slice(0, stop + 1) : p;
  return { level, head, rest: p.slice(head.length) };
}

/** Rows of a form signed or written in by hand (the person served, a witness): left tall enough to write in, on paper and in Word. */
export const HANDWRITTEN_ROWS: ReadonlySet<string> = new Set([
  '受送达人签名',
  '拒收事由及日期',
  '见证人签名',
  '备注',
]);

const LETTER_CSS = `
@font-face { font-family: "小标宋回退"; src: local("Noto Serif CJK SC Bold"), local("NotoSerifCJKsc-Bold"), local("Noto Serif SC Bold"), local("SimSun"); }
@page {
  size: A4;
  margin: ${PAGE_MM.top}mm ${PAGE_MM.width - PAGE_MM.left - PAGE_MM.textWidth}mm ${PAGE_MM.height - PAGE_MM.top - PAGE_MM.textHeight}mm ${PAGE_MM.left}mm;
}
@page :right { @bottom-right { content: "— " counter(page) " —"; font: 14pt ${FONTS.song}; vertical-align: top; padding-top: 7mm; padding-right: ${CHAR_MM}mm; } }
@page :left { @bottom-left { content: "— " counter(page) " —"; font: 14pt ${FONTS.song}; vertical-align: top; padding-top: 7mm; padding-left: ${CHAR_MM}mm; } }
html, body { margin: 0; padding: 0; background: #fff; color: #000; }
.letter {
  width: ${PAGE_MM.textWidth}mm;
  font-family: ${FONTS.body};
  font-size: 16pt;
  line-height: ${LINE_MM}mm;
  letter-spacing: ${(CHAR_MM - 16 * PT_MM).toFixed(4)}mm;
  text-align: justify;
  /* a page is filled to its 22nd line: paragraphs split wherever the page ends */
  orphans: 1;
  widows: 1;
  -webkit-print-color-adjust: exact;
}
.letter p { margin: 0; text-indent: ${2 * CHAR_MM}mm; overflow-wrap: anywhere; }
.letter .title {
  font-family: ${FONTS.title};
  font-size: 22pt;
  line-height: ${LINE_MM * 1.5}mm;
  letter-spacing: 0;
  text-align: center;
  text-indent: 0;
  margin: 0 0 ${LINE_MM}mm;
}
.letter .doc-no { text-align: center; text-indent: 0; letter-spacing: 0; }
.letter .addressee { text-indent: 0; }
.letter .h1 { font-family: ${FONTS.hei}; }
.letter .h2 { font-family: ${FONTS.kai}; }
/* 7.3.5: the office and date never stand alone on a page: they keep the lines (or form rows) before them */
.letter .sign { margin-top: ${LINE_MM}mm; break-inside: avoid; break-before: avoid; }
.letter .sign p { text-indent: 0; text-align: right; }
/* 成文日期右空四字; the office name centred over the date */
.letter .sign .date { padding-right: ${4 * CHAR_MM}mm; }
.letter .sign .office { display: flex; justify-content: flex-end; padding-right: ${4 * CHAR_MM}mm; }
.letter .sign .office span { display: inline-block; min-width: ${6.5 * CHAR_MM}mm; text-align: center; }
.letter table { width: 100%; border-collapse: collapse; font-size: 14pt; line-height: ${LINE_MM}mm; letter-spacing: 0; }
.letter tr { break-inside: avoid; }
.letter td { border: 1px solid #000; padding: 1mm 2mm; vertical-align: top; white-space: pre-wrap; }
.letter td.label { width: 40mm; text-align: center; vertical-align: middle; }
.letter td.tall { height: ${LINE_MM * 1.6}mm; }
`;

/** The body of one letter (no <html>): for a print preview and for batches of letters. */
function letterBody(c: LetterContent): string {
  const out: string[] = ['<article class="letter">'];
  out.push(`<p class="title">${escapeHtml(c.title)}</p>`);
  if (c.docNo) out.push(`<p class="doc-no">${escapeHtml(c.docNo)}</p>`);
  if (c.addressee) out.push(`<p class="addressee">${escapeHtml(c.addressee)}</p>`);
  for (const p of c.paragraphs) {
    const { level, head, rest } = splitHeading(p);
    out.push(`<p>${head ? `<span class="h${level}">${escapeHtml(head)}</span>` : ''}${escapeHtml(rest)}</p>`);
  }
  if (c.rows) {
    out.push('<table>');
    for (const [label, value] of c.rows) {
      out.push(
        `<tr><td class="label">${escapeHtml(label)}</td><td class="${HANDWRITTEN_ROWS.has(label) ? 'tall' : ''}">${escapeHtml(value)}</td></tr>`,
      );
    }
    out.push('</table>');
  }
  out.push(
    `<div class="sign"><p class="office"><span>${escapeHtml(c.signature)}</span></p><p class="date">${escapeHtml(c.date)}</p></div>`,
  );
  out.push('</article>');
  return out.join('\n');
}

/** A whole printable page for one or more letters; each letter starts on a new sheet. */
export function lettersHtml(letters: LetterContent[], title = letters[0]?.title ?? '文书'): string {
  const bodies = letters.map(letterBody).join('\n<div style="break-after: page"></div>\n');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title><style>${LETTER_CSS}</style></head>
<body>${bodies}</body></html>`;
}
