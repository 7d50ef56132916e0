/**
 * Letters printed by Chromium's print engine (as the Electron window and the browser print them),
 * turned into pages with poppler's pdftoppm, and measured: A4, the GB/T 9704 margins and text
 * block, 28 characters a line, one-page letters on one page, page numbers on the outer side.
 * The PNGs are left in the test's data folder to look at.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { call, createTownship, sampleIntake, type Township } from '../helpers/store';
import { lettersOn, type LetterKind } from '../helpers/letters';
import { todayLocal } from '../../src-main/services/local-time';
import { lettersHtml, PAGE_MM } from '../../src-main/services/letters/layout';
import type { LetterContent } from '../../src-main/contract';
import { launchBrowser, tempDataDir } from './harness';

let browser: Browser;
let page: Page;
let t: Township;
/** kept after the run: the PDFs and PNGs to look at */
const out = tempDataDir('petition-letters-');
const today = todayLocal();
const DPI = 72;
const mm = (px: number) => (px * 25.4) / DPI;

beforeAll(async () => {
  t = await createTownship();
  browser = await launchBrowser();
  page = await (await browser.newContext()).newPage();
});
afterAll(async () => {
  await browser?.close();
  t?.cleanup();
});

interface Gray {
  width: number;
  height: number;
  data: Buffer;
}

/** A binary PGM (P5) as pdftoppm -gray writes it. */
function readPgm(file: string): Gray {
  const buf = fs.readFileSync(file);
  const header = buf.subarray(0, 64).toString('latin1');
  const m = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(header)!;
  return { width: Number(m[1]), height: Number(m[2]), data: buf.subarray(m[0].length) };
}

/** The box of ink (pixels darker than mid-grey) inside a band of rows, in millimetres. */
function inkBox(
  g: Gray,
  fromMm = 0,
  toMm: number = PAGE_MM.height,
): { left: number; right: number; top: number; bottom: number } | null {
  let left = Infinity;
  let right = -1;
  let top = Infinity;
  let bottom = -1;
  const y0 = Math.floor((fromMm / 25.4) * DPI);
  const y1 = Math.min(g.height, Math.ceil((toMm / 25.4) * DPI));
  for (let y = y0; y < y1; y++) {
    for (let x = 0; x < g.width; x++) {
      if (g.data[y * g.width + x] < 128) {
        if (x < left) left = x;
        if (x > right) right = x;
        if (y < top) top = y;
        if (y > bottom) bottom = y;
      }
    }
  }
  return right < 0 ? null : { left: mm(left), right: mm(right + 1), top: mm(top), bottom: mm(bottom + 1) };
}

/** Prints letters to PDF with Chromium, and returns the pages as grey images (and the PDF's facts). */
async function print(name: string, letters: LetterContent[]): Promise<{ pages: Gray[]; info: string }> {
  await page.setContent(lettersHtml(letters), { waitUntil: 'load' });
  await page.evaluate(() => document.fonts.ready);
  const pdf = path.join(out, `${name}.pdf`);
  fs.writeFileSync(pdf, await page.pdf({ preferCSSPageSize: true, printBackground: true }));
  const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
  execFileSync('pdftoppm', ['-gray', '-r', String(DPI), pdf, path.join(out, name)]);
  // and PNGs at a readable size, to look at
  execFileSync('pdftoppm', ['-png', '-r', '60', pdf, path.join(out, `${name}-view`)]);
  const files = fs
    .readdirSync(out)
    .filter((f) => f.startsWith(`${name}-`) && f.endsWith('.pgm'))
    .sort();
  return { pages: files.map((f) => readPgm(path.join(out, f))), info };
}

const { step, issue } = lettersOn(() => t.store, today);

/** The text block's edges: ink stays inside it (a little slack for the glyphs' own side bearings). */
const TEXT_BOTTOM = PAGE_MM.top + PAGE_MM.textHeight;
const TEXT_RIGHT = PAGE_MM.left + PAGE_MM.textWidth;

