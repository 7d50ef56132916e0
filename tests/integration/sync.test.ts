/**
 * Sync by file between townships and the county, on real registers, real enrollment files and
 * real package files in a folder.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, countOf, sampleIntake, type Township } from '../helpers/store';
import {
  createCounty,
  createEnrolledTownship,
  exchange,
  exportTo,
  importFile,
  timesAhead,
} from '../helpers/sync';
import { caseStepInput, type ApiInput } from '../../src-main/contract';
import { recordStep } from '../../src-main/services/follow-up';
import { loadRules } from '../../src-main/services/deadlines';
import { caseState } from '../../src-main/services/workflow';
import { syncStatus } from '../../src-main/services/sync/status';
import { todayLocal } from '../../src-main/services/local-time';
import { mutate } from '../../src-main/services/mutation';
import { listConflicts, settleConflict } from '../../src-main/services/sync/conflicts';
import { importPackage } from '../../src-main/services/sync/import';
import { open, seal } from '../../src-main/services/sync/envelope';
import {
  applyEnrollment,
  createEnrollment,
  getPeer,
  ownKeys,
  revokePeer,
} from '../../src-main/services/sync/enrollment';
import {
  decodeBody,
  encodeBody,
  fromTuple,
  signBatch,
  type Batch,
  type OpTuple,
  type PackageBody,
} from '../../src-main/services/sync/package';
import { createTownship, SETUP } from '../helpers/store';

let county: Township;
let town: Township;
let dir: string;
const open_: Township[] = [];

beforeEach(async () => {
  county = await createCounty();
  town = await createEnrolledTownship(county);
  open_.push(county, town);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'petition-outbox-'));
});
afterEach(() => {
  open_.splice(0).forEach((t) => t.cleanup());
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('township to county and back', () => {
  it('carries a case up, a supervision down, and never applies a package twice', async () => {
    const c = await call(town.store, 'cases.create', sampleIntake({ summary: '土地承包纠纷' }));
    const out = exportTo(town, county, dir);
    expect(out.fileName).toMatch(/^信访交换包_示范镇_至_示范县信访局_\d{8}_第1号\.xftz$/);

    const preview = importFile(county.store, out.file, { preview: true });
    expect(preview.summary.newCases).toEqual([c.id]);
    expect(countOf(county.store, 'cases')).toBe(0);

    const first = importFile(county.store, out.file);
    expect(first.summary.newCases).toEqual([c.id]);
    const atCounty = await call(county.store, 'cases.get', { id: c.id });
    expect(atCounty.summary).toBe('土地承包纠纷');
    expect(() => importFile(county.store, out.file)).toThrow(/已于 .* 导入过，未作任何改动/);

    const today = todayLocal();
    await call(county.store, 'cases.step', {
      caseId: c.id,
      kind: 'supervise',
      on: today,
      deadline: today,
      content: '请于今日内答复',
    });
    const back = exchange(county, town, dir);
    expect(back.summary.events).toEqual({ supervise: 1 });
    expect(back.summary.updatedCases).toEqual([c.id]);
    const atTown = await call(town.store, 'cases.get', { id: c.id });
    expect(atTown.events.map((e) => e.kind)).toContain('supervise');
    const work = await call(town.store, 'worklist.get', {});
    expect(work.items.some((i) => i.caseId === c.id && i.deadline.kind === 'supervision')).toBe(true);

    // the county confirmed everything: the township's next package carries nothing old
    const again = exportTo(town, county, dir);
    expect(again.operations).toBe(0);
    expect(syncStatus(town.store).peers[0].unconfirmed).toBe(0);
  });
});

describe('conflicts', () => {
  it('keeps both concurrent edits, shows the later one, and settling syncs', async () => {
    const c = await call(town.store, 'cases.create', sampleIntake({ summary: '原摘要' }));
    exchange(town, county, dir);
    exchange(county, town, dir);
    mutate(town.store, { actor: null }, (m) => m.update('cases', c.id, { summary: '镇里改的摘要' }));
    mutate(county.store, { actor: null }, (m) => m.update('cases', c.id, { summary: '县里改的摘要' }));
    const up = exchange(town, county, dir);
    expect(up.summary.conflicts).toBe(1);
    exchange(county, town, dir);
    for (const r of [town, county]) {
      const [k] = listConflicts(r.store);
      expect(k).toMatchObject({ tbl: 'cases', rowId: c.id, field: 'summary', caseId: c.id });
      // the later stamp shows (the county wrote last); the other is kept, with its office
      expect(k.versions.map((v) => [v.value, v.office])).toEqual([
        ['县里改的摘要', '示范县信访局'],
        ['镇里改的摘要', '示范镇'],
      ]);
      expect((await call(r.store, 'cases.get', { id: c.id })).summary).toBe('县里改的摘要');
    }
    settleConflict(town.store, { tbl: 'cases', rowId: c.id, field: 'summary', value: '镇里改的摘要' }, null);
    expect(listConflicts(town.store)).toEqual([]);
    exchange(town, county, dir);
    expect(listConflicts(county.store)).toEqual([]);
    expect((await call(county.store, 'cases.get', { id: c.id })).summary).toBe('镇里改的摘要');
    expect(syncStatus(county.store).conflicts).toBe(0);
  });

  it('a local edit of a conflicted case keeps the status folded from every event, not the latest status written', async () => {
    const c = await call(town.store, 'cases.create', sampleIntake({ summary: '原摘要' }));
    exchange(town, county, dir);
    exchange(county, town, dir);
    const at = timesAhead();
    const today = todayLocal();
    // at the same time: the township refuses the case, the county assigns it to one of its units
    // (from 登记 that made it 办理中, a status write later than the township's); both edit the summary
    stepAt(town, at(0), {
      caseId: c.id,
      kind: 'reject',
      on: today,
      reason: '不属于信访事项',
      route: 'litigation',
    });
    mutate(town.store, { actor: null, now: at(1) }, (m) =>
      m.update('cases', c.id, { summary: '镇里改的摘要' }),
    );
    stepAt(county, at(2), {
      caseId: c.id,
      kind: 'assign',
      on: today,
      unitId: county.unit('县自然资源局'),
      deadline: today,
      reportDue: today,
    });
    mutate(county.store, { actor: null, now: at(3) }, (m) =>
      m.update('cases', c.id, { summary: '县里改的摘要' }),
    );
    expect(exchange(town, county, dir).summary.conflicts).toBe(1);
    const status = () =>
      (county.store.sqlite.prepare('SELECT status FROM cases WHERE id = ?').get(c.id) as { status: string })
        .status;
    // every event folded in stamp order: refused first, so the assignment leaves it 不予受理
    expect(caseState(county.store, c.id).status).toBe('notAccepted');
    expect(status()).toBe('notAccepted');
    // the edit rewrites the conflicted row from its operations: the status stays the folded one
    mutate(county.store, { actor: null, now: at(4) }, (m) =>
      m.update('cases', c.id, { content: '县里补充的情况' }),
    );
    expect(status()).toBe('notAccepted');
    expect(
      (await call(county.store, 'cases.list', { filter: { status: ['notAccepted'] } })).rows.map((r) => r.id),
    ).toEqual([c.id]);
  });

  it('settling the received time moves the case’s clocks', async () => {
    const c = await call(town.store, 'cases.create', sampleIntake());
    exchange(town, county, dir);
    exchange(county, town, dir);
    const at = timesAhead();
    mutate(town.store, { actor: null, now: at(0) }, (m) =>
      m.update('cases', c.id, { receivedAt: '2026-11-10T09:00' }),
    );
    mutate(county.store, { actor: null, now: at(1) }, (m) =>
      m.update('cases', c.id, { receivedAt: '2026-11-15T09:00' }),
    );
    exchange(county, town, dir);
    const starts = () =>
      town.store.sqlite.prepare('SELECT DISTINCT start FROM case_clocks WHERE case_id = ?').pluck().all(c.id);
    // the county wrote last: its time shows, and the clocks run from it
    expect(listConflicts(town.store).map((k) => k.field)).toEqual(['received_at']);
    expect(starts()).toEqual(['2026-11-15']);
    settleConflict(
      town.store,
      { tbl: 'cases', rowId: c.id, field: 'received_at', value: '2026-11-10T09:00' },
      null,
    );
    expect((await call(town.store, 'cases.get', { id: c.id })).receivedAt).toBe('2026-11-10T09:00');
    expect(starts()).toEqual(['2026-11-10']);
  });

  it('does not call it a conflict when both sides wrote the same value', async () => {
    const c = await call(town.store, 'cases.create', sampleIntake());
    exchange(town, county, dir);
    mutate(town.store, { actor: null }, (m) => m.update('cases', c.id, { summary: '同样的摘要' }));
    mutate(county.store, { actor: null }, (m) => m.update('cases', c.id, { summary: '同样的摘要' }));
    expect(exchange(town, county, dir).summary.conflicts).toBe(0);
  });
});

/** A step taken at a given wall-clock time (see timesAhead), as cases.step takes it. */
function stepAt(t: Township, now: () => number, input: ApiInput<'cases.step'>): void {
  mutate(t.store, { actor: null, now }, (m) =>
    recordStep(t.store, m, caseStepInput.parse(input), loadRules(t.store)),
  );
}

