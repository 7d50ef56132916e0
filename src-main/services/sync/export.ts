/**
 * Exporting a sync package: what users do with "导出给县信访局" and "全部导出".
 *
 * Export writes every operation the recipient has not confirmed (by the version vector of its
 * last package), its own freshly signed and others' in the batches they were signed in; of
 * this office's own, only those that concern the recipient.
 */
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import type { Store } from '../database';
import { getLocal } from '../local-state';
import { nowLocal, todayLocal } from '../local-time';
import { UserError } from '../errors';
import { blobPath } from '../attachments';
import { folderWriteFailures, writeFileDurably } from '../durable-file';
import { sha256Hex } from '../hash';
import { fingerprint, seal } from './envelope';
import { requireOffice } from '../office';
import type { ExportResult } from '../../contract';
import { listPeers, ownKeys, peerPublicKeys, type Peer } from './enrollment';
import type { Operation } from './merge';
import {
  encodeBody,
  packageFileName,
  PACKAGE_FORMAT,
  signBatch,
  toTuple,
  type Batch,
  type PackageBody,
} from './package';
import { covered, holds, mergeVectors, originState, type VersionVector } from './version-vector';
import { currentVector, missingOps, opsInRanges, sentTo, schemaVersion } from './holdings';

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
