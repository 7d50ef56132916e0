/**
 * What a register holds of each origin's operations, as a version vector: per origin
 * installation, the highest sequence number below which nothing is missing, plus the ranges it
 * holds above a gap. Sync decides what is new by these numbers, never by time (clocks on township
 * PCs drift), and a gap names exactly which operations — which package — never arrived.
 */

/** Inclusive range of sequence numbers. */
export interface SeqRange {
  from: number;
  to: number;
}

export interface OriginState {
  /** every sequence 1..contiguous is held */
  contiguous: number;
  /** ranges held beyond the first gap, ascending and disjoint */
  beyond: SeqRange[];
}

export type VersionVector = Record<string, OriginState>;

/** The state of one origin from the sequence numbers held, in any order, duplicates allowed. */
export function originState(seqs: Iterable<number>): OriginState {
  const sorted = [...new Set(seqs)].filter((n) => Number.isInteger(n) && n > 0).sort((a, b) => a - b);
  let contiguous = 0;
  let i = 0;
  while (i < sorted.length && sorted[i] === contiguous + 1) contiguous = sorted[i++];
  const beyond: SeqRange[] = [];
  for (; i < sorted.length; i++) {
    const last = beyond[beyond.length - 1];
    if (last && sorted[i] === last.to + 1) last.to = sorted[i];
    else beyond.push({ from: sorted[i], to: sorted[i] });
  }
  return { contiguous, beyond };
}

export function holds(state: OriginState | undefined, seq: number): boolean {
  if (!state) return false;
  return seq <= state.contiguous || state.beyond.some((r) => seq >= r.from && seq <= r.to);
}

/** Whether every sequence number from `from` to `to` is held (a stored batch's run of operations). */
export function covered(state: OriginState | undefined, from: number, to: number): boolean {
  if (!state) return false;
  if (to <= state.contiguous) return true;
  return heldRanges(state).some((r) => r.from <= from && r.to >= to);
}

/** The union of two states of the same origin. */
export function mergeStates(a: OriginState, b: OriginState): OriginState {
  const ranges = [...heldRanges(a), ...heldRanges(b)].sort((x, y) => x.from - y.from);
  const merged: SeqRange[] = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r.from <= last.to + 1) last.to = Math.max(last.to, r.to);
    else merged.push({ ...r });
  }
  const head = merged[0]?.from === 1 ? merged.shift()!.to : 0;
  return { contiguous: head, beyond: merged };
}

export function mergeVectors(a: VersionVector, b: VersionVector): VersionVector {
  const out: VersionVector = { ...a };
  for (const [origin, state] of Object.entries(b))
    out[origin] = out[origin] ? mergeStates(out[origin], state) : state;
  return out;
}

/** The ranges an origin state holds, ascending. */
function heldRanges(state: OriginState | undefined): SeqRange[] {
  if (!state) return [];
  return [...(state.contiguous ? [{ from: 1, to: state.contiguous }] : []), ...state.beyond];
}
