/**
 * What the 数据交换 and 冲突处理 screens call, through the same `dispatch` the Electron window and
 * the web bridge use: the county's 交办 to a township, export into the outbox with stage reports,
 * the inbox (preview, apply, set aside), folders, export on exit, conflicts by name, and the web
 * bridge streaming stage reports of long work. Real registers, real package files.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, callError, countOf, sampleIntake, type Township } from '../helpers/store';
import { createCounty, createEnrolledTownship } from '../helpers/sync';
import { dispatch } from '../../src-main/handlers';
import { todayLocal } from '../../src-main/services/local-time';
import { mutate } from '../../src-main/services/mutation';
import { exportOnExit, IMPORTED_SUBFOLDER } from '../../src-main/services/sync/folders';
import { startWebServer } from '../../src-main/web';

let county: Township;
let town: Township;
const open_: Township[] = [];
const dirs: string[] = [];
const tempDir = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'petition-sync-api-'));
  dirs.push(d);
  return d;
};

beforeEach(async () => {
  county = await createCounty();
  town = await createEnrolledTownship(county);
  open_.push(county, town);
});
afterEach(() => {
  open_.splice(0).forEach((t) => t.cleanup());
  dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true }));
});

/** Carries the packages in one office's outbox addressed to another into its inbox, as a clerk with a USB stick does. */
async function carry(from: Township, to: Township): Promise<string[]> {
  const outbox = (await call(from.store, 'sync.status', {})).settings.outbox;
  const { inbox } = (await call(to.store, 'sync.status', {})).settings;
  const recipient = (await call(to.store, 'session.get', {})).office!.name;
  const names = fs.readdirSync(outbox).filter((f) => f.endsWith('.xftz') && f.includes(`_至_${recipient}_`));
  for (const n of names) fs.renameSync(path.join(outbox, n), path.join(inbox, n));
  return names;
}

async function importInbox(to: Township) {
  const waiting = (await call(to.store, 'sync.status', {})).inbox;
  const reports = [];
  for (const w of waiting)
    reports.push(await call(to.store, 'sync.import', { source: { inbox: w.fileName }, preview: false }));
  return reports;
}

describe('the county assigns (交办) a case to a township', () => {
  it('sends it down with the next package; the township sees it with its deadline and the supervision', async () => {
    const today = todayLocal();
    // the township is known to the county once enrolled: it can be chosen before its first package
    expect((await call(county.store, 'settings.get', {})).townships).toEqual([
      { id: '330102001', name: '示范镇' },
    ]);
    await call(town.store, 'sync.export', {});
    await carry(town, county);
    await importInbox(county);
    // the shipped classification has the same ids everywhere: one list at the county, not two
    const categories = (t: Township) =>
      t.store.sqlite.prepare('SELECT id, name FROM categories WHERE deleted = 0 ORDER BY id').all();
    expect(categories(county)).toEqual(categories(town));

    const c = await call(
      county.store,
      'cases.create',
      sampleIntake({ summary: '县局接访：宅基地纠纷', villageId: undefined }),
    );
    await call(county.store, 'cases.step', {
      caseId: c.id,
      kind: 'assign',
      on: today,
      officeId: '330102001',
      deadline: today,
      reportDue: today,
      note: '请依法办理',
    });
    await call(county.store, 'cases.step', {
      caseId: c.id,
      kind: 'supervise',
      on: today,
      deadline: today,
      content: '请加快办理',
    });
    const row = county.store.sqlite
      .prepare('SELECT assigned_office_id AS a FROM cases WHERE id = ?')
      .get(c.id);
    expect(row).toEqual({ a: '330102001' });
    const list = await call(county.store, 'cases.list', { filter: { officeId: ['330102001'] } });
    expect(list.rows.map((r) => [r.id, r.office])).toEqual([[c.id, '示范镇']]);

    // a shared setting the county changed travels down and is named in the preview
    mutate(county.store, { actor: null }, (m) =>
      m.update('categories', county.category('土地承包'), { name: '土地承包经营' }),
    );
    const sent = await call(county.store, 'sync.export', { to: '330102001' });
    expect(sent[0].operations).toBeGreaterThan(0);
    await carry(county, town);
    const preview = await call(town.store, 'sync.import', {
      source: { inbox: sent[0].fileName },
      preview: true,
    });
    expect(preview.summary.events).toMatchObject({ registered: 1, assign: 1, supervise: 1 });
    // the rest of the shipped list is the same on both sides: only the renamed heading counts
    expect(preview.summary.settings.categories).toBe(1);
    expect(preview.cases).toEqual([
      expect.objectContaining({ id: c.id, summary: '县局接访：宅基地纠纷', isNew: true, deleted: false }),
    ]);
    expect(countOf(town.store, 'cases')).toBe(0);

    await call(town.store, 'sync.import', { source: { inbox: sent[0].fileName }, preview: false });
    expect(
      (await call(town.store, 'settings.get', {})).categories.find(
        (k) => k.id === county.category('土地承包'),
      )?.name,
    ).toBe('土地承包经营');
    const detail = await call(town.store, 'cases.get', { id: c.id });
    expect(detail.status).toBe('handling');
    const work = await call(town.store, 'worklist.get', {});
    const kinds = work.items.filter((i) => i.caseId === c.id).map((i) => i.deadline.kind);
    expect(kinds).toEqual(expect.arrayContaining(['assignment', 'supervision']));
  });

  it('is refused for a township office, for an office not enrolled, and without a unit or township', async () => {
    const today = todayLocal();
    const own = await call(town.store, 'cases.create', sampleIntake());
    const step = { caseId: own.id, kind: 'assign' as const, on: today, deadline: today, reportDue: today };
    expect((await callError(town.store, 'cases.step', { ...step, officeId: '330102001' })).message).toBe(
      '只有县信访局可以交办给乡镇',
    );
    const c = await call(county.store, 'cases.create', sampleIntake({ villageId: undefined }));
    const at = { ...step, caseId: c.id };
    expect((await callError(county.store, 'cases.step', { ...at, officeId: '330102099' })).message).toBe(
      '所选乡镇不是本县已登记的乡镇，请重新选择',
    );
    expect((await callError(county.store, 'cases.step', at)).message).toMatch(/^不能交办：请选择责任单位/);
    expect((await call(county.store, 'cases.get', { id: c.id })).status).toBe('registered');
  });
});

