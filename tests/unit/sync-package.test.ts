/**
 * The package body (services/sync/package.ts): each batch's signature is checked over its
 * operations' bytes exactly as carried in the body, those bytes are exactly what the operations
 * were parsed from, and every operation is checked for shape, each bad one refused in Chinese.
 */
import { describe, expect, it } from 'vitest';
import { refusal } from '../helpers/refusal';
import { generateOfficeKeys } from '../../src-main/services/sync/envelope';
import {
  decodePackageBody,
  encodeBody,
  fromTuple,
  signBatch,
  verifyBatch,
  type Batch,
  type OpTuple,
  type PackageBody,
} from '../../src-main/services/sync/package';

const town = generateOfficeKeys('330102001');
const other = generateOfficeKeys('330102002');
const ORIGIN = '0123456789abcdef';

function tuple(
  seq: number,
  data: Record<string, unknown>,
  extra: Partial<{ tbl: string; op: 'insert' | 'update'; base: string | null }> = {},
): OpTuple {
  const hlc = `2025-03-0${1 + (seq % 9)}T08:00:00.${String(seq % 1000).padStart(3, '0')}Z-0000-${ORIGIN}`;
  return [
    ORIGIN,
    seq,
    hlc,
    town.officeId,
    null,
    extra.tbl ?? 'cases',
    `row-${seq}`,
    extra.op ?? 'insert',
    JSON.stringify(data),
    extra.base ?? null,
  ];
}

/** Text that is hard on a reader of JSON's structure: quotes, backslashes, brackets, CJK, emoji. */
const AWKWARD = ['反映“土地”问题', 'a"b\\c', '\\', '}]},{"ops":[', '[[[', '\u2028\u0000\t', '😀 征收补偿'];
const ops = AWKWARD.map((s, i) =>
  tuple(
    i + 1,
    { summary: s, nested: { list: [s, i] } },
    i % 2 ? { op: 'update', base: JSON.stringify({ summary: [s] }) } : {},
  ),
);

function makeBody(batches: Batch[]): PackageBody {
  return {
    kind: 'xftz-sync',
    format: 1,
    schema: 10,
    from: { officeId: town.officeId, name: '示范镇 "ops":[]', installation: ORIGIN },
    to: '330102',
    seq: 1,
    prev: null,
    createdAt: '2025-03-01T08:00:00',
    vector: { [ORIGIN]: { contiguous: ops.length, beyond: [{ from: 9, to: 12 }] } },
    batches,
    vouched: { '330102001': ['-----BEGIN PUBLIC KEY-----\n…\n-----END PUBLIC KEY-----\n'] },
    files: [],
  };
}

const signed = signBatch(town, ops.map(fromTuple));
const keys = [town.signing.publicKey];
const name = () => '示范镇';

/** Decodes and verifies every batch as openPackage does. */
function openBody(bytes: Buffer) {
  const { body, carriedOps } = decodePackageBody(bytes);
  body.batches.forEach((b, i) => verifyBatch(b, keys, name, carriedOps[i]));
  return { body, carriedOps };
}

describe('the operations as carried', () => {
  it('are found byte for byte: the signer’s own text, and the operations parsed from them', () => {
    const second = signBatch(town, ops.slice(2, 5).map(fromTuple));
    const { body, carriedOps } = openBody(encodeBody(makeBody([signed, { ...second, keyFp: second.keyFp }])));
    expect(carriedOps).toHaveLength(2);
    expect(carriedOps[0].toString()).toBe(JSON.stringify(ops));
    expect(carriedOps[1].toString()).toBe(JSON.stringify(ops.slice(2, 5)));
    body.batches.forEach((b, i) => expect(JSON.parse(carriedOps[i].toString())).toEqual(b.ops));
    expect(body.batches[0].ops).toEqual(ops);
  });

  it('are found in a body laid out differently (spaces, another key order, no batches)', () => {
    const { batches: _, ...rest } = makeBody([]);
    const batch = { sig: signed.sig, ops: signed.ops, officeId: signed.officeId, keyFp: signed.keyFp };
    const laidOut = Buffer.from(JSON.stringify({ batches: [batch, batch], ...rest }, null, 3));
    const { body, carriedOps } = openBody(laidOut);
    expect(carriedOps).toHaveLength(2);
    carriedOps.forEach((c) => expect(JSON.parse(c.toString())).toEqual(body.batches[0].ops));
    expect(carriedOps[0].toString()).toContain('\n');
    expect(openBody(encodeBody(makeBody([]))).carriedOps).toEqual([]);
  });

  it('verify when written with other escapes than the signer’s (checked over the operations serialized again)', () => {
    const text = encodeBody(makeBody([signed]))
      .toString()
      .replace('"insert"', '"\\u0069nsert"');
    const { carriedOps } = openBody(Buffer.from(text));
    expect(carriedOps[0].toString()).toContain('\\u0069nsert');
  });
});

