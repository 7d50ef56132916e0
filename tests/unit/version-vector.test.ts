/** Version vectors of services/sync/version-vector.ts, checked against plain sets of numbers. */
import { describe, expect, it } from 'vitest';
import { gaps, highest, holds, mergeStates, mergeVectors, missingFrom, originState, type OriginState } from '../../src-main/services/sync/version-vector';

/** The numbers a state holds, spelled out (the reference the ranges are checked against). */
const spell = (s: OriginState): number[] => {
  const out: number[] = [];
  for (let n = 1; n <= s.contiguous; n++) out.push(n);
  for (const r of s.beyond) for (let n = r.from; n <= r.to; n++) out.push(n);
  return out;
};

/** A small deterministic generator, so the random cases are the same on every run. */
function* numbers(seed: number) {
  let x = seed;
  for (;;) {
    x = (x * 1103515245 + 12345) % 2147483648;
    yield x;
  }
}

describe('one origin', () => {
  it('keeps the contiguous prefix and the ranges beyond the first gap', () => {
    expect(originState([3, 1, 2, 2, 7, 8, 10])).toEqual({ contiguous: 3, beyond: [{ from: 7, to: 8 }, { from: 10, to: 10 }] });
    expect(originState([])).toEqual({ contiguous: 0, beyond: [] });
    expect(originState([5, 6])).toEqual({ contiguous: 0, beyond: [{ from: 5, to: 6 }] });
  });

  it('names the gaps: the operations of a package that never arrived', () => {
    const s = originState([1, 2, 3, 7, 8, 10]);
    expect(gaps(s)).toEqual([
      { from: 4, to: 6 },
      { from: 9, to: 9 },
    ]);
    expect(highest(s)).toBe(10);
    expect([4, 7, 9, 10, 11].map((n) => holds(s, n))).toEqual([false, true, false, true, false]);
  });

  it('merging equals the union of the numbers, in any order, on random sets', () => {
    const rnd = numbers(42);
    for (let round = 0; round < 200; round++) {
      const a = Array.from({ length: Number(rnd.next().value) % 30 }, () => (Number(rnd.next().value) % 40) + 1);
      const b = Array.from({ length: Number(rnd.next().value) % 30 }, () => (Number(rnd.next().value) % 40) + 1);
      const union = [...new Set([...a, ...b])].sort((x, y) => x - y);
      expect(spell(mergeStates(originState(a), originState(b)))).toEqual(union);
      expect(mergeStates(originState(a), originState(b))).toEqual(mergeStates(originState(b), originState(a)));
      expect(mergeStates(originState(a), originState(a))).toEqual(originState(a));
    }
  });
});

describe('between offices', () => {
  it('an export carries exactly what the other side lacks, per origin', () => {
    const rnd = numbers(7);
    for (let round = 0; round < 200; round++) {
      const pick = () => Array.from({ length: Number(rnd.next().value) % 25 }, () => (Number(rnd.next().value) % 30) + 1);
      const mine = { t1: originState(pick()), county: originState(pick()) };
      const theirs = { t1: originState(pick()) };
      const lack = missingFrom(mine, theirs);
      for (const origin of ['t1', 'county'] as const) {
        const expected = spell(mine[origin]).filter((n) => !(origin in theirs) || !holds(theirs[origin as 't1'], n));
        const got = (lack[origin] ?? []).flatMap((r) => Array.from({ length: r.to - r.from + 1 }, (_, i) => r.from + i));
        expect(got, `${origin} round ${round}`).toEqual(expected);
      }
      // after receiving it, they lack nothing of mine
      expect(missingFrom(mine, mergeVectors(theirs, mine))).toEqual({});
    }
  });
});
