/**
 * Sync by file in Chromium, with two web-mode apps on two real SQLite files and one shared folder
 * standing in for the USB stick: the county enrolls the township, the township joins, registers a
 * petition and exports; the county previews and imports it, assigns (交办) it to the township and
 * supervises (督办) it, and exports; the township previews and imports, and sees both.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { call } from '../helpers/store';
import { launchBrowser, openApp, tempDataDir, type OpenedApp } from './harness';

const shared = tempDataDir('petition-e2e-usb-');
const up = path.join(shared, '上报');
const down = path.join(shared, '下发');
let browser: Browser;
let countyApp: OpenedApp;
let townApp: OpenedApp;
let county: Page;
let town: Page;

beforeAll(async () => {
  fs.mkdirSync(up);
  fs.mkdirSync(down);
  browser = await launchBrowser();
  [countyApp, townApp] = await Promise.all([
    openApp(browser, {
      prefix: 'petition-e2e-county-',
      setup: {
        level: 'county',
        code: '330102',
        name: '示范县信访局',
        villages: [],
        units: [],
        staff: [{ name: '县登记员', role: 'clerk' }],
      },
      fill: async (store) => {
        await call(store, 'sync.saveSettings', {
          inbox: up,
          outbox: down,
          exportOnExit: false,
          pickUpAtStart: true,
          remindAfterDays: 7,
        });
      },
    }),
    openApp(browser, { prefix: 'petition-e2e-town-' }),
  ]);
  county = countyApp.page;
  town = townApp.page;
  await county.goto(countyApp.server.url);
  await town.goto(townApp.server.url);
});

afterAll(async () => {
  await browser?.close();
  await Promise.all([countyApp?.server.stop(), townApp?.server.stop()]);
});

const shot = (page: Page, name: string) =>
  page.screenshot({ path: path.join(shared, `${name}.png`), fullPage: true });

/** Closes the success notice (an antd confirm dialog) and waits until it is gone. */
async function closeNotice(page: Page) {
  await page.locator('.ant-modal-confirm-btns button').click();
  await page.locator('.ant-modal-confirm').waitFor({ state: 'detached' });
}

async function openSync(page: Page, app: OpenedApp) {
  await page.goto(`${app.base}#/sync`);
  await page.getByRole('heading', { name: '数据交换' }).waitFor();
  // the screen may have stayed open since the last visit: read the folders again now
  await page.getByRole('button', { name: '刷新' }).click();
}

