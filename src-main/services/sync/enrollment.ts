/**
 * Who exchanges packages with whom. Each office holds its own key pairs (local state, never
 * exported) and the public keys of its peers (sync_peers). The county enrolls a township by
 * writing an enrollment file: the township's identity, the county's public keys and a one-time
 * token, signed by the county. The township applies it, makes its own keys, and its first package
 * carries its public keys and the token inside the encryption, so the county learns the key from
 * the township itself and knows it belongs to the office it enrolled. Enrolling a township again
 * (a new or replaced machine) retires its key: the old machine's packages are refused from then on.
 */
import crypto from 'node:crypto';
import { z } from 'zod';
import type { Store } from '../database';
import type { OfficeInfo } from '../../contract';
import { getLocal, setLocal } from '../local-state';
import { mutate } from '../mutation';
import { nowLocal } from '../local-time';
import { UserError } from '../errors';
import { officeName, requireOffice } from '../office';
import { sha256Hex } from '../hash';
import {
  fingerprint,
  generateOfficeKeys,
  publicKeysOf,
  type OfficeKeys,
  type PublicOfficeKeys,
} from './envelope';

export interface Peer {
  officeId: string;
  name: string;
  level: 'township' | 'county';
  signingKey: string | null;
  boxKey: string | null;
  formerKeys: string[];
  enrollmentToken: string | null;
  /** JSON VersionVector: what the peer said it holds */
  vector: string;
  /** JSON VersionVector: this office's operations an export judged not to concern the peer */
  skipped: string;
  enrolledAt: string;
  revokedAt: string | null;
}

/** This office's key pairs, made on first use. */
export function ownKeys(store: Store, office: OfficeInfo = requireOffice(store)): OfficeKeys {
  const text = getLocal(store, 'office_keys');
  if (text) {
    const keys = JSON.parse(text) as OfficeKeys;
    if (keys.officeId === office.id) return keys;
  }
  const keys = generateOfficeKeys(office.id);
  setLocal(store, 'office_keys', JSON.stringify(keys));
  return keys;
}

const PEER_COLUMNS = `office_id AS officeId, name, level, signing_key AS signingKey, box_key AS boxKey, former_keys AS formerKeys,
  enrollment_token AS enrollmentToken, vector, skipped, enrolled_at AS enrolledAt, revoked_at AS revokedAt`;
type PeerRow = Omit<Peer, 'formerKeys'> & { formerKeys: string };
const toPeer = (p: PeerRow): Peer => ({ ...p, formerKeys: JSON.parse(p.formerKeys) as string[] });

export function listPeers(store: Store): Peer[] {
  return (
    store.sqlite.prepare(`SELECT ${PEER_COLUMNS} FROM sync_peers ORDER BY office_id`).all() as PeerRow[]
  ).map(toPeer);
}

export function getPeer(store: Store, officeId: string): Peer | undefined {
  const row = store.sqlite
    .prepare(`SELECT ${PEER_COLUMNS} FROM sync_peers WHERE office_id = ?`)
    .get(officeId) as PeerRow | undefined;
  return row && toPeer(row);
}

/** An office as named to people: its office row, else its enrollment (a peer not yet heard from), else its code. */
export function nameOfOffice(store: Store, officeId: string): string {
  return officeName(store, officeId) ?? getPeer(store, officeId)?.name ?? officeId;
}

export function peerPublicKeys(peer: Peer): PublicOfficeKeys {
  if (!peer.signingKey || !peer.boxKey)
    throw new UserError(`尚未收到“${peer.name}”的第一个交换包，还不能向其导出。请先导入对方的交换包`);
  if (peer.revokedAt) throw new UserError(`“${peer.name}”已被撤销，不能向其导出`);
  return { officeId: peer.officeId, signing: peer.signingKey, box: peer.boxKey };
}

// ---- the enrollment file ----------------------------------------------------------------------

