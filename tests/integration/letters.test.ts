/**
 * Letters on a real register: each kind drafted from a sample case with the content the law asks
 * for; issuing numbers, freezes and records the step; corrections name what they replace;
 * numbers have no gaps or repeats when two processes issue at once or one is killed; templates
 * refuse unknown variables and letters that would run over one page.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import {
  call,
  callError,
  caseThroughRereview,
  countOf,
  createTownship,
  sampleIntake,
  samplePetitioner,
  updateInputOf,
  type Township,
} from '../helpers/store';
import { lettersOn } from '../helpers/letters';
import { nowLocal, todayLocal } from '../../src-main/services/local-time';
import { mutate } from '../../src-main/services/mutation';
import { addCalendarDays } from '../../src-main/services/calendar';
import type { LetterDraft } from '../../src-main/contract';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
let t: Township;
const today = todayLocal();
const year = Number(today.slice(0, 4));
const text = (d: LetterDraft) =>
  [d.content.title, d.content.addressee, ...d.content.paragraphs, ...(d.content.rows ?? []).flat()].join(
    '\n',
  );

beforeEach(async () => {
  t = await createTownship();
});
afterEach(() => t.cleanup());

async function newCase(summary = '反映土地承包合同到期后村委会未按约定续签') {
  return (await call(t.store, 'cases.create', sampleIntake({ summary, receivedAt: `${today}T09:30` }))).id;
}
const { step, draft, issue } = lettersOn(() => t.store, today);

interface Worker {
  child: ChildProcessWithoutNullStreams;
  /** the worker has opened the register and waits to be released */
  ready: Promise<void>;
  /** starts issuing */
  release(): void;
  /** resolves once the worker has printed a line starting so */
  printed(start: string): Promise<void>;
  /** the numbers it printed, why it was refused, its exit code and signal */
  exited: Promise<{
    issued: string[];
    refused: string | null;
    code: number | null;
    signal: NodeJS.Signals | null;
    err: string;
  }>;
}
/** Another process on the same register (tests/helpers/issue-letters-worker.ts), issuing `count` 受理告知书 once released. */
const worker = (caseId: string, count: number, replacesId?: string): Worker => {
  const args = [t.dir, caseId, String(count), ...(replacesId ? [replacesId] : [])];
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(ROOT, 'tests/helpers/issue-letters-worker.ts'), ...args],
    { cwd: ROOT },
  );
  let out = '';
  let err = '';
  child.stderr.on('data', (b: Buffer) => (err += b.toString()));
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (b: Buffer) => {
      out += b.toString();
      if (out.startsWith('ready\n')) resolve();
    });
    child.on('exit', () => reject(new Error(`the worker ended before it was ready: ${err}`)));
  });
  const lines = () => out.split('\n');
  const printed = (start: string) =>
    new Promise<void>((resolve) => {
      const look = () =>
        lines().some((l) => l.startsWith(start)) && (child.stdout.off('data', look), resolve());
      child.stdout.on('data', look);
      look();
    });
  const exited = new Promise<Awaited<Worker['exited']>>((resolve) =>
    child.on('exit', (code, signal) =>
      resolve({
        issued: lines().filter((l) => l.startsWith('issued')),
        refused:
          lines()
            .find((l) => l.startsWith('refused'))
            ?.slice('refused '.length) ?? null,
        code,
        signal,
        err,
      }),
    ),
  );
  return { child, ready, release: () => child.stdin.write('go\n'), printed, exited };
};

