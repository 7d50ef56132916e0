/**
 * Exporting and importing sync packages: what users do with "导出给县信访局" and "导入".
 *
 * Export writes every operation the recipient has not confirmed (by the version vector of its
 * last package), its own freshly signed and others' in the batches they were signed in. Import
 * checks everything before it changes anything (envelope, sender, format, signatures, an
 * unusual share of deletions), then applies the operations in one transaction with the record
 * of the import. A preview runs the same import and rolls it back.
 */
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { withWriteGate, type Store } from '../database';
import { getLocal } from '../local-state';
import { nowLocal, todayLocal } from '../local-time';
import { UserError } from '../errors';
import { blobPath, storeBlob } from '../attachments';
import { folderWriteFailures, writeFileDurably } from '../durable-file';
import { getSyncSettings } from './settings';
import { sha256Hex } from '../hash';
import { fingerprint, open, seal } from './envelope';
import { applyOperations, checkMassDeletion } from './apply';
import { requireOffice } from '../office';
import type {
  ApplySummary,
  ExportResult,
  ImportedCase,
  ImportReport,
  OfficeInfo,
  PeerStatus,
  SyncStatus,
} from '../../contract';
import {
  acceptsIntroduction,
  getPeer,
  knownSigningKeys,
  listPeers,
  nameOfOffice,
  ownKeys,
  peerPublicKeys,
  recordIntroduction,
  type Peer,
} from './enrollment';
import type { OfficeKeys } from './envelope';
import type { Operation } from './merge';
import {
  decodePackageBody,
  encodeBody,
  fromTuple,
  packageFileName,
  PACKAGE_FORMAT,
  signBatch,
  toTuple,
  verifyBatch,
  type Batch,
  type OpTuple,
  type PackageBody,
} from './package';
import {
  covered,
  holds,
  mergeVectors,
  originState,
  type OriginState,
  type VersionVector,
} from './version-vector';

// ---- what this register holds ------------------------------------------------------------------

/** The origins in the change log, read from the (origin, seq) index without scanning it. */
function origins(sqlite: Database.Database): string[] {
  return (
    sqlite
      .prepare(
        `WITH RECURSIVE o(x) AS (SELECT min(origin) FROM change_log
           UNION ALL SELECT (SELECT min(origin) FROM change_log WHERE origin > o.x) FROM o WHERE o.x IS NOT NULL)
         SELECT x FROM o WHERE x IS NOT NULL`,
      )
      .all() as { x: string }[]
  ).map((r) => r.x);
}

/** This register's version vector: per origin, the runs of sequence numbers held. */
export function currentVector(store: Store): VersionVector {
  const { sqlite } = store;
  const runs = sqlite.prepare(
    `SELECT min(s) AS f, max(s) AS t FROM (SELECT origin_seq AS s, origin_seq - row_number() OVER (ORDER BY origin_seq) AS g
       FROM change_log WHERE origin = ?) GROUP BY g ORDER BY f`,
  );
  const fast = sqlite.prepare('SELECT count(*) AS n, max(origin_seq) AS m FROM change_log WHERE origin = ?');
  const out: VersionVector = {};
  for (const origin of origins(sqlite)) {
    const f = fast.get(origin) as { n: number; m: number };
    if (f.n === f.m) {
      out[origin] = { contiguous: f.m, beyond: [] };
      continue;
    }
    const ranges = runs.all(origin) as { f: number; t: number }[];
    const first = ranges[0]?.f === 1 ? ranges.shift()!.t : 0;
    out[origin] = { contiguous: first, beyond: ranges.map((r) => ({ from: r.f, to: r.t })) };
  }
  return out;
}

/** Operations of one origin the other side does not hold, in sequence order. */
function missingOps(sqlite: Database.Database, origin: string, theirs: OriginState | undefined): Operation[] {
  const rows = sqlite
    .prepare(
      `SELECT origin, origin_seq AS seq, hlc, office_id AS officeId, actor, tbl, row_id AS rowId, op, data, base
       FROM change_log WHERE origin = ? AND origin_seq > ? ORDER BY origin_seq`,
    )
    .all(origin, theirs?.contiguous ?? 0) as Operation[];
  return theirs?.beyond.length ? rows.filter((r) => !holds(theirs, r.seq)) : rows;
}

