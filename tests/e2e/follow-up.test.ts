/**
 * A case through the statutory workflow in Chromium against the web mode, on a real SQLite file:
 * register → 受理 → 交办 → 延期 → 出具处理意见 予以支持 → 处理意见书 and 送达回证 issued → 送达 naming the receipt → 评价 满意 → 办结 → 回访, with the
 * work list checked at each step, and an older case shown as overdue.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { addCalendarDays } from '../../src-main/services/calendar';
import { todayLocal } from '../../src-main/services/local-time';
import { call, sampleIntake } from '../helpers/store';
import { issueDraftedLetter, launchBrowser, openApp, type OpenedApp } from './harness';

let browser: Browser;
let app: OpenedApp;
let page: Page;
const today = todayLocal();
let overdueNo = '';

beforeAll(async () => {
  browser = await launchBrowser();
  // a township with one petition received 40 days ago and never decided
  app = await openApp(browser, {
    prefix: 'petition-e2e-follow-',
    fill: async (store) => {
      overdueNo = (
        await call(
          store,
          'cases.create',
          sampleIntake({
            receivedAt: `${addCalendarDays(today, -40)}T09:00`,
            summary: '反映村道积水无人处理',
          }),
        )
      ).caseNo;
    },
  });
  page = app.page;
});

afterAll(async () => {
  await browser?.close();
  await app?.server.stop();
});

async function gotoWork() {
  await page.goto(`${app.base}#/work`);
  await page.getByTestId('work-count-overdue').waitFor();
}

/** The work list rows of one case, [deadline kind, bucket] in screen order, once the list has loaded them. */
async function workRows(caseNo: string, expected: string[][]) {
  await gotoWork();
  const rows = page.locator(`[data-testid="work-row"][data-case-no="${caseNo}"]`);
  await expect
    .poll(() =>
      rows.evaluateAll((els) =>
        els.map((e) => [e.getAttribute('data-kind') ?? '', e.getAttribute('data-bucket') ?? '']),
      ),
    )
    .toEqual(expected);
}

const caseUrls = new Map<string, string>();

/** Opens a case from its work-list row the first time, by its address afterwards. */
async function openCase(caseNo: string) {
  const known = caseUrls.get(caseNo);
  if (known) await page.goto(known);
  else {
    await gotoWork();
    await page.locator(`[data-testid="work-row"][data-case-no="${caseNo}"]`).first().click();
  }
  await expect.poll(() => page.getByTestId('case-no').textContent()).toBe(caseNo);
  caseUrls.set(caseNo, page.url());
}

/** Clicks a step's button, lets `fill` fill its dialog, confirms, and waits for the timeline entry. */
async function takeStep(
  kind: string,
  fill: (dialog: ReturnType<Page['getByTestId']>) => Promise<void> = async () => {},
) {
  const before = await page.locator(`[data-testid="event-${kind}"]`).count();
  const button = page.getByTestId(`step-${kind}`);
  if (!(await button.isVisible()))
    await page
      .getByRole('button', { name: /办理记录|督办包案/ })
      .first()
      .click();
  await button.click();
  const dialog = page.getByTestId(`dialog-${kind}`);
  await dialog.waitFor();
  await fill(dialog);
  await page.getByTestId('step-ok').click();
  const confirm = page.getByRole('button', { name: '确认' });
  if (await confirm.isVisible({ timeout: 500 }).catch(() => false)) await confirm.click();
  await expect.poll(() => page.locator(`[data-testid="event-${kind}"]`).count()).toBe(before + 1);
}

const deadlineState = (kind: string) =>
  page.getByTestId(`deadline-${kind}`).first().getAttribute('data-state');