describe('a county with several townships', () => {
  it('counts each township confirmed once it holds all that concerns it; a case assigned to one later travels to it whole', async () => {
    const other = await createEnrolledTownship(county, '330102002', '东风乡');
    open_.push(other);
    // the county's own case, which concerns no township
    const c = await call(
      county.store,
      'cases.create',
      sampleIntake({ summary: '县局接访：拖欠工资', villageId: undefined }),
    );
    for (const t of [town, other]) {
      await call(t.store, 'sync.export', {});
      await carry(t, county);
    }
    await importInbox(county);
    // 全部导出, and each township answers
    expect((await call(county.store, 'sync.export', {})).map((r) => r.fileName)).toEqual([
      expect.stringContaining('示范镇'),
      expect.stringContaining('东风乡'),
    ]);
    for (const t of [town, other]) {
      await carry(county, t);
      expect((await importInbox(t)).map((r) => r.summary.newCases)).toEqual([[]]);
      await call(t.store, 'sync.export', {});
      await carry(t, county);
    }
    await importInbox(county);

    // each holds everything that concerns it: nothing is left to confirm, nothing to export
    const status = await call(county.store, 'sync.status', {});
    expect(status.peers.map((p) => [p.name, p.unconfirmed])).toEqual([
      ['示范镇', 0],
      ['东风乡', 0],
    ]);
    expect((await callError(county.store, 'sync.export', {})).message).toBe(
      '各乡镇都已收到本机的全部变更，没有需要导出的交换包',
    );

    // assigned to 示范镇, the case goes to it whole (registered before, its events, its petitioner), and to no other
    const today = todayLocal();
    await call(county.store, 'cases.step', {
      caseId: c.id,
      kind: 'assign',
      on: today,
      officeId: '330102001',
      deadline: today,
      reportDue: today,
    });
    const sent = await call(county.store, 'sync.export', {});
    expect(sent.map((r) => r.fileName)).toEqual([expect.stringContaining('示范镇')]);
    await carry(county, town);
    const [report] = await importInbox(town);
    expect(report.summary.newCases).toEqual([c.id]);
    expect(report.summary.events).toEqual({ registered: 1, assign: 1 });
    const there = await call(town.store, 'cases.get', { id: c.id });
    expect(there).toMatchObject({
      summary: '县局接访：拖欠工资',
      status: 'handling',
      petitioners: [expect.objectContaining({ name: '张三' })],
    });
    expect((await call(county.store, 'sync.status', {})).peers.map((p) => p.unconfirmed)).toEqual([
      expect.any(Number),
      0,
    ]);
  });
});