const enrollmentSchema = z.object({
  kind: z.literal('xftz-enrollment'),
  format: z.literal(1),
  county: z.object({ officeId: z.string(), name: z.string(), signing: z.string(), box: z.string() }),
  office: z.object({ id: z.string().regex(/^\d{9}$/), name: z.string().min(1), parentId: z.string() }),
  token: z.string().min(16),
  issuedAt: z.string(),
  sig: z.string(),
});
export type Enrollment = z.infer<typeof enrollmentSchema>;

function signedPart(e: Omit<Enrollment, 'sig'>): Buffer {
  return Buffer.from(JSON.stringify([e.kind, e.format, e.county, e.office, e.token, e.issuedAt]));
}

/**
 * County: enrolls (or enrolls again) a township and returns its enrollment file. The township's
 * office row is written to the register so it syncs with everything else.
 */
export function createEnrollment(
  store: Store,
  township: { id: string; name: string },
  actor: string | null,
): { fileName: string; bytes: Buffer; fingerprint: string } {
  const county = requireOffice(store);
  if (county.level !== 'county') throw new UserError('只有县信访局（县级模式）可以制作乡镇登记文件');
  if (!/^\d{9}$/.test(township.id)) throw new UserError('乡镇代码应为 9 位数字（统计用区划代码前 9 位）');
  if (!township.id.startsWith(county.id))
    throw new UserError(`乡镇代码 ${township.id} 不属于本县（${county.id}）`);
  const name = township.name.trim();
  if (!name) throw new UserError('请填写乡镇名称');
  const keys = ownKeys(store, county);
  const token = crypto.randomBytes(24).toString('base64url');
  const issuedAt = nowLocal();
  mutate(store, { actor }, (m) => {
    const row = store.sqlite.prepare('SELECT name FROM offices WHERE id = ?').get(township.id) as
      { name: string } | undefined;
    if (!row) m.insert('offices', { id: township.id, name, level: 'township', parentId: county.id });
    else if (row.name !== name) m.update('offices', township.id, { name });
    const old = getPeer(store, township.id);
    // the key in use until now is retired: old relayed operations still verify, its packages do not
    const former = old ? [...old.formerKeys, ...(old.signingKey ? [old.signingKey] : [])] : [];
    store.sqlite
      .prepare(
        `INSERT INTO sync_peers (office_id, name, level, signing_key, box_key, former_keys, enrollment_token, vector, enrolled_at)
         VALUES (?, ?, 'township', NULL, NULL, ?, ?, '{}', ?)
         ON CONFLICT(office_id) DO UPDATE SET name = excluded.name, signing_key = NULL, box_key = NULL, former_keys = excluded.former_keys,
           enrollment_token = excluded.enrollment_token, vector = '{}', skipped = '{}', enrolled_at = excluded.enrolled_at, revoked_at = NULL`,
      )
      .run(township.id, name, JSON.stringify(former), sha256Hex(token), issuedAt);
  });
  const pub = publicKeysOf(keys);
  const body: Omit<Enrollment, 'sig'> = {
    kind: 'xftz-enrollment',
    format: 1,
    county: { officeId: county.id, name: county.name, signing: pub.signing, box: pub.box },
    office: { id: township.id, name, parentId: county.id },
    token,
    issuedAt,
  };
  const sig = crypto
    .sign(null, signedPart(body), crypto.createPrivateKey(keys.signing.privateKey))
    .toString('base64');
  return {
    fileName: `信访台账登记文件_${name}_${township.id}.xftz-enroll`,
    bytes: Buffer.from(JSON.stringify({ ...body, sig }, null, 2)),
    fingerprint: fingerprint(pub.signing),
  };
}

/** Reads and checks an enrollment file; what the township is shown before applying it. */
export function readEnrollment(bytes: Buffer): Enrollment & { countyFingerprint: string } {
  let parsed: Enrollment;
  try {
    parsed = enrollmentSchema.parse(JSON.parse(bytes.toString('utf8')));
  } catch {
    throw new UserError('这不是有效的信访台账登记文件（格式不符或已损坏）');
  }
  let ok: boolean;
  try {
    ok = crypto.verify(
      null,
      signedPart(parsed),
      crypto.createPublicKey(parsed.county.signing),
      Buffer.from(parsed.sig, 'base64'),
    );
  } catch {
    ok = false;
  }
  if (!ok) throw new UserError('登记文件的签名无效（文件已被改动），请向县信访局重新索取');
  return { ...parsed, countyFingerprint: fingerprint(parsed.county.signing) };
}

