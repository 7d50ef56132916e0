/**
 * A clerk's first day, in Chromium against `npm run web`'s server on a real SQLite file:
 * set up a township, register a group visit, find it again by a content word and by pinyin
 * initials, open it; a malformed ID number is refused and saves nothing; a draft survives
 * the server being killed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { checkCharOf } from '../../src-main/contract';
import { holdNextAnswer, launchBrowser, openApp, type OpenedApp } from './harness';

const withCheck = (first17: string) => first17 + checkCharOf(first17);
const REPS = [
  { name: '李建国', id: withCheck('33010219650312003'), phone: '13957112345' },
  { name: '赵秀英', id: withCheck('33010219700815004'), phone: '13857154321' },
  { name: '钱文华', id: withCheck('33010219781120005'), phone: '' },
];

let browser: Browser;
let app: OpenedApp;
let page: Page;

/** Opens the app's start page with its sign-in token (again after a restart). */
async function goHome() {
  await page.goto(app.server.url);
  await page.getByText('乡镇信访台账').first().waitFor();
}

async function search(text: string) {
  await page.getByRole('menuitem', { name: /台账/ }).click();
  const box = page.getByLabel('检索');
  await box.fill(text);
  await box.press('Enter');
}

beforeAll(async () => {
  browser = await launchBrowser();
  // an empty data folder: the clerk sets the township up on screen
  app = await openApp(browser, { setup: null });
  page = app.page;
});

afterAll(async () => {
  await browser?.close();
  await app?.server.stop();
});

