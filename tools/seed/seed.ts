/**
 * A generated register for demonstrations, tests and benchmarks: realistic petitions with
 * Chinese names, valid ID numbers of the office's county, phones, villages, categories,
 * channels, group visits, repeats and texts built from templates per category
 * (data.ts). The same seed number gives the same petitions (names, numbers, dates, texts);
 * row ids and query codes are random like every other row's.
 *
 * Every row is written through the mutation layer (`mutate` / `m.insert`), so the change log is
 * complete and the write guard is respected, in transactions of many cases each (createCase
 * one by one would take hours for a county's million cases). Case numbers, query codes and the
 * 'registered' event are made exactly as createCase makes them; the clocks, report facts and
 * search entries follow as they do for any write (mutate refreshes the cases it wrote).
 *
 * This module writes; the rest of tools/seed/ makes what it writes: office.ts the office and
 * its villages, cases.ts the cases (people.ts their petitioners, texts.ts their texts,
 * calendar.ts their dates, random.ts the seeded randomness), history.ts their follow-up steps.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { COLLECTIVE_FROM, type IntakeInput } from '../../src-main/contract';
import type { Store } from '../../src-main/services/database';
import { DEFAULT_TOWNSHIP_UNITS } from '../../src-main/services/default-categories';
import { UserError } from '../../src-main/services/errors';
import { mutate } from '../../src-main/services/mutation';
import { currentUserId, requireOffice } from '../../src-main/services/office';
import { formatCaseNo, QUERY_CODE_ALPHABET } from '../../src-main/services/register';
import { foldEvents } from '../../src-main/services/workflow';
import { localDay } from './calendar';
import { CaseGenerator, type GeneratedCase } from './cases';
import { historyOf } from './history';
import { ensureSeedOffice, type SeedOfficeResult } from './office';
import type { VillageRef } from './people';

// ---- query codes, as createCase makes them -------------------------------------------------

class QueryCodes {
  private buf: Buffer = Buffer.alloc(0);
  private pos = 0;

  next(): string {
    let code = '';
    const n = QUERY_CODE_ALPHABET.length;
    const limit = 256 - (256 % n); // rejection sampling keeps every character equally likely
    while (code.length < 8) {
      if (this.pos >= this.buf.length) {
        this.buf = randomBytes(64 * 1024);
        this.pos = 0;
      }
      const b = this.buf[this.pos++];
      if (b < limit) code += QUERY_CODE_ALPHABET[b % n];
    }
    return code;
  }
}

// ---- the bulk writer -----------------------------------------------------------------------

interface SeedContext {
  office: { id: string; name: string };
  actor: string | null;
  villages: VillageRef[];
  categories: { id: string; name: string }[];
  units: string[];
}

function seedContext(store: Store): SeedContext {
  const office = requireOffice(store);
  const { sqlite } = store;
  const villages = (
    sqlite
      .prepare('SELECT id, name FROM villages WHERE office_id = ? AND deleted = 0 ORDER BY sort, code')
      .all(office.id) as { id: string; name: string }[]
  ).map((v) => ({ ...v, community: v.name.endsWith('社区') }));
  // leaves of the classification: children, and headings without children
  const categories = sqlite
    .prepare(
      `SELECT c.id, c.name FROM categories c WHERE c.deleted = 0
       AND NOT EXISTS (SELECT 1 FROM categories k WHERE k.parent_id = c.id AND k.deleted = 0) ORDER BY c.sort, c.name`,
    )
    .all() as { id: string; name: string }[];
  if (categories.length === 0) throw new UserError('本单位没有内容分类，无法生成信访事项');
  const units = (
    sqlite
      .prepare('SELECT name FROM units WHERE office_id = ? AND deleted = 0 ORDER BY sort')
      .all(office.id) as { name: string }[]
  ).map((u) => u.name);
  return {
    office,
    actor: currentUserId(store),
    villages,
    categories,
    units: units.length ? units : DEFAULT_TOWNSHIP_UNITS,
  };
}

/** The fields a generated case gives both an intake form and a stored case. */
function caseFields(g: GeneratedCase) {
  const {
    channel,
    receivedAt,
    matterType,
    categoryId,
    summary,
    content,
    villageId,
    peopleCount,
    jointly,
    anonymous,
    skipLevel,
  } = g;
  return {
    channel,
    receivedAt,
    matterType,
    categoryId,
    summary,
    content,
    villageId,
    peopleCount,
    jointly,
    anonymous,
    skipLevel,
  };
}

/**
 * Realistic intake forms as the screen would send them (unparsed api input of cases.create),
 * for tests and the intake benchmark. Received dates fall within the last year.
 */
export function sampleIntakes(store: Store, count: number, seed = 1, today = new Date()): IntakeInput[] {
  const ctx = seedContext(store);
  const gen = new CaseGenerator(seed, count, today, 1, ctx.office, ctx.villages, ctx.categories, ctx.units);
  const out: IntakeInput[] = [];
  for (let i = 0; i < count; i++) {
    const g = gen.next();
    out.push({
      ...caseFields(g),
      proxyBy: g.proxyBy ?? undefined,
      repeatOf: null,
      petitioners: g.petitioners.map(({ person: p, representative }) => ({
        name: p.name,
        idNumber: p.idNumber ?? '',
        phone: p.phone ?? '',
        address: p.address ?? '',
        villageId: p.village?.id ?? null,
        representative,
      })),
      attachments: [],
    });
  }
  return out;
}

