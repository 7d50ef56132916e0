import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, callError, countOf, createTownship, sampleIntake, type Township } from '../helpers/store';

let t: Township;
beforeEach(async () => {
  t = await createTownship();
});
afterEach(() => t.cleanup());

/** Every file under the data folder's attachments/ directory. */
function blobFiles(dir: string): string[] {
  const root = path.join(dir, 'attachments');
  if (!fs.existsSync(root)) return [];
  return fs
    .readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => path.join(d.parentPath, d.name));
}

// a real (tiny) PDF and PNG header; the content only has to be bytes
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from('扫描件第一页'),
]);
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('attachments', () => {
  it('stores uploaded bytes once under their SHA-256, however often they are uploaded', async () => {
    const a = await call(t.store, 'attachments.upload', {
      fileName: '来信.pdf',
      mime: 'application/pdf',
      base64: PDF.toString('base64'),
    });
    expect(a).toEqual({ sha256: sha(PDF), fileName: '来信.pdf', mime: 'application/pdf', size: PDF.length });
    const inode = fs.statSync(blobFiles(t.dir)[0]).ino;
    const again = await call(t.store, 'attachments.upload', {
      fileName: '来信（复印）.pdf',
      mime: 'application/pdf',
      base64: PDF.toString('base64'),
    });
    expect(again.sha256).toBe(a.sha256);
    expect(again.fileName).toBe('来信（复印）.pdf');
    const files = blobFiles(t.dir);
    expect(files).toHaveLength(1);
    expect(path.basename(files[0])).toBe(sha(PDF));
    expect(fs.readFileSync(files[0]).equals(PDF)).toBe(true);
    expect(fs.statSync(files[0]).ino).toBe(inode); // the stored file was not written again
    // no temporary files are left behind
    expect(files.some((f) => f.endsWith('.tmp'))).toBe(false);

    await call(t.store, 'attachments.upload', {
      fileName: '照片.png',
      mime: 'image/png',
      base64: PNG.toString('base64'),
    });
    expect(
      blobFiles(t.dir)
        .map((f) => path.basename(f))
        .sort(),
    ).toEqual([sha(PDF), sha(PNG)].sort());
  });

  it('refuses types other than images and PDF, and empty files, in Chinese, storing nothing', async () => {
    for (const mime of [
      'text/plain',
      'application/x-msdownload',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      'image/svg+xml',
    ]) {
      const err = await callError(t.store, 'attachments.upload', {
        fileName: 'x',
        mime,
        base64: PDF.toString('base64'),
      });
      expect(err.message, mime).toBe(`不支持的附件类型（${mime}）：请上传图片（JPG、PNG 等）或 PDF`);
    }
    const empty = await callError(t.store, 'attachments.upload', {
      fileName: '空.pdf',
      mime: 'application/pdf',
      base64: '',
    });
    expect(empty.message).toBe('附件“空.pdf”是空文件');
    expect(blobFiles(t.dir)).toEqual([]);
  });

  it('attaches at intake and later, and reads the same bytes back', async () => {
    const pdf = await call(t.store, 'attachments.upload', {
      fileName: '来信.pdf',
      mime: 'application/pdf',
      base64: PDF.toString('base64'),
    });
    const c = await call(t.store, 'cases.create', sampleIntake({ attachments: [pdf] }));
    const png = await call(t.store, 'attachments.upload', {
      fileName: '现场照片.png',
      mime: 'image/png',
      base64: PNG.toString('base64'),
    });
    const log = countOf(t.store, 'change_log');
    const detail = await call(t.store, 'attachments.add', { caseId: c.id, file: png });
    // the attachment row and its timeline event
    expect(countOf(t.store, 'change_log')).toBe(log + 2);
    expect(detail.events.map((e) => [e.kind, e.data.fileName ?? null])).toEqual([
      ['registered', null],
      ['attached', '现场照片.png'],
    ]);
    expect(detail.attachments.map((a) => [a.fileName, a.mime, a.size, a.sha256])).toEqual([
      ['来信.pdf', 'application/pdf', PDF.length, sha(PDF)],
      ['现场照片.png', 'image/png', PNG.length, sha(PNG)],
    ]);
    const fetched = await call(t.store, 'cases.get', { id: c.id });
    expect(fetched.attachments).toEqual(detail.attachments);
    for (const [a, bytes] of [
      [fetched.attachments[0], PDF],
      [fetched.attachments[1], PNG],
    ] as const) {
      const back = await call(t.store, 'attachments.read', { id: a.id });
      expect(back.fileName).toBe(a.fileName);
      expect(back.mime).toBe(a.mime);
      expect(Buffer.from(back.base64, 'base64').equals(bytes)).toBe(true);
    }
  });

  it('stamps an attachment added later in local time, like one added at intake (UTC+8 office)', async () => {
    const tz = process.env.TZ;
    process.env.TZ = 'Asia/Shanghai';
    try {
      const localMinute = () => {
        const d = new Date();
        const p = (n: number) => String(n).padStart(2, '0');
        return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
      };
      expect(new Date(Date.UTC(2026, 0, 1, 0, 0)).getHours()).toBe(8); // the zone really is in effect
      const pdf = await call(t.store, 'attachments.upload', {
        fileName: '来信.pdf',
        mime: 'application/pdf',
        base64: PDF.toString('base64'),
      });
      const png = await call(t.store, 'attachments.upload', {
        fileName: '照片.png',
        mime: 'image/png',
        base64: PNG.toString('base64'),
      });
      const c = await call(t.store, 'cases.create', sampleIntake({ attachments: [pdf] }));
      const start = localMinute();
      const detail = await call(t.store, 'attachments.add', { caseId: c.id, file: png });
      const end = localMinute();
      expect(detail.attachments.map((a) => a.fileName)).toEqual(['来信.pdf', '照片.png']);
      const later = detail.attachments[1].addedAt;
      expect(later >= start && later <= end, `${later} within ${start}…${end}`).toBe(true);
      expect(detail.attachments[0].addedAt <= later).toBe(true);
    } finally {
      if (tz === undefined) delete process.env.TZ;
      else process.env.TZ = tz;
    }
  });

  it('the same file attached to two cases is still stored once', async () => {
    const pdf = await call(t.store, 'attachments.upload', {
      fileName: '联名信.pdf',
      mime: 'application/pdf',
      base64: PDF.toString('base64'),
    });
    const one = await call(t.store, 'cases.create', sampleIntake({ attachments: [pdf] }));
    const two = await call(t.store, 'cases.create', sampleIntake());
    await call(t.store, 'attachments.add', { caseId: two.id, file: pdf });
    expect((await call(t.store, 'cases.get', { id: one.id })).attachments).toHaveLength(1);
    expect((await call(t.store, 'cases.get', { id: two.id })).attachments).toHaveLength(1);
    expect(blobFiles(t.dir)).toHaveLength(1);
  });

  it('refuses to attach to a missing case, or a file that was never uploaded, and records nothing', async () => {
    const pdf = await call(t.store, 'attachments.upload', {
      fileName: '来信.pdf',
      mime: 'application/pdf',
      base64: PDF.toString('base64'),
    });
    const c = await call(t.store, 'cases.create', sampleIntake());
    const before = { attachments: countOf(t.store, 'attachments'), log: countOf(t.store, 'change_log') };
    expect((await callError(t.store, 'attachments.add', { caseId: 'no-such-case', file: pdf })).message).toBe(
      '该信访事项不存在或已删除',
    );
    const ghost = { ...pdf, sha256: sha(Buffer.from('never uploaded')) };
    expect((await callError(t.store, 'attachments.add', { caseId: c.id, file: ghost })).message).toBe(
      '附件文件未找到，请重新选择文件上传',
    );
    expect((await callError(t.store, 'attachments.read', { id: 'no-such-attachment' })).message).toBe(
      '附件不存在',
    );
    expect(countOf(t.store, 'attachments')).toBe(before.attachments);
    expect(countOf(t.store, 'change_log')).toBe(before.log);
  });

  it('says so in Chinese when an attachment’s file is missing from this machine', async () => {
    const pdf = await call(t.store, 'attachments.upload', {
      fileName: '来信.pdf',
      mime: 'application/pdf',
      base64: PDF.toString('base64'),
    });
    const c = await call(t.store, 'cases.create', sampleIntake({ attachments: [pdf] }));
    const [a] = (await call(t.store, 'cases.get', { id: c.id })).attachments;
    for (const f of blobFiles(t.dir)) fs.rmSync(f);
    const err = await callError(t.store, 'attachments.read', { id: a.id });
    expect(err.message).toMatch(/附件“来信\.pdf”的文件不在本机/);
  });
});