function opsInRanges(sqlite: Database.Database, ranges: [string, number, number][]): Operation[] {
  const stmt = sqlite.prepare(
    `SELECT origin, origin_seq AS seq, hlc, office_id AS officeId, actor, tbl, row_id AS rowId, op, data, base
     FROM change_log WHERE origin = ? AND origin_seq BETWEEN ? AND ? ORDER BY origin_seq`,
  );
  return ranges.flatMap(([o, f, t]) => stmt.all(o, f, t) as Operation[]);
}

/** Sequence ranges of a batch's operations as carried, in order: how a stored batch names its operations. */
function rangesOf(ops: OpTuple[]): [string, number, number][] {
  const out: [string, number, number][] = [];
  for (const t of ops) {
    const origin = t[0];
    const seq = t[1];
    const last = out[out.length - 1];
    if (last && last[0] === origin && last[2] + 1 === seq) last[2] = seq;
    else out.push([origin, seq, seq]);
  }
  return out;
}

// ---- what concerns a recipient ------------------------------------------------------------------

/**
 * Whether an operation concerns the recipient. The county receives everything of a township;
 * a township receives its own cases, the cases assigned to it (now or before), its own villages, units, staff
 * and ledgers (disputes, daily reports, reception days: a replaced machine is rebuilt from the
 * county's copy), the county's staff, the shared settings and letter templates, the letters of its cases,
 * and the office rows of the county and its townships (names, no keys: a case the county
 * assigned on after this township's 异议 shows where it went).
 */
function concernsRecipient(
  store: Store,
  me: { id: string; level: string },
  recipient: Peer,
): (o: Operation) => boolean {
  if (recipient.level === 'county') return () => true;
  const { sqlite } = store;
  const caseOffice = sqlite.prepare('SELECT office_id AS o, assigned_office_id AS a FROM cases WHERE id = ?');
  // a township the county assigned the case to before (and then, after its objection, to another)
  // still holds the case: it must learn where the case went and see its duties end
  const assignedBefore = sqlite.prepare(
    `SELECT 1 FROM case_events WHERE case_id = ? AND kind = 'assign' AND data ->> '$.officeId' = ? LIMIT 1`,
  );
  const rowCase = (tbl: string) => sqlite.prepare(`SELECT case_id AS c FROM "${tbl}" WHERE id = ?`);
  const byTable = new Map<string, Database.Statement>();
  const cache = new Map<string, boolean>();
  const caseConcerns = (caseId: string) => {
    let v = cache.get(caseId);
    if (v === undefined) {
      const c = caseOffice.get(caseId) as { o: string; a: string | null } | undefined;
      v =
        !!c &&
        (c.o === recipient.officeId ||
          c.a === recipient.officeId ||
          !!assignedBefore.get(caseId, recipient.officeId));
      cache.set(caseId, v);
    }
    return v;
  };
  return (o) => {
    switch (o.tbl) {
      case 'categories':
      case 'calendar_days':
        return true;
      // every office of the county: a case assigned on to another township names it
      case 'offices':
        return true;
      case 'villages':
      case 'units':
      case 'staff':
      case 'disputes':
      case 'daily_reports':
      case 'reception_days': {
        const r = sqlite.prepare(`SELECT office_id AS o FROM "${o.tbl}" WHERE id = ?`).get(o.rowId) as
          { o: string } | undefined;
        // the county's own people too: their names stand on the steps they took in the township's cases
        return r?.o === recipient.officeId || (o.tbl === 'staff' && r?.o === me.id);
      }
      case 'cases':
        return caseConcerns(o.rowId);
      case 'letter_templates': {
        // the county's wording goes down to its townships; a township's own stays with it (and the county)
        const r = sqlite.prepare('SELECT office_id AS o FROM letter_templates WHERE id = ?').get(o.rowId) as
          { o: string } | undefined;
        return r?.o === me.id || r?.o === recipient.officeId;
      }
      case 'petitioners':
      case 'case_events':
      case 'attachments':
      case 'documents': {
        let s = byTable.get(o.tbl);
        if (!s) byTable.set(o.tbl, (s = rowCase(o.tbl)));
        const r = s.get(o.rowId) as { c: string } | undefined;
        return !!r && caseConcerns(r.c);
      }
      default:
        return false;
    }
  };
}

// ---- export -------------------------------------------------------------------------------------

export interface ExportOptions {
  /** the recipient office; a township always exports to its county */
  to?: string;
  /** folder to write the package into (the outbox) */
  dir: string;
  actor: string | null;
  onProgress?: (stage: string, done: number, total: number) => void;
}