describe('each letter drafted from the case', () => {
  it('has what the law asks of it', async () => {
    const a = await newCase();
    await step(a, { kind: 'accept' });
    const accept = await draft(a, 'acceptNotice');
    expect(accept.content.addressee).toBe('张三：');
    expect(accept.nextNumber).toBe(`示范信受〔${year}〕1号`);
    expect(accept.notifies).toBe(true);
    for (const s of ['已于', '依法受理', '60日内', '查询码', '反映土地承包合同到期后村委会未按约定续签'])
      expect(text(accept)).toContain(s);
    expect(accept.content.date).toBe(`${year}年${Number(today.slice(5, 7))}月${Number(today.slice(8))}日`);

    await step(a, {
      kind: 'assign',
      unitId: t.unit('司法所'),
      deadline: today,
      reportDue: today,
      note: '请实地核查合同履行情况',
    });
    const assign = await draft(a, 'assignSheet');
    expect(assign.content.addressee).toBe('司法所：');
    for (const s of ['请实地核查合同履行情况', '办结报告', '5个工作日内', '异议'])
      expect(text(assign)).toContain(s);

    await step(a, { kind: 'extend', days: 20, reason: '需要调取历年承包档案', approvedBy: '赵镇长' });
    expect(text(await draft(a, 'extendNotice'))).toMatch(
      /因需要调取历年承包档案，经本机关负责人批准，办理期限延长20日/,
    );

    await step(a, {
      kind: 'supervise',
      deadline: today,
      content: '请加快办理进度',
      unitId: t.unit('司法所'),
    });
    const supervise = await draft(a, 'superviseLetter');
    expect(supervise.content.addressee).toBe('司法所：');
    expect(text(supervise)).toContain('请加快办理进度');

    await step(a, {
      kind: 'reply',
      outcome: 'support',
      request: '要求续签土地承包合同',
      facts: '经查，原合同约定到期后优先续包',
      basis: '《中华人民共和国农村土地承包法》第二十一条',
    });
    const opinion = await draft(a, 'opinion');
    for (const s of [
      '一、信访请求',
      '要求续签土地承包合同',
      '经查，原合同约定到期后优先续包',
      '《中华人民共和国农村土地承包法》第二十一条',
      '予以支持',
      '30日内',
      '复查',
    ]) {
      expect(text(opinion)).toContain(s);
    }
    const issuedOpinion = await issue(a, 'opinion');
    const receipt = await draft(a, 'deliveryReceipt', issuedOpinion.id);
    expect(receipt.nextNumber).toBeNull();
    expect(Object.fromEntries(receipt.content.rows!)).toMatchObject({
      送达文书: `信访事项处理意见书（示范信处〔${year}〕1号）`,
      受送达人: '张三',
      送达地址: '示范镇东村3组12号',
    });
    expect(receipt.content.rows!.map((r) => r[0])).toEqual(
      expect.arrayContaining(['收到日期', '受送达人签名', '拒收事由及日期', '见证人签名']),
    );
    // without a letter named, the 处理意见书 in force; a letter of another case is refused
    expect((await draft(a, 'deliveryReceipt')).content.rows).toEqual(receipt.content.rows);
    const other = await newCase('反映另一件事');
    await step(other, { kind: 'accept' });
    const otherLetter = await issue(other, 'acceptNotice');
    expect(
      (
        await callError(t.store, 'letters.draft', {
          caseId: a,
          kind: 'deliveryReceipt',
          forLetterId: otherLetter.id,
        })
      ).message,
    ).toBe('所选文书不属于此件信访事项');

    const form = await draft(a, 'registerForm');
    expect(Object.fromEntries(form.content.rows!)).toMatchObject({
      信访编号: expect.stringMatching(/^330102001-/),
      内容摘要: '反映土地承包合同到期后村委会未按约定续签',
    });

    await step(a, { kind: 'deliver', method: 'inPerson', receivedOn: today, recipient: '张三' });
    await step(a, {
      kind: 'close',
      findings: '合同到期未续签属实',
      actions: '已督促村委会续签',
      resolved: true,
    });
    const report = await draft(a, 'closingReport');
    for (const s of ['一、基本情况', '合同到期未续签属实', '已督促村委会续签', '已化解'])
      expect(text(report)).toContain(s);

    const r = await newCase('反映邻里纠纷已起诉');
    await step(r, { kind: 'reject', reason: '该事项已进入诉讼程序', route: 'litigation' });
    expect(text(await draft(r, 'rejectNotice'))).toMatch(/该事项已进入诉讼程序[\s\S]*不予受理[\s\S]*诉讼/);

    const f = await newCase('反映县道路灯损坏');
    await step(f, { kind: 'forward', to: '县交通运输局', reason: '属县交通运输局职责' });
    expect(text(await draft(f, 'forwardNotice'))).toContain('转送县交通运输局处理');
  });

  it('refuses a letter whose step has not been taken, and names the step', async () => {
    const a = await newCase();
    expect((await callError(t.store, 'letters.draft', { caseId: a, kind: 'opinion' })).message).toBe(
      '此件尚未出具处理意见，不能出具信访事项处理意见书。请先办理“出具处理意见”',
    );
    expect((await callError(t.store, 'letters.draft', { caseId: a, kind: 'nonsense' })).message).toBe(
      '未知的文书种类：nonsense',
    );
  });
});

