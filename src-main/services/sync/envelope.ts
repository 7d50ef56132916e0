/**
 * The sealed envelope of a sync package: signed by the sending office (Ed25519) and encrypted to
 * the receiving office (X25519 + HKDF-SHA256 + AES-256-GCM), everything but the recipient's key
 * fingerprint inside the ciphertext. Only Node's crypto; no network.
 *
 *   magic "XFTZ" | format (u16) | header length (u32) | header JSON | ciphertext | GCM tag (16)
 *
 * The header (authenticated as GCM additional data) names the recipient key and carries the
 * ephemeral public key and nonce. The ciphertext holds the sender, the signature and the
 * gzip-compressed body; the signature covers the recipient too, so a package cannot be
 * re-addressed. Every way a file can be wrong is refused here, before anything reads the body,
 * with a message a clerk can act on.
 */
import crypto from 'node:crypto';
import zlib from 'node:zlib';
import { UserError } from '../errors';

const MAGIC = Buffer.from('XFTZ');
export const ENVELOPE_FORMAT = 1;
const HEADER_MAX = 4096;
/** A package body (before compression) is refused beyond this: a county's whole register fits. */
export const BODY_MAX_BYTES = 512 * 1024 * 1024;
const TAG_BYTES = 16;

export interface OfficeKeys {
  officeId: string;
  /** Ed25519, for signing what this office sends */
  signing: { publicKey: string; privateKey: string };
  /** X25519, for opening what is sent to this office */
  box: { publicKey: string; privateKey: string };
}
export interface PublicOfficeKeys {
  officeId: string;
  signing: string;
  box: string;
}

/** Both key pairs of an office, as PEM text (stored locally; the public halves travel). */
export function generateOfficeKeys(officeId: string): OfficeKeys {
  const pem = (k: crypto.KeyPairKeyObjectResult) => ({
    publicKey: k.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    privateKey: k.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  });
  return {
    officeId,
    signing: pem(crypto.generateKeyPairSync('ed25519')),
    box: pem(crypto.generateKeyPairSync('x25519')),
  };
}

export function publicKeysOf(keys: OfficeKeys): PublicOfficeKeys {
  return { officeId: keys.officeId, signing: keys.signing.publicKey, box: keys.box.publicKey };
}

/** A short stable name of a public key: what a clerk compares by phone when enrolling. */
export function fingerprint(publicKeyPem: string): string {
  const der = crypto.createPublicKey(publicKeyPem).export({ type: 'spki', format: 'der' });
  return crypto.createHash('sha256').update(der).digest('hex').slice(0, 32);
}

interface Header {
  /** fingerprint of the recipient's X25519 key */
  to: string;
  /** the sender's ephemeral X25519 public key (PEM) */
  epk: string;
  nonce: string;
}

interface Inner {
  from: string;
  fromKey: string;
  to: string;
  /** base64 Ed25519 signature over to + fromKey + sha256(body) */
  sig: string;
  /** a township's first package: its public keys and the enrollment token the county issued */
  intro?: Introduction;
}

/** How a newly enrolled office makes its keys known: inside its first (encrypted) package. */
export interface Introduction {
  signing: string;
  box: string;
  token: string;
}

function contentKey(shared: Buffer, header: Header): Buffer {
  return Buffer.from(
    crypto.hkdfSync(
      'sha256',
      shared,
      Buffer.from(header.nonce, 'base64'),
      `xftz-package-v${ENVELOPE_FORMAT}|${header.to}`,
      32,
    ),
  );
}

function signed(to: string, fromKey: string, body: Buffer): Buffer {
  return Buffer.concat([
    Buffer.from(`${to}\n${fromKey}\n`),
    crypto.createHash('sha256').update(body).digest(),
  ]);
}

/** Seals a body from one office to another. */
export function seal(body: Buffer, from: OfficeKeys, to: PublicOfficeKeys, introToken?: string): Buffer {
  if (body.length > BODY_MAX_BYTES) throw new UserError('交换包内容过大，请分批导出');
  const ephemeral = crypto.generateKeyPairSync('x25519');
  const header: Header = {
    to: fingerprint(to.box),
    epk: ephemeral.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    nonce: crypto.randomBytes(12).toString('base64'),
  };
  const fromKey = fingerprint(from.signing.publicKey);
  const sig = crypto
    .sign(null, signed(header.to, fromKey, body), crypto.createPrivateKey(from.signing.privateKey))
    .toString('base64');
  const inner: Inner = { from: from.officeId, fromKey, to: to.officeId, sig };
  if (introToken)
    inner.intro = { signing: from.signing.publicKey, box: from.box.publicKey, token: introToken };
  const innerBytes = Buffer.from(JSON.stringify(inner));
  const plain = Buffer.concat([u32(innerBytes.length), innerBytes, zlib.gzipSync(body)]);

  const shared = crypto.diffieHellman({
    privateKey: ephemeral.privateKey,
    publicKey: crypto.createPublicKey(to.box),
  });
  const headerBytes = Buffer.from(JSON.stringify(header));
  const cipher = crypto.createCipheriv(
    'aes-256-gcm',
    contentKey(shared, header),
    Buffer.from(header.nonce, 'base64'),
  );
  const prefix = Buffer.concat([MAGIC, u16(ENVELOPE_FORMAT), u32(headerBytes.length), headerBytes]);
  cipher.setAAD(prefix);
  const encrypted = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([prefix, encrypted, cipher.getAuthTag()]);
}

export interface Opened {
  /** the sending office */
  from: string;
  /** fingerprint of the key that signed it */
  fromKey: string;
  body: Buffer;
  /** set when the sender was accepted by its introduction (its first package after enrollment) */
  intro?: Introduction;
}

