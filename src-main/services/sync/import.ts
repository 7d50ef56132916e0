/**
 * Importing a sync package: what users do with "导入".
 *
 * Import checks everything before it changes anything (envelope, sender, format, signatures, an
 * unusual share of deletions), then applies the operations in one transaction with the record
 * of the import. A preview runs the same import and rolls it back.
 */
import { withWriteGate, type Store } from '../database';
import { nowLocal } from '../local-time';
import { UserError } from '../errors';
import { storeBlob } from '../attachments';
import { sha256Hex } from '../hash';
import { open } from './envelope';
import { applyOperations, checkMassDeletion } from './apply';
import { requireOffice } from '../office';
import type { ApplySummary, ImportedCase, ImportReport, OfficeInfo } from '../../contract';
import {
  acceptsIntroduction,
  getPeer,
  knownSigningKeys,
  listPeers,
  nameOfOffice,
  ownKeys,
  recordIntroduction,
} from './enrollment';
import type { OfficeKeys } from './envelope';
import type { Operation } from './merge';
import { decodePackageBody, fromTuple, verifyBatch, type Batch, type PackageBody } from './package';
import { rangesOf, schemaVersion } from './holdings';

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
