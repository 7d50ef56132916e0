/**
 * A clerk's day with the ledgers, in Chromium against `npm run web`'s server on a real SQLite
 * file: a dispute found in a village is entered from the keyboard, the day's report is produced
 * in one click and listed; producing it again asks first and, cancelled, changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openApp, type OpenedApp } from './harness';
import { todayLocal } from '../../src-main/services/local-time';

let browser: Browser;
let app: OpenedApp;
let page: Page;

beforeAll(async () => {
  browser = await launchBrowser();
  app = await openApp(browser);
  page = app.page;
  await page.goto(app.server.url);
  await page.getByText('乡镇信访台账').first().waitFor();
});

afterAll(async () => {
  await browser?.close();
  await app?.server.stop();
});

describe('ledgers', () => {
  it('adds a dispute from the keyboard and sees it in the ledger', async () => {
    await page.getByTestId('nav-ledgers').hover();
    await page.getByRole('menuitem', { name: /矛盾纠纷排查/ }).click();
    await page.getByText('矛盾纠纷排查台账').waitFor();
    await expect.poll(() => page.getByTestId('disputes-total').textContent()).toBe('共 0 件');
    await page.getByRole('button', { name: '登记矛盾纠纷' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.locator('#villageId').fill('东村');
    await page.locator('.ant-select-item-option[title="东村"]').click();
    await dialog.locator('#kind').fill('宅基地');
    await page.keyboard.press('Enter');
    await dialog.getByLabel('当事人1姓名').fill('钱大');
    await dialog.getByLabel('当事人1电话').fill('138-1111-2222');
    await dialog.getByRole('button', { name: '增加当事人' }).click();
    await dialog.getByLabel('当事人2姓名').fill('孙二');
    await dialog.getByLabel('纠纷简要情况').fill('两户因宅基地界址争执，一方砌墙占用通道');
    await dialog.getByLabel('调处人').fill('司法所 周调解');
    await dialog.getByLabel('调处人').press('Control+Enter');
    await dialog.waitFor({ state: 'hidden' });

    await expect.poll(() => page.getByTestId('disputes-total').textContent()).toBe('共 1 件');
    const row = page.locator('.ant-table-row').first();
    await expect.poll(() => row.textContent()).toContain('钱大（138****2222）、孙二');
    expect(await row.textContent()).toContain('宅基地');
    expect(await row.textContent()).toContain('待调处');
    await page.screenshot({ path: `${app.dataDir}/disputes.png` });
  });

  it("produces the day's report in one click and lists it; again asks first", async () => {
    await page.getByTestId('nav-ledgers').hover();
    await page.getByRole('menuitem', { name: /日报告/ }).click();
    const produce = page.getByTestId('daily-produce');
    await produce.getByText('新排查矛盾纠纷').waitFor();
    expect(await produce.textContent()).toContain('有新情况');
    await page.getByRole('button', { name: '生成今日日报告' }).click();
    await page.getByText('将随下次数据交换报送县信访局').waitFor();

    const today = todayLocal();
    const rows = page.locator('.ant-table-row');
    await expect.poll(() => rows.count()).toBe(1);
    const text = await rows.first().textContent();
    expect(text).toContain(today);
    expect(text).toContain('有新情况');
    expect(text).toContain('0批 0人次');
    expect(text).toContain('1 / 0');
    expect(text).toContain('王登记');

    // producing again asks, and a cancel leaves the one report
    await page.getByRole('button', { name: '重新生成' }).click();
    const confirm = page.getByRole('dialog');
    await confirm.locator('.ant-modal-confirm-title', { hasText: `${today} 已上报过日报告` }).waitFor();
    await confirm.getByRole('button', { name: '取消' }).click();
    await confirm.waitFor({ state: 'hidden' });
    expect(await rows.count()).toBe(1);
    await page.screenshot({ path: `${app.dataDir}/daily-report.png` });
  });
});