/**
 * Opens a package addressed to `self`, checking it came from a known sender. `senders` maps an
 * office id to its enrolled public signing key (PEM); a revoked office is simply absent.
 */
export interface OpenOptions {
  /** an office's name for messages */
  names?: (officeId: string) => string;
  /** the largest body accepted after decompression */
  maxBodyBytes?: number;
  /** whether an office not yet holding enrolled keys may introduce itself with this token */
  introduce?: (officeId: string, token: string) => boolean;
}

export function open(
  file: Buffer,
  self: OfficeKeys,
  senders: ReadonlyMap<string, string>,
  opts: OpenOptions = {},
): Opened {
  const names = opts.names ?? ((id: string) => id);
  if (file.length < MAGIC.length || !file.subarray(0, MAGIC.length).equals(MAGIC)) {
    throw new UserError('这不是信访台账的交换包（文件格式不符），未作任何改动');
  }
  if (file.length < MAGIC.length + 6) throw new UserError('交换包不完整（文件可能没有复制完），未作任何改动');
  const format = file.readUInt16BE(MAGIC.length);
  if (format > ENVELOPE_FORMAT)
    throw new UserError(`交换包格式版本为 ${format}，本软件只支持到 ${ENVELOPE_FORMAT}，请先升级软件再导入`);
  if (format < 1) throw new UserError('交换包格式版本无效，未作任何改动');
  const headerLength = file.readUInt32BE(MAGIC.length + 2);
  const headerStart = MAGIC.length + 6;
  if (headerLength > HEADER_MAX || file.length < headerStart + headerLength + TAG_BYTES) {
    throw new UserError('交换包不完整（文件可能没有复制完），未作任何改动');
  }
  let header: Header;
  try {
    header = JSON.parse(file.subarray(headerStart, headerStart + headerLength).toString()) as Header;
  } catch {
    throw new UserError('交换包已损坏（文件头无法读取），未作任何改动');
  }
  if (header.to !== fingerprint(self.box.publicKey)) {
    throw new UserError(
      '此交换包不是发给本单位的（收件密钥不符），未作任何改动。请确认选择了发给本单位的文件',
    );
  }
  const prefix = file.subarray(0, headerStart + headerLength);
  const encrypted = file.subarray(prefix.length, file.length - TAG_BYTES);
  let plain: Buffer;
  try {
    const shared = crypto.diffieHellman({
      privateKey: crypto.createPrivateKey(self.box.privateKey),
      publicKey: crypto.createPublicKey(header.epk),
    });
    const decipher = crypto.createDecipheriv(
      'aes-256-gcm',
      contentKey(shared, header),
      Buffer.from(header.nonce, 'base64'),
    );
    decipher.setAAD(prefix);
    decipher.setAuthTag(file.subarray(file.length - TAG_BYTES));
    plain = Buffer.concat([decipher.update(encrypted), decipher.final()]);
  } catch {
    throw new UserError('交换包已损坏或被改动（校验未通过），未作任何改动。请重新复制或让对方重新导出');
  }
  // anyone holding our public key can encrypt to us: what is inside is not trusted until signed
  let inner: Inner;
  let innerLength: number;
  try {
    innerLength = plain.readUInt32BE(0);
    inner = JSON.parse(plain.subarray(4, 4 + innerLength).toString()) as Inner;
    if (typeof inner.from !== 'string' || typeof inner.fromKey !== 'string' || typeof inner.sig !== 'string')
      throw new Error('inner');
  } catch {
    throw new UserError('交换包已损坏（发送方信息无法读取），未作任何改动');
  }
  let enrolled = senders.get(inner.from);
  let intro: Introduction | undefined;
  if (
    !enrolled &&
    inner.intro &&
    typeof inner.intro.token === 'string' &&
    opts.introduce?.(inner.from, inner.intro.token)
  ) {
    try {
      if (fingerprint(inner.intro.signing) !== inner.fromKey) throw new Error('key');
      fingerprint(inner.intro.box);
    } catch {
      throw new UserError('交换包中的登记密钥无效，已拒绝导入');
    }
    enrolled = inner.intro.signing;
    intro = inner.intro;
  }
  if (!enrolled)
    throw new UserError(`交换包的发送单位“${names(inner.from)}”未在本单位登记或已被撤销，已拒绝导入`);
  if (fingerprint(enrolled) !== inner.fromKey) {
    throw new UserError(
      `交换包由“${names(inner.from)}”的另一把密钥签名（与登记的不符），已拒绝导入。如对方更换了电脑，请先重新登记`,
    );
  }
  let body: Buffer;
  try {
    body = zlib.gunzipSync(plain.subarray(4 + innerLength), {
      maxOutputLength: opts.maxBodyBytes ?? BODY_MAX_BYTES,
    });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE')
      throw new UserError('交换包解压后超出允许的大小，已拒绝导入');
    throw new UserError('交换包内容已损坏（解压失败），未作任何改动');
  }
  if (
    !crypto.verify(
      null,
      signed(header.to, inner.fromKey, body),
      crypto.createPublicKey(enrolled),
      Buffer.from(inner.sig, 'base64'),
    )
  ) {
    throw new UserError(`交换包签名无效（不是“${names(inner.from)}”签发的），已拒绝导入`);
  }
  return { from: inner.from, fromKey: inner.fromKey, body, intro };
}

function u16(n: number): Buffer {
  const b = Buffer.alloc(2);
  b.writeUInt16BE(n);
  return b;
}
function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
}