describe('clerk path', () => {
  it('sets up a township with a village', async () => {
    await goHome();
    await page.getByText('首次设置').waitFor();
    await page.getByPlaceholder('例如 330102001').fill('330102001');
    await page.getByPlaceholder('例如 清波街道').fill('清波街道');
    await page.getByLabel('工作人员1姓名').fill('王芳');
    await page.getByRole('button', { name: '保存并继续' }).click();

    await page.getByRole('button', { name: '添加村/社区' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('12位统计代码').fill('330102001001');
    await dialog.getByLabel('名称').fill('河东村');
    await dialog.getByRole('button', { name: '保存' }).click();
    await expect(page.getByRole('cell', { name: '河东村' })).toBeTruthy();
    await page.getByRole('cell', { name: '河东村' }).waitFor();
    await page.getByRole('button', { name: '下一步' }).click();
    await page.getByRole('cell', { name: '司法所' }).waitFor();
    await page.getByRole('button', { name: '完成设置，开始登记' }).click();
    await page.getByText('信访事项登记').waitFor();
    await page.screenshot({ path: `${app.dataDir}/intake-empty.png` });
  });

  let caseNo = '';
  let queryCode = '';

  it('registers a group visit of 6 people with 3 representatives', async () => {
    await page.getByLabel('人数').fill('6');
    for (let i = 0; i < REPS.length; i++) {
      if (i > 0) await page.getByRole('button', { name: '增加信访人' }).click();
      await page.getByLabel(`信访人${i + 1}姓名`).fill(REPS[i].name);
      await page.getByLabel(`信访人${i + 1}身份证号`).fill(REPS[i].id);
      if (REPS[i].phone) await page.getByLabel(`信访人${i + 1}电话`).fill(REPS[i].phone);
      const rep = page.getByLabel(`信访人${i + 1}为代表`);
      if (!(await rep.isChecked())) await rep.check();
    }
    await expect(page.getByText('集体访（6人）').isVisible()).resolves.toBe(true);
    await page.getByText('申诉求决').click();
    await page.getByLabel('内容摘要').fill('反映河东村土地征收补偿款未足额发放');
    await page
      .getByLabel('信访内容')
      .fill(
        '村民代表反映，2025年河东村道路拓宽工程征收集体土地，部分农户补偿款至今未发放到位，要求尽快落实。',
      );
    await page.screenshot({ path: `${app.dataDir}/intake-filled.png`, fullPage: true });
    await page.getByRole('button', { name: /保存登记/ }).click();

    caseNo = (await page.getByTestId('saved-case-no').textContent()) ?? '';
    queryCode = (await page.getByTestId('saved-query-code').textContent()) ?? '';
    expect(caseNo).toMatch(/^330102001-\d{4}-00001$/);
    expect(queryCode).toMatch(/^[2-9A-HJKMNP-Z]{8}$/);
    await page.screenshot({ path: `${app.dataDir}/intake-saved.png` });
    await page.getByRole('button', { name: '继续登记' }).click();
  });

  it('finds it by a two-character word of its content and by pinyin initials, and opens it', async () => {
    await search('土地');
    await expect.poll(() => page.getByTestId('register-total').textContent()).toBe('共 1 件');
    await page.getByRole('row').filter({ hasText: caseNo }).waitFor();

    await search('zxy'); // 赵秀英, the second representative
    await expect.poll(() => page.getByTestId('register-total').textContent()).toBe('共 1 件');
    await search('低保'); // a word that is not in it
    await expect.poll(() => page.getByTestId('register-total').textContent()).toBe('共 0 件');
    await search('zxy');
    const row = page.getByRole('row').filter({ hasText: caseNo });
    await row.waitFor();
    await expect(row.textContent()).resolves.toContain('李建国、赵秀英、钱文华');
    await expect(row.textContent()).resolves.not.toContain(REPS[0].id); // masked in lists
    await page.screenshot({ path: `${app.dataDir}/register.png` });
    await row.click();

    await expect.poll(() => page.getByTestId('case-no').textContent()).toBe(caseNo);
    await expect(page.getByTestId('query-code').textContent()).resolves.toBe(queryCode);
    await expect(page.getByText('集体', { exact: true }).count()).resolves.toBeGreaterThan(0);
    await page.screenshot({ path: `${app.dataDir}/case-detail.png`, fullPage: true });
  });

  it('attaches a scanned letter on the case detail and shows it', async () => {
    const scan = await page.screenshot({ clip: { x: 0, y: 0, width: 400, height: 300 } });
    await page
      .locator('input[type=file]')
      .setInputFiles({ name: '来信扫描件.png', mimeType: 'image/png', buffer: scan });
    const item = page
      .getByTestId('attachment-list')
      .getByRole('listitem')
      .filter({ hasText: '来信扫描件.png' });
    await item.waitFor();
    await expect(page.getByTestId('event-attached').textContent()).resolves.toContain(
      '添加附件：来信扫描件.png',
    );
    await expect(page.getByText('附件（1）').isVisible()).resolves.toBe(true);
    await item.getByText('查看').click();
    await page.getByRole('dialog').getByRole('img', { name: '来信扫描件.png' }).waitFor();
    await page.screenshot({ path: `${app.dataDir}/attachment.png` });
    await page.keyboard.press('Escape');
  });

  it('refuses a malformed ID number with a clear message and saves nothing', async () => {
    await page.getByRole('menuitem', { name: /登记/ }).click();
    await page.getByLabel('信访人1姓名').fill('孙明');
    const bad = REPS[0].id.slice(0, 17) + (REPS[0].id[17] === '1' ? '2' : '1');
    await page.getByLabel('信访人1身份证号').fill(bad);
    await page.getByText('建议意见').click();
    await page.getByLabel('内容摘要').fill('反映村道路灯损坏');
    await page.getByRole('button', { name: /保存登记/ }).click();
    await page.getByText('身份证号校验位不符').first().waitFor();
    await page.screenshot({ path: `${app.dataDir}/intake-bad-id.png` });
    await expect(page.getByTestId('saved-case-no').count()).resolves.toBe(0);

    await search('');
    await page.getByRole('button', { name: '重置' }).click();
    await expect.poll(() => page.getByTestId('register-total').textContent()).toBe('共 1 件');
  });

  it('lists the earlier cases of the petitioner as typed now, whatever answers last', async () => {
    await page.getByRole('menuitem', { name: /登记/ }).click();
    await page.getByRole('button', { name: '清空表单' }).click();
    await page.getByRole('button', { name: '清空', exact: true }).click(); // confirm
    await expect.poll(() => page.getByLabel('信访人1姓名').inputValue()).toBe('');
    const panel = page.getByTestId('repeat-panel');
    // the search for a number nobody has is answered only after the clerk corrected it to 李建国's
    const first = await holdNextAnswer(page, 'cases.findRepeats');
    await page.getByLabel('信访人1姓名').fill(REPS[0].name);
    await page.getByLabel('信访人1身份证号').fill(withCheck('33010219900101007'));
    await first.sent;
    await page.getByLabel('信访人1身份证号').fill(REPS[0].id);
    await panel.getByText('身份证号相同').waitFor(); // the group visit registered above
    first.release();
    await first.delivered;
    // the late answer has reached the page and had two frames to show itself
    await page.evaluate(
      () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
    );
    await expect(panel.getByText('身份证号相同').count()).resolves.toBe(1);
    await expect(panel.getByText('未发现此前登记的相同信访人').count()).resolves.toBe(0);
    // the clerk marks the new petition 重复 of it, and takes that back
    await panel.getByRole('button', { name: '标为重复' }).click();
    await panel.getByText('已标为重复件').waitFor();
    await panel.getByRole('button', { name: '取消' }).click();
    await panel.getByText('初信初访').waitFor();
    await page.screenshot({ path: `${app.dataDir}/intake-repeat.png` });

    // a check that could not be made says so, rather than “no earlier case”
    await page.route(
      '**/api/cases.findRepeats',
      (route) => route.fulfill({ json: { ok: false, error: { message: '本机服务暂时无法查询' } } }),
      { times: 1 },
    );
    await page.getByLabel('信访人1身份证号').fill(REPS[1].id);
    await expect
      .poll(() => panel.getByTestId('repeat-failed').textContent())
      .toContain('本机服务暂时无法查询');
    await expect(panel.getByText('未发现此前登记的相同信访人').count()).resolves.toBe(0);
  });

  it('brings a typed draft back after the server is killed and restarted', async () => {
    await page.getByRole('menuitem', { name: /登记/ }).click();
    await page.getByRole('button', { name: '清空表单' }).click();
    await page.getByRole('button', { name: '清空', exact: true }).click(); // confirm
    await expect.poll(() => page.getByLabel('信访人1姓名').inputValue()).toBe('');
    // the save of the name alone is answered only after the summary is typed: that answer must
    // not say 已保存, or the clerk (and this test) would trust a draft without the summary
    const nameSave = await holdNextAnswer(page, 'drafts.save');
    await page.getByLabel('信访人1姓名').fill('周德明');
    await nameSave.sent;
    await page.getByLabel('内容摘要').fill('草稿：反映宅基地审批进度缓慢');
    nameSave.release();
    await expect
      .poll(() => page.getByTestId('draft-status').textContent(), { timeout: 10_000 })
      .toContain('草稿已自动保存');

    await app.restart('SIGKILL');
    await goHome();
    await page.getByText('已恢复上次未保存的登记草稿').waitFor();
    await expect(page.getByLabel('内容摘要').inputValue()).resolves.toBe('草稿：反映宅基地审批进度缓慢');
    await expect(page.getByLabel('信访人1姓名').inputValue()).resolves.toBe('周德明');
    await page.screenshot({ path: `${app.dataDir}/draft-restored.png` });
  });
});
