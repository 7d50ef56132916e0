/**
 * The convergence property of sync by file (fast-check): three townships and the county make
 * random intakes, edits, workflow steps and deletions; packages are exported at random moments
 * and delivered in random order, some lost, some offered twice. After everyone has exchanged
 * until nothing is left unconfirmed:
 * - every township holds exactly what the county holds of it (cases, petitioners, events,
 *   shared settings, conflicts), field by field;
 * - every edit made anywhere is the shown value (or the same value as it), a recorded conflict
 *   version, or was replaced by a write whose author had seen it. Nothing is lost silently.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { call, sampleIntake, type Township } from '../helpers/store';
import { createCounty, createEnrolledTownship, exportTo, importFile } from '../helpers/sync';
import { mutate } from '../../src-main/services/mutation';
import { todayLocal } from '../../src-main/services/local-time';
import type { Store } from '../../src-main/services/database';

const TOWNS = ['330102001', '330102002', '330102003'];

type Action =
  | { k: 'intake'; t: number }
  | { k: 'edit'; r: number; c: number; field: 'summary' | 'content' }
  | { k: 'step'; r: number; c: number }
  | { k: 'delete'; r: number; c: number }
  | { k: 'export'; t: number; up: boolean }
  | { k: 'deliver'; p: number; twice: boolean }
  | { k: 'lose'; p: number };

const action: fc.Arbitrary<Action> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ k: fc.constant('intake' as const), t: fc.nat(2) }) },
  {
    weight: 4,
    arbitrary: fc.record({
      k: fc.constant('edit' as const),
      r: fc.nat(3),
      c: fc.nat(50),
      field: fc.constantFrom('summary' as const, 'content' as const),
    }),
  },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('step' as const), r: fc.nat(3), c: fc.nat(50) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('delete' as const), r: fc.nat(3), c: fc.nat(50) }) },
  { weight: 4, arbitrary: fc.record({ k: fc.constant('export' as const), t: fc.nat(2), up: fc.boolean() }) },
  {
    weight: 4,
    arbitrary: fc.record({ k: fc.constant('deliver' as const), p: fc.nat(20), twice: fc.boolean() }),
  },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('lose' as const), p: fc.nat(20) }) },
);

interface Edit {
  origin: string;
  hlc: string;
  caseId: string;
  field: string;
}

/** A register's cases in case-number order: the same on every run (ids are random), so a seed replays a run. */
function caseIds(store: Store, officeId: string | null): string[] {
  const sql = officeId
    ? 'SELECT id FROM cases WHERE office_id = ? ORDER BY case_no'
    : 'SELECT id FROM cases ORDER BY case_no';
  return (store.sqlite.prepare(sql).all(...(officeId ? [officeId] : [])) as { id: string }[]).map(
    (r) => r.id,
  );
}

/** Everything of one township in a register, in a stable order: what must be equal everywhere. */
function dump(store: Store, town: string): unknown {
  const q = (sql: string, ...p: unknown[]) => store.sqlite.prepare(sql).all(...p);
  const inTown = `SELECT id FROM cases WHERE office_id = '${town}'`;
  return {
    cases: q(`SELECT * FROM cases WHERE id IN (${inTown}) ORDER BY id`),
    petitioners: q(`SELECT * FROM petitioners WHERE case_id IN (${inTown}) ORDER BY id`),
    events: q(`SELECT * FROM case_events WHERE case_id IN (${inTown}) ORDER BY id`),
    // the county's list and the township's own reach both; other townships' lists stay with the county
    categories: q(
      `SELECT * FROM categories WHERE id IN (SELECT row_id FROM change_log WHERE tbl = 'categories' AND office_id IN ('330102', ?)) ORDER BY id`,
      town,
    ),
    offices: q(`SELECT * FROM offices WHERE id IN ('330102', ?) ORDER BY id`, town),
    conflicts: q(`SELECT * FROM sync_conflicts WHERE case_id IN (${inTown}) ORDER BY tbl, row_id, field`),
  };
}

/** Every edit is shown, kept as a conflict version, or was replaced by a write that had seen it. */
function lostEdits(store: Store, edits: Edit[]): Edit[] {
  return edits.filter((e) => {
    const ops = store.sqlite
      .prepare(`SELECT hlc, data, base FROM change_log WHERE tbl = 'cases' AND row_id = ? ORDER BY hlc`)
      .all(e.caseId) as {
      hlc: string;
      data: string;
      base: string | null;
    }[];
    const writers = ops.filter((o) => e.field in JSON.parse(o.data));
    const value = (o: { data: string } | undefined) =>
      o ? JSON.stringify((JSON.parse(o.data) as Record<string, unknown>)[e.field]) : undefined;
    const shown = writers[writers.length - 1];
    if (shown?.hlc === e.hlc) return false; // shown
    // two offices wrote the same value at once (both deleted the case): nothing is lost, no conflict
    if (value(shown) === value(writers.find((o) => o.hlc === e.hlc))) return false;
    if (
      writers.some(
        (o) => o.base && (JSON.parse(o.base) as Record<string, string[]>)[e.field]?.includes(e.hlc),
      )
    )
      return false; // replaced knowingly
    const conflict = store.sqlite
      .prepare(`SELECT versions FROM sync_conflicts WHERE tbl = 'cases' AND row_id = ? AND field = ?`)
      .get(e.caseId, e.field) as { versions: string } | undefined;
    return !conflict || !(JSON.parse(conflict.versions) as { hlc: string }[]).some((v) => v.hlc === e.hlc);
  });
}