describe('export, inbox and import as the screen does them', () => {
  it('exports into the outbox with stage reports; previews, imports and sets the file aside', async () => {
    await call(town.store, 'cases.create', sampleIntake({ summary: '第一件' }));
    const stages: string[] = [];
    const res = await dispatch(town.store, 'sync.export', {}, (stage) => stages.push(stage));
    expect(res.ok).toBe(true);
    expect(stages).toEqual(expect.arrayContaining(['整理数据', '加密签名', '写入文件', '完成']));
    const [name] = await carry(town, county);

    const before = await call(county.store, 'sync.status', {});
    expect(before.inbox.map((w) => w.fileName)).toEqual([name]);
    expect(before.remind).toBe(true); // never exchanged
    const preview = await call(county.store, 'sync.import', { source: { inbox: name }, preview: true });
    expect(preview.preview).toBe(true);
    expect(countOf(county.store, 'cases')).toBe(0);

    const importStages: string[] = [];
    const applied = await dispatch(
      county.store,
      'sync.import',
      { source: { inbox: name }, preview: false },
      (s) => importStages.push(s),
    );
    expect(applied).toMatchObject({ ok: true, value: { summary: { newCases: [expect.any(String)] } } });
    expect(importStages).toEqual(expect.arrayContaining(['校验交换包', '写入数据', '完成']));
    const after = await call(county.store, 'sync.status', {});
    expect(after.inbox).toEqual([]);
    expect(fs.existsSync(path.join(after.settings.inbox, IMPORTED_SUBFOLDER, name))).toBe(true);
    expect(after.history).toEqual([
      expect.objectContaining({
        direction: 'in',
        office: '示范镇',
        seq: 1,
        fileName: name,
        actor: '县登记员',
      }),
    ]);
    expect(after.remind).toBe(false);
    expect(after.peers[0]).toMatchObject({ name: '示范镇', connected: true, lastImport: { seq: 1 } });

    // the same file offered again (copied back from 已导入) is refused and changes nothing
    fs.copyFileSync(
      path.join(after.settings.inbox, IMPORTED_SUBFOLDER, name),
      path.join(after.settings.inbox, name),
    );
    expect(
      (await callError(county.store, 'sync.import', { source: { inbox: name }, preview: false })).message,
    ).toMatch(/已于 .* 导入过，未作任何改动/);
    expect(countOf(county.store, 'cases')).toBe(1);

    // a chosen file (bytes from the page) imports the same way
    await call(town.store, 'cases.create', sampleIntake({ summary: '第二件' }));
    const [second] = await call(town.store, 'sync.export', {});
    const outbox = (await call(town.store, 'sync.status', {})).settings.outbox;
    const base64 = fs.readFileSync(path.join(outbox, second.fileName)).toString('base64');
    expect(await call(town.store, 'sync.readOutbox', { fileName: second.fileName })).toEqual({
      fileName: second.fileName,
      base64,
    });
    await call(county.store, 'sync.import', {
      source: { fileName: second.fileName, base64 },
      preview: false,
    });
    expect(countOf(county.store, 'cases')).toBe(2);
  });

  it('says plainly when a folder is not a full path, is the other folder too, or is gone, and when a file name leaves its folder', async () => {
    const settings = (await call(town.store, 'sync.status', {})).settings;
    expect((await callError(town.store, 'sync.readOutbox', { fileName: '../register.db' })).message).toBe(
      '文件名不正确',
    );
    const bad = await callError(town.store, 'sync.saveSettings', { ...settings, outbox: 'U盘' });
    expect(bad).toMatchObject({
      message: expect.stringContaining('发出文件夹应为完整路径'),
      field: 'outbox',
    });
    const usb = path.join(tempDir(), 'usb-removed');
    const same = await callError(town.store, 'sync.saveSettings', {
      ...settings,
      inbox: usb,
      outbox: `${usb}${path.sep}`,
    });
    expect(same).toEqual({ message: '收件文件夹与发出文件夹不能相同', field: 'inbox' });
    const gone = path.join(usb, '收件箱');
    const saved = await call(town.store, 'sync.saveSettings', {
      ...settings,
      inbox: gone,
      outbox: path.join(usb, '发件箱'),
      remindAfterDays: 3,
    });
    expect(saved.settings).toMatchObject({ inbox: gone, remindAfterDays: 3 });
    expect(saved.remindAfterDays).toBe(3); // the status reads the same setting
    expect(saved.inboxProblem).toMatch(/不存在（U盘可能未插好）/);
    expect((await callError(town.store, 'sync.export', {})).message).toMatch(/发出文件夹 .* 不存在/);
    expect(
      (await callError(town.store, 'sync.saveSettings', { ...settings, remindAfterDays: 0 })).message,
    ).toBe('提醒天数至少为1天');
  });

  it('exports on exit only when the office chose it, and says why when it could not', async () => {
    await call(town.store, 'cases.create', sampleIntake());
    expect(exportOnExit(town.store, null)).toEqual({ exported: [], problem: null });
    const settings = (await call(town.store, 'sync.status', {})).settings;
    await call(town.store, 'sync.saveSettings', { ...settings, exportOnExit: true });
    const done = exportOnExit(town.store, null);
    expect(done.problem).toBeNull();
    expect(done.exported).toHaveLength(1);
    expect(fs.existsSync(done.exported[0].file)).toBe(true);
    // nothing new since (the county has not answered yet): no second package with the same changes
    expect(exportOnExit(town.store, null).exported).toEqual([]);
    // 全部导出 still sends what the county has not confirmed
    expect(await call(town.store, 'sync.export', {})).toHaveLength(1);
    await call(town.store, 'cases.create', sampleIntake({ summary: '又一件' }));
    await call(town.store, 'sync.saveSettings', {
      ...settings,
      exportOnExit: true,
      outbox: path.join(tempDir(), 'gone'),
    });
    expect(exportOnExit(town.store, null)).toMatchObject({
      exported: [],
      problem: expect.stringMatching(/不存在/),
    });
  });

  it('enrolls, joins and revokes through the screens’ methods', async () => {
    const enrolled = await call(county.store, 'sync.enroll', { code: '330102002', name: '东风乡' });
    expect(enrolled.fileName).toBe('信访台账登记文件_东风乡_330102002.xftz-enroll');
    expect((await callError(county.store, 'sync.enroll', { code: '33010', name: '错乡' })).message).toBe(
      '乡镇代码应为 9 位数字（统计用区划代码前 9 位）',
    );
    expect(
      (
        await callError(town.store, 'sync.applyEnrollment', {
          fileName: enrolled.fileName,
          base64: enrolled.base64,
        })
      ).message,
    ).toMatch(/此登记文件是为“东风乡（330102002）”制作的/);
    const revoked = await call(county.store, 'sync.revoke', { officeId: '330102002' });
    expect(revoked.peers.find((p) => p.officeId === '330102002')).toMatchObject({ revoked: true });
  });
});