describe('不再受理告知书', () => {
  it('is drawn for a petition recorded as 不再受理 after a re-review, naming the re-reviewed case, and records the notice', async () => {
    const first = await caseThroughRereview(t);
    // an ordinary repeat is not a 不再受理
    const repeat = await call(t.store, 'cases.create', {
      ...sampleIntake({ receivedAt: `${today}T08:00` }),
      repeatOf: first.id,
    });
    expect(
      (await callError(t.store, 'letters.draft', { caseId: repeat.id, kind: 'notReacceptNotice' })).message,
    ).toBe('此件未登记为不再受理，不能出具不再受理告知书');

    const again = await call(t.store, 'cases.create', {
      ...sampleIntake({ receivedAt: `${today}T09:00` }),
      repeatOf: first.id,
      notReaccepted: true,
    });
    const d = await draft(again.id, 'notReacceptNotice');
    expect(text(d)).toContain(`已经复核终结的信访事项（信访编号：${first.caseNo}）`);
    expect(text(d)).toContain('第三十六条');
    expect(d.notifies).toBe(true);
    const issued = await call(t.store, 'letters.issue', {
      caseId: again.id,
      kind: 'notReacceptNotice',
      content: d.content,
      issuedOn: today,
      notifyMethod: 'mail',
    });
    expect(issued.docNo).toBe(`示范信不再受〔${year}〕1号`);
    const after = await call(t.store, 'cases.get', { id: again.id });
    expect(after.workflow.deadlines.find((x) => x.kind === 'notice')?.metOn).toBe(today);
  });
});