/**
 * Township: applies the county's enrollment file. The office must already be set up with the
 * same code (set-up first, then enrollment), or not be set up at all when the caller sets it up.
 */
export function applyEnrollment(
  store: Store,
  bytes: Buffer,
): { county: string; countyFingerprint: string; ownFingerprint: string } {
  const e = readEnrollment(bytes);
  const office = requireOffice(store);
  if (office.id !== e.office.id) {
    throw new UserError(
      `此登记文件是为“${e.office.name}（${e.office.id}）”制作的，本机单位是“${office.name}（${office.id}）”`,
    );
  }
  const keys = ownKeys(store, office);
  store.sqlite.transaction(() => {
    store.sqlite
      .prepare(
        `INSERT INTO sync_peers (office_id, name, level, signing_key, box_key, former_keys, enrollment_token, vector, enrolled_at)
         VALUES (?, ?, 'county', ?, ?, '[]', NULL, '{}', ?)
         ON CONFLICT(office_id) DO UPDATE SET name = excluded.name, signing_key = excluded.signing_key, box_key = excluded.box_key,
           enrolled_at = excluded.enrolled_at, revoked_at = NULL`,
      )
      .run(e.county.officeId, e.county.name, e.county.signing, e.county.box, nowLocal());
    // sent inside the first package to the county; dropped once the county answers
    setLocal(store, 'enrollment_token', e.token);
  })();
  return {
    county: e.county.name,
    countyFingerprint: e.countyFingerprint,
    ownFingerprint: fingerprint(keys.signing.publicKey),
  };
}

/** County: whether a township may introduce its keys with this token. */
export function acceptsIntroduction(store: Store, officeId: string, token: string): boolean {
  const peer = getPeer(store, officeId);
  if (!peer || peer.revokedAt || peer.signingKey || !peer.enrollmentToken) return false;
  return crypto.timingSafeEqual(Buffer.from(peer.enrollmentToken), Buffer.from(sha256Hex(token)));
}

/** County: records the keys a township introduced (inside the import's transaction). */
export function recordIntroduction(
  store: Store,
  officeId: string,
  keys: { signing: string; box: string },
): void {
  store.sqlite
    .prepare(
      'UPDATE sync_peers SET signing_key = ?, box_key = ?, enrollment_token = NULL WHERE office_id = ?',
    )
    .run(keys.signing, keys.box, officeId);
}

/**
 * A case has become the office's concern (the county assigned it there): the operations exports
 * judged not to concern it are judged again by the next one, which so carries the whole case.
 * Inside the transaction of the change.
 */
export function reconsiderPassedOver(store: Store, officeId: string): void {
  store.sqlite.prepare(`UPDATE sync_peers SET skipped = '{}' WHERE office_id = ?`).run(officeId);
}

/** County: a township's packages are refused from now on (a lost or stolen machine). */
export function revokePeer(store: Store, officeId: string): void {
  const r = store.sqlite
    .prepare('UPDATE sync_peers SET revoked_at = ? WHERE office_id = ? AND revoked_at IS NULL')
    .run(nowLocal(), officeId);
  if (r.changes === 0) throw new UserError('该单位未登记或已撤销');
}

/** Signing keys that may have signed operations of an office: its current and former keys. */
export function knownSigningKeys(store: Store, officeId: string, own: OfficeKeys): string[] {
  // an office's own earlier keys (a replaced machine) are vouched for by the county in its packages
  if (officeId === own.officeId) return [own.signing.publicKey];
  const peer = getPeer(store, officeId);
  if (!peer) return [];
  return [...(peer.signingKey ? [peer.signingKey] : []), ...peer.formerKeys];
}