/** Everything an import could touch, to show a refused one changed nothing. */
function snapshot(t: Township): string {
  const q = (sql: string) => JSON.stringify(t.store.sqlite.prepare(sql).all());
  return [
    q('SELECT origin, origin_seq, hlc FROM change_log ORDER BY id'),
    q('SELECT * FROM cases ORDER BY id'),
    q('SELECT * FROM case_events ORDER BY id'),
    q('SELECT * FROM sync_packages ORDER BY id'),
    q('SELECT * FROM sync_peers ORDER BY office_id'),
    q('SELECT * FROM sync_conflicts'),
    q(`SELECT * FROM local_state WHERE key <> 'hlc' ORDER BY key`),
  ].join('\n');
}

/** A package with a hand-made body, sealed with the township's real keys to the county. */
function craft(body: (real: PackageBody) => PackageBody): Buffer {
  const out = exportTo(town, county, dir);
  const real = decodeBody(
    open(
      fs.readFileSync(out.file),
      ownKeys(county.store),
      new Map([[TOWN, ownKeys(town.store).signing.publicKey]]),
    ).body,
  );
  const county_ = getPeer(town.store, '330102')!;
  return seal(encodeBody(body(real)), ownKeys(town.store), {
    officeId: '330102',
    signing: county_.signingKey!,
    box: county_.boxKey!,
  });
}
const TOWN = '330102001';