describe('letters on paper (GB/T 9704)', () => {
  let caseId = '';

  beforeAll(async () => {
    caseId = (
      await call(
        t.store,
        'cases.create',
        sampleIntake({ summary: '反映土地承包合同到期后村委会未按约定续签', receivedAt: `${today}T09:30` }),
      )
    ).id;
    await step(caseId, { kind: 'accept' });
    // facts long enough that the 处理意见书 runs onto a second page
    const facts = Array.from(
      { length: 6 },
      (_, i) =>
        `经调查核实，第${i + 1}项情况如下：村委会与信访人签订的土地承包合同约定承包期届满后信访人享有同等条件下的优先承包权，村委会未履行该约定。`,
    ).join('\n');
    await step(caseId, {
      kind: 'reply',
      outcome: 'support',
      request: '要求村委会依约续签土地承包合同',
      facts,
      basis: '《中华人民共和国农村土地承包法》第二十一条',
    });
  });

  it("measures against the standard's own figures: A4, 37 mm top, 28 mm left, a 156 × 225 mm text block", () => {
    expect(PAGE_MM).toEqual({ width: 210, height: 297, top: 37, left: 28, textWidth: 156, textHeight: 225 });
  });

  it('a 受理告知书 is one A4 page with the margins, text block and date placed for the seal', async () => {
    const letter = (await issue(caseId, 'acceptNotice')).content;
    const { pages, info } = await print('accept', [letter]);
    expect(info).toMatch(/Page size:\s+59[45]\.\d+ x 841\.\d+ pts \(A4\)/);
    expect(info).toMatch(/Pages:\s+1\n/);
    const text = inkBox(pages[0], 0, TEXT_BOTTOM + 1)!;
    // the addressee line starts at the left edge of the text block; nothing is left of it
    expect(text.left).toBeGreaterThan(PAGE_MM.left - 1);
    expect(text.left).toBeLessThan(PAGE_MM.left + 1.5);
    expect(text.right).toBeLessThan(TEXT_RIGHT + 1);
    // the title's first line sits in the first line of the text block
    expect(text.top).toBeGreaterThan(PAGE_MM.top - 0.5);
    expect(text.top).toBeLessThan(PAGE_MM.top + 8);
    // the date ends four characters in from the right edge of the text block
    const dateLine = await page.evaluate(() => {
      const r = document.querySelector('.sign .date')!;
      const range = document.createRange();
      range.selectNodeContents(r);
      const box = range.getBoundingClientRect();
      const block = document.querySelector('.letter')!.getBoundingClientRect();
      return { rightGapPx: block.right - box.right, charPx: block.width / 28 };
    });
    expect(dateLine.rightGapPx / dateLine.charPx).toBeCloseTo(4, 0);
  });

  it('28 characters fill a line and 22 lines fill the text block', async () => {
    await page.setContent(
      lettersHtml([
        {
          title: '测',
          docNo: null,
          addressee: null,
          paragraphs: ['一'.repeat(26), '一'.repeat(27)],
          signature: '示范镇',
          date: '2026年11月22日',
          rows: null,
        },
      ]),
    );
    const m = await page.evaluate(() => {
      const ps = [...document.querySelectorAll('.letter p:not(.title)')].slice(0, 2) as HTMLElement[];
      const block = document.querySelector('.letter') as HTMLElement;
      const line = parseFloat(getComputedStyle(block).lineHeight);
      return {
        lines: ps.map((p) => Math.round(p.getBoundingClientRect().height / line)),
        widthPx: block.getBoundingClientRect().width,
        line,
      };
    });
    // 2 characters of indent + 26 = 28: one line; one more character wraps
    expect(m.lines).toEqual([1, 2]);
    expect((m.widthPx * 25.4) / 96).toBeCloseTo(PAGE_MM.textWidth, 1);
    expect(((m.line * 25.4) / 96) * 22).toBeCloseTo(PAGE_MM.textHeight, 1);
  });

  it('a long 处理意见书 runs onto a second page, its page numbers on the outer side in 4号 between dashes', async () => {
    const letter = (await issue(caseId, 'opinion')).content;
    const { pages, info } = await print('opinion', [letter]);
    expect(info).toMatch(/Pages:\s+2\n/);
    expect(pages).toHaveLength(2);
    for (const [i, g] of pages.entries()) {
      const text = inkBox(g, 0, TEXT_BOTTOM + 1)!;
      expect(text.left).toBeGreaterThan(PAGE_MM.left - 1);
      expect(text.right).toBeLessThan(TEXT_RIGHT + 1);
      // the page number: under the text block, 7 mm below it, odd pages right and even pages left
      const number = inkBox(g, TEXT_BOTTOM + 1, PAGE_MM.height)!;
      expect(number.top).toBeGreaterThan(TEXT_BOTTOM + 5);
      expect(number.bottom).toBeLessThan(TEXT_BOTTOM + 7 + 8);
      if (i % 2 === 0) {
        expect(number.right).toBeGreaterThan(TEXT_RIGHT - 8);
        expect(number.right).toBeLessThan(TEXT_RIGHT);
      } else {
        expect(number.left).toBeLessThan(PAGE_MM.left + 8);
        expect(number.left).toBeGreaterThan(PAGE_MM.left);
      }
      // no ink right of the text block nor in the bottom margin other than the page number
      expect(number.right - number.left).toBeLessThan(25);
    }
  });

  it('a 送达回证 is a one-page form with rows to sign in', async () => {
    // it delivers the 处理意见书 in force (if the test before issued one); the form is the same either way
    const receipt = (await issue(caseId, 'deliveryReceipt')).content;
    const { pages, info } = await print('receipt', [receipt]);
    expect(info).toMatch(/Pages:\s+1\n/);
    const text = inkBox(pages[0], 0, TEXT_BOTTOM + 1)!;
    // the table's frame is the text block's width
    expect(text.left).toBeCloseTo(PAGE_MM.left, 0);
    expect(text.right).toBeCloseTo(TEXT_RIGHT, 0);
  });

  it('every other kind prints inside the text block, and the one-page kinds on one page', async () => {
    const a = (
      await call(
        t.store,
        'cases.create',
        sampleIntake({ summary: '反映村集体收益分配不公开', receivedAt: `${today}T10:00` }),
      )
    ).id;
    await step(a, {
      kind: 'assign',
      unitId: t.unit('司法所'),
      deadline: today,
      reportDue: today,
      note: '请核实收益分配情况',
    });
    await step(a, { kind: 'extend', days: 15, reason: '需要审计村集体账目', approvedBy: '赵镇长' });
    await step(a, {
      kind: 'supervise',
      deadline: today,
      content: '请加快核查进度',
      unitId: t.unit('司法所'),
    });
    await step(a, {
      kind: 'reply',
      outcome: 'explain',
      request: '要求公开收益分配',
      facts: '经审计，村集体收益已按规定公示',
      basis: '《村民委员会组织法》第三十条',
    });
    await step(a, { kind: 'deliver', method: 'inPerson', receivedOn: today, recipient: '张三' });
    await step(a, { kind: 'close', findings: '收益已公示', actions: '向信访人解释说明', resolved: true });
    const r = (
      await call(
        t.store,
        'cases.create',
        sampleIntake({ summary: '反映邻里纠纷已起诉', receivedAt: `${today}T10:30` }),
      )
    ).id;
    await step(r, { kind: 'reject', reason: '该事项已进入诉讼程序', route: 'litigation' });
    const f = (
      await call(
        t.store,
        'cases.create',
        sampleIntake({ summary: '反映县道路灯损坏', receivedAt: `${today}T11:00` }),
      )
    ).id;
    await step(f, { kind: 'forward', to: '县交通运输局', reason: '属县交通运输局职责' });
    const kinds: [string, LetterKind, boolean][] = [
      [a, 'assignSheet', true],
      [a, 'extendNotice', true],
      [a, 'superviseLetter', true],
      [a, 'registerForm', false],
      [a, 'closingReport', false],
      [r, 'rejectNotice', true],
      [f, 'forwardNotice', true],
    ];
    for (const [caseId_, kind, onePage] of kinds) {
      const letter = (await issue(caseId_, kind)).content;
      const { pages } = await print(kind, [letter]);
      if (onePage) expect(pages, kind).toHaveLength(1);
      // the office and the date never stand alone on the last page
      const last = execFileSync(
        'pdftotext',
        ['-f', String(pages.length), '-l', String(pages.length), path.join(out, `${kind}.pdf`), '-'],
        { encoding: 'utf8' },
      );
      const rest = last
        .replace(letter.signature, '')
        .replace(letter.date, '')
        .replace(/[—–-]\s*\d+\s*[—–-]/g, '');
      expect(rest.replace(/\s/g, ''), kind).not.toBe('');
      for (const g of pages) {
        const text = inkBox(g, 0, TEXT_BOTTOM + 1)!;
        expect(text.left, kind).toBeGreaterThan(PAGE_MM.left - 1);
        expect(text.right, kind).toBeLessThan(TEXT_RIGHT + 1);
        expect(text.top, kind).toBeGreaterThan(PAGE_MM.top - 0.5);
      }
    }
  });

  it('prints a batch of letters, each on its own sheet', async () => {
    const list = await call(t.store, 'letters.list', { caseId });
    const accept = list.filter((l) => l.kind === 'acceptNotice').map((l) => l.content);
    const { info } = await print('batch', [...accept, ...accept]);
    expect(info).toMatch(/Pages:\s+2\n/);
  });
});