describe('follow-up path', () => {
  let caseNo = '';

  it('shows the undecided older case as overdue on the work list and in the header', async () => {
    await page.goto(app.server.url);
    await page.getByText('乡镇信访台账').first().waitFor();
    await workRows(overdueNo, [
      ['acceptance', 'overdue'],
      ['notice', 'overdue'],
    ]);
    await expect(page.getByTestId('work-count-overdue').textContent()).resolves.toContain('2');
    await expect.poll(() => page.getByTestId('nav-work').textContent()).toContain('2');
    await page.screenshot({ path: `${app.dataDir}/work-overdue.png` });
    await openCase(overdueNo);
    expect(await deadlineState('acceptance')).toBe('overdue');
  });

  it('registers a petition, which appears on the work list with its acceptance clock', async () => {
    await page.goto(`${app.base}#/intake`);
    await page.getByLabel('信访人1姓名').fill('孙立平');
    await page.getByLabel('信访人1电话').fill('13600136000');
    await page.getByText('申诉求决').click();
    await page.getByLabel('内容摘要').fill('反映宅基地与邻居界址纠纷，要求重新勘界');
    await page.getByRole('button', { name: /保存登记/ }).click();
    caseNo = (await page.getByTestId('saved-case-no').textContent()) ?? '';
    expect(caseNo).toMatch(/^330102001-\d{4}-\d{5}$/);
    // no address: no written notice is owed (Art. 23), only the acceptance decision
    await workRows(caseNo, [['acceptance', 'later']]);
  });

  it('受理 then 交办: the acceptance is met, the reply and assignment clocks run', async () => {
    await openCase(caseNo);
    await takeStep('accept');
    expect(await deadlineState('acceptance')).toBe('met');
    await takeStep('assign', async (d) => {
      await d.locator('#unitId').fill('司法所');
      await page.locator('.ant-select-item-option[title="司法所"]').click();
    });
    expect(await deadlineState('assignment')).toBe('running');
    await workRows(caseNo, [
      ['assignment', 'later'],
      ['reply', 'later'],
    ]);
  });

  it('延期 adds 30 days to the reply deadline', async () => {
    await openCase(caseNo);
    const before = await page.getByTestId('deadline-reply').textContent();
    await takeStep('extend', async (d) => {
      await d.getByLabel('批准人').fill('赵领导');
      await d.getByLabel('延期理由').fill('需会同自然资源所现场勘界');
    });
    const after = await page.getByTestId('deadline-reply').textContent();
    expect(after).toContain('已延期30日');
    expect(after).not.toBe(before);
    // the work list carries the extended reply deadline
    const due = /\d{4}-\d{2}-\d{2}/.exec(after ?? '')![0];
    await workRows(caseNo, [
      ['assignment', 'later'],
      ['reply', 'later'],
    ]);
    await expect(
      page.locator(`[data-testid="work-row"][data-case-no="${caseNo}"][data-kind="reply"]`).textContent(),
    ).resolves.toContain(due);
  });

  it('出具处理意见 予以支持, then 送达 and 满意 evaluation', async () => {
    await openCase(caseNo);
    await takeStep('reply', async (d) => {
      await d.getByText('予以支持').click();
      await d.getByLabel('事实和理由').fill('经现场勘界，邻居建房占用信访人宅基地约12平方米，属实。');
      await d.getByLabel('法律政策依据').fill('《中华人民共和国民法典》第二百三十六条');
    });
    expect(await deadlineState('reply')).toBe('met');
    await workRows(caseNo, []); // replied: nothing running for the office
    await openCase(caseNo);
    // the 处理意见书 and its 送达回证 go out; the signed receipt comes back and the 送达 names it
    for (const letter of ['信访事项处理意见书', '送达回证']) {
      await page.getByTestId('new-letter').click();
      await page.getByRole('menuitem', { name: letter, exact: true }).click();
      // the draft is in the form once its pages show beside it
      await page
        .frameLocator('[data-testid="letter-preview"]')
        .getByText(letter, { exact: true })
        .first()
        .waitFor();
      await issueDraftedLetter(page);
      await page.keyboard.press('Escape');
      await expect
        .poll(() => page.getByTestId('letter-item').allTextContents())
        .toContainEqual(expect.stringContaining(letter));
    }
    await takeStep('deliver', async (d) => {
      // the receipt still out is chosen for the clerk
      await d.getByText(/^送达回证（\d{4}-\d{2}-\d{2} 出具）$/).waitFor();
    });
    await expect
      .poll(() => page.getByTestId('letter-item').allTextContents())
      .toEqual([expect.stringContaining('已送达'), expect.stringContaining('已送达')]);
    await expect(page.getByTestId('event-deliver').textContent()).resolves.toContain('送达回证已交回');
    expect(await deadlineState('reviewWindow')).toBe('running');
    await workRows(caseNo, []); // the review window is the petitioner's, not the office's duty
    await openCase(caseNo);
    await takeStep('evaluate', async (d) => {
      await d.getByText('满意', { exact: true }).click();
    });
    await expect(page.getByTestId('event-evaluate').textContent()).resolves.toContain('满意');
  });

  it('办结 with a closing report, then 回访', async () => {
    await takeStep('close', async (d) => {
      await d.getByLabel('查明情况').fill('邻居建房越界属实');
      await d.getByLabel('处理情况').fill('经司法所调解，邻居拆除越界部分，双方签订调解协议');
      await d.locator('#resolved').click();
    });
    await expect(page.getByTestId('case-status').textContent()).resolves.toBe('已办结');
    await workRows(caseNo, []);
    await workRows(overdueNo, [
      ['acceptance', 'overdue'],
      ['notice', 'overdue'],
    ]);
    await openCase(caseNo);
    await takeStep('followUp', async (d) => {
      await d.getByLabel('回访情况').fill('电话回访，信访人表示满意');
    });
    await page.screenshot({ path: `${app.dataDir}/case-closed.png` });
    const kinds = await page
      .locator('[data-testid^="event-"]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));
    expect(kinds).toEqual([
      'event-registered',
      'event-accept',
      'event-assign',
      'event-extend',
      'event-reply',
      'event-issued',
      'event-issued',
      'event-deliver',
      'event-evaluate',
      'event-close',
      'event-followUp',
    ]);
  });

  it('a step the state does not allow is not offered', async () => {
    await expect(page.getByTestId('step-accept').count()).resolves.toBe(0);
    await expect(page.getByTestId('step-reopen').count()).resolves.toBe(1);
  });
});