describe('drafts', () => {
  const intakeDraft = {
    channel: 'visit',
    summary: '反映土地承包',
    petitioners: [{ name: '张三', phone: '1380013' }],
  };

  it('saves, reads back and clears a form draft', async () => {
    expect(await call(t.store, 'drafts.get', { form: 'intake' })).toBeNull();
    const saved = await call(t.store, 'drafts.save', { form: 'intake', data: intakeDraft });
    expect(Date.parse(saved.savedAt)).not.toBeNaN();
    expect(await call(t.store, 'drafts.get', { form: 'intake' })).toEqual({
      data: intakeDraft,
      savedAt: saved.savedAt,
    });
    // saving again replaces the draft
    await call(t.store, 'drafts.save', { form: 'intake', data: { ...intakeDraft, summary: '改' } });
    expect((await call(t.store, 'drafts.get', { form: 'intake' }))!.data).toEqual({
      ...intakeDraft,
      summary: '改',
    });
    expect(countOf(t.store, 'drafts')).toBe(1);
    expect(await call(t.store, 'drafts.clear', { form: 'intake' })).toBeNull();
    expect(await call(t.store, 'drafts.get', { form: 'intake' })).toBeNull();
  });

  it('keeps drafts per form and per user', async () => {
    await call(t.store, 'drafts.save', { form: 'intake', data: intakeDraft });
    await call(t.store, 'drafts.save', { form: 'case-edit', data: { id: 'x' } });
    await call(t.store, 'session.setUser', { userId: t.staff('李承办') });
    expect(await call(t.store, 'drafts.get', { form: 'intake' })).toBeNull();
    await call(t.store, 'drafts.save', { form: 'intake', data: { summary: '李承办的草稿' } });
    await call(t.store, 'drafts.clear', { form: 'case-edit' }); // not his: must not touch 王登记's
    await call(t.store, 'session.setUser', { userId: t.staff('王登记') });
    expect((await call(t.store, 'drafts.get', { form: 'intake' }))!.data).toEqual(intakeDraft);
    expect((await call(t.store, 'drafts.get', { form: 'case-edit' }))!.data).toEqual({ id: 'x' });
    await call(t.store, 'drafts.clear', { form: 'intake' });
    await call(t.store, 'session.setUser', { userId: t.staff('李承办') });
    expect((await call(t.store, 'drafts.get', { form: 'intake' }))!.data).toEqual({
      summary: '李承办的草稿',
    });
  });

  it('survives closing and reopening the store (a crash or power cut)', async () => {
    const saved = await call(t.store, 'drafts.save', { form: 'intake', data: intakeDraft });
    await call(t.store, 'session.setUser', { userId: t.staff('李承办') });
    await call(t.store, 'drafts.save', { form: 'intake', data: { summary: '李承办的草稿' } });
    t.reopen();
    // the signed-in user survives too
    expect((await call(t.store, 'session.get', {})).currentUser?.name).toBe('李承办');
    expect((await call(t.store, 'drafts.get', { form: 'intake' }))!.data).toEqual({
      summary: '李承办的草稿',
    });
    await call(t.store, 'session.setUser', { userId: t.staff('王登记') });
    expect(await call(t.store, 'drafts.get', { form: 'intake' })).toEqual({
      data: intakeDraft,
      savedAt: saved.savedAt,
    });
  });

  it('refuses a draft over 2 MB in Chinese words, keeping the one saved before', async () => {
    await call(t.store, 'drafts.save', { form: 'intake', data: intakeDraft });
    const err = await callError(t.store, 'drafts.save', {
      form: 'intake',
      data: { ...intakeDraft, summary: '访'.repeat(2 * 1024 * 1024 + 1) },
    });
    expect(err.message).toBe('草稿内容过多（超过 200 万字），未能自动保存。请先提交或精简已填写的内容');
    expect(err.internal).toBeFalsy();
    expect((await call(t.store, 'drafts.get', { form: 'intake' }))!.data).toEqual(intakeDraft);
  });

  it('refuses a draft nested too deep to save in Chinese, before any recursion overflows', async () => {
    let deep: unknown = '张三';
    for (let i = 0; i < 20_000; i++) deep = { petitioners: [deep] };
    const err = await callError(t.store, 'drafts.save', { form: 'intake', data: deep });
    expect(err.message).toBe('草稿内容的层次过深，不是本程序的表单内容，未能自动保存');
    expect(err.internal).toBeFalsy();
    expect(await call(t.store, 'drafts.get', { form: 'intake' })).toBeNull();
    // a form's own nesting is far within the limit
    await call(t.store, 'drafts.save', { form: 'intake', data: intakeDraft });
  });

  it('writes drafts outside the change log: they never travel', async () => {
    const log = countOf(t.store, 'change_log');
    await call(t.store, 'drafts.save', { form: 'intake', data: intakeDraft });
    await call(t.store, 'drafts.clear', { form: 'intake' });
    expect(countOf(t.store, 'change_log')).toBe(log);
  });
});