describe('conflicts as the screen shows them', () => {
  it('names the field, the case, the offices and the people, and settling syncs', async () => {
    const c = await call(town.store, 'cases.create', sampleIntake({ summary: '原摘要' }));
    const sync = async (from: Township, to: Township) => {
      await call(from.store, 'sync.export', from === county ? { to: '330102001' } : {});
      await carry(from, to);
      return importInbox(to);
    };
    await sync(town, county);
    await sync(county, town);
    mutate(town.store, { actor: town.staff('王登记') }, (m) =>
      m.update('cases', c.id, { summary: '镇里改的摘要' }),
    );
    mutate(county.store, { actor: county.staff('县登记员') }, (m) =>
      m.update('cases', c.id, { summary: '县里改的摘要' }),
    );
    await sync(town, county);
    const [k] = await call(county.store, 'conflicts.list', {});
    expect(k).toMatchObject({
      label: '信访事项：内容摘要',
      caseNo: expect.stringMatching(/^330102001-/),
      caseSummary: '县里改的摘要',
    });
    expect(k.versions.map((v) => [v.shown, v.office, v.actorName])).toEqual([
      ['县里改的摘要', '示范县信访局', '县登记员'],
      ['镇里改的摘要', '示范镇', expect.any(String)],
    ]);
    expect(
      await call(county.store, 'conflicts.settle', {
        tbl: k.tbl,
        rowId: k.rowId,
        field: k.field,
        value: '核实后的摘要',
      }),
    ).toEqual([]);
    expect(
      (
        await callError(county.store, 'conflicts.settle', {
          tbl: k.tbl,
          rowId: k.rowId,
          field: k.field,
          value: 'x',
        })
      ).message,
    ).toBe('该冲突不存在或已由他人处理');
    await sync(county, town);
    expect((await call(town.store, 'cases.get', { id: c.id })).summary).toBe('核实后的摘要');
  });
});