describe('refusals', () => {
  const bytesOf = (b: PackageBody) => encodeBody(b);

  it('an operation changed after signing, and a batch signed by another office’s key', () => {
    const changed = {
      ...signed,
      ops: signed.ops.map((t, i) =>
        i === 3 ? ([...t.slice(0, 8), t[8].replace('a', 'A'), t[9]] as OpTuple) : t,
      ),
    };
    expect(refusal(() => openBody(bytesOf(makeBody([changed]))))).toBe(
      '交换包中有一批记录的签名无效（不是“示范镇”签发的），已拒绝导入，未作任何改动',
    );
    const forged = { ...signBatch(other, ops.map(fromTuple)), officeId: town.officeId, keyFp: signed.keyFp };
    expect(refusal(() => openBody(bytesOf(makeBody([forged]))))).toMatch(/签名无效/);
    // an operation dropped, or two batches' signatures swapped
    expect(refusal(() => openBody(bytesOf(makeBody([{ ...signed, ops: signed.ops.slice(1) }]))))).toMatch(
      /签名无效/,
    );
    const second = signBatch(town, ops.slice(0, 2).map(fromTuple));
    expect(
      refusal(() =>
        openBody(
          bytesOf(
            makeBody([
              { ...signed, sig: second.sig },
              { ...second, sig: signed.sig },
            ]),
          ),
        ),
      ),
    ).toMatch(/签名无效/);
  });

  it('a batch or a body repeating a key (JSON.parse keeps the last: the signed one could hide another)', () => {
    const honest = encodeBody(makeBody([signed])).toString();
    const evil = JSON.stringify([tuple(1, { summary: '伪造' })]);
    const opsAt = honest.indexOf('"ops":');
    // signed operations first, others after: parsed would be the others
    const after = `${honest.slice(0, opsAt)}"ops":${JSON.stringify(signed.ops)},"ops":${evil}${honest.slice(opsAt + 6 + JSON.stringify(signed.ops).length)}`;
    expect(refusal(() => openBody(Buffer.from(after)))).toBe('交换包内容不完整或格式不符，未作任何改动');
    // the key written with an escape is the same key
    const escaped = after.replace(',"ops":[[', ',"\\u006fps":[[');
    expect(refusal(() => openBody(Buffer.from(escaped)))).toBe('交换包内容不完整或格式不符，未作任何改动');
    // a second list of batches at the top
    const twice = honest.replace('"vouched":', `"batches":[],"vouched":`);
    expect(refusal(() => openBody(Buffer.from(twice)))).toBe('交换包内容不完整或格式不符，未作任何改动');
  });

  it('every operation not of the carried shape', () => {
    const t = ops[0];
    const bad: unknown[] = [
      t.slice(0, 9),
      [...t, null],
      [t[0].toUpperCase(), ...t.slice(1)],
      [t[0], 0, ...t.slice(2)],
      [t[0], 1.5, ...t.slice(2)],
      [t[0], 2 ** 53, ...t.slice(2)],
      [t[0], '1', ...t.slice(2)],
      [t[0], t[1], '2025-03-01 08:00:00', ...t.slice(3)],
      [...t.slice(0, 3), null, ...t.slice(4)],
      [...t.slice(0, 4), 7, ...t.slice(5)],
      [...t.slice(0, 5), 'Cases', ...t.slice(6)],
      [...t.slice(0, 6), '', ...t.slice(7)],
      [...t.slice(0, 7), 'delete', ...t.slice(8)],
      [...t.slice(0, 8), { summary: 'x' }, t[9]],
      [...t.slice(0, 9), 1],
      { ...t },
      null,
    ];
    for (const b of bad) {
      const body = makeBody([{ ...signed, ops: [...signed.ops, b as OpTuple] }]);
      expect(
        refusal(() => decodePackageBody(bytesOf(body))),
        JSON.stringify(b),
      ).toBe('交换包内容不完整或格式不符，未作任何改动');
    }
    expect(
      refusal(() =>
        decodePackageBody(
          bytesOf({ ...makeBody([]), batches: [{ ...signed, ops: undefined as unknown as OpTuple[] }] }),
        ),
      ),
    ).toBe('交换包内容不完整或格式不符，未作任何改动');
    // and the good ones pass: actor and base may be null or text
    expect(
      decodePackageBody(
        bytesOf(makeBody([{ ...signed, ops: [[...t.slice(0, 4), 'staff-1', ...t.slice(5)] as OpTuple] }])),
      ).body.batches[0].ops,
    ).toHaveLength(1);
  });
});
