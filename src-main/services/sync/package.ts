/**
 * The body of a sync package (inside the sealed envelope) and its signed batches of operations.
 *
 * A batch is a list of operations of one office, signed by that office when it first sent them.
 * A relay (the county passing a township's operations on) forwards the batch exactly as it was
 * received: origin, sequence numbers and signature unchanged, so the receiver checks the origin
 * office's signature, not the relay's word.
 */
import crypto from 'node:crypto';
import { z } from 'zod';
import { UserError } from '../errors';
import { fingerprint, type OfficeKeys } from './envelope';
import type { Operation } from './merge';
import type { VersionVector } from './version-vector';

/** Format of the package body; a newer one is refused with a request to upgrade. */
export const PACKAGE_FORMAT = 1;

/** An operation as carried: [origin, seq, hlc, office, actor, table, row, op, data, base]. */
export type OpTuple = [string, number, string, string, string | null, string, string, 'insert' | 'update', string, string | null];

export const toTuple = (o: Operation): OpTuple => [o.origin, o.seq, o.hlc, o.officeId, o.actor, o.tbl, o.rowId, o.op, o.data, o.base];
export const fromTuple = (t: OpTuple): Operation => ({
  origin: t[0],
  seq: t[1],
  hlc: t[2],
  officeId: t[3],
  actor: t[4],
  tbl: t[5],
  rowId: t[6],
  op: t[7],
  data: t[8],
  base: t[9],
});

const opTuple = z.tuple([
  z.string().regex(/^[0-9a-f]{16}$/),
  z.number().int().positive(),
  z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z-[0-9a-f]{4}-[0-9a-f]{16}$/),
  z.string(),
  z.string().nullable(),
  z.string().regex(/^[a-z_]+$/),
  z.string().min(1),
  z.enum(['insert', 'update']),
  z.string(),
  z.string().nullable(),
]);

const batch = z.object({
  officeId: z.string(),
  /** fingerprint of the signing key */
  keyFp: z.string(),
  sig: z.string(),
  ops: z.array(opTuple),
});
export type Batch = z.infer<typeof batch>;

const seqRange = z.object({ from: z.number().int(), to: z.number().int() });
const body = z.object({
  kind: z.literal('xftz-sync'),
  format: z.number().int(),
  /** the sender's database schema version (its number of migrations) */
  schema: z.number().int(),
  from: z.object({ officeId: z.string(), name: z.string(), installation: z.string() }),
  to: z.string(),
  /** the package's number in the stream from this sender to this recipient */
  seq: z.number().int().positive(),
  /** sha256 of the previous package file in that stream */
  prev: z.string().nullable(),
  createdAt: z.string(),
  /** what the sender holds (so the recipient knows what it need not send back) */
  vector: z.record(z.string(), z.object({ contiguous: z.number().int(), beyond: z.array(seqRange) })),
  batches: z.array(batch),
  /** signing keys the sending county vouches for, by office (a rebuilt township's old key) */
  vouched: z.record(z.string(), z.array(z.string())).default({}),
  /** attachment files the recipient lacks, once each */
  files: z.array(z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/), data: z.string() })).default([]),
});
export type PackageBody = z.infer<typeof body>;

function batchDigest(officeId: string, ops: OpTuple[]): Buffer {
  return crypto.createHash('sha256').update(officeId).update('\n').update(JSON.stringify(ops)).digest();
}

export function signBatch(keys: OfficeKeys, ops: Operation[]): Batch {
  const tuples = ops.map(toTuple);
  const sig = crypto.sign(null, batchDigest(keys.officeId, tuples), crypto.createPrivateKey(keys.signing.privateKey)).toString('base64');
  return { officeId: keys.officeId, keyFp: fingerprint(keys.signing.publicKey), sig, ops: tuples };
}

/** Checks a batch's signature against the keys that may have signed for its office. */
export function verifyBatch(b: Batch, keys: string[], name: (id: string) => string): string {
  const key = keys.find((k) => fingerprint(k) === b.keyFp);
  if (!key) throw new UserError(`交换包中有一批记录由“${name(b.officeId)}”的未知密钥签名，已拒绝导入，未作任何改动`);
  if (!crypto.verify(null, batchDigest(b.officeId, b.ops), crypto.createPublicKey(key), Buffer.from(b.sig, 'base64'))) {
    throw new UserError(`交换包中有一批记录的签名无效（不是“${name(b.officeId)}”签发的），已拒绝导入，未作任何改动`);
  }
  for (const t of b.ops) {
    if (t[3] !== b.officeId) throw new UserError(`交换包中有记录冒用其他单位名义（${name(t[3])}），已拒绝导入，未作任何改动`);
  }
  return key;
}

export function encodeBody(b: PackageBody): Buffer {
  return Buffer.from(JSON.stringify(b));
}

export function decodeBody(bytes: Buffer): PackageBody {
  let raw: unknown;
  try {
    raw = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new UserError('交换包内容无法读取（已损坏），未作任何改动');
  }
  const head = z.object({ kind: z.literal('xftz-sync'), format: z.number().int() }).safeParse(raw);
  if (!head.success) throw new UserError('交换包内容不是信访台账的数据，未作任何改动');
  if (head.data.format > PACKAGE_FORMAT) {
    throw new UserError(`交换包数据格式为第 ${head.data.format} 版，本软件只支持到第 ${PACKAGE_FORMAT} 版，请先升级软件再导入`);
  }
  const parsed = body.safeParse(raw);
  if (!parsed.success) throw new UserError('交换包内容不完整或格式不符，未作任何改动');
  return parsed.data as PackageBody & { vector: VersionVector };
}

export function packageFileName(fromName: string, toName: string, day: string, seq: number): string {
  const safe = (s: string) => s.replace(/[\\/:*?"<>|\s]+/g, '');
  return `信访交换包_${safe(fromName)}_至_${safe(toName)}_${day.replace(/-/g, '')}_第${seq}号.xftz`;
}
