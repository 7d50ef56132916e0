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
export type OpTuple = [
  string,
  number,
  string,
  string,
  string | null,
  string,
  string,
  'insert' | 'update',
  string,
  string | null,
];

export const toTuple = (o: Operation): OpTuple => [
  o.origin,
  o.seq,
  o.hlc,
  o.officeId,
  o.actor,
  o.tbl,
  o.rowId,
  o.op,
  o.data,
  o.base,
];
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

/**
 * Whether a value is an operation as carried: ten elements of exactly these types and forms, the
 * sequence number a safe positive integer. Checked by hand rather than with a zod tuple: it runs
 * once per operation (100,000 in a large package), where zod's per-element work cost more than
 * the rest of checking the body together.
 */
const ORIGIN = /^[0-9a-f]{16}$/;
const HLC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z-[0-9a-f]{4}-[0-9a-f]{16}$/;
const TABLE = /^[a-z_]+$/;
function isOpTuple(t: unknown): t is OpTuple {
  if (!Array.isArray(t) || t.length !== 10) return false;
  const [origin, seq, hlc, office, actor, tbl, row, op, data, base] = t as unknown[];
  return (
    typeof origin === 'string' &&
    ORIGIN.test(origin) &&
    typeof seq === 'number' &&
    Number.isSafeInteger(seq) &&
    seq > 0 &&
    typeof hlc === 'string' &&
    HLC.test(hlc) &&
    typeof office === 'string' &&
    (actor === null || typeof actor === 'string') &&
    typeof tbl === 'string' &&
    TABLE.test(tbl) &&
    typeof row === 'string' &&
    row.length > 0 &&
    (op === 'insert' || op === 'update') &&
    typeof data === 'string' &&
    (base === null || typeof base === 'string')
  );
}
const areOpTuples = (ops: unknown): ops is OpTuple[] => Array.isArray(ops) && ops.every(isOpTuple);