describe('refusals: each bad package changes nothing and says why in Chinese', () => {
  let file: Buffer;
  beforeEach(async () => {
    await call(town.store, 'cases.create', sampleIntake());
    exchange(town, county, dir); // introduction done
    await call(town.store, 'cases.create', sampleIntake({ summary: '第二件' }));
    file = fs.readFileSync(exportTo(town, county, dir).file);
  });

  const refused = (bytes: Buffer, message: RegExp, opts = {}) => {
    const before = snapshot(county);
    expect(() => importPackage(county.store, bytes, { actor: null, ...opts })).toThrow(message);
    expect(snapshot(county)).toBe(before);
  };

  it('a truncated file or a flipped bit', () => {
    refused(file.subarray(0, file.length - 10), /损坏|不完整/);
    refused(file.subarray(0, 100), /不完整/);
    const flipped = Buffer.from(file);
    flipped[Math.floor(flipped.length / 2)] ^= 0x10;
    refused(flipped, /损坏或被改动/);
  });

  it('a package for another office', async () => {
    const other = await createEnrolledTownship(county, '330102002', '邻镇');
    open_.push(other);
    const before = snapshot(other);
    expect(() => importPackage(other.store, file, { actor: null })).toThrow(/不是发给本单位的/);
    expect(snapshot(other)).toBe(before);
  });

  it('a revoked sender and a replayed package', () => {
    importPackage(county.store, file, { actor: null });
    refused(file, /导入过，未作任何改动/);
    revokePeer(county.store, TOWN);
    const next = craft((b) => b);
    refused(next, /未在本单位登记或已被撤销/);
  });

  it('a newer format, and a batch signed in another office’s name', () => {
    refused(
      craft((b) => ({ ...b, format: 2 })),
      /第 2 版.*请先升级软件/,
    );
    refused(
      craft((b) => ({ ...b, batches: b.batches.map((x) => ({ ...x, officeId: '330102' })) })),
      /未知密钥签名/,
    );
    refused(
      craft((b) => ({
        ...b,
        batches: b.batches.map((x) => ({
          ...x,
          ops: x.ops.map((o) => [...o.slice(0, 3), '330102', ...o.slice(4)] as typeof o),
        })),
      })),
      /签名无效/,
    );
    // signed by the township itself, but its operations claim to be the county's
    refused(
      craft((b) => ({
        ...b,
        batches: b.batches.map((x) =>
          resign(x, (o) => [...o.slice(0, 3), '330102', ...o.slice(4)] as typeof o),
        ),
      })),
      /冒用其他单位名义/,
    );
  });

  it('an unusual share of deletions is held until confirmed', async () => {
    importPackage(county.store, file, { actor: null });
    for (let i = 0; i < 12; i++)
      await call(town.store, 'cases.create', sampleIntake({ summary: `批量${i}` }));
    exchange(town, county, dir);
    const ids = (
      town.store.sqlite.prepare(`SELECT id FROM cases WHERE summary LIKE '批量%'`).all() as { id: string }[]
    ).map((r) => r.id);
    mutate(town.store, { actor: null }, (m) => ids.forEach((id) => m.update('cases', id, { deleted: true })));
    const del = fs.readFileSync(exportTo(town, county, dir).file);
    refused(del, /将删除 12 件信访事项.*已暂停导入/);
    const preview = importPackage(county.store, del, { actor: null, preview: true });
    expect(preview.deletions).toBe(12);
    const done = importPackage(county.store, del, { actor: null, confirmDeletions: true });
    expect(done.summary.deletedCases).toBe(12);
    // a tombstone, never absence: the rows are still there, marked deleted
    expect(countOf(county.store, 'cases WHERE deleted = 1')).toBe(12);
  });
});