function recipientOf(store: Store, me: { id: string; level: string }, to?: string): Peer {
  const peers = listPeers(store).filter((p) => !p.revokedAt);
  if (me.level === 'township') {
    const county = peers.find((p) => p.level === 'county');
    if (!county) throw new UserError('本机尚未导入县信访局的登记文件，不能导出交换包');
    return county;
  }
  if (!to) throw new UserError('请选择要导出给哪个乡镇');
  const peer = peers.find((p) => p.officeId === to);
  if (!peer) throw new UserError('该乡镇未登记或已撤销');
  return peer;
}

export function exportPackage(store: Store, opts: ExportOptions): ExportResult {
  return exportUnlessEmpty(store, opts, false)!;
}

/**
 * The same, but no file when the package would carry no operation (全部导出, to an office that
 * has had a package: an empty one tells it nothing). What did not concern it is noted all the same.
 */
export function exportIfNotEmpty(store: Store, opts: ExportOptions): ExportResult | null {
  return exportUnlessEmpty(store, opts, true);
}

/**
 * What a peer counts as having: what it said it holds, and this office's operations an export
 * judged not to concern it (they are never sent, so it will never hold them).
 */
function sentTo(peer: Peer): VersionVector {
  return mergeVectors(JSON.parse(peer.vector) as VersionVector, JSON.parse(peer.skipped) as VersionVector);
}

/** Notes operations of this office an export judged not to concern the peer: from now on they count as sent. */
function notePassedOver(store: Store, peer: Peer, seqs: number[]): void {
  if (seqs.length === 0) return;
  const skipped = mergeVectors(JSON.parse(peer.skipped) as VersionVector, {
    [store.installationId]: originState(seqs),
  });
  store.sqlite
    .prepare('UPDATE sync_peers SET skipped = ? WHERE office_id = ?')
    .run(JSON.stringify(skipped), peer.officeId);
}