const batch = z.object({
  officeId: z.string(),
  /** fingerprint of the signing key */
  keyFp: z.string(),
  sig: z.string(),
  /** checked by hand, kept as parsed (not copied) */
  ops: z.custom<OpTuple[]>(areOpTuples),
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

/**
 * What a batch's signature covers: sha256 of its office, a newline and the JSON text of its
 * operations (JSON.stringify of the tuples, as UTF-8). The signer makes that text; the body
 * carries it verbatim (the body is JSON.stringify of the whole), so a receiver hashes the bytes
 * as carried instead of serializing 100,000 operations again.
 */
function batchDigest(officeId: string, opsJson: string | Buffer): Buffer {
  return crypto.createHash('sha256').update(officeId).update('\n').update(opsJson).digest();
}

export function signBatch(keys: OfficeKeys, ops: Operation[]): Batch {
  const tuples = ops.map(toTuple);
  const sig = crypto
    .sign(
      null,
      batchDigest(keys.officeId, JSON.stringify(tuples)),
      crypto.createPrivateKey(keys.signing.privateKey),
    )
    .toString('base64');
  return { officeId: keys.officeId, keyFp: fingerprint(keys.signing.publicKey), sig, ops: tuples };
}

/**
 * Checks a batch's signature against the keys that may have signed for its office. `carried` is
 * the batch's operations as the bytes they were parsed from (decodePackageBody): the signature is
 * checked over those bytes, which are then exactly what was signed. Without them, or when they
 * are not byte for byte the signer's text (a body not written by JSON.stringify), it is checked
 * over the operations serialized again, as the signer serialized them.
 */
export function verifyBatch(
  b: Batch,
  keys: string[],
  name: (id: string) => string,
  carried?: Buffer,
): string {
  const key = keys.find((k) => fingerprint(k) === b.keyFp);
  if (!key)
    throw new UserError(`交换包中有一批记录由“${name(b.officeId)}”的未知密钥签名，已拒绝导入，未作任何改动`);
  const publicKey = crypto.createPublicKey(key);
  const sig = Buffer.from(b.sig, 'base64');
  const valid =
    (carried && crypto.verify(null, batchDigest(b.officeId, carried), publicKey, sig)) ||
    crypto.verify(null, batchDigest(b.officeId, JSON.stringify(b.ops)), publicKey, sig);
  if (!valid) {
    throw new UserError(
      `交换包中有一批记录的签名无效（不是“${name(b.officeId)}”签发的），已拒绝导入，未作任何改动`,
    );
  }
  for (const t of b.ops) {
    if (t[3] !== b.officeId)
      throw new UserError(`交换包中有记录冒用其他单位名义（${name(t[3])}），已拒绝导入，未作任何改动`);
  }
  return key;
}

export function encodeBody(b: PackageBody): Buffer {
  return Buffer.from(JSON.stringify(b));
}

export interface DecodedBody {
  body: PackageBody;
  /** per batch, in order: the bytes of the body its operations were parsed from */
  carriedOps: Buffer[];
}

const MALFORMED = '交换包内容不完整或格式不符，未作任何改动';

/** Reads and checks a body: its format, its shape, every operation's, and where each batch's operations lie. */
export function decodePackageBody(bytes: Buffer): DecodedBody {
  let raw: unknown;
  try {
    raw = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new UserError('交换包内容无法读取（已损坏），未作任何改动');
  }
  const head = z.object({ kind: z.literal('xftz-sync'), format: z.number().int() }).safeParse(raw);
  if (!head.success) throw new UserError('交换包内容不是信访台账的数据，未作任何改动');
  if (head.data.format > PACKAGE_FORMAT) {
    throw new UserError(
      `交换包数据格式为第 ${head.data.format} 版，本软件只支持到第 ${PACKAGE_FORMAT} 版，请先升级软件再导入`,
    );
  }
  const parsed = body.safeParse(raw);
  if (!parsed.success) throw new UserError(MALFORMED);
  const spans = opsSpans(bytes);
  if (!spans || spans.length !== parsed.data.batches.length) throw new UserError(MALFORMED);
  return {
    body: parsed.data as PackageBody & { vector: VersionVector },
    carriedOps: spans.map(([from, to]) => bytes.subarray(from, to)),
  };
}

/** The body alone, checked (as tests read a package to craft another from it). */
export function decodeBody(bytes: Buffer): PackageBody {
  return decodePackageBody(bytes).body;
}

/**
 * Where each batch's "ops" value lies in a body JSON.parse has accepted: byte ranges, one per
 * element of the top-level "batches", in order. A read of the body's structure only (strings
 * skipped, nesting counted), so it costs a fraction of serializing the operations again.
 * JSON.parse keeps the last of repeated keys; a body repeating a key at the top or in a batch is
 * refused here (null), so the ranges are without doubt the values it parsed. The bytes of UTF-8
 * characters beyond ASCII are all 0x80 or more: never taken for a quote, backslash or bracket.
 */
function opsSpans(b: Buffer): [number, number][] | null {
  const spans: [number, number][] = [];
  let clean = true;
  const i = space(b, 0);
  if (b[i] !== 0x7b) return null;
  const end = members(b, i, (key, at) => {
    if (key !== 'batches' || b[at] !== 0x5b) return skipValue(b, at);
    let j = space(b, at + 1);
    if (b[j] === 0x5d) return j + 1;
    for (;;) {
      let span: [number, number] = [0, 0];
      if (b[j] === 0x7b) {
        const after = members(b, j, (k, from) => {
          const to = skipValue(b, from);
          if (k === 'ops') span = [from, to];
          return to;
        });
        if (after < 0) clean = false;
        j = Math.abs(after);
      } else j = skipValue(b, j);
      spans.push(span);
      j = space(b, j);
      if (b[j++] !== 0x2c) return j;
      j = space(b, j);
    }
  });
  return end >= 0 && clean ? spans : null;
}

const isSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

function space(b: Buffer, i: number): number {
  while (i < b.length && isSpace(b[i])) i++;
  return i;
}

/** From an opening quote to just past its closing one. */
function skipString(b: Buffer, i: number): number {
  const n = b.length;
  i++;
  while (i < n) {
    const c = b[i++];
    if (c === 0x5c) i++;
    else if (c === 0x22) break;
  }
  return i;
}

/** Past the value starting at i. Runs over every byte of the operations: kept to local variables. */
function skipValue(b: Buffer, i: number): number {
  const n = b.length;
  const c = b[i];
  if (c === 0x22) return skipString(b, i);
  if (c === 0x7b || c === 0x5b) {
    let depth = 0;
    while (i < n) {
      const d = b[i++];
      if (d === 0x22) {
        while (i < n) {
          const e = b[i++];
          if (e === 0x5c) i++;
          else if (e === 0x22) break;
        }
      } else if (d === 0x7b || d === 0x5b) depth++;
      else if ((d === 0x7d || d === 0x5d) && --depth === 0) break;
    }
    return i;
  }
  // a number, true, false or null
  while (i < n && b[i] !== 0x2c && b[i] !== 0x7d && b[i] !== 0x5d && !isSpace(b[i])) i++;
  return i;
}

/**
 * The members of the object whose brace is at i: `value` reads each value and returns the index
 * past it. Returns the index past the closing brace, negated when a key is repeated.
 */
function members(b: Buffer, i: number, value: (key: string, at: number) => number): number {
  const keys = new Set<string>();
  let repeated = false;
  i = space(b, i + 1);
  if (b[i] === 0x7d) return i + 1;
  while (i < b.length) {
    const start = i;
    i = skipString(b, i);
    const key = JSON.parse(b.toString('utf8', start, i)) as string;
    if (keys.has(key)) repeated = true;
    keys.add(key);
    i = space(b, space(b, i) + 1); // past the colon
    i = space(b, value(key, i));
    if (b[i++] !== 0x2c) break;
    i = space(b, i);
  }
  return repeated ? -i : i;
}

export function packageFileName(fromName: string, toName: string, day: string, seq: number): string {
  const safe = (s: string) => s.replace(/[\\/:*?"<>|\s]+/g, '');
  return `信访交换包_${safe(fromName)}_至_${safe(toName)}_${day.replace(/-/g, '')}_第${seq}号.xftz`;
}
