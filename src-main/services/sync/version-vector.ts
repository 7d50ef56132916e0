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

/** The sequence numbers missing below the highest one held: what a lost package carried. */
export function gaps(state: OriginState): SeqRange[] {
  const out: SeqRange[] = [];
  let next = state.contiguous + 1;
  for (const r of state.beyond) {
    if (r.from > next) out.push({ from: next, to: r.from - 1 });
    next = r.to + 1;
  }
  return out;
}

export function highest(state: OriginState): number {
  return state.beyond.length ? state.beyond[state.beyond.length - 1].to : state.contiguous;
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
  for (const [origin, state] of Object.entries(b)) out[origin] = out[origin] ? mergeStates(out[origin], state) : state;
  return out;
}

/** The ranges an origin state holds, ascending. */
export function heldRanges(state: OriginState | undefined): SeqRange[] {
  if (!state) return [];
  return [...(state.contiguous ? [{ from: 1, to: state.contiguous }] : []), ...state.beyond];
}

/** Ranges in `a` not covered by `b` (both ascending and disjoint). */
function subtract(a: SeqRange[], b: SeqRange[]): SeqRange[] {
  const out: SeqRange[] = [];
  let j = 0;
  for (const r of a) {
    let from = r.from;
    while (j < b.length && b[j].to < from) j++;
    for (let k = j; k < b.length && b[k].from <= r.to; k++) {
      if (b[k].from > from) out.push({ from, to: b[k].from - 1 });
      from = Math.max(from, b[k].to + 1);
    }
    if (from <= r.to) out.push({ from, to: r.to });
  }
  return out;
}

/**
 * The ranges of `mine` the other side lacks, per origin: what an export to it must carry. Ranges
 * I do not hold myself are not mine to send (they will come from whoever holds them).
 */
export function missingFrom(mine: VersionVector, theirs: VersionVector): Record<string, SeqRange[]> {
  const out: Record<string, SeqRange[]> = {};
  for (const [origin, state] of Object.entries(mine)) {
    const lack = subtract(heldRanges(state), heldRanges(theirs[origin]));
    if (lack.length) out[origin] = lack;
  }
  return out;
}
