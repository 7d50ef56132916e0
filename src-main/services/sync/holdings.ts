/**
 * What a register holds and what a peer counts as holding, in the change log's terms: the
 * version vector, the operations an origin's ranges name, and the schema a package states.
 * Shared by export.ts, import.ts and status.ts.
 */
import type Database from 'better-sqlite3';
import type { Store } from '../database';
import type { Peer } from './enrollment';
import type { Operation } from './merge';
import type { OpTuple } from './package';
import { holds, mergeVectors, type OriginState, type VersionVector } from './version-vector';

/** The origins in the change log, read from the (origin, seq) index without scanning it. */
function origins(sqlite: Database.Database): string[] {
  return (
    sqlite
      .prepare(
        `WITH RECURSIVE o(x) AS (SELECT min(origin) FROM change_log
           UNION ALL SELECT (SELECT min(origin) FROM change_log WHERE origin > o.x) FROM o WHERE o.x IS NOT NULL)
         SELECT x FROM o WHERE x IS NOT NULL`,
      )
      .all() as { x: string }[]
  ).map((r) => r.x);
}

/** This register's version vector: per origin, the runs of sequence numbers held. */
export function currentVector(store: Store): VersionVector {
  const { sqlite } = store;
  const runs = sqlite.prepare(
    `SELECT min(s) AS f, max(s) AS t FROM (SELECT origin_seq AS s, origin_seq - row_number() OVER (ORDER BY origin_seq) AS g
       FROM change_log WHERE origin = ?) GROUP BY g ORDER BY f`,
  );
  const fast = sqlite.prepare('SELECT count(*) AS n, max(origin_seq) AS m FROM change_log WHERE origin = ?');
  const out: VersionVector = {};
  for (const origin of origins(sqlite)) {
    const f = fast.get(origin) as { n: number; m: number };
    if (f.n === f.m) {
      out[origin] = { contiguous: f.m, beyond: [] };
      continue;
    }
    const ranges = runs.all(origin) as { f: number; t: number }[];
    const first = ranges[0]?.f === 1 ? ranges.shift()!.t : 0;
    out[origin] = { contiguous: first, beyond: ranges.map((r) => ({ from: r.f, to: r.t })) };
  }
  return out;
}

/** Operations of one origin the other side does not hold, in sequence order. */
export function missingOps(
  sqlite: Database.Database,
  origin: string,
  theirs: OriginState | undefined,
): Operation[] {
  const rows = sqlite
    .prepare(
      `SELECT origin, origin_seq AS seq, hlc, office_id AS officeId, actor, tbl, row_id AS rowId, op, data, base
       FROM change_log WHERE origin = ? AND origin_seq > ? ORDER BY origin_seq`,
    )
    .all(origin, theirs?.contiguous ?? 0) as Operation[];
  return theirs?.beyond.length ? rows.filter((r) => !holds(theirs, r.seq)) : rows;
}

export function opsInRanges(sqlite: Database.Database, ranges: [string, number, number][]): Operation[] {
  const stmt = sqlite.prepare(
    `SELECT origin, origin_seq AS seq, hlc, office_id AS officeId, actor, tbl, row_id AS rowId, op, data, base
     FROM change_log WHERE origin = ? AND origin_seq BETWEEN ? AND ? ORDER BY origin_seq`,
  );
  return ranges.flatMap(([o, f, t]) => stmt.all(o, f, t) as Operation[]);
}

/** Sequence ranges of a batch's operations as carried, in order: how a stored batch names its operations. */
export function rangesOf(ops: OpTuple[]): [string, number, number][] {
  const out: [string, number, number][] = [];
  for (const t of ops) {
    const origin = t[0];
    const seq = t[1];
    const last = out[out.length - 1];
    if (last && last[0] === origin && last[2] + 1 === seq) last[2] = seq;
    else out.push([origin, seq, seq]);
  }
  return out;
}

/**
 * What a peer counts as having: what it said it holds, and this office's operations an export
 * judged not to concern it (they are never sent, so it will never hold them).
 */
export function sentTo(peer: Peer): VersionVector {
  return mergeVectors(JSON.parse(peer.vector) as VersionVector, JSON.parse(peer.skipped) as VersionVector);
}

/** The register's schema, as a package states its sender's: the number of migrations applied. */
export function schemaVersion(store: Store): number {
  return (store.sqlite.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get() as { n: number }).n;
}
