/**
 * The 统计报表 screen in Chromium against the web mode: a clerk opens the monthly report for
 * January 2026, reads the figures beside 同比 and 环比 with each rate's definition, clicks a figure
 * and lands on the register showing exactly the cases behind it; then prints the report to PDF
 * through Chromium's print engine (A4 landscape).
 *
 *   A  group visit of 8, 东村, received 2026-01-05, accepted and notified the next day (on time)
 *   B  letter, 西村, received 2026-01-10, never decided (past its 15 days)
 *   C  visit, received 2026-01-20, accepted and notified 2026-02-20 (late)
 *   F  visit, received 2025-12-15 (环比), accepted on time
 */
import fs from 'node:fs';
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { call, sampleIntake, samplePetitioner } from '../helpers/store';
import { launchBrowser, openApp, type OpenedApp } from './harness';

let browser: Browser;
let app: OpenedApp;
let page: Page;
const caseNos: Record<string, string> = {};

beforeAll(async () => {
  browser = await launchBrowser();
  app = await openApp(browser, {
    prefix: 'petition-e2e-reports-',
    fill: async (store) => {
      const settings = await call(store, 'settings.get', {});
      const village = (name: string) => settings.villages.find((v) => v.name === name)!.id;
      const add = async (
        name: string,
        input: Parameters<typeof sampleIntake>[0],
        steps: { kind: 'accept' | 'notify'; on: string }[],
      ) => {
        const c = await call(store, 'cases.create', sampleIntake(input));
        caseNos[name] = c.caseNo;
        for (const s of steps)
          await call(
            store,
            'cases.step',
            s.kind === 'notify'
              ? { caseId: c.id, kind: 'notify', on: s.on, method: 'inPerson' }
              : { caseId: c.id, kind: 'accept', on: s.on },
          );
      };
      await add('F', { receivedAt: '2025-12-15T09:00', summary: '反映道路破损' }, [
        { kind: 'accept', on: '2025-12-16' },
        { kind: 'notify', on: '2025-12-16' },
      ]);
      await add(
        'A',
        {
          receivedAt: '2026-01-05T09:00',
          peopleCount: 8,
          villageId: village('东村'),
          summary: '八位村民反映土地补偿款未发放',
        },
        [
          { kind: 'accept', on: '2026-01-06' },
          { kind: 'notify', on: '2026-01-06' },
        ],
      );
      await add(
        'B',
        {
          channel: 'letter',
          receivedAt: '2026-01-10T11:00',
          villageId: village('西村'),
          summary: '来信反映低保评定不公',
          petitioners: [samplePetitioner({ name: '李四' })],
        },
        [],
      );
      await add(
        'C',
        {
          receivedAt: '2026-01-20T09:00',
          summary: '反映邻里宅基地纠纷',
          petitioners: [samplePetitioner({ name: '王五' })],
        },
        [
          { kind: 'accept', on: '2026-02-20' },
          { kind: 'notify', on: '2026-02-20' },
        ],
      );
      // the dispute ledger beside the register: one found in January, one in February
      for (const [foundOn, description] of [
        ['2026-01-08', '两户因宅基地界址争执'],
        ['2026-02-03', '养殖场噪音扰民'],
      ]) {
        await call(store, 'disputes.save', {
          foundOn,
          villageId: null,
          parties: [{ name: '钱大' }],
          kind: 'neighbor',
          description,
          mediator: '村调委会',
        });
      }
    },
  });
  page = app.page;
  await page.goto(app.server.url);
  await page.getByTestId('nav-reports').waitFor();
});

afterAll(async () => {
  await browser?.close();
  await app?.server.stop();
});

async function openJanuary() {
  await page.getByTestId('nav-reports').click();
  await page.getByRole('radio', { name: '月' }).check({ force: true });
  const picker = page.getByLabel('统计期间');
  await picker.click();
  await picker.fill('2026-01');
  await picker.press('Enter');
  await expect.poll(() => page.getByTestId('report-heading').textContent()).toContain('统计期间：2026年1月');
}