function exportUnlessEmpty(store: Store, opts: ExportOptions, skipEmpty: boolean): ExportResult | null {
  const { sqlite } = store;
  const me = requireOffice(store);
  const keys = ownKeys(store, me);
  const peer = recipientOf(store, me, opts.to);
  const recipientKeys = peerPublicKeys(peer);
  const theirs = JSON.parse(peer.vector) as VersionVector;
  const sent = sentTo(peer);
  const concerns = concernsRecipient(store, me, peer);
  opts.onProgress?.('整理数据', 0, 1);

  // everything is read in one snapshot, so a save during the export is in this package or the next
  const built = sqlite.transaction(() => {
    const own: Operation[] = [];
    const passedOver: number[] = [];
    for (const o of missingOps(sqlite, store.installationId, sent[store.installationId])) {
      if (concerns(o)) own.push(o);
      else passedOver.push(o.seq);
    }
    const batches: Batch[] = own.length ? [signBatch(keys, own)] : [];
    // others' operations travel only in the batches their office signed
    const stored = sqlite
      .prepare('SELECT office_id AS officeId, signing_key AS key, sig, ranges FROM sync_batches ORDER BY id')
      .all() as {
      officeId: string;
      key: string;
      sig: string;
      ranges: string;
    }[];
    const vouched: Record<string, string[]> = {};
    for (const b of stored) {
      if (peer.level === 'township' && b.officeId !== peer.officeId) continue;
      const ranges = JSON.parse(b.ranges) as [string, number, number][];
      const needed = ranges.some(([o, f, t]) => !covered(sent[o], f, t));
      if (!needed) continue;
      const ops = opsInRanges(sqlite, ranges);
      batches.push({ officeId: b.officeId, keyFp: fingerprint(b.key), sig: b.sig, ops: ops.map(toTuple) });
      if (me.level === 'county') {
        const keys = (vouched[b.officeId] ??= []);
        if (!keys.includes(b.key)) keys.push(b.key);
      }
    }
    const files = filesFor(store, batches, theirs);
    const last = sqlite
      .prepare(
        `SELECT seq, hash FROM sync_packages WHERE peer_office_id = ? AND direction = 'out' ORDER BY seq DESC LIMIT 1`,
      )
      .get(peer.officeId) as { seq: number; hash: string } | undefined;
    // how far the log went when this package was made: on exit, only offices with newer changes get one
    const logId = (sqlite.prepare('SELECT coalesce(max(id), 0) AS n FROM change_log').get() as { n: number })
      .n;
    return {
      batches,
      files,
      vouched,
      vector: currentVector(store),
      seq: (last?.seq ?? 0) + 1,
      prev: last?.hash ?? null,
      logId,
      passedOver,
    };
  })();

  const operations = built.batches.reduce((n, b) => n + b.ops.length, 0);
  if (skipEmpty && operations === 0) {
    notePassedOver(store, peer, built.passedOver);
    opts.onProgress?.('完成', 1, 1);
    return null;
  }
  const body: PackageBody = {
    kind: 'xftz-sync',
    format: PACKAGE_FORMAT,
    schema: schemaVersion(store),
    from: { officeId: me.id, name: me.name, installation: store.installationId },
    to: peer.officeId,
    seq: built.seq,
    prev: built.prev,
    createdAt: nowLocal(),
    vector: built.vector,
    batches: built.batches,
    vouched: built.vouched,
    files: built.files,
  };
  opts.onProgress?.('加密签名', 0, 1);
  const introToken = me.level === 'township' ? getLocal(store, 'enrollment_token') : undefined;
  const sealed = seal(encodeBody(body), keys, recipientKeys, introToken);
  const fileName = packageFileName(me.name, peer.name, todayLocal(), built.seq);
  const file = path.join(opts.dir, fileName);
  opts.onProgress?.('写入文件', 0, 1);
  // a package file on the USB stick or shared folder: the register is never touched by a failed write
  writeFileDurably(file, sealed, folderWriteFailures('交换包', true));
  const hash = sha256Hex(sealed);
  sqlite.transaction(() => {
    sqlite
      .prepare(
        `INSERT INTO sync_packages (direction, peer_office_id, seq, hash, prev_hash, file_name, at, actor, operations, summary)
         VALUES ('out', ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        peer.officeId,
        built.seq,
        hash,
        built.prev,
        fileName,
        nowLocal(),
        opts.actor,
        operations,
        JSON.stringify({ files: built.files.length, bytes: sealed.length, logId: built.logId }),
      );
    notePassedOver(store, peer, built.passedOver);
  })();
  opts.onProgress?.('完成', 1, 1);
  return { file, fileName, seq: built.seq, operations, files: built.files.length, bytes: sealed.length };
}

/**
 * Attachment files travel once: a file goes along with the first attachment row naming it that
 * the recipient does not hold, and not when any row naming it is already held there.
 */
function filesFor(store: Store, batches: Batch[], theirs: VersionVector): { sha256: string; data: string }[] {
  const wanted = new Set<string>();
  for (const b of batches) {
    for (const t of b.ops) {
      if (t[5] !== 'attachments' || t[7] !== 'insert') continue;
      const sha = (JSON.parse(t[8]) as { sha256?: string }).sha256;
      if (sha) wanted.add(sha);
    }
  }
  // by the file's own index first (CROSS JOIN keeps that order): not every attachment's log entry
  const heldThere = store.sqlite.prepare(
    `SELECT l.origin, l.origin_seq AS seq FROM attachments a CROSS JOIN change_log l ON l.tbl = 'attachments' AND l.row_id = a.id AND l.op = 'insert' WHERE a.sha256 = ?`,
  );
  const out: { sha256: string; data: string }[] = [];
  for (const sha of wanted) {
    const rows = heldThere.all(sha) as { origin: string; seq: number }[];
    if (rows.some((r) => holds(theirs[r.origin], r.seq))) continue;
    const file = blobPath(store, sha);
    if (fs.existsSync(file)) out.push({ sha256: sha, data: fs.readFileSync(file).toString('base64') });
  }
  return out;
}

function schemaVersion(store: Store): number {
  return (store.sqlite.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get() as { n: number }).n;
}

// ---- import -------------------------------------------------------------------------------------

export interface ImportOptions {
  actor: string | null;
  fileName?: string;
  /** run everything and roll back: what the import would do */
  preview?: boolean;
  /** the user confirmed an unusual number of deletions */
  confirmDeletions?: boolean;
  onProgress?: (stage: string, done: number, total: number) => void;
}

interface Opened {
  body: PackageBody;
  hash: string;
  intro?: { signing: string; box: string };
  ops: Operation[];
  /** batches with the key each was verified by */
  batches: { batch: Batch; key: string }[];
}

/** Opens and checks a package completely, changing nothing. */
export function openPackage(store: Store, bytes: Buffer): Opened {
  const me = requireOffice(store);
  return openChecked(store, bytes, me, ownKeys(store, me));
}

function openChecked(store: Store, bytes: Buffer, me: OfficeInfo, keys: OfficeKeys): Opened {
  const senders = new Map<string, string>();
  for (const p of listPeers(store)) if (p.signingKey && !p.revokedAt) senders.set(p.officeId, p.signingKey);
  const name = (id: string) => nameOfOffice(store, id);
  const opened = open(bytes, keys, senders, {
    names: name,
    introduce: (id, token) => acceptsIntroduction(store, id, token),
  });
  const { body, carriedOps } = decodePackageBody(opened.body);
  if (body.to !== me.id || body.from.officeId !== opened.from)
    throw new UserError('交换包的收发单位与签名不符，已拒绝导入，未作任何改动');
  const sender = getPeer(store, opened.from)!;
  const batches = body.batches.map((batch, i) => {
    let keysFor =
      batch.officeId === opened.from && opened.intro
        ? [opened.intro.signing]
        : knownSigningKeys(store, batch.officeId, keys);
    // the county may vouch for keys a township used before (rebuilding a replaced machine)
    if (sender.level === 'county' && me.parentId === sender.officeId)
      keysFor = [...keysFor, ...(body.vouched[batch.officeId] ?? [])];
    return { batch, key: verifyBatch(batch, keysFor, name, carriedOps[i]) };
  });
  const ops = batches.flatMap((b) => b.batch.ops.map(fromTuple));
  for (const f of body.files) {
    if (sha256Hex(Buffer.from(f.data, 'base64')) !== f.sha256)
      throw new UserError('交换包中的附件文件已损坏，未作任何改动');
  }
  return { body, hash: sha256Hex(bytes), intro: opened.intro, ops, batches };
}

class Rollback extends Error {}

export function importPackage(store: Store, bytes: Buffer, opts: ImportOptions): ImportReport {
  const { sqlite } = store;
  const progress = opts.onProgress ?? (() => {});
  progress('校验交换包', 0, 1);
  const me = requireOffice(store);
  const keys = ownKeys(store, me);
  const p = openChecked(store, bytes, me, keys);
  const { body } = p;
  const earlier = sqlite
    .prepare(`SELECT at, seq FROM sync_packages WHERE direction = 'in' AND hash = ?`)
    .get(p.hash) as { at: string; seq: number } | undefined;
  if (earlier)
    throw new UserError(
      `此交换包（${body.from.name}第 ${earlier.seq} 号）已于 ${earlier.at.replace('T', ' ')} 导入过，未作任何改动`,
    );
  const deletions = checkMassDeletion(sqlite, p.ops, !!opts.confirmDeletions || !!opts.preview);

  if (!opts.preview) {
    // content-addressed files first: a file nobody names yet is harmless if the import fails
    body.files.forEach((f, i) => {
      storeBlob(store, Buffer.from(f.data, 'base64'));
      progress('保存附件', i + 1, body.files.length);
    });
  }

  const seen = sqlite
    .prepare(`SELECT seq, hash FROM sync_packages WHERE direction = 'in' AND peer_office_id = ? ORDER BY seq`)
    .all(body.from.officeId) as { seq: number; hash: string }[];
  const seenSeqs = new Set(seen.map((s) => s.seq));
  const missingPackages: number[] = [];
  for (let s = 1; s < body.seq; s++) if (!seenSeqs.has(s)) missingPackages.push(s);
  const previous = seen.find((s) => s.seq === body.seq - 1);
  const report: Omit<ImportReport, 'summary' | 'cases'> = {
    from: { officeId: body.from.officeId, name: body.from.name },
    seq: body.seq,
    createdAt: body.createdAt,
    files: body.files.length,
    missingPackages,
    previousDiffers: !!previous && previous.hash !== body.prev,
    senderSchemaNewer: body.schema > schemaVersion(store),
    preview: !!opts.preview,
    deletions,
  };

  let summary: ApplySummary | undefined;
  let cases: ImportedCase[] = [];
  const run = sqlite.transaction(() => {
    if (p.intro) recordIntroduction(store, body.from.officeId, p.intro);
    // only the operations write the register's tables; what follows is sync's own record
    summary = withWriteGate(sqlite, () =>
      applyOperations(store, p.ops, (d, t) => progress('写入数据', d, t)),
    );
    cases = casesNamed(store, summary);
    const storeBatch = sqlite.prepare(
      'INSERT OR IGNORE INTO sync_batches (office_id, signing_key, sig, ranges, operations) VALUES (?, ?, ?, ?, ?)',
    );
    for (const { batch, key } of p.batches) {
      if (batch.officeId === me.id && key === keys.signing.publicKey) continue; // our own: re-signed when sent
      storeBatch.run(batch.officeId, key, batch.sig, JSON.stringify(rangesOf(batch.ops)), batch.ops.length);
    }
    sqlite
      .prepare(
        `INSERT INTO sync_packages (direction, peer_office_id, seq, hash, prev_hash, file_name, at, actor, operations, summary)
         VALUES ('in', ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        body.from.officeId,
        body.seq,
        p.hash,
        body.prev,
        opts.fileName ?? '',
        nowLocal(),
        opts.actor,
        p.ops.length,
        JSON.stringify({
          ...summary,
          newCases: summary.newCases.length,
          updatedCases: summary.updatedCases.length,
        }),
      );
    // the newest package says best what the sender holds
    if (!seen.some((s) => s.seq > body.seq)) {
      sqlite
        .prepare('UPDATE sync_peers SET vector = ? WHERE office_id = ?')
        .run(JSON.stringify(body.vector), body.from.officeId);
    }
    if (me.level === 'township')
      sqlite.prepare(`DELETE FROM local_state WHERE key = 'enrollment_token'`).run();
    if (opts.preview) throw new Rollback();
  });
  try {
    run.immediate();
  } catch (e) {
    if (!(e instanceof Rollback)) throw e;
  }
  progress('完成', 1, 1);
  return { ...report, summary: summary!, cases };
}

/** How many of the cases a package touches the report names (the counts are always whole). */
const NAMED_CASES = 200;

/** The touched cases by number and summary, read inside the import (a preview rolls back after). */
function casesNamed(store: Store, summary: ApplySummary): ImportedCase[] {
  const row = store.sqlite.prepare('SELECT case_no AS caseNo, summary, deleted FROM cases WHERE id = ?');
  const fresh = new Set(summary.newCases);
  return [...summary.newCases, ...summary.updatedCases].slice(0, NAMED_CASES).flatMap((id) => {
    const r = row.get(id) as { caseNo: string; summary: string; deleted: number } | undefined;
    return r
      ? [{ id, caseNo: r.caseNo, summary: r.summary, isNew: fresh.has(id), deleted: !!r.deleted }]
      : [];
  });
}

// ---- status -------------------------------------------------------------------------------------

export function syncStatus(store: Store): SyncStatus {
  const { sqlite } = store;
  const me = requireOffice(store);
  const keys = ownKeys(store, me);
  const last = sqlite.prepare(
    `SELECT seq, at FROM sync_packages WHERE peer_office_id = ? AND direction = ? ORDER BY id DESC LIMIT 1`,
  );
  const countAfter = sqlite.prepare(
    'SELECT count(*) AS n FROM change_log WHERE origin = ? AND origin_seq > ?',
  );
  const peers = listPeers(store).map((p): PeerStatus => {
    const mine = sentTo(p)[store.installationId];
    // own operations beyond what the peer confirmed or an export judged not its concern
    const unconfirmed =
      (countAfter.get(store.installationId, mine?.contiguous ?? 0) as { n: number }).n -
      (mine ? mine.beyond.reduce((n, r) => n + r.to - r.from + 1, 0) : 0);
    return {
      officeId: p.officeId,
      name: p.name,
      level: p.level,
      connected: !!p.signingKey,
      revoked: !!p.revokedAt,
      lastImport: (last.get(p.officeId, 'in') as { seq: number; at: string } | undefined) ?? null,
      lastExport: (last.get(p.officeId, 'out') as { seq: number; at: string } | undefined) ?? null,
      unconfirmed,
    };
  });
  const lastAt = (sqlite.prepare('SELECT max(at) AS at FROM sync_packages').get() as { at: string | null })
    .at;
  const { remindAfterDays } = getSyncSettings(store);
  const daysSinceExchange = lastAt ? Math.floor((Date.now() - new Date(lastAt).getTime()) / 86400000) : null;
  const conflicts = (sqlite.prepare('SELECT count(*) AS n FROM sync_conflicts').get() as { n: number }).n;
  return {
    office: { id: me.id, name: me.name, level: me.level },
    fingerprint: fingerprint(keys.signing.publicKey),
    peers,
    conflicts,
    daysSinceExchange,
    remindAfterDays,
    remind: peers.length > 0 && (daysSinceExchange === null || daysSinceExchange >= remindAfterDays),
  };
}