describe('issuing', () => {
  it('numbers per kind and year, freezes the text, and records the notice', async () => {
    const a = await newCase();
    await step(a, { kind: 'accept' });
    const d = await draft(a, 'acceptNotice');
    const edited = {
      ...d.content,
      paragraphs: [...d.content.paragraphs.slice(0, -1), '如有疑问，请与镇信访办联系。', '特此告知。'],
    };
    const first = await call(t.store, 'letters.issue', {
      caseId: a,
      kind: 'acceptNotice',
      content: edited,
      issuedOn: today,
      notifyMethod: 'inPerson',
    });
    expect(first.docNo).toBe(`示范信受〔${year}〕1号`);
    expect(first.content.docNo).toBe(first.docNo);
    expect(first.content.paragraphs).toContain('如有疑问，请与镇信访办联系。');
    const c = await call(t.store, 'cases.get', { id: a });
    expect(c.events.map((e) => e.kind)).toEqual(expect.arrayContaining(['issued', 'notify']));
    expect(c.workflow.deadlines.find((x) => x.kind === 'notice')?.metOn).toBe(today);

    // the case changes after issuing: the issued letter does not
    await call(t.store, 'cases.update', updateInputOf(c, { summary: '改过的摘要' }));
    const [again] = await call(t.store, 'letters.list', { caseId: a });
    expect(again.content).toEqual(first.content);
    expect(text(await draft(a, 'acceptNotice'))).toContain('改过的摘要');

    // another kind has its own sequence; the same kind goes on
    await step(a, { kind: 'assign', unitId: t.unit('司法所'), deadline: today, reportDue: today });
    expect((await issue(a, 'assignSheet')).docNo).toBe(`示范信交〔${year}〕1号`);
    expect((await issue(a, 'acceptNotice')).docNo).toBe(`示范信受〔${year}〕2号`);
    expect(
      (
        await callError(t.store, 'letters.issue', {
          caseId: a,
          kind: 'acceptNotice',
          content: d.content,
          issuedOn: '2999-01-01',
        })
      ).message,
    ).toBe('成文日期不能晚于今天');
    // a day that does not exist, or before the petition was received
    for (const day of ['2026-02-30', '2025-13-01', '2024-00-10']) {
      expect(
        await callError(t.store, 'letters.issue', {
          caseId: a,
          kind: 'acceptNotice',
          content: d.content,
          issuedOn: day,
        }),
      ).toMatchObject({ message: `日期 ${day} 不存在`, field: 'issuedOn' });
      expect((await callError(t.store, 'letters.issuedOn', { on: day })).message).toBe(`日期 ${day} 不存在`);
    }
    expect(
      (
        await callError(t.store, 'letters.issue', {
          caseId: a,
          kind: 'acceptNotice',
          content: d.content,
          issuedOn: addCalendarDays(today, -1),
        })
      ).message,
    ).toBe(`成文日期不能早于收到信访事项的日期（${today}）`);
  });

  it('records no 书面告知 where none is owed: an anonymous petition, or nobody with a name and address', async () => {
    const anonymous = (
      await call(
        t.store,
        'cases.create',
        sampleIntake({ receivedAt: `${today}T09:30`, anonymous: true, petitioners: [] }),
      )
    ).id;
    const noAddress = (
      await call(
        t.store,
        'cases.create',
        sampleIntake({
          receivedAt: `${today}T09:30`,
          petitioners: [samplePetitioner({ address: undefined })],
        }),
      )
    ).id;
    for (const a of [anonymous, noAddress]) {
      await step(a, { kind: 'accept' });
      expect((await draft(a, 'acceptNotice')).notifies).toBe(false);
      await issue(a, 'acceptNotice', { notifyMethod: 'mail' });
      const c = await call(t.store, 'cases.get', { id: a });
      expect(c.events.map((e) => e.kind)).not.toContain('notify');
      expect(c.workflow.deadlines.map((d) => d.kind)).not.toContain('notice');
    }
  });

  it('corrects by a new letter that names the one it replaces', async () => {
    const a = await newCase();
    await step(a, { kind: 'accept' });
    const first = await issue(a, 'acceptNotice');
    const fixed = await issue(a, 'acceptNotice', { replacesId: first.id });
    expect(fixed.replacesId).toBe(first.id);
    expect(fixed.docNo).toBe(`示范信受〔${year}〕2号`);
    const list = await call(t.store, 'letters.list', { caseId: a });
    expect(list.map((l) => [l.docNo, l.replacedBy])).toEqual([
      [first.docNo, fixed.id],
      [fixed.docNo, null],
    ]);
    expect(
      (
        await callError(t.store, 'letters.issue', {
          caseId: a,
          kind: 'acceptNotice',
          content: first.content,
          issuedOn: today,
          replacesId: first.id,
        })
      ).message,
    ).toMatch(/该文书已被更正/);
  });

  it("corrects only the office's own letters", async () => {
    const a = await newCase();
    await step(a, {
      kind: 'supervise',
      deadline: today,
      content: '请加快办理进度',
      unitId: t.unit('司法所'),
    });
    const county = countyLetter(a);
    const refused = await callError(t.store, 'letters.issue', {
      caseId: a,
      kind: 'superviseLetter',
      content: (await draft(a, 'superviseLetter')).content,
      issuedOn: today,
      replacesId: county,
    });
    expect(refused.message).toBe('只能更正本单位出具的文书');
    expect(countOf(t.store, 'documents')).toBe(1);
  });

  it('lets only one of two processes correct the same letter', async () => {
    const a = await newCase();
    await step(a, { kind: 'accept' });
    const first = await issue(a, 'acceptNotice');
    const other = worker(a, 1, first.id);
    await other.ready;
    // this connection holds the write lock: the other process gets as far as it can without it
    t.store.sqlite.exec('BEGIN IMMEDIATE');
    try {
      other.release();
      await other.printed('issuing');
      await new Promise((r) => setTimeout(r, 500));
      // corrected here meanwhile (inside the open transaction), then committed
      await issue(a, 'acceptNotice', { replacesId: first.id });
      t.store.sqlite.exec('COMMIT');
    } finally {
      if (t.store.sqlite.inTransaction) t.store.sqlite.exec('ROLLBACK');
    }
    const e = await other.exited;
    expect(e.issued).toEqual([]);
    expect(e.refused).toMatch(/^该文书已被更正（示范信受〔\d+〕2号）/);
    expect(
      t.store.sqlite.prepare('SELECT count(*) AS n FROM documents WHERE replaces_id = ?').get(first.id),
    ).toEqual({ n: 1 });
  });
});