describe('统计报表', () => {
  it('shows the monthly figures beside 同比 and 环比, with the definition beside each rate', async () => {
    await openJanuary();
    expect(await page.getByTestId('report-heading').textContent()).toContain(
      '同比：2025年1月；环比：2025年12月',
    );
    expect(await page.getByTestId('fig-n-cur').textContent()).toBe('3');
    expect(await page.getByTestId('fig-people-cur').textContent()).toBe('10');
    expect(await page.getByTestId('fig-n-mom').textContent()).toBe('1');
    expect(await page.getByTestId('fig-collective-cur').textContent()).toBe('1');
    // A on time; C late; B past its 15 days undecided
    expect(await page.getByTestId('fig-acceptRate-cur').textContent()).toBe('33.3%（1/3）');
    // as of today all three are past a due day: B its decision, A and C their replies
    expect(await page.getByTestId('fig-overdue-cur').textContent()).toBe('3');
    expect(await page.getByTestId('def-acceptRate').textContent()).toContain('应受理告知');
    await page.getByTestId('chart-trend').locator('canvas').first().waitFor();
    await page.screenshot({ path: `${app.dataDir}/reports-month.png`, fullPage: true });
  });

  it('opens the register on exactly the cases behind a figure', async () => {
    await page.getByTestId('fig-acceptRate-cur-num').click();
    await expect.poll(() => page.getByTestId('register-total').textContent()).toBe('共 1 件');
    expect(await page.getByTestId('register-report-filter').textContent()).toContain('按时受理告知');
    expect(await page.getByTestId('case-table').textContent()).toContain(caseNos.A);

    await openJanuary();
    await page.getByTestId('row-channel-letter').click();
    await expect.poll(() => page.getByTestId('register-total').textContent()).toBe('共 1 件');
    expect(await page.getByTestId('case-table').textContent()).toContain(caseNos.B);

    await openJanuary();
    await page.getByTestId('row-village-none').click();
    await expect.poll(() => page.getByTestId('register-total').textContent()).toBe('共 1 件');
    expect(await page.getByTestId('case-table').textContent()).toContain(caseNos.C);

    await openJanuary();
    await page.getByTestId('fig-n-cur').click();
    await expect.poll(() => page.getByTestId('register-total').textContent()).toBe('共 3 件');
    for (const n of ['A', 'B', 'C'])
      expect(await page.getByTestId('case-table').textContent()).toContain(caseNos[n]);
  });

  it('opens the dispute ledger on the disputes behind a dispute figure', async () => {
    await openJanuary();
    expect(await page.getByTestId('fig-ledger-found-cur').textContent()).toBe('1');
    await page.getByTestId('fig-ledger-found-cur').click();
    await page.getByText('矛盾纠纷排查台账').waitFor();
    await expect.poll(() => page.locator('.ant-table-tbody').textContent()).toContain('两户因宅基地界址争执');
    expect(await page.locator('.ant-table-tbody').textContent()).not.toContain('养殖场噪音扰民');
  });

  it('prints the report as A4 landscape pages', async () => {
    const { html } = await page.evaluate(async () => {
      const token = sessionStorage.getItem('petition-web-token');
      const res = await fetch('/api/reports.html', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: JSON.stringify({ kind: 'month', from: '2026-01-01' }),
      });
      return ((await res.json()) as { value: { html: string } }).value;
    });
    const sheet = await browser.newPage();
    await sheet.setContent(html);
    const pdf = await sheet.pdf({ preferCSSPageSize: true });
    await sheet.close();
    const file = `${app.dataDir}/report.pdf`;
    fs.writeFileSync(file, pdf);
    const info = execFileSync('pdfinfo', [file]).toString();
    // A4 landscape: 842 × 595 points
    expect(info).toMatch(/Page size:\s+841\.\d+ x 59[45]\.\d+ pts/);
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', file, `${app.dataDir}/report-page`]);
    expect(fs.existsSync(`${app.dataDir}/report-page-1.png`)).toBe(true);
    expect(html).toContain('示范镇信访工作月报');
    expect(html).toContain('统计期间：2026年1月');
  });
});