describe('sync convergence (property)', () => {
  it('three townships and the county converge in any delivery order, with losses and duplicates', async () => {
    const county = await createCounty();
    const towns: Township[] = [];
    for (const code of TOWNS) towns.push(await createEnrolledTownship(county, code, `镇${code.slice(-1)}`));
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'petition-conv-'));
    const all = [...towns, county];
    // introductions: each township's first package brings its keys to the county
    for (const t of towns) importFile(county.store, exportTo(t, county, dir).file);
    let run = 0;
    // conflicts found by imports (a later knowing edit may settle one again), and what the county ends with
    const seen = { conflicts: 0, supervisions: 0, deletions: 0, lost: 0 };
    try {
      await fc.assert(
        fc.asyncProperty(fc.array(action, { minLength: 10, maxLength: 45 }), async (actions) => {
          run++;
          // each run works on fresh case rows; shared registers keep earlier runs' cases, which is fine
          const pending: { file: string; to: Store; imported: boolean }[] = [];
          const edits: Edit[] = [];
          let n = 0;
          const lastOp = (store: Store) =>
            store.sqlite
              .prepare('SELECT origin, hlc FROM change_log WHERE origin = ? ORDER BY origin_seq DESC LIMIT 1')
              .get(store.installationId) as { origin: string; hlc: string };
          for (const a of actions) {
            n++;
            if (a.k === 'intake') {
              await call(towns[a.t].store, 'cases.create', sampleIntake({ summary: `第${run}轮事项${n}` }));
            } else if (a.k === 'edit' || a.k === 'step' || a.k === 'delete') {
              const r = all[a.r];
              const ids = caseIds(r.store, a.r < 3 ? TOWNS[a.r] : null);
              if (ids.length === 0) continue;
              const id = ids[a.c % ids.length];
              if (a.k === 'edit') {
                mutate(r.store, { actor: null }, (m) =>
                  m.update('cases', id, { [a.field]: `改${run}-${n}` }),
                );
                edits.push({ ...lastOp(r.store), caseId: id, field: a.field });
              } else if (a.k === 'delete') {
                // deleting a deleted case writes nothing, so there is no edit to follow
                const wrote = mutate(r.store, { actor: null }, (m) =>
                  m.update('cases', id, { deleted: true }),
                );
                if (wrote.length) edits.push({ ...lastOp(r.store), caseId: id, field: 'deleted' });
              } else {
                const today = todayLocal();
                const step =
                  a.r < 3
                    ? { caseId: id, kind: 'accept' as const, on: today }
                    : {
                        caseId: id,
                        kind: 'supervise' as const,
                        on: today,
                        deadline: today,
                        content: `督办${n}`,
                      };
                await call(r.store, 'cases.step', step).catch(() => undefined); // refused steps write nothing
              }
            } else if (a.k === 'export') {
              const t = towns[a.t];
              const out = a.up ? exportTo(t, county, dir) : exportTo(county, t, dir);
              pending.push({ file: out.file, to: a.up ? county.store : t.store, imported: false });
            } else if (a.k === 'deliver' && pending.length) {
              const p = pending[a.p % pending.length];
              if (p.imported) {
                expect(() => importFile(p.to, p.file)).toThrow(/导入过/);
              } else {
                seen.conflicts += importFile(p.to, p.file).summary.conflicts;
                p.imported = true;
                if (a.twice) expect(() => importFile(p.to, p.file)).toThrow(/导入过/);
              }
            } else if (a.k === 'lose' && pending.length) {
              pending.splice(a.p % pending.length, 1);
              seen.lost++;
            }
          }
          // everyone exchanges until nothing is unconfirmed
          for (let round = 0; round < 2; round++) {
            for (const t of towns)
              seen.conflicts += importFile(county.store, exportTo(t, county, dir).file).summary.conflicts;
            for (const t of towns) importFile(t.store, exportTo(county, t, dir).file);
          }
          for (const [i, t] of towns.entries())
            expect(dump(t.store, TOWNS[i]), `township ${TOWNS[i]}`).toEqual(dump(county.store, TOWNS[i]));
          // the county holds every edit (the townships' equality with it is checked above)
          const lost = lostEdits(county.store, edits);
          if (lost.length && process.env.SYNC_DEBUG)
            for (const e of lost)
              console.log(
                JSON.stringify(
                  {
                    e,
                    ops: county.store.sqlite
                      .prepare(
                        `SELECT origin, origin_seq, hlc, op, data, base FROM change_log WHERE tbl='cases' AND row_id=? ORDER BY hlc`,
                      )
                      .all(e.caseId),
                  },
                  null,
                  1,
                ),
              );
          expect(lost).toEqual([]);
          const c = county.store.sqlite;
          const count = (sql: string) => (c.prepare(sql).get() as { n: number }).n;
          seen.supervisions = Math.max(
            seen.supervisions,
            count(`SELECT count(*) AS n FROM case_events WHERE kind = 'supervise'`),
          );
          seen.deletions = Math.max(
            seen.deletions,
            count('SELECT count(*) AS n FROM cases WHERE deleted = 1'),
          );
        }),
        { numRuns: 25, seed: Number(process.env.SYNC_PROPERTY_SEED ?? 20261122) },
      );
      // the fixed seed's runs exercise what the property is about; another seed (SYNC_PROPERTY_SEED)
      // checks the same property on other runs, which may happen to make no conflict at all
      if (!process.env.SYNC_PROPERTY_SEED) {
        expect(seen.conflicts, 'conflicts made').toBeGreaterThan(0);
        expect(seen.supervisions, 'supervisions sent').toBeGreaterThan(0);
        expect(seen.deletions, 'cases deleted').toBeGreaterThan(0);
        expect(seen.lost, 'packages lost').toBeGreaterThan(0);
      } else console.log(`seed ${process.env.SYNC_PROPERTY_SEED}: ${JSON.stringify(seen)}`);
    } finally {
      all.forEach((r) => r.cleanup());
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 240_000);
});