describe('township and county exchange by file', () => {
  let caseNo = '';
  let enrollmentFile = '';

  it('the county enrolls the township and the township joins with the file', async () => {
    await openSync(county, countyApp);
    await county.getByRole('button', { name: '登记乡镇…' }).click();
    await county.getByLabel('乡镇代码（9位）').fill('330102001');
    await county.getByLabel('乡镇名称').fill('示范镇');
    const download = county.waitForEvent('download');
    await county.getByRole('button', { name: '制作登记文件' }).click();
    enrollmentFile = path.join(shared, (await download).suggestedFilename());
    await (await download).saveAs(enrollmentFile);
    expect(path.basename(enrollmentFile)).toBe('信访台账登记文件_示范镇_330102001.xftz-enroll');
    await closeNotice(county);
    await county.getByRole('cell', { name: '示范镇' }).waitFor();

    await openSync(town, townApp);
    await town.getByText('本机尚未加入县信访局').waitFor();
    await town.locator('input[type=file][accept=".xftz-enroll"]').setInputFiles(enrollmentFile);
    await town.locator('.ant-modal-confirm-title', { hasText: '已加入示范县信访局' }).waitFor();
    await closeNotice(town);
    await town.getByRole('cell', { name: '示范县信访局' }).waitFor();
  });

  it('the township sets its folders on the USB stick', async () => {
    await town.getByLabel(/^发出文件夹/).fill(up);
    await town.getByLabel(/^收件文件夹/).fill(down);
    await town.getByRole('button', { name: '保存', exact: true }).click();
    await town.getByText('交换设置已保存').waitFor();
  });

  it('the township registers a petition and exports it with progress to the county', async () => {
    await town.goto(`${townApp.base}#/intake`);
    await town.getByLabel('信访人1姓名').fill('陈桂兰');
    await town.getByLabel('信访人1电话').fill('13700137000');
    await town.getByText('申诉求决').click();
    await town.getByLabel('内容摘要').fill('反映宅基地确权面积与实际不符');
    await town.getByRole('button', { name: /保存登记/ }).click();
    caseNo = (await town.getByTestId('saved-case-no').textContent()) ?? '';
    expect(caseNo).toMatch(/^330102001-\d{4}-00001$/);

    await openSync(town, townApp);
    await town.getByRole('button', { name: '导出给县信访局' }).click();
    await town.locator('.ant-modal-confirm-title', { hasText: '交换包已导出' }).waitFor();
    const exported = await town.getByTestId('exported-package').textContent();
    expect(exported).toMatch(/^信访交换包_示范镇_至_示范县信访局_\d{8}_第1号\.xftz（\d+ 项变更/);
    await shot(town, 'town-exported');
    await closeNotice(town);
    expect(fs.readdirSync(up).filter((f) => f.endsWith('.xftz'))).toHaveLength(1);
  });

  it('the county previews the package, imports it, and sees the case under the township', async () => {
    await openSync(county, countyApp);
    await county.getByTestId('sync-inbox').waitFor();
    await county.getByRole('button', { name: '导入', exact: true }).click();
    const preview = county.getByTestId('import-preview');
    await preview.waitFor();
    await expect(preview.textContent()).resolves.toContain('新增信访事项1 件');
    await county.getByRole('cell', { name: caseNo }).waitFor();
    await shot(county, 'county-preview');
    // nothing was written by the preview
    await county.getByRole('button', { name: '取消' }).click();
    await county.goto(`${countyApp.base}#/register`);
    await expect.poll(() => county.getByTestId('register-total').textContent()).toBe('共 0 件');

    await openSync(county, countyApp);
    await county.getByRole('button', { name: '导入', exact: true }).click();
    await county.getByTestId('confirm-import').click();
    await county.getByText(/已导入示范镇第 1 号交换包：新增 1 件/).waitFor();
    await county.getByText('收件文件夹中没有待导入的交换包').waitFor();
    expect(fs.existsSync(path.join(up, '已导入'))).toBe(true);

    await county.goto(`${countyApp.base}#/register`);
    await expect.poll(() => county.getByTestId('register-total').textContent()).toBe('共 1 件');
    await county.getByRole('combobox', { name: '乡镇' }).click();
    await county.locator('.ant-select-item-option[title="示范镇"]').click();
    await county.keyboard.press('Escape');
    await expect.poll(() => county.getByTestId('register-total').textContent()).toBe('共 1 件');
    await county.getByText('反映宅基地确权面积与实际不符').waitFor();
    await shot(county, 'county-register');
  });

  it('the county assigns the case to the township and supervises it, then exports', async () => {
    await county.getByText('反映宅基地确权面积与实际不符').click();
    await expect.poll(() => county.getByTestId('case-no').textContent()).toBe(caseNo);

    await county.getByTestId('step-assign').click();
    const assign = county.getByTestId('dialog-assign');
    await assign.waitFor();
    await assign.locator('#officeId').fill('示范镇');
    await county.locator('.ant-select-item-option[title="示范镇"]').click();
    await assign.getByLabel('交办要求').fill('请核实确权面积，依法答复');
    await shot(county, 'county-assign');
    await county.getByTestId('step-ok').click();
    await county.getByTestId('event-assign').waitFor();
    await expect(county.getByTestId('event-assign').textContent()).resolves.toContain('交办至 示范镇');

    const oversight = county.getByTestId('step-supervise');
    if (!(await oversight.isVisible()))
      await county
        .getByRole('button', { name: /督办包案/ })
        .first()
        .click();
    await oversight.click();
    const supervise = county.getByTestId('dialog-supervise');
    await supervise.waitFor();
    await supervise.getByLabel('督办内容').fill('群众反映强烈，请于期限内报送办理情况');
    await county.getByTestId('step-ok').click();
    await county.getByTestId('event-supervise').waitFor();

    await openSync(county, countyApp);
    await county
      .getByRole('row', { name: /示范镇/ })
      .getByRole('button', { name: '导出' })
      .click();
    await county.locator('.ant-modal-confirm-title', { hasText: '交换包已导出' }).waitFor();
    await closeNotice(county);
    await county.getByRole('cell', { name: '导出' }).first().waitFor();
    await shot(county, 'county-sync');
    expect(fs.readdirSync(down).filter((f) => f.endsWith('.xftz'))).toHaveLength(1);
  });

  it('the township previews and imports the package and sees the assignment and the supervision', async () => {
    await openSync(town, townApp);
    await town.getByTestId('sync-inbox').waitFor();
    await town.getByRole('button', { name: '导入', exact: true }).click();
    const preview = town.getByTestId('import-preview');
    await preview.waitFor();
    await expect(preview.textContent()).resolves.toMatch(/交办 1.*督办 1/);
    await shot(town, 'town-preview');
    await town.getByTestId('confirm-import').click();
    await town.getByText(/已导入示范县信访局第 1 号交换包/).waitFor();

    await town.goto(`${townApp.base}#/work`);
    const rows = town.locator(`[data-testid="work-row"][data-case-no="${caseNo}"]`);
    await expect
      .poll(() => rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-kind'))))
      .toEqual(expect.arrayContaining(['assignment', 'supervision']));
    await rows.first().click();
    await expect.poll(() => town.getByTestId('case-no').textContent()).toBe(caseNo);
    await expect(town.getByTestId('event-assign').textContent()).resolves.toContain('交办至 示范镇');
    await expect(town.getByTestId('event-supervise').textContent()).resolves.toContain('群众反映强烈');
    // the county's clerk is named with the county, not by an internal number
    await expect(town.getByTestId('event-supervise').textContent()).resolves.toContain(
      '县登记员（示范县信访局）',
    );
    await shot(town, 'town-case');
  });
});
