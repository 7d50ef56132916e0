/**
 * The sealed envelope of a sync package (services/sync/envelope.ts): what is sealed for an office
 * opens there and only there, from an enrolled sender only, and every damaged or foreign file is
 * refused with a Chinese message before its body is read.
 */
import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { refusal } from '../helpers/refusal';
import {
  ENVELOPE_FORMAT,
  fingerprint,
  generateOfficeKeys,
  open,
  publicKeysOf,
  seal,
} from '../../src-main/services/sync/envelope';

const county = generateOfficeKeys('330102');
const township = generateOfficeKeys('330102001');
const other = generateOfficeKeys('330102002');
const enrolled = new Map([[county.officeId, county.signing.publicKey]]);
const body = Buffer.from(
  JSON.stringify({
    ops: Array.from({ length: 200 }, (_, i) => ({
      seq: i + 1,
      tbl: 'cases',
      data: { summary: `反映第${i}号问题` },
    })),
  }),
);

describe('sealing and opening', () => {
  it('opens at the recipient with the sender and the exact body', () => {
    const file = seal(body, county, publicKeysOf(township));
    const opened = open(file, township, enrolled);
    expect(opened.from).toBe('330102');
    expect(opened.fromKey).toBe(fingerprint(county.signing.publicKey));
    expect(opened.body.equals(body)).toBe(true);
  });

  it('hides the body and the sender: neither appears in the file', () => {
    const file = seal(body, county, publicKeysOf(township));
    expect(file.includes(Buffer.from('反映第'))).toBe(false);
    expect(file.includes(Buffer.from('330102'))).toBe(false);
    // two seals of the same body differ (fresh ephemeral key and nonce) and both open
    const again = seal(body, county, publicKeysOf(township));
    expect(again.equals(file)).toBe(false);
    expect(open(again, township, enrolled).body.equals(body)).toBe(true);
  });
});

describe('refusals, each before the body is read', () => {
  const file = seal(body, county, publicKeysOf(township));

  it('a file that is not a package', () => {
    expect(refusal(() => open(Buffer.from('PK\x03\x04 not ours'), township, enrolled))).toMatch(
      /不是信访台账的交换包/,
    );
    expect(refusal(() => open(Buffer.alloc(0), township, enrolled))).toMatch(/不是信访台账的交换包/);
  });

  it('a truncated file, cut anywhere', () => {
    for (const cut of [8, 40, 300, Math.floor(file.length / 2), file.length - 1]) {
      expect(
        refusal(() => open(file.subarray(0, cut), township, enrolled)),
        `cut at ${cut}`,
      ).toMatch(/不完整|损坏/);
    }
  });

  it('a single flipped bit anywhere after the format field', () => {
    const positions = [
      7,
      12,
      60,
      200,
      Math.floor(file.length / 3),
      Math.floor((2 * file.length) / 3),
      file.length - 20,
      file.length - 1,
    ];
    for (const at of positions) {
      const bad = Buffer.from(file);
      bad[at] ^= 0x04;
      expect(
        refusal(() => open(bad, township, enrolled)),
        `bit at ${at}`,
      ).toMatch(/损坏|不完整|不是发给本单位/);
    }
  });

  it('a package for another office', () => {
    expect(refusal(() => open(file, other, enrolled))).toMatch(/不是发给本单位的/);
  });

  it('an unknown or revoked sender, and a sender signing with a key other than the enrolled one', () => {
    expect(refusal(() => open(file, township, new Map(), { names: () => '示范县信访局' }))).toBe(
      '交换包的发送单位“示范县信访局”未在本单位登记或已被撤销，已拒绝导入',
    );
    const replaced = new Map([[county.officeId, generateOfficeKeys('330102').signing.publicKey]]);
    expect(refusal(() => open(file, township, replaced))).toMatch(/另一把密钥签名/);
  });

  it('a newer format', () => {
    const newer = Buffer.from(file);
    newer.writeUInt16BE(ENVELOPE_FORMAT + 1, 4);
    expect(refusal(() => open(newer, township, enrolled))).toBe(
      `交换包格式版本为 ${ENVELOPE_FORMAT + 1}，本软件只支持到 ${ENVELOPE_FORMAT}，请先升级软件再导入`,
    );
  });

  it('a body that decompresses beyond the limit (a decompression bomb)', () => {
    const bomb = seal(Buffer.alloc(4 * 1024 * 1024), county, publicKeysOf(township));
    expect(bomb.length).toBeLessThan(64 * 1024); // zeros compress a thousandfold
    expect(refusal(() => open(bomb, township, enrolled, { maxBodyBytes: 1024 * 1024 }))).toBe(
      '交换包解压后超出允许的大小，已拒绝导入',
    );
  });

  it('a signature made by someone else with the sender named inside', () => {
    // a forger who knows the township's public key seals a body claiming to be the county
    const forger = { ...generateOfficeKeys('330102'), officeId: '330102' };
    const forged = seal(body, forger, publicKeysOf(township));
    expect(refusal(() => open(forged, township, enrolled))).toMatch(/另一把密钥签名/);
    // and one that also copies the county's key fingerprint still fails the signature
    const copy = {
      ...forger,
      signing: { publicKey: county.signing.publicKey, privateKey: forger.signing.privateKey },
    };
    expect(refusal(() => open(seal(body, copy, publicKeysOf(township)), township, enrolled))).toMatch(
      /签名无效/,
    );
  });
});

describe('keys', () => {
  it('fingerprints are stable, distinct and short enough to read out by phone', () => {
    expect(fingerprint(county.signing.publicKey)).toBe(
      fingerprint(
        crypto.createPublicKey(county.signing.publicKey).export({ type: 'spki', format: 'pem' }).toString(),
      ),
    );
    expect(fingerprint(county.signing.publicKey)).not.toBe(fingerprint(township.signing.publicKey));
    expect(fingerprint(county.box.publicKey)).toMatch(/^[0-9a-f]{32}$/);
  });
});
