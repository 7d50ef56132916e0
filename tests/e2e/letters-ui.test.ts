/**
 * Letters in Chromium against the web mode: a clerk drafts a 受理告知书 from an accepted case,
 * edits it with its pages beside it, issues it (number, timeline, written notice), finds it in
 * the day's batch, and a template naming an unknown variable is refused on the settings screen.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { todayLocal } from '../../src-main/services/local-time';
import { call, sampleIntake } from '../helpers/store';
import { issueDraftedLetter, launchBrowser, newPage, openApp, type OpenedApp } from './harness';

let browser: Browser;
let app: OpenedApp;
let page: Page;
const today = todayLocal();
const year = today.slice(0, 4);
let caseId = '';

beforeAll(async () => {
  browser = await launchBrowser();
  app = await openApp(browser, {
    prefix: 'petition-e2e-letters-',
    fill: async (store) => {
      caseId = (
        await call(
          store,
          'cases.create',
          sampleIntake({ receivedAt: `${today}T09:00`, summary: '反映村道路灯损坏无人修理' }),
        )
      ).id;
      await call(store, 'cases.step', { caseId, kind: 'accept', on: today, note: '' });
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

describe('letters on screen', () => {
  it('drafts, edits with a live preview, and issues a 受理告知书', async () => {
    await page.goto(`${app.base}#/case/${caseId}`);
    await page.getByTestId('new-letter').click();
    await page.getByRole('menuitem', { name: '信访事项受理告知书' }).click();
    const body = page.getByTestId('letter-form').getByLabel(/^正文/);
    await body.waitFor();
    await expect(body.inputValue()).resolves.toContain('反映村道路灯损坏无人修理');
    await body.fill(`${await body.inputValue()}\n如有疑问，请与镇信访办联系。`);
    // the pages beside the form follow the text
    const preview = page.frameLocator('[data-testid="letter-preview"]');
    await preview.getByText('如有疑问，请与镇信访办联系。').waitFor();
    await expect(preview.locator('.doc-no').textContent()).resolves.toBe(`示范信受〔${year}〕1号`);
    await page.screenshot({ path: `${app.dataDir}/letter-draft.png` });

    await issueDraftedLetter(page, '如有疑问，请与镇信访办联系。');
    await page.screenshot({ path: `${app.dataDir}/letter-issued.png` });
    await page.keyboard.press('Escape');

    // the letter list and the timeline may not show the letter yet when the dialog closes
    await expect
      .poll(() => page.getByTestId('letter-item').textContent())
      .toContain(`示范信受〔${year}〕1号`);
    await expect
      .poll(() => page.getByTestId('event-issued').textContent())
      .toContain(`出具信访事项受理告知书（示范信受〔${year}〕1号）`);
    await expect.poll(() => page.getByTestId('event-notify').textContent()).toContain('当面送达');
  });

  it("lists the day's letters for batch printing", async () => {
    await page.goto(`${app.base}#/register`);
    await page.getByRole('button', { name: '批量打印文书' }).click();
    await page.getByRole('cell', { name: `示范信受〔${year}〕1号` }).waitFor();
    await expect(page.getByTestId('batch-print').textContent()).resolves.toContain('打印所选 1 份');
    await page.keyboard.press('Escape');
  });

  it('refuses a template with an unknown variable, and says which', async () => {
    await page.goto(`${app.base}#/settings`);
    await page.getByRole('tab', { name: '文书模板' }).click();
    const body = page.getByTestId('template-body');
    await body.waitFor();
    await body.fill('{{信访人}}：{{办理人电话}}');
    await expect
      .poll(() => page.getByTestId('template-problem').textContent())
      .toContain('正文中的变量 {{办理人电话}} 不存在');
    await body.fill('{{信访人}}：你反映的问题本机关已依法受理。');
    await page
      .frameLocator('[data-testid="template-preview"]')
      .getByText('张三、李四、王五：你反映的问题本机关已依法受理。')
      .waitFor();
    await page.getByRole('button', { name: '保存模板' }).click();
    await page.getByText('已保存信访事项受理告知书模板').waitFor();
    await page.screenshot({ path: `${app.dataDir}/letter-templates.png` });
  });

  it('opens its dialogs in place when the system asks for less motion, and zooms them in otherwise', async () => {
    const classesSeen = async (reducedMotion: 'reduce' | 'no-preference') => {
      const other = await newPage(browser, reducedMotion);
      try {
        await other.goto(app.server.url);
        await other.goto(`${app.base}#/case/${caseId}`);
        await other.getByTestId('new-letter').click();
        // every class the dialog is given while it opens, not only the one it ends with
        await other.evaluate(() => {
          const seen: string[] = [];
          (window as unknown as { seen: string[] }).seen = seen;
          new MutationObserver(() =>
            document.querySelectorAll('.ant-modal').forEach((m) => seen.push(m.className)),
          ).observe(document.body, {
            subtree: true,
            childList: true,
            attributes: true,
            attributeFilter: ['class'],
          });
        });
        await other.getByRole('menuitem', { name: '信访事项受理告知书' }).click();
        await other.frameLocator('[data-testid="letter-preview"]').locator('.doc-no').waitFor();
        return (await other.evaluate(() => (window as unknown as { seen: string[] }).seen)).join(' ');
      } finally {
        await other.context().close();
      }
    };
    // zooming in is the -start (scaled to nothing) and -active (growing) states; -prepare is drawn at full size
    const still = await classesSeen('reduce');
    expect(still).toContain('ant-modal');
    expect(still).not.toMatch(/appear-(start|active)/);
    await expect(classesSeen('no-preference')).resolves.toMatch(
      /ant-zoom-appear-start.*ant-zoom-appear-active/,
    );
  });
});