export interface SeedOptions {
  /** how many cases to add */
  cases: number;
  /** the same seed gives the same petitions; default 1 */
  seed?: number;
  /** received dates spread over this many years up to today; default 5 */
  years?: number;
  /** cases per transaction; default 5000 */
  batchSize?: number;
  /** the last day of the span (and the clock for "today"); default now */
  today?: Date;
  /** called after each transaction */
  onProgress?: (done: number, total: number) => void;
}

export interface SeedResult extends SeedOfficeResult {
  cases: number;
  petitioners: number;
  repeats: number;
  collective: number;
  ms: number;
}

export function seedCases(store: Store, opts: SeedOptions): SeedResult {
  const started = performance.now();
  const seed = opts.seed ?? 1;
  const total = Math.max(0, Math.floor(opts.cases));
  const batchSize = Math.max(1, opts.batchSize ?? 5000);
  const setup = ensureSeedOffice(store, seed);
  const { office, actor, villages, categories, units } = seedContext(store);
  const { sqlite } = store;
  const gen = new CaseGenerator(
    seed,
    total,
    opts.today ?? new Date(),
    opts.years ?? 5,
    office,
    villages,
    categories,
    units,
  );
  const today = localDay(opts.today ?? new Date());
  const codes = new QueryCodes();
  const codeTaken = sqlite.prepare('SELECT 1 FROM cases WHERE query_code = ?');
  const maxSeq = sqlite.prepare('SELECT max(seq) AS s FROM cases WHERE office_id = ? AND year = ?');

  // a bigger page cache for the bulk load: the random-keyed indexes outgrow the default 2 MB
  const cacheBefore = sqlite.pragma('cache_size', { simple: true }) as number;
  sqlite.pragma('cache_size = -262144');
  const result: SeedResult = { ...setup, cases: 0, petitioners: 0, repeats: 0, collective: 0, ms: 0 };
  try {
    while (result.cases < total) {
      const n = Math.min(batchSize, total - result.cases);
      mutate(store, { actor, officeId: office.id }, (m) => {
        // the year's last sequence, read inside the transaction as createCase does
        const seqs = new Map<number, number>();
        for (let k = 0; k < n; k++) {
          const g = gen.next();
          let seq = seqs.get(g.year);
          if (seq === undefined) seq = (maxSeq.get(office.id, g.year) as { s: number | null }).s ?? 0;
          seq += 1;
          seqs.set(g.year, seq);
          const id = randomUUID();
          const caseNo = formatCaseNo(office.id, g.year, seq);
          let queryCode = codes.next();
          while (codeTaken.get(queryCode)) queryCode = codes.next();
          const history = historyOf(g.receivedAt, seq, g.anonymous, today);
          const status = foldEvents(
            history.map((e, i) => ({ id: String(i), kind: e.kind, data: e.data })),
          ).status;
          m.insert('cases', {
            id,
            officeId: office.id,
            caseNo,
            year: g.year,
            seq,
            queryCode,
            registeredBy: actor,
            registeredAt: g.registeredAt,
            status,
            ...caseFields(g),
            proxyBy: g.proxyBy,
            repeatOf: g.repeatOf,
          });
          g.petitioners.forEach(({ person: p, representative }, i) =>
            m.insert('petitioners', {
              id: randomUUID(),
              caseId: id,
              sort: i,
              name: p.name,
              idNumber: p.idNumber,
              gender: p.idNumber ? p.gender : null,
              birthDate: p.birthDate,
              regionCode: p.regionCode,
              phone: p.phone,
              address: p.address,
              villageId: p.village?.id ?? null,
              representative,
            }),
          );
          m.insert('case_events', {
            id: randomUUID(),
            caseId: id,
            kind: 'registered',
            at: g.registeredAt,
            actor: m.actor,
            data: JSON.stringify({ channel: g.channel, repeatOf: g.repeatOf }),
            hlc: m.stamp(),
          });
          for (const step of history) {
            m.insert('case_events', {
              id: randomUUID(),
              caseId: id,
              kind: step.kind,
              at: `${step.on}T10:00`,
              actor: m.actor,
              data: JSON.stringify({ on: step.on, ...step.data }),
              hlc: m.stamp(),
            });
          }
          if (g.poolEntry) gen.remember(id, g.poolEntry);
          result.petitioners += g.petitioners.length;
          if (g.repeatOf) result.repeats++;
          if (g.peopleCount >= COLLECTIVE_FROM) result.collective++;
        }
      });
      result.cases += n;
      opts.onProgress?.(result.cases, total);
    }
  } finally {
    sqlite.pragma(`cache_size = ${Number(cacheBefore)}`);
  }
  result.ms = performance.now() - started;
  return result;
}
