/**
 * Hybrid logical clock. A timestamp is `<ISO time>-<counter, 4 hex>-<node, 16 hex>`, so plain
 * string comparison orders events causally and breaks ties by installation. A wall clock that
 * runs behind is absorbed by the counter; skew is reported by the caller, never fatal.
 */
export interface HlcState {
  millis: number;
  counter: number;
  node: string;
}

const MAX_COUNTER = 0xffff;

export function formatHlc(s: HlcState): string {
  return `${new Date(s.millis).toISOString()}-${s.counter.toString(16).padStart(4, '0')}-${s.node}`;
}

export function parseHlc(text: string): HlcState {
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)-([0-9a-f]{4})-([0-9a-f]{16})$/.exec(text);
  if (!m) throw new Error(`invalid HLC timestamp: ${text}`);
  return { millis: Date.parse(m[1]), counter: parseInt(m[2], 16), node: m[3] };
}

/** Next local timestamp after `last`, given the wall clock `now`. */
export function tick(last: HlcState, now: number): HlcState {
  if (now > last.millis) return { millis: now, counter: 0, node: last.node };
  if (last.counter >= MAX_COUNTER) return { millis: last.millis + 1, counter: 0, node: last.node };
  return { millis: last.millis, counter: last.counter + 1, node: last.node };
}

/** Merge a remote timestamp (on import) so later local stamps sort after it. */
export function receive(last: HlcState, remote: HlcState, now: number): HlcState {
  const millis = Math.max(last.millis, remote.millis, now);
  let counter: number;
  if (millis === last.millis && millis === remote.millis)
    counter = Math.max(last.counter, remote.counter) + 1;
  else if (millis === last.millis) counter = last.counter + 1;
  else if (millis === remote.millis) counter = remote.counter + 1;
  else counter = 0;
  if (counter > MAX_COUNTER) return { millis: millis + 1, counter: 0, node: last.node };
  return { millis, counter, node: last.node };
}
