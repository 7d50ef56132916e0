/**
 * The register with thousands of cases: the table renders only the rows on screen, fetches
 * the rest as they scroll into view, and reaches the oldest case at the bottom.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { seedCases } from '../../tools/seed/seed';
import { launchBrowser, openApp, type OpenedApp } from './harness';

const CASES = 3000;
let browser: Browser;
let app: OpenedApp;
let page: Page;
let oldest = '';

beforeAll(async () => {
  browser = await launchBrowser();
  // the generator sets up its own office
  app = await openApp(browser, {
    setup: null,
    fill: (store) => {
      seedCases(store, { cases: CASES, seed: 7 });
      oldest = (
        store.sqlite
          .prepare('SELECT case_no FROM cases ORDER BY received_at ASC, rowid ASC LIMIT 1')
          .get() as { case_no: string }
      ).case_no;
    },
  });
  page = app.page;
});

afterAll(async () => {
  await browser?.close();
  await app?.server.stop();
});

describe('a large register', () => {
  it('renders only the visible rows and scrolls to the oldest case', async () => {
    await page.goto(app.server.url);
    await page.getByRole('menuitem', { name: /台账/ }).click();
    await expect.poll(() => page.getByTestId('register-total').textContent()).toBe(`共 ${CASES} 件`);
    const table = page.getByTestId('case-table');
    const box = await table.boundingBox();
    expect(box!.height).toBeLessThan(900); // the table fits the window and scrolls inside it
    const rendered = await table.locator('[data-index]').count();
    expect(rendered).toBeGreaterThan(5);
    expect(rendered).toBeLessThan(80);

    await table.evaluate((el) => (el.scrollTop = el.scrollHeight));
    const last = table.locator(`[data-index="${CASES - 1}"]`);
    await expect.poll(() => last.textContent(), { timeout: 15_000 }).toContain(oldest);
    expect(await table.locator('[data-index]').count()).toBeLessThan(80);

    // keyboard: Enter on a focused row opens it
    await last.focus();
    await last.press('Enter');
    await expect.poll(() => page.getByTestId('case-no').textContent()).toBe(oldest);
  });
});
