import { describe, expect, it } from 'vitest';
import { formatHlc, parseHlc, receive, tick, type HlcState } from '../../src-main/services/hlc';

const A = '00000000000000aa';
const B = '00000000000000bb';
const T0 = Date.parse('2026-11-22T08:00:00.000Z');

describe('hybrid logical clock', () => {
  it('formats and parses back', () => {
    const s: HlcState = { millis: T0 + 123, counter: 0x2a, node: A };
    const text = formatHlc(s);
    expect(text).toBe('2026-11-22T08:00:00.123Z-002a-00000000000000aa');
    expect(parseHlc(text)).toEqual(s);
  });

  it('refuses malformed stamps', () => {
    expect(() => parseHlc('2026-11-22T08:00:00.123Z-002a')).toThrow(/invalid HLC/);
    expect(() => parseHlc('2026-11-22T08:00:00Z-0000-00000000000000aa')).toThrow(/invalid HLC/);
    expect(() => parseHlc('garbage')).toThrow(/invalid HLC/);
  });

  it('follows the wall clock when it moves forward', () => {
    const s = tick({ millis: T0, counter: 7, node: A }, T0 + 5);
    expect(s).toEqual({ millis: T0 + 5, counter: 0, node: A });
  });

  it('keeps increasing when the wall clock stands still or goes backwards', () => {
    let s: HlcState = { millis: T0, counter: 0, node: A };
    const stamps = [formatHlc(s)];
    // the clock is set back an hour, then stands still
    for (const now of [T0 - 3_600_000, T0 - 3_600_000, T0 - 1, T0, T0 - 50]) {
      const next = tick(s, now);
      expect(next.millis).toBe(T0); // never goes back with the clock
      stamps.push(formatHlc(next));
      s = next;
    }
    expect(s.counter).toBe(5);
    for (let i = 1; i < stamps.length; i++) expect(stamps[i] > stamps[i - 1]).toBe(true);
  });

  it('moves to the next millisecond when the counter is exhausted', () => {
    const s = tick({ millis: T0, counter: 0xffff, node: A }, T0 - 10);
    expect(s).toEqual({ millis: T0 + 1, counter: 0, node: A });
    expect(formatHlc(s) > formatHlc({ millis: T0, counter: 0xffff, node: A })).toBe(true);
  });

  it('orders stamps by plain string comparison: time, then counter, then node', () => {
    const stamps = [
      { millis: T0, counter: 0x10, node: A },
      { millis: T0, counter: 0x9, node: B },
      { millis: T0 + 1, counter: 0, node: A },
      { millis: T0, counter: 0x9, node: A },
      { millis: T0 - 1000, counter: 0xfff, node: B },
    ].map(formatHlc);
    const sorted = [...stamps].sort();
    expect(sorted).toEqual([stamps[4], stamps[3], stamps[1], stamps[0], stamps[2]]);
  });

  describe('receive', () => {
    const local: HlcState = { millis: T0, counter: 3, node: A };

    it('jumps ahead of a remote stamp from a faster clock, keeping its own node', () => {
      const remote: HlcState = { millis: T0 + 60_000, counter: 9, node: B };
      const s = receive(local, remote, T0 + 1);
      expect(s).toEqual({ millis: T0 + 60_000, counter: 10, node: A });
      expect(formatHlc(s) > formatHlc(remote)).toBe(true);
      // and the next local stamp, though the wall clock is a minute behind, still sorts after it
      expect(formatHlc(tick(s, T0 + 2)) > formatHlc(remote)).toBe(true);
    });

    it('takes the larger counter when local and remote share the same time', () => {
      expect(receive(local, { millis: T0, counter: 8, node: B }, T0 - 5)).toEqual({
        millis: T0,
        counter: 9,
        node: A,
      });
      expect(receive({ ...local, counter: 12 }, { millis: T0, counter: 8, node: B }, T0)).toEqual({
        millis: T0,
        counter: 13,
        node: A,
      });
    });

    it('keeps its own time when the remote stamp is older', () => {
      expect(receive(local, { millis: T0 - 1000, counter: 50, node: B }, T0 - 2000)).toEqual({
        millis: T0,
        counter: 4,
        node: A,
      });
    });

    it('follows the wall clock when it is ahead of both', () => {
      expect(receive(local, { millis: T0 + 10, counter: 50, node: B }, T0 + 20)).toEqual({
        millis: T0 + 20,
        counter: 0,
        node: A,
      });
    });

    it('moves to the next millisecond when the counter would overflow', () => {
      expect(receive(local, { millis: T0, counter: 0xffff, node: B }, T0)).toEqual({
        millis: T0 + 1,
        counter: 0,
        node: A,
      });
    });
  });
});