describe('送达回证 back signed', () => {
  it('is named by the 送达 step, which shows both the receipt and the 处理意见书 delivered, and starts the review window', async () => {
    const a = await newCase();
    await step(a, { kind: 'accept' });
    await step(a, { kind: 'assign', unitId: t.unit('司法所'), deadline: today, reportDue: today });
    await step(a, {
      kind: 'reply',
      outcome: 'explain',
      request: '要求续签',
      facts: '经查属实',
      basis: '《农村土地承包法》',
    });
    const opinion = await issue(a, 'opinion');
    const wrong = await issue(a, 'deliveryReceipt');
    const receipt = await issue(a, 'deliveryReceipt', { replacesId: wrong.id });
    const waiting = await call(t.store, 'letters.list', { caseId: a });
    expect(waiting.map((l) => l.delivery)).toEqual([null, null, null]);

    // refused: not a receipt, a receipt that was corrected, another case's receipt
    const deliver = {
      kind: 'deliver' as const,
      method: 'mail' as const,
      receivedOn: today,
      recipient: '张三',
    };
    expect(
      await callError(t.store, 'cases.step', { caseId: a, on: today, ...deliver, receiptId: opinion.id }),
    ).toMatchObject({ message: '所选送达回证不存在，请重新选择', field: 'receiptId' });
    expect(
      (await callError(t.store, 'cases.step', { caseId: a, on: today, ...deliver, receiptId: wrong.id }))
        .message,
    ).toBe('所选送达回证已更正，请选择更正后的回证');
    const other = await newCase('另一件');
    await step(other, { kind: 'accept' });
    await step(other, { kind: 'assign', unitId: t.unit('司法所'), deadline: today, reportDue: today });
    await step(other, { kind: 'reply', outcome: 'explain', request: '请求', facts: '事实', basis: '依据' });
    await issue(other, 'opinion');
    const othersReceipt = await issue(other, 'deliveryReceipt');
    expect(
      (
        await callError(t.store, 'cases.step', {
          caseId: a,
          on: today,
          ...deliver,
          receiptId: othersReceipt.id,
        })
      ).message,
    ).toBe('所选送达回证不属于此件信访事项');
    expect((await call(t.store, 'cases.get', { id: a })).workflow.status).toBe('replied');

    const c = await step(a, { ...deliver, receiptId: receipt.id });
    expect(c.workflow.deadlines.find((d) => d.kind === 'reviewWindow')).toMatchObject({ start: today });
    const delivered = { receivedOn: today, recipient: '张三', method: 'mail' };
    const listed = await call(t.store, 'letters.list', { caseId: a });
    expect(listed.map((l) => [l.id, l.delivery])).toEqual([
      [opinion.id, delivered],
      [wrong.id, null],
      [receipt.id, delivered],
    ]);
    // a receipt counts once: after a review orders a new reply, its delivery needs a new receipt
    await step(a, { kind: 'requestReview', body: '县人民政府' });
    await step(a, { kind: 'decideReview', result: 'redo', receivedOn: today, note: '责令重新作出' });
    await step(a, {
      kind: 'reply',
      outcome: 'support',
      request: '要求续签',
      facts: '重新查明',
      basis: '《农村土地承包法》',
    });
    expect(
      (await callError(t.store, 'cases.step', { caseId: a, on: today, ...deliver, receiptId: receipt.id }))
        .message,
    ).toBe('此送达回证已登记过送达');
  });
});