describe('what a package carries', () => {
  it('keeps operations for fields a newer version added, and applies what it knows', async () => {
    const c = await call(town.store, 'cases.create', sampleIntake());
    exchange(town, county, dir);
    mutate(town.store, { actor: null }, (m) => m.update('cases', c.id, { summary: '新版本也改了摘要' }));
    // the newer sender's operation names a column this version does not have
    const bytes = craft((b) => ({
      ...b,
      schema: b.schema + 1,
      batches: b.batches.map((x) =>
        resign(x, (o) => [...o.slice(0, 8), o[8].replace('{', '{"future_field":"x",'), o[9]] as typeof o),
      ),
    }));
    const r = importPackage(county.store, bytes, { actor: null });
    expect(r.senderSchemaNewer).toBe(true);
    expect(r.summary.deferred).toBe(1);
    expect((await call(county.store, 'cases.get', { id: c.id })).summary).toBe('新版本也改了摘要');
    expect(countOf(county.store, 'sync_deferred')).toBe(1);
    expect(
      county.store.sqlite
        .prepare(`SELECT count(*) AS n FROM change_log WHERE data LIKE '%future_field%'`)
        .get(),
    ).toEqual({ n: 1 });
  });

  it('rebuilds a replaced township machine from the county, relaying its old operations as signed', async () => {
    const c = await call(town.store, 'cases.create', sampleIntake({ summary: '旧电脑登记的事项' }));
    exchange(town, county, dir);
    // the township's computer is replaced: the county enrolls it again, the new one starts empty
    const fresh = await createTownship({
      ...SETUP,
      villages: [],
      staff: [{ name: '新电脑管理员', role: 'admin' }],
    });
    open_.push(fresh);
    applyEnrollment(fresh.store, createEnrollment(county.store, { id: TOWN, name: '示范镇' }, null).bytes);
    // the old machine's packages are refused from now on
    const stale = fs.readFileSync(exportTo(town, county, dir).file);
    expect(() => importPackage(county.store, stale, { actor: null })).toThrow(/未在本单位登记或已被撤销/);
    importFile(county.store, exportTo(fresh, county, dir).file);
    const back = exchange(county, fresh, dir);
    expect(back.summary.newCases).toContain(c.id);
    expect((await call(fresh.store, 'cases.get', { id: c.id })).summary).toBe('旧电脑登记的事项');
    // the old operations kept their origin (the old installation), not the county's
    const origin = fresh.store.sqlite
      .prepare(`SELECT origin FROM change_log WHERE tbl = 'cases' AND row_id = ? AND op = 'insert'`)
      .get(c.id) as { origin: string };
    expect(origin.origin).toBe(town.store.installationId);
  });

  it('sends an attachment file once', async () => {
    const up = await call(town.store, 'attachments.upload', {
      fileName: '来信.png',
      mime: 'image/png',
      base64: PNG,
    });
    const c = await call(town.store, 'cases.create', sampleIntake({ attachments: [up] }));
    const first = exportTo(town, county, dir);
    expect(first.files).toBe(1);
    importFile(county.store, first.file);
    const read = await call(county.store, 'attachments.read', {
      id: (await call(county.store, 'cases.get', { id: c.id })).attachments[0].id,
    });
    expect(read.base64).toBe(PNG);
    // once the county has said what it holds, the same file on another case stays home
    exchange(county, town, dir);
    const c2 = await call(town.store, 'cases.create', sampleIntake({ attachments: [up] }));
    const second = exportTo(town, county, dir);
    expect(second.files).toBe(0);
    importFile(county.store, second.file);
    expect((await call(county.store, 'cases.get', { id: c2.id })).attachments).toHaveLength(1);
  });
});

const PNG =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

/** A batch changed and signed again with the township's key (a genuine newer sender). */
function resign(b: Batch, change: (o: OpTuple) => OpTuple): Batch {
  return signBatch(ownKeys(town.store), b.ops.map(change).map(fromTuple));
}
