import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { formatCaseNo } from '../../src-main/services/register';
import { TOWNSHIP_CODE, call, countOf, createTownship, sampleIntake, type Township } from '../helpers/store';

/**
 * The query code comes from crypto.randomInt. The tests can script its draws to force a
 * collision or to walk the whole alphabet; unscripted draws stay really random.
 */
const rng = vi.hoisted(() => ({ script: [] as ((n: number) => number)[] }));
vi.mock('node:crypto', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:crypto')>();
  const randomInt = (...args: unknown[]) => {
    const next = rng.script.shift();
    if (next && typeof args[0] === 'number' && args.length === 1) return next(args[0]);
    return (real.randomInt as (...a: unknown[]) => number)(...args);
  };
  return { ...real, default: { ...real, randomInt }, randomInt };
});

const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

let t: Township;
beforeEach(async () => {
  rng.script = [];
  t = await createTownship();
});
afterEach(() => t.cleanup());

const create = (receivedAt: string) => call(t.store, 'cases.create', sampleIntake({ receivedAt }));

describe('case numbers', () => {
  it('formats office code, year and a five-digit sequence', () => {
    expect(formatCaseNo('330102001', 2026, 1)).toBe('330102001-2026-00001');
    expect(formatCaseNo('330102001', 2026, 12)).toBe('330102001-2026-00012');
    expect(formatCaseNo('330102001', 2025, 12345)).toBe('330102001-2025-12345');
  });

  it('numbers each office’s cases per year of receipt, restarting at 00001 in a new year', async () => {
    const a = await create('2025-12-30T10:00');
    const b = await create('2025-12-31T23:59');
    const c = await create('2026-01-01T00:00');
    const d = await create('2026-01-02T08:15');
    expect([a.caseNo, b.caseNo, c.caseNo, d.caseNo]).toEqual([
      '330102001-2025-00001',
      '330102001-2025-00002',
      '330102001-2026-00001',
      '330102001-2026-00002',
    ]);
    const stored = t.store.sqlite
      .prepare('SELECT case_no, year, seq, office_id FROM cases ORDER BY case_no')
      .all();
    expect(stored).toEqual([
      { case_no: '330102001-2025-00001', year: 2025, seq: 1, office_id: TOWNSHIP_CODE },
      { case_no: '330102001-2025-00002', year: 2025, seq: 2, office_id: TOWNSHIP_CODE },
      { case_no: '330102001-2026-00001', year: 2026, seq: 1, office_id: TOWNSHIP_CODE },
      { case_no: '330102001-2026-00002', year: 2026, seq: 2, office_id: TOWNSHIP_CODE },
    ]);
  });

  it('counts only this office’s cases (another township’s, arrived by sync, do not use up numbers)', async () => {
    const { mutate } = await import('../../src-main/services/mutation');
    const { randomUUID } = await import('node:crypto');
    // three cases of the neighbouring township 330102002, as a sync import would write them
    mutate(t.store, { actor: null, officeId: '330102002' }, (m) => {
      for (let seq = 1; seq <= 3; seq++) {
        m.insert('cases', {
          id: randomUUID(),
          officeId: '330102002',
          caseNo: formatCaseNo('330102002', 2026, seq),
          year: 2026,
          seq,
          queryCode: `NBRQ${seq + 1}${seq + 1}${seq + 1}${seq + 1}`,
          channel: 'letter',
          receivedAt: '2026-02-01T09:00',
          registeredAt: '2026-02-01T09:00',
          matterType: 'claim',
          summary: '邻镇事项',
        });
      }
    });
    expect((await create('2026-02-02T09:00')).caseNo).toBe('330102001-2026-00001');
    expect((await create('2026-02-03T09:00')).caseNo).toBe('330102001-2026-00002');
  });

  it('takes the year from the date received, not the date registered', async () => {
    // registered today (2026 or later), received in 2024
    const r = await create('2024-06-01T09:00');
    expect(r.caseNo).toBe('330102001-2024-00001');
    const detail = await call(t.store, 'cases.get', { id: r.id });
    expect(detail.registeredAt.slice(0, 4)).not.toBe('2024');
  });

  it('continues each year’s sequence when a petition of an earlier year is registered late', async () => {
    expect((await create('2026-03-01T09:00')).caseNo).toBe('330102001-2026-00001');
    expect((await create('2026-03-02T09:00')).caseNo).toBe('330102001-2026-00002');
    // a letter received last December turns up in a drawer
    expect((await create('2025-12-20T09:00')).caseNo).toBe('330102001-2025-00001');
    expect((await create('2026-03-03T09:00')).caseNo).toBe('330102001-2026-00003');
    expect((await create('2025-11-02T09:00')).caseNo).toBe('330102001-2025-00002');
    // an earlier received date in the same year still takes the next number, never a used one
    expect((await create('2026-01-05T09:00')).caseNo).toBe('330102001-2026-00004');
  });

  it('never reuses a number of a case that was later marked deleted', async () => {
    const first = await create('2026-02-01T09:00');
    const { mutate } = await import('../../src-main/services/mutation');
    mutate(t.store, { actor: null }, (m) => m.update('cases', first.id, { deleted: true }));
    expect((await create('2026-02-02T09:00')).caseNo).toBe('330102001-2026-00002');
  });

  it('gives every case a different 8-character query code from the unambiguous alphabet', async () => {
    const codes = new Set<string>();
    for (let i = 0; i < 40; i++) {
      const r = await create(`2026-0${1 + (i % 9)}-1${i % 10}T09:00`);
      expect(r.queryCode).toMatch(/^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{8}$/);
      expect(r.queryCode).not.toMatch(/[0O1IL]/);
      codes.add(r.queryCode);
    }
    expect(codes.size).toBe(40);
    const stored = t.store.sqlite.prepare('SELECT count(DISTINCT query_code) AS n FROM cases').get() as {
      n: number;
    };
    expect(stored.n).toBe(40);
  });

  it('uses exactly the 31 unambiguous characters (no 0/O, 1/I/L)', async () => {
    let k = 0;
    rng.script = Array.from({ length: 32 }, () => (n: number) => k++ % n);
    const codes = [];
    for (let i = 0; i < 4; i++) codes.push((await create(`2026-05-0${i + 1}T09:00`)).queryCode);
    expect(codes.join('').slice(0, 31)).toBe(ALPHABET);
    expect(new Set(codes.join('')).size).toBe(31);
    for (const ch of '0O1IL') expect(codes.join('')).not.toContain(ch);
  });

  it('draws again when a query code is already taken', async () => {
    const first = () => (n: number) => 0 * n; // always the first character: 22222222
    rng.script = Array.from({ length: 8 }, first);
    const a = await create('2026-05-01T09:00');
    expect(a.queryCode).toBe('22222222');
    // the second case draws 22222222 again first, then 33333333
    rng.script = [...Array.from({ length: 8 }, first), ...Array.from({ length: 8 }, () => () => 1)];
    const b = await create('2026-05-02T09:00');
    expect(b.queryCode).toBe('33333333');
    expect(rng.script).toHaveLength(0);
    expect(countOf(t.store, 'cases')).toBe(2);
  });
});
