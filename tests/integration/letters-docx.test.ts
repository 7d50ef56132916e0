/**
 * Letters as .docx on a real register: a 受理告知书, a 处理意见书 with headings and a 送达回证
 * are issued through the api, downloaded with letters.docx and read back from the zip. The text
 * must be the issued letter's, in order; the page, margins and grid must give GB/T 9704's A4 page
 * of 22 lines of 28 characters; sizes, fonts, indents and page numbers must be the standard's.
 * The XML is read with a few regular expressions (the file is docx's own, one paragraph at a time).
 */
import JSZip from 'jszip';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, createTownship, sampleIntake, type Township } from '../helpers/store';
import { lettersOn } from '../helpers/letters';
import { todayLocal } from '../../src-main/services/local-time';
import type { IssuedLetter } from '../../src-main/contract';

let t: Township;
const today = todayLocal();
const year = Number(today.slice(0, 4));

beforeEach(async () => {
  t = await createTownship();
});
afterEach(() => t.cleanup());

// ---- reading the .docx ------------------------------------------------------------------------

interface Run {
  text: string;
  sz: number | null;
  eastAsia: string | null;
  ascii: string | null;
  offGrid: boolean;
}
interface Para {
  type: 'p';
  text: string;
  runs: Run[];
  style: string | null;
  jc: string | null;
  ind: Record<string, string>;
  spacing: Record<string, string>;
  keepNext: boolean;
}
interface Cell {
  width: number;
  text: string;
  paras: Para[];
}
interface Row {
  height: number;
  rule: string;
  cantSplit: boolean;
  cells: Cell[];
}
interface Tbl {
  type: 'tbl';
  grid: number[];
  layout: string | null;
  rows: Row[];
}
type Block = Para | Tbl;