describe('numbers never skip or repeat', () => {
  const numbers = () =>
    (
      t.store.sqlite.prepare(`SELECT seq FROM documents WHERE kind = 'acceptNotice' ORDER BY seq`).all() as {
        seq: number;
      }[]
    ).map((r) => r.seq);

  it('when two processes issue at the same time, and when one is killed while issuing', async () => {
    const a = await newCase();
    await step(a, { kind: 'accept' });
    // both processes open the register first, then start issuing at the same moment
    const [x, y] = [worker(a, 15), worker(a, 15)];
    await Promise.all([x.ready, y.ready]);
    x.release();
    y.release();
    // the test's own connection issues too, between the two others
    const [ex, ey] = await Promise.all([
      x.exited,
      y.exited,
      (async () => {
        for (let i = 0; i < 5; i++) await issue(a, 'acceptNotice');
      })(),
    ]);
    for (const e of [ex, ey]) {
      expect(e.code, e.err).toBe(0);
      expect(e.issued).toHaveLength(15);
    }
    expect(numbers()).toEqual(Array.from({ length: 35 }, (_, i) => i + 1));

    // killed after its third letter, wherever it was in the fourth: the numbers stay whole
    const killed = worker(a, 200);
    await killed.ready;
    let seen = 0;
    killed.child.stdout.on('data', (b: Buffer) => {
      seen += (b.toString().match(/issued/g) ?? []).length;
      if (seen >= 3 && killed.child.exitCode === null) killed.child.kill('SIGKILL');
    });
    killed.release();
    expect((await killed.exited).signal).toBe('SIGKILL');
    const after = numbers();
    expect(after).toEqual(Array.from({ length: after.length }, (_, i) => i + 1));
    expect(after.length).toBeGreaterThanOrEqual(38);
    // and the next one follows on
    expect((await issue(a, 'acceptNotice')).docNo).toBe(`示范信受〔${year}〕${after.length + 1}号`);
    // every issued letter has its timeline event
    const events = t.store.sqlite
      .prepare(`SELECT count(*) AS n FROM case_events WHERE kind = 'issued'`)
      .get() as { n: number };
    expect(events.n).toBe(after.length + 1);
  });
});

