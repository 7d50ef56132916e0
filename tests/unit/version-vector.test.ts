/** Version vectors of services/sync/version-vector.ts, checked against plain sets of numbers. */
import { describe, expect, it } from 'vitest';
import {
  covered,
  holds,
  mergeStates,
  mergeVectors,
  originState,
  type OriginState,
} from '../../src-main/services/sync/version-vector';

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

/** Random sets of sequence numbers from 1 to `max`, the same on every run. */
function randomSets(seed: number, max: number): () => number[] {
  const rnd = numbers(seed);
  return () =>
    Array.from({ length: Number(rnd.next().value) % 30 }, () => (Number(rnd.next().value) % max) + 1);
}

const sortedUnique = (...lists: number[][]) => [...new Set(lists.flat())].sort((x, y) => x - y);

describe('one origin', () => {
  it('keeps the contiguous prefix and the ranges beyond the first gap', () => {
    expect(originState([3, 1, 2, 2, 7, 8, 10])).toEqual({
      contiguous: 3,
      beyond: [
        { from: 7, to: 8 },
        { from: 10, to: 10 },
      ],
    });
    expect(originState([])).toEqual({ contiguous: 0, beyond: [] });
    expect(originState([5, 6])).toEqual({ contiguous: 0, beyond: [{ from: 5, to: 6 }] });
  });

  it('holds exactly the numbers it was made from', () => {
    expect([4, 7, 9, 10, 11].map((n) => holds(originState([1, 2, 3, 7, 8, 10]), n))).toEqual([
      false,
      true,
      false,
      true,
      false,
    ]);
    expect(holds(undefined, 1)).toBe(false);
    const pick = randomSets(3, 40);
    for (let round = 0; round < 200; round++) {
      const a = pick();
      const state = originState(a);
      expect(spell(state), `round ${round}`).toEqual(sortedUnique(a));
      for (let n = 1; n <= 42; n++) expect(holds(state, n), `round ${round}, ${n}`).toBe(a.includes(n));
    }
  });

  it('covers a run of numbers only when it holds every one of them', () => {
    expect(covered(undefined, 1, 1)).toBe(false);
    const pick = randomSets(11, 25);
    for (let round = 0; round < 100; round++) {
      const a = pick();
      const state = originState(a);
      for (let from = 1; from <= 26; from++) {
        for (let to = from; to <= 26; to++) {
          const every = Array.from({ length: to - from + 1 }, (_, i) => from + i).every((n) => a.includes(n));
          expect(covered(state, from, to), `round ${round}, ${from}–${to}`).toBe(every);
        }
      }
    }
  });

  it('merging equals the union of the numbers, in any order, on random sets', () => {
    const pick = randomSets(42, 40);
    for (let round = 0; round < 200; round++) {
      const a = pick();
      const b = pick();
      expect(spell(mergeStates(originState(a), originState(b)))).toEqual(sortedUnique(a, b));
      expect(mergeStates(originState(a), originState(b))).toEqual(
        mergeStates(originState(b), originState(a)),
      );
      expect(mergeStates(originState(a), originState(a))).toEqual(originState(a));
    }
  });
});

describe('between offices', () => {
  it('what a peer counts as having (what it holds, and what was judged not its concern) is the union per origin', () => {
    const pick = randomSets(7, 30);
    for (let round = 0; round < 200; round++) {
      const [held1, heldCounty, passed1, passed2] = [pick(), pick(), pick(), pick()];
      const sent = mergeVectors(
        { t1: originState(held1), county: originState(heldCounty) },
        { t1: originState(passed1), t2: originState(passed2) },
      );
      expect(Object.keys(sent).sort(), `round ${round}`).toEqual(['county', 't1', 't2']);
      expect(spell(sent.t1), `t1 round ${round}`).toEqual(sortedUnique(held1, passed1));
      expect(spell(sent.county), `county round ${round}`).toEqual(sortedUnique(heldCounty));
      expect(spell(sent.t2), `t2 round ${round}`).toEqual(sortedUnique(passed2));
    }
  });
});