const attrs = (tag: string | undefined): Record<string, string> =>
  Object.fromEntries([...(tag ?? '').matchAll(/w:(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
const tag = (xml: string, name: string) => xml.match(new RegExp(`<w:${name}(?:\\s[^>]*)?/?>`))?.[0];
const unescape = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

function para(xml: string): Para {
  const pPr = xml.match(/<w:pPr>([\s\S]*?)<\/w:pPr>/)?.[1] ?? '';
  const runs = [...xml.matchAll(/<w:r(?:\s[^>]*)?>([\s\S]*?)<\/w:r>/g)].map(([, r]): Run => {
    const rPr = r.match(/<w:rPr>([\s\S]*?)<\/w:rPr>/)?.[1] ?? '';
    const fonts = attrs(tag(rPr, 'rFonts'));
    const sz = attrs(tag(rPr, 'sz')).val;
    const snap = tag(rPr, 'snapToGrid');
    return {
      text: [...r.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => unescape(m[1])).join(''),
      sz: sz ? Number(sz) : null,
      eastAsia: fonts.eastAsia ?? null,
      ascii: fonts.ascii ?? null,
      offGrid: !!snap && /w:val="(false|0)"/.test(snap),
    };
  });
  return {
    type: 'p',
    text: runs.map((r) => r.text).join(''),
    runs: runs.filter((r) => r.text),
    style: attrs(tag(pPr, 'pStyle')).val ?? null,
    jc: attrs(tag(pPr, 'jc')).val ?? null,
    ind: attrs(tag(pPr, 'ind')),
    spacing: attrs(tag(pPr, 'spacing')),
    keepNext: !!tag(pPr, 'keepNext'),
  };
}

function table(xml: string): Tbl {
  return {
    type: 'tbl',
    grid: [...xml.matchAll(/<w:gridCol w:w="(\d+)"/g)].map((m) => Number(m[1])),
    layout: attrs(tag(xml, 'tblLayout')).type ?? null,
    rows: [...xml.matchAll(/<w:tr(?:\s[^>]*)?>([\s\S]*?)<\/w:tr>/g)].map(([, tr]) => {
      const h = attrs(tag(tr, 'trHeight'));
      return {
        height: Number(h.val),
        rule: h.hRule,
        cantSplit: !!tag(tr, 'cantSplit'),
        cells: [...tr.matchAll(/<w:tc>([\s\S]*?)<\/w:tc>/g)].map(([, tc]) => {
          const paras = [...tc.matchAll(/<w:p(?:\s[^>]*)?\/>|<w:p(?:\s[^>]*)?>[\s\S]*?<\/w:p>/g)].map((m) =>
            para(m[0]),
          );
          return { width: Number(attrs(tag(tc, 'tcW')).w), text: paras.map((p) => p.text).join('\n'), paras };
        }),
      };
    }),
  };
}

interface Docx {
  blocks: Block[];
  sectPr: string;
  part(path: string): Promise<string>;
  /** the footer a sectPr footerReference of this type points to */
  footer(type: 'default' | 'even'): Promise<string>;
}

async function readDocx(bytes: Buffer): Promise<Docx> {
  const zip = await JSZip.loadAsync(bytes);
  const part = async (p: string) => {
    const f = zip.file(p);
    if (!f) throw new Error(`${p} is missing`);
    return f.async('string');
  };
  const document = await part('word/document.xml');
  const body = document.match(/<w:body>([\s\S]*)<\/w:body>/)![1];
  const sectPr = body.match(/<w:sectPr[\s\S]*<\/w:sectPr>/)![0];
  const blocks = [
    ...body
      .replace(sectPr, '')
      .matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>|<w:p(?:\s[^>]*)?\/>|<w:p(?:\s[^>]*)?>[\s\S]*?<\/w:p>/g),
  ].map((m) => (m[0].startsWith('<w:tbl>') ? table(m[0]) : para(m[0])));
  const rels = await part('word/_rels/document.xml.rels');
  return {
    blocks,
    sectPr,
    part,
    async footer(type) {
      const id = sectPr.match(new RegExp(`<w:footerReference w:type="${type}" r:id="([^"]+)"`))?.[1];
      expect(id, `a ${type} footer`).toBeTruthy();
      const target = rels.match(new RegExp(`<Relationship Id="${id}"[^>]*Target="([^"]+)"`))![1];
      return part(`word/${target}`);
    },
  };
}

const paragraphs = (d: Docx) => d.blocks.filter((b): b is Para => b.type === 'p');
const mmOf = (twips: number) => (twips / 1440) * 25.4;
/** width in characters: half for Latin letters and Arabic numerals */
const widthOf = (s: string) => [...s].reduce((w, ch) => w + (/[\x20-\x7e]/.test(ch) ? 0.5 : 1), 0);

// ---- the sample case --------------------------------------------------------------------------

async function issuedLetters() {
  const caseId = (
    await call(
      t.store,
      'cases.create',
      sampleIntake({ summary: '反映土地承包合同到期后村委会未按约定续签', receivedAt: `${today}T09:30` }),
    )
  ).id;
  const { step, issue } = lettersOn(() => t.store, today);
  await step(caseId, { kind: 'accept' });
  const accept = await issue(caseId, 'acceptNotice');
  await step(caseId, {
    kind: 'reply',
    outcome: 'support',
    request: '要求续签土地承包合同',
    facts: '经查，原合同约定到期后优先续包',
    basis: '《中华人民共和国农村土地承包法》第二十一条',
  });
  // the shipped headings (一、…) and, added by the clerk, second-level ones and a heading with text after it
  const opinion = await issue(caseId, 'opinion', {
    edit: (c) => ({
      ...c,
      paragraphs: [
        ...c.paragraphs.slice(0, 4),
        '（一）合同履行情况。原合同于2025年12月31日到期，村委会未通知续签。',
        '（二）核查结论',
        ...c.paragraphs.slice(4),
      ],
    }),
  });
  const receipt = await issue(caseId, 'deliveryReceipt', {
    edit: (c) => ({
      ...c,
      rows: c.rows!.map(([label, value]): [string, string] => [
        label,
        label === '送达方式'
          ? '直接送达'
          : label === '备注'
            ? '第一次送达未遇本人\n第二次送达本人签收'
            : value,
      ]),
    }),
    forLetterId: opinion.id,
  });
  const caseNo = (await call(t.store, 'cases.get', { id: caseId })).caseNo;
  return { accept, opinion, receipt, caseNo };
}

async function download(letter: IssuedLetter) {
  const file = await call(t.store, 'letters.docx', { id: letter.id });
  return { fileName: file.fileName, docx: await readDocx(Buffer.from(file.base64, 'base64')) };
}

// ---- the tests --------------------------------------------------------------------------------

describe('letters.docx', () => {
  it('names the file by title and number, or by the case number for a form', async () => {
    const { accept, opinion, receipt, caseNo } = await issuedLetters();
    expect((await download(accept)).fileName).toBe(`信访事项受理告知书_示范信受〔${year}〕1号.docx`);
    expect((await download(opinion)).fileName).toBe(`信访事项处理意见书_示范信处〔${year}〕1号.docx`);
    expect((await download(receipt)).fileName).toBe(`送达回证_${caseNo}.docx`);
  });

  it('lays out the page per GB/T 9704: A4, its margins, 22 lines of 28 characters', async () => {
    const { accept } = await issuedLetters();
    const { docx } = await download(accept);
    const size = attrs(tag(docx.sectPr, 'pgSz'));
    expect([Number(size.w), Number(size.h)]).toEqual([11906, 16838]);
    const m = attrs(tag(docx.sectPr, 'pgMar'));
    // mm rounded to whole twips: 37 → 2098, 28 → 1587, 26 → 1474, 35 → 1984
    expect({
      top: Number(m.top),
      left: Number(m.left),
      right: Number(m.right),
      bottom: Number(m.bottom),
    }).toEqual({ top: 2098, left: 1587, right: 1474, bottom: 1984 });
    const textWidth = 11906 - Number(m.left) - Number(m.right);
    const textHeight = 16838 - Number(m.top) - Number(m.bottom);
    expect(mmOf(textWidth)).toBeCloseTo(156, 0);
    expect(mmOf(textHeight)).toBeCloseTo(225, 0);

    const grid = attrs(tag(docx.sectPr, 'docGrid'));
    expect(grid).toEqual({ type: 'linesAndChars', linePitch: '579', charSpace: '-842' });
    // 22 whole lines fit in the text block, not 23
    expect(Math.floor(textHeight / Number(grid.linePitch))).toBe(22);
    // the character pitch: the Normal font's 16 pt plus charSpace/4096 pt; 28 of them fill the line
    const pitch = 16 + Number(grid.charSpace) / 4096;
    expect(Math.floor(textWidth / 20 / pitch)).toBe(28);
    expect(28 * pitch).toBeGreaterThan(textWidth / 20 - 0.05);

    // the Normal font the grid is counted from is 3号 (in the style itself, where LibreOffice reads it)
    const styles = await docx.part('word/styles.xml');
    const normal = styles.match(/<w:style [^>]*w:styleId="Normal"[\s\S]*?<\/w:style>/)![0];
    expect(attrs(tag(normal, 'sz')).val).toBe('32');
    expect(attrs(tag(normal, 'rFonts')).eastAsia).toBe('仿宋_GB2312');
    // and the style that keeps the title off the grid
    expect(styles).toMatch(
      /<w:style [^>]*w:styleId="OffGrid"[\s\S]*?<w:snapToGrid w:val="0"\/>[\s\S]*?<\/w:style>/,
    );

    // every line of the page on the grid's pitch, exactly
    for (const p of paragraphs(docx))
      expect(p.spacing, p.text).toMatchObject({ line: '579', lineRule: 'exact', before: '0', after: '0' });
  });

  it('sets a notice as issued: title, number, addressee, body and the office over the date', async () => {
    const { accept } = await issuedLetters();
    const c = accept.content;
    const { docx } = await download(accept);
    const ps = paragraphs(docx);
    expect(docx.blocks.every((b) => b.type === 'p')).toBe(true);
    expect(ps.map((p) => p.text)).toEqual([
      c.title,
      '',
      c.docNo,
      '',
      c.addressee,
      ...c.paragraphs,
      '',
      c.signature,
      c.date,
    ]);
    expect(c.docNo).toBe(`示范信受〔${year}〕1号`);

    const [title, , docNo, , addressee] = ps;
    // 7.3.1: 2号 (22 pt) 小标宋, centred, off the character grid
    expect(title).toMatchObject({ jc: 'center', style: 'OffGrid' });
    expect(title.runs).toEqual([
      expect.objectContaining({ sz: 44, eastAsia: '方正小标宋简体', offGrid: true }),
    ]);
    // 7.2.5 发文字号 centred, 7.3.2 主送 flush left, in 3号 仿宋 with Arabic numerals in Times New Roman
    expect(docNo.jc).toBe('center');
    expect(docNo.runs).toEqual([
      expect.objectContaining({ sz: 32, eastAsia: '仿宋_GB2312', ascii: 'Times New Roman' }),
    ]);
    expect(addressee.jc).toBe('left');
    expect(addressee.ind).toEqual({});
    expect(addressee.text.endsWith('：')).toBe(true);

    // 7.3.3: each paragraph indented two characters, justified, 3号 仿宋
    const body = ps.slice(5, 5 + c.paragraphs.length);
    for (const p of body) {
      expect(p.ind.firstLineChars, p.text).toBe('200');
      expect(p.jc).toBe('both');
      for (const r of p.runs)
        expect(r).toMatchObject({
          sz: 32,
          eastAsia: '仿宋_GB2312',
          ascii: 'Times New Roman',
          offGrid: false,
        });
    }

    // 7.3.5.1: the date four characters from the right; the office's name centred over the date
    const m = attrs(tag(docx.sectPr, 'pgMar'));
    const char = (11906 - Number(m.left) - Number(m.right)) / 28;
    const [, name, date] = ps.slice(-3);
    expect([name.jc, date.jc]).toEqual(['right', 'right']);
    expect(Number(date.ind.right)).toBe(Math.round(4 * char));
    const nameRight = 4 + (widthOf(c.date) - widthOf(c.signature)) / 2;
    expect(Number(name.ind.right)).toBe(Math.round(nameRight * char));
    // the centres of the two lines coincide (within a rounding twip)
    const centre = (p: Para, text: string) => Number(p.ind.right) + (widthOf(text) * char) / 2;
    expect(Math.abs(centre(name, c.signature) - centre(date, c.date))).toBeLessThanOrEqual(1);
  });

  it('sets a 处理意见书 with 一、 headings in 黑体 and （一） headings in 楷体', async () => {
    const { opinion } = await issuedLetters();
    const c = opinion.content;
    expect(c.paragraphs.length).toBeGreaterThan(8);
    const { docx } = await download(opinion);
    const ps = paragraphs(docx);
    expect(ps.map((p) => p.text)).toEqual([
      c.title,
      '',
      c.docNo,
      '',
      c.addressee,
      ...c.paragraphs,
      '',
      c.signature,
      c.date,
    ]);

    const body = ps.slice(5, 5 + c.paragraphs.length);
    const fontsOf = (text: string) =>
      body.find((p) => p.text === text)!.runs.map((r) => [r.text, r.eastAsia]);
    expect(fontsOf('一、信访请求')).toEqual([['一、信访请求', '黑体']]);
    expect(fontsOf('四、复查途径')).toEqual([['四、复查途径', '黑体']]);
    expect(fontsOf('（二）核查结论')).toEqual([['（二）核查结论', '楷体_GB2312']]);
    // a heading with text after it: the heading to its 。 in 楷体, the rest in 仿宋
    expect(fontsOf('（一）合同履行情况。原合同于2025年12月31日到期，村委会未通知续签。')).toEqual([
      ['（一）合同履行情况。', '楷体_GB2312'],
      ['原合同于2025年12月31日到期，村委会未通知续签。', '仿宋_GB2312'],
    ]);
    const headings = body.filter((p) =>
      /^[一二三四五六七八九十]+、|^（[一二三四五六七八九十]+）/.test(p.text),
    );
    expect(headings).toHaveLength(6);
    for (const p of body) {
      expect(p.ind.firstLineChars).toBe('200');
      for (const r of p.runs) expect(r.sz).toBe(32);
      if (!headings.includes(p)) for (const r of p.runs) expect(r.eastAsia, p.text).toBe('仿宋_GB2312');
    }
  });

  it('numbers pages "— 1 —" in 4号 宋体, odd pages right and even pages left', async () => {
    const { opinion } = await issuedLetters();
    const { docx } = await download(opinion);
    expect(await docx.part('word/settings.xml')).toContain('<w:evenAndOddHeaders/>');
    for (const [type, side] of [
      ['default', 'right'],
      ['even', 'left'],
    ] as const) {
      const xml = await docx.footer(type);
      expect(xml).toMatch(/<w:instrText[^>]*>\s*PAGE\s*<\/w:instrText>/);
      const p = para(xml.match(/<w:p>[\s\S]*<\/w:p>/)![0]);
      expect(p.text).toBe('—  —'); // the PAGE field's number stands between the two spaces
      expect(p.jc).toBe(side);
      // one character of 4号 (14 pt) in from the edge
      expect(p.ind).toEqual({ [side]: '280' });
      for (const r of p.runs) expect(r).toMatchObject({ sz: 28, eastAsia: '宋体', ascii: '宋体' });
      expect(xml).toMatch(
        /<w:fldChar w:fldCharType="begin"\/>[\s\S]*PAGE[\s\S]*<w:fldChar w:fldCharType="end"\/>/,
      );
    }
    // 7.5: the 一字线 7 mm under the text block: the footer's 14 pt line centred there
    const m = attrs(tag(docx.sectPr, 'pgMar'));
    expect(mmOf(Number(m.bottom) - Number(m.footer) - 140)).toBeCloseTo(7, 1);
  });

  it('names the fonts to use where the GB2312 ones are missing', async () => {
    const { accept } = await issuedLetters();
    const { docx } = await download(accept);
    const fonts = await docx.part('word/fontTable.xml');
    const alt = (name: string) =>
      attrs(
        tag(fonts.match(new RegExp(`<w:font w:name="${name}">[\\s\\S]*?</w:font>`))?.[0] ?? '', 'altName'),
      ).val;
    expect(alt('方正小标宋简体')).toBe('宋体');
    expect(alt('仿宋_GB2312')).toBe('仿宋');
    expect(alt('楷体_GB2312')).toBe('楷体');
    expect(alt('黑体')).toBe('SimHei');
  });

  it('sets a 送达回证 as a ruled table to fill in by hand, the office and date under it', async () => {
    const { receipt } = await issuedLetters();
    const c = receipt.content;
    const { docx } = await download(receipt);
    expect(docx.blocks.map((b) => b.type)).toEqual(['p', 'p', 'tbl', 'p', 'p', 'p']);
    const [title, blank, tbl, beforeSign, name, date] = docx.blocks as [Para, Para, Tbl, Para, Para, Para];
    expect(title).toMatchObject({ text: '送达回证', jc: 'center' });
    expect(title.runs[0]).toMatchObject({ sz: 44, eastAsia: '方正小标宋简体' });
    expect(blank.text).toBe('');
    expect([name.text, date.text]).toEqual([c.signature, c.date]);
    expect([name.jc, date.jc]).toEqual(['right', 'right']);

    // every row, label and value, in order; a value of several lines is several paragraphs
    expect(tbl.rows.map((r) => r.cells.map((x) => x.text))).toEqual(c.rows);
    const remark = tbl.rows.find((r) => r.cells[0].text === '备注')!;
    expect(remark.cells[1].paras.map((p) => p.text)).toEqual(['第一次送达未遇本人', '第二次送达本人签收']);
    expect(Object.fromEntries(c.rows!)).toMatchObject({
      送达方式: '直接送达',
      送达文书: `信访事项处理意见书（示范信处〔${year}〕1号）`,
    });

    // fixed widths filling the text block; the label column holds the longest label (7 characters of 4号) on one line
    expect(tbl.layout).toBe('fixed');
    expect(tbl.grid.reduce((a, b) => a + b, 0)).toBe(8845);
    const longest = Math.max(...c.rows!.map(([l]) => l.length));
    expect(longest).toBe(7);
    expect(tbl.grid[0] - 2 * 108).toBeGreaterThanOrEqual(longest * 280);
    expect(tbl.grid[0]).toBeLessThan(8845 / 3);
    for (const r of tbl.rows) expect(r.cells.map((x) => x.width)).toEqual(tbl.grid);

    // tall enough to write in: 12 mm, and two lines of the page where someone signs
    for (const r of tbl.rows) {
      expect(r.rule).toBe('atLeast');
      const label = r.cells[0].text;
      if (/签名/.test(label)) expect(r.height, label).toBeGreaterThanOrEqual(2 * 579);
      else expect(mmOf(r.height), label).toBeGreaterThanOrEqual(11.9);
    }
    // no row splits across pages, and the last row keeps the office and date with it (never alone on a page)
    expect(tbl.rows.map((r) => r.cantSplit)).toEqual(tbl.rows.map(() => true));
    expect(tbl.rows.map((r) => r.cells.every((x) => x.paras.every((p) => p.keepNext)))).toEqual(
      tbl.rows.map((_, i) => i === tbl.rows.length - 1),
    );
    expect([beforeSign, name, date].map((p) => p.keepNext)).toEqual([true, true, false]);
    // 4号 仿宋, off the grid
    for (const r of tbl.rows.flatMap((row) => row.cells.flatMap((x) => x.paras.flatMap((p) => p.runs)))) {
      expect(r).toMatchObject({ sz: 28, eastAsia: '仿宋_GB2312', offGrid: true });
    }
  });

  it('agrees with the printed pages on where headings end and which rows are left to write in', async () => {
    const { opinion, receipt } = await issuedLetters();
    const form = await call(t.store, 'letters.issue', {
      caseId: opinion.caseId,
      kind: 'registerForm',
      content: (await call(t.store, 'letters.draft', { caseId: opinion.caseId, kind: 'registerForm' }))
        .content,
      issuedOn: today,
    });
    const html = async (l: IssuedLetter) => (await call(t.store, 'letters.html', { ids: [l.id] })).html;

    // headings: the 黑体 and 楷体 parts of the .docx are the heading spans of the page, in order
    const docxHeads = paragraphs((await download(opinion)).docx).flatMap((p) =>
      p.runs.filter((r) => r.eastAsia === '黑体' || r.eastAsia === '楷体_GB2312').map((r) => r.text),
    );
    const htmlHeads = [...(await html(opinion)).matchAll(/<span class="h[12]">([^<]*)<\/span>/g)].map(
      (m) => m[1],
    );
    expect(htmlHeads).toEqual(docxHeads);
    expect(htmlHeads).toContain('（一）合同履行情况。');

    // rows to write in: two lines of the page in Word, tall on the page
    for (const letter of [receipt, form]) {
      const tbl = (await download(letter)).docx.blocks.find((b): b is Tbl => b.type === 'tbl')!;
      const docxTall = tbl.rows.filter((r) => r.height >= 2 * 579).map((r) => r.cells[0].text);
      const htmlTall = [
        ...(await html(letter)).matchAll(/<td class="label">([^<]*)<\/td><td class="tall">/g),
      ].map((m) => m[1]);
      expect(htmlTall, letter.kind).toEqual(docxTall);
    }
  });
});
