/**
 * Forms take their rules from the contract, in Chromium against the web mode on a real SQLite
 * file: a 复查请求 pasted far over its maximum is refused with how much was typed, kept whole in
 * the field and not saved; a dispute resolved before it was found is refused in the form by the
 * contract's rule, before anything is sent. Screenshots of the 申请复查 dialog with its counter at
 * 1024×768 and 1366×768 are left in the data folder (or SCREENSHOT_DIR).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { addCalendarDays } from '../../src-main/services/calendar';
import { todayLocal } from '../../src-main/services/local-time';
import { call, sampleIntake } from '../helpers/store';
import { launchBrowser, openApp, type OpenedApp } from './harness';

let browser: Browser;
let app: OpenedApp;
let page: Page;
const today = todayLocal();
const daysAgo = (n: number) => addCalendarDays(today, -n);
let caseId = '';

beforeAll(async () => {
  browser = await launchBrowser();
  // a township with one petition answered and delivered: the petitioner may ask for review
  app = await openApp(browser, {
    prefix: 'petition-e2e-forms-',
    fill: async (store) => {
      caseId = (await call(store, 'cases.create', sampleIntake({ receivedAt: `${daysAgo(20)}T09:00` }))).id;
      await call(store, 'cases.step', { caseId, kind: 'accept', on: daysAgo(19) });
      await call(store, 'cases.step', {
        caseId,
        kind: 'reply',
        on: daysAgo(6),
        outcome: 'notSupport',
        request: '要求重新勘界',
        facts: '界址清楚，有确权登记',
        basis: '《土地管理法》',
      });
      await call(store, 'cases.step', {
        caseId,
        kind: 'deliver',
        on: daysAgo(5),
        method: 'inPerson',
        receivedOn: daysAgo(5),
      });
    },
  });
  page = app.page;
  await page.goto(app.server.url);
  await page.getByText('乡镇信访台账').first().waitFor();
});

afterAll(async () => {
  await browser?.close();
  await app?.server.stop();
});

/** The calls of `method` the page sends from now on. */
function countCalls(method: string): () => number {
  let n = 0;
  page.on('request', (r) => {
    if (r.url().endsWith(`/api/${encodeURIComponent(method)}`)) n++;
  });
  return () => n;
}

describe('forms take their rules from the contract', () => {
  it('refuses a 复查请求 over 4000 characters with how much was typed, keeps all of it, saves nothing', async () => {
    await page.goto(`${app.base}#/case/${caseId}`);
    await page.getByTestId('case-no').waitFor();
    const sent = countCalls('cases.step');
    await page.getByTestId('step-requestReview').click();
    const dialog = page.getByTestId('dialog-requestReview');
    await dialog.waitFor();
    await dialog.getByLabel('复查机关').fill('县人民政府');
    const note = dialog.getByLabel('复查请求');
    const pasted = '请求撤销处理意见，并重新勘定宅基地界址。'.repeat(500); // 10,000 characters
    expect(pasted.length).toBe(10_000);
    await note.fill(pasted);
    await page.getByTestId('step-ok').click();

    const item = dialog.locator('.ant-form-item').filter({ has: page.getByLabel('复查请求') });
    await expect
      .poll(() => item.locator('.ant-form-item-explain-error').textContent())
      .toBe('复查请求最多 4000 字，已输入 10000 字');
    // the counter says so too, and the field holds every character typed
    expect(await item.locator('.ant-input-data-count').textContent()).toBe('10000 / 4000');
    expect((await note.inputValue()).length).toBe(10_000);
    expect(await dialog.isVisible()).toBe(true);
    expect(sent()).toBe(0);

    // nothing reached the register: after a reload the case still waits for a review request
    await page.getByTestId('step-cancel').click();
    await dialog.waitFor({ state: 'detached' });
    await page.reload();
    await page.getByTestId('case-no').waitFor();
    expect(await page.getByTestId('case-status').textContent()).toBe('已答复');
    expect(await page.locator('[data-testid="event-requestReview"]').count()).toBe(0);
  });

  it('shows the 申请复查 dialog with its counter at 1024×768 and 1366×768', async () => {
    const dir = process.env.SCREENSHOT_DIR ?? app.dataDir;
    for (const [width, height] of [
      [1024, 768],
      [1366, 768],
    ]) {
      await page.setViewportSize({ width, height });
      await page.goto(`${app.base}#/case/${caseId}`);
      await page.getByTestId('case-no').waitFor();
      await page.getByTestId('step-requestReview').click();
      const dialog = page.getByTestId('dialog-requestReview');
      await dialog.waitFor();
      await dialog.getByLabel('复查机关').fill('县人民政府');
      await dialog.getByLabel('复查请求').fill('请求撤销处理意见，并重新勘定宅基地界址。'.repeat(220));
      await page.getByTestId('step-ok').click();
      await dialog.locator('.ant-form-item-explain-error').waitFor();
      await page.screenshot({ path: `${dir}/step-request-review-${width}x${height}.png` });
      await page.getByTestId('step-cancel').click();
      await dialog.waitFor({ state: 'detached' });
    }
  });

  it('refuses a dispute resolved before it was found in the form, by the contract’s rule', async () => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(`${app.base}#/disputes`);
    await page.getByText('矛盾纠纷排查台账').waitFor();
    const saves = countCalls('disputes.save');
    await page.getByRole('button', { name: '登记矛盾纠纷' }).click();
    const dialog = page.getByRole('dialog');
    const pick = async (label: string, date: string) => {
      const input = dialog.getByLabel(label);
      await input.click();
      await input.fill(date);
      await input.press('Enter');
    };
    await pick('发现日期', daysAgo(5));
    await dialog.locator('#kind').fill('宅基地');
    await page.keyboard.press('Enter');
    await dialog.getByLabel('当事人1姓名').fill('钱大');
    await dialog.getByLabel('纠纷简要情况').fill('两户因宅基地界址争执');
    await dialog.getByLabel('调处状态').click();
    await page.locator('.ant-select-item-option[title="已化解"]').click();
    await pick('化解日期', daysAgo(8));
    await dialog.getByLabel('化解情况').fill('双方签订调解协议');
    await dialog.getByLabel('化解情况').press('Control+Enter');

    const item = dialog.locator('.ant-form-item').filter({ has: page.getByLabel('化解日期') });
    await expect
      .poll(() => item.locator('.ant-form-item-explain-error').textContent())
      .toBe('化解日期不能早于发现日期');
    expect(saves()).toBe(0);
    expect(await dialog.getByLabel('化解情况').inputValue()).toBe('双方签订调解协议');
  });
});