describe('templates', () => {
  it('refuses unknown variables, broken braces and a one-page letter that would run over', async () => {
    const unknown = await callError(t.store, 'letters.saveTemplate', {
      kind: 'acceptNotice',
      title: '受理告知书',
      body: '{{信访人}}你好，{{不存在的变量}}。',
    });
    expect(unknown).toMatchObject({
      message: '正文中的变量 {{不存在的变量}} 不存在。可用的变量见右侧列表',
      field: 'body',
    });
    expect(
      (
        await callError(t.store, 'letters.saveTemplate', {
          kind: 'acceptNotice',
          title: '受理告知书',
          body: '{{信访人 你好',
        })
      ).message,
    ).toMatch(/未配对/);
    const long = Array.from(
      { length: 12 },
      () => '本机关将依照《信访工作条例》的规定认真办理你反映的问题，并及时答复。',
    ).join('\n');
    expect(
      (
        await callError(t.store, 'letters.saveTemplate', {
          kind: 'acceptNotice',
          title: '受理告知书',
          body: long,
        })
      ).message,
    ).toMatch(/应在一页内印完（每页22行），按示例内容估算此模板需 \d+ 行/);
    expect(
      (
        await callError(t.store, 'letters.saveTemplate', {
          kind: 'acceptNotice',
          title: '',
          body: '特此告知。',
        })
      ).message,
    ).toBe('请填写文书标题');
  });

  it('takes only the listed variables, not the names every JavaScript object has', async () => {
    for (const name of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
      const refused = await callError(t.store, 'letters.saveTemplate', {
        kind: 'acceptNotice',
        title: '受理告知书',
        body: `{{信访人}}：{{${name}}}`,
      });
      expect(refused.message).toBe(`正文中的变量 {{${name}}} 不存在。可用的变量见右侧列表`);
      expect(
        (
          await callError(t.store, 'letters.previewTemplate', {
            kind: 'acceptNotice',
            title: '受理告知书',
            body: `{{${name}}}`,
          })
        ).message,
      ).toMatch(/不存在/);
    }
    // a template that was never checked here (as one sent down by the county could be) fills such a name with nothing
    const a = await newCase();
    await step(a, { kind: 'accept' });
    mutate(t.store, { actor: null }, (m) =>
      m.insert('letter_templates', {
        id: randomUUID(),
        officeId: t.settings.office.id,
        kind: 'acceptNotice',
        title: '受理告知书',
        body: '{{信访人}}：{{constructor}}{{toString}}已受理。',
        updatedAt: nowLocal(),
      }),
    );
    expect((await draft(a, 'acceptNotice')).content.paragraphs).toEqual(['张三：已受理。']);
  });

  it('refuses a letter kind that is not one of LETTER_KINDS, wherever a kind is named', async () => {
    const a = await newCase();
    const template = { title: '受理告知书', body: '特此告知。' };
    for (const kind of ['constructor', 'toString', 'nonsense']) {
      const message = `未知的文书种类：${kind}`;
      expect((await callError(t.store, 'letters.saveTemplate', { kind, ...template })).message).toBe(message);
      expect((await callError(t.store, 'letters.previewTemplate', { kind, ...template })).message).toBe(
        message,
      );
      expect((await callError(t.store, 'letters.resetTemplate', { kind })).message).toBe(message);
      expect((await callError(t.store, 'letters.draft', { caseId: a, kind })).message).toBe(message);
      expect(
        (
          await callError(t.store, 'letters.issue', {
            caseId: a,
            kind,
            content: { title: 't', addressee: null, paragraphs: ['p'], signature: 's', rows: null },
            issuedOn: today,
          })
        ).message,
      ).toBe(message);
      expect((await callError(t.store, 'letters.issuedOn', { on: today, kind })).message).toBe(message);
    }
    expect(t.store.sqlite.prepare('SELECT count(*) AS n FROM letter_templates').get()).toEqual({ n: 0 });
  });

  it("uses the office's own wording once saved, and the shipped one after a reset", async () => {
    const a = await newCase();
    await step(a, { kind: 'accept' });
    const saved = await call(t.store, 'letters.saveTemplate', {
      kind: 'acceptNotice',
      title: '受理告知书',
      body: '{{信访人}}反映的“{{信访事项}}”已受理。\n特此告知。',
    });
    expect(saved.source).toBe('office');
    const d = await draft(a, 'acceptNotice');
    expect(d.content.title).toBe('受理告知书');
    expect(d.content.paragraphs).toEqual([
      '张三反映的“反映土地承包合同到期后村委会未按约定续签”已受理。',
      '特此告知。',
    ]);
    expect((await call(t.store, 'letters.resetTemplate', { kind: 'acceptNotice' })).source).toBe('default');
    expect((await draft(a, 'acceptNotice')).content.title).toBe('信访事项受理告知书');
    const list = await call(t.store, 'letters.templates', {});
    expect(list.map((x) => x.kind)).not.toContain('deliveryReceipt');
  });
});

/** A letter another office (the county) issued on a case of this register, as sync brings it. */
function countyLetter(caseId: string, fields: { kind?: string; replacesId?: string } = {}): string {
  const id = randomUUID();
  const content = {
    title: '信访事项督办函',
    docNo: `示范县信督〔${year}〕1号`,
    addressee: '示范镇：',
    paragraphs: ['请加快办理。'],
    signature: '示范县信访局',
    date: '',
    rows: null,
  };
  mutate(t.store, { actor: null, officeId: '330102' }, (m) =>
    m.insert('documents', {
      id,
      caseId,
      officeId: '330102',
      kind: fields.kind ?? 'superviseLetter',
      docNo: content.docNo,
      year,
      seq: 1,
      content: JSON.stringify(content),
      issuedOn: today,
      issuedAt: nowLocal(),
      replacesId: fields.replacesId ?? null,
    }),
  );
  return id;
}