describe('the web bridge', () => {
  it('streams stage reports of long work line by line, then the result', async () => {
    const dataDir = tempDir();
    const web = await startWebServer({ dataDir, port: 0, rendererDir: tempDir() });
    try {
      const origin = new URL(web.url).origin;
      const token = /token=([0-9a-f]+)/.exec(web.url)![1];
      const post = (method: string, input: unknown, progress: boolean) =>
        fetch(`${origin}/api/${method}`, {
          method: 'POST',
          headers: {
            'Content-Type': 'application/json',
            Authorization: `Bearer ${token}`,
            ...(progress ? { 'X-Progress': '1' } : {}),
          },
          body: JSON.stringify(input),
        });
      const setup = await post(
        'setup.create',
        {
          level: 'county',
          code: '330102',
          name: '示范县信访局',
          villages: [],
          units: [],
          staff: [{ name: '县登记员', role: 'clerk' }],
        },
        false,
      );
      expect(await setup.json()).toMatchObject({ ok: true });

      // a package to import: the enrolled township's first one
      const enroll = await (await post('sync.enroll', { code: '330102001', name: '示范镇' }, false)).json();
      const t = await createEnrolledTownshipFrom(enroll.value.base64);
      await call(t.store, 'cases.create', sampleIntake());
      const [pkg] = await call(t.store, 'sync.export', {});
      const base64 = fs.readFileSync(pkg.file).toString('base64');

      const res = await post(
        'sync.import',
        { source: { fileName: pkg.fileName, base64 }, preview: false },
        true,
      );
      expect(res.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
      const lines = (await res.text())
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l));
      const progress = lines.filter((l) => l.progress).map((l) => l.progress.stage);
      expect(progress).toEqual(expect.arrayContaining(['校验交换包', '写入数据', '完成']));
      expect(lines.at(-1)).toMatchObject({
        result: {
          ok: true,
          value: { from: { name: '示范镇' }, summary: { newCases: [expect.any(String)] } },
        },
      });
      // without the header the same bridge answers in one piece
      const plain = await post('sync.status', {}, false);
      expect(await plain.json()).toMatchObject({
        ok: true,
        value: { history: [expect.objectContaining({ direction: 'in' })] },
      });
    } finally {
      await web.close();
    }
  });
});

/** A township joined with an enrollment file made elsewhere (the web-mode county above). */
async function createEnrolledTownshipFrom(base64: string): Promise<Township> {
  const { createTownship } = await import('../helpers/store');
  const t = await createTownship();
  open_.push(t);
  await call(t.store, 'sync.applyEnrollment', { fileName: 'x.xftz-enroll', base64 });
  return t;
}

describe('letters and their templates travel with sync', () => {
  it("the county's wording reaches the township; a township's letter reaches the county", async () => {
    await call(county.store, 'letters.saveTemplate', {
      kind: 'acceptNotice',
      title: '受理告知书',
      body: '{{信访人}}反映的问题已受理。\n特此告知。',
    });
    // a township's own wording stays its own
    await call(town.store, 'letters.saveTemplate', {
      kind: 'forwardNotice',
      title: '转送告知书',
      body: '{{信访人}}反映的问题已转送{{转送机关}}。',
    });
    const today = todayLocal();
    const c = await call(town.store, 'cases.create', sampleIntake());
    await call(town.store, 'cases.step', { caseId: c.id, kind: 'accept', on: today, note: '' });
    await call(town.store, 'sync.export', {});
    await carry(town, county);
    await importInbox(county);
    await call(county.store, 'sync.export', { to: '330102001' });
    await carry(county, town);
    const [report] = await importInbox(town);
    expect(report.summary.settings.letter_templates).toBe(1);

    const templates = await call(town.store, 'letters.templates', {});
    expect(templates.find((x) => x.kind === 'acceptNotice')).toMatchObject({
      source: 'county',
      title: '受理告知书',
    });
    expect(templates.find((x) => x.kind === 'forwardNotice')).toMatchObject({ source: 'office' });
    const draft = await call(town.store, 'letters.draft', { caseId: c.id, kind: 'acceptNotice' });
    expect(draft.content.paragraphs).toEqual(['张三反映的问题已受理。', '特此告知。']);

    const issued = await call(town.store, 'letters.issue', {
      caseId: c.id,
      kind: 'acceptNotice',
      content: draft.content,
      issuedOn: today,
    });
    await call(town.store, 'sync.export', {});
    await carry(town, county);
    await importInbox(county);
    const atCounty = await call(county.store, 'letters.list', { caseId: c.id });
    expect(atCounty.map((l) => [l.docNo, l.content])).toEqual([[issued.docNo, issued.content]]);
  });
});