describe('printing, batches and the office code', () => {
  it('prints issued letters as issued, lists a day’s letters, previews a template, and numbers with the saved 机关代字', async () => {
    const a = await newCase();
    await step(a, { kind: 'accept' });
    const first = await issue(a, 'acceptNotice');
    const { html } = await call(t.store, 'letters.html', { ids: [first.id] });
    expect(html).toContain(first.docNo!);
    expect(html).toContain('@page');
    expect((await callError(t.store, 'letters.html', { ids: [] })).message).toBe('请选择要打印的文书');
    const second = await issue(a, 'acceptNotice');
    const both = (await call(t.store, 'letters.html', { ids: [second.id, first.id, second.id] })).html;
    expect([...both.matchAll(/<p class="doc-no">([^<]*)<\/p>/g)].map((m) => m[1])).toEqual([
      second.docNo,
      first.docNo,
      second.docNo,
    ]);
    expect((await callError(t.store, 'letters.html', { ids: [first.id, randomUUID()] })).message).toBe(
      '文书不存在',
    );

    // the county's letter on the same case, brought by sync, is not this office's to print
    countyLetter(a);
    // a draft's pages carry the date chosen and the number it would get in that year
    const lastYear = `${year - 1}-12-31`;
    const d = await draft(a, 'acceptNotice');
    const onLastYear = await call(t.store, 'letters.html', {
      draft: d.content,
      kind: 'acceptNotice',
      issuedOn: lastYear,
    });
    expect(onLastYear.nextNumber).toBe(`示范信受〔${year - 1}〕1号`);
    expect(onLastYear.html).toContain(`<p class="doc-no">示范信受〔${year - 1}〕1号</p>`);
    expect(onLastYear.html).toContain(`${year - 1}年12月31日`);
    const onToday = await call(t.store, 'letters.html', {
      draft: d.content,
      kind: 'acceptNotice',
      issuedOn: today,
    });
    expect(onToday.nextNumber).toBe(`示范信受〔${year}〕3号`);
    expect(onToday.html).toContain(d.content.date);
    const form = await call(t.store, 'letters.html', {
      draft: (await draft(a, 'registerForm')).content,
      kind: 'registerForm',
      issuedOn: today,
    });
    expect(form.nextNumber).toBeNull();
    expect(form.html).not.toContain('class="doc-no"');
    expect(
      (
        await callError(t.store, 'letters.html', {
          draft: d.content,
          kind: 'acceptNotice',
          issuedOn: `${year}-02-30`,
        })
      ).message,
    ).toBe(`日期 ${year}-02-30 不存在`);

    const day = await call(t.store, 'letters.issuedOn', { on: today });
    expect(day.map((l) => [l.docNo, l.caseNo])).toEqual([
      [first.docNo, expect.stringMatching(/^330102001-/)],
      [second.docNo, expect.stringMatching(/^330102001-/)],
    ]);
    expect(await call(t.store, 'letters.issuedOn', { on: today, kind: 'superviseLetter' })).toEqual([]);
    expect(await call(t.store, 'letters.issuedOn', { on: today, kind: 'opinion' })).toEqual([]);

    const preview = await call(t.store, 'letters.previewTemplate', {
      kind: 'acceptNotice',
      title: '受理告知书',
      body: '{{信访人}}：你反映的问题已受理。',
    });
    expect(preview.html).toContain('张三、李四、王五：你反映的问题已受理。');
    expect(
      (
        await callError(t.store, 'letters.previewTemplate', {
          kind: 'acceptNotice',
          title: '受理告知书',
          body: '{{没有}}',
        })
      ).message,
    ).toMatch(/不存在/);

    expect(await call(t.store, 'letters.prefix', {})).toEqual({ prefix: '示范', saved: false });
    expect((await callError(t.store, 'letters.savePrefix', { prefix: '示范2' })).message).toMatch(
      /不能含数字/,
    );
    expect(await call(t.store, 'letters.savePrefix', { prefix: '示范镇' })).toEqual({
      prefix: '示范镇',
      saved: true,
    });
    expect((await issue(a, 'acceptNotice')).docNo).toBe(`示范镇信受〔${year}〕3号`);
    // the first letter keeps the number it was printed with
    expect((await call(t.store, 'letters.list', { caseId: a }))[0].docNo).toBe(`示范信受〔${year}〕1号`);
  });
});
