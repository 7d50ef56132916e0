/**
 * Benchmarks on a generated register at county scale.
 *
 *   npm run bench                 1,000,000 cases
 *   npm run bench -- --quick      100,000 cases
 *   options: --cases N  --seed S  --fresh (generate again even if a register of that size exists)
 *            --only register|reports|sync (one part: the big register's figures, its reports, or sync's)
 *
 * The register is generated once per size and seed into .bench-data/<cases>-s<seed>/ (git-ignored)
 * and reused by later runs. Every figure is printed next to the baseline it is measured against
 * in the same run, and all figures go to bench-results.json at the repository root as
 * [{ name, value, unit, baseline, target }].
 *
 *   search    case-list.ts listCases with filter.q (first page of 100 rows + total), the app's real
 *             search path, against a plain LIKE '%…%' scan of cases and petitioners giving the
 *             same first page and total
 *   list      the filtered list (status + village + received date range), first and a deep page,
 *             against the same query forced to scan the table (cases NOT INDEXED)
 *   intake    createCase on the big register against createCase on an empty one, and the disk's own
 *             floor: one 4 KB write made durable with fdatasync
 *   size      database bytes per case against the bytes of the register's own tables
 *   worklist  the work list over every open case (generated cases are all 待受理: the worst case)
 *   reports   on the big register: the yearly report (last whole year, with 同比/环比, breakdowns,
 *             trend) and the monthly report (last whole month) through the api's service, each
 *             against a bare count of the same period's cases on the register's received-date
 *             index; and the full rebuild of the report facts and sums (what a change of the
 *             day-counting rules, or the migration, costs)
 *   sync      in temporary folders of their own (same size with --quick, under two minutes): a
 *             township enrolled with a county generates 11,600 cases (about 100,000 operations,
 *             counted from its change log), exports one package to the county and the county
 *             imports it (importPackage: checks, one transaction, status, search, clocks and
 *             report facts).
 *             The import against a raw better-sqlite3 bulk insert of the same rows: every row it
 *             stored, read back from the county and inserted into a fresh register (same schema,
 *             write gate open) in one transaction with prepared statements. Three inserts, the
 *             target against the first:
 *               c  every row the import stores: the register rows its operations name, their
 *                  change_log entries, and what it derives, i.e. the cases' clocks, report facts
 *                  and search keys, the monthly report sums, and the search index entries (texts
 *                  made again, untimed, from the stored cases; written with the same FTS5 buffer
 *                  the import uses)
 *               a  for reference: the register rows only
 *               b  for reference: those rows plus the change_log entries
 *             Target: import throughput at least half of c's, i.e. import time at most twice its
 *             time. The machine's speed drifts from minute to minute, so SYNC_ROUNDS rounds each
 *             run the import (into a fresh copy of the county) and then the three inserts, and
 *             the medians are reported: of the times, and of each round's ratios. Also the
 *             package's bytes per operation, and the time of opening and checking the package
 *             alone (decrypting, parsing, every signature).
 *
 * Over 400 lines because the three parts share the generated register, the measuring helpers and
 * the one results table, and are read together when a figure moves.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { fileURLToPath } from 'node:url';
import { api, type CaseFilter } from '../../src-main/contract';
import { closeStore, withWriteGate, type Store } from '../../src-main/services/database';
import { openRegister } from '../../src-main/services/open-register';
import { createCase } from '../../src-main/services/register';
import { filterSql, listCases } from '../../src-main/services/case-list';
import { loadCaseRows, workList } from '../../src-main/services/work-list';
import { indexText, withRoomyIndexWrites } from '../../src-main/services/search-index';
import { buildReport } from '../../src-main/services/reports/report';
import { rebuildFacts } from '../../src-main/services/reports/facts';
import { loadRules } from '../../src-main/services/deadlines';
import { foldEvents, initialStatusOf } from '../../src-main/services/workflow';
import { currentUserId } from '../../src-main/services/office';
import { ensureSeedOffice } from '../../tools/seed/office';
import { sampleIntakes, seedCases } from '../../tools/seed/seed';
import { progressReporter, formatDuration } from '../../src-main/progress';
import { importPackage, openPackage } from '../../src-main/services/sync/import';
import { SYNCED_TABLES } from '../../db/schema';
import { createCounty, createEnrolledTownship, exportTo } from '../helpers/sync';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean' },
    cases: { type: 'string' },
    seed: { type: 'string' },
    fresh: { type: 'boolean' },
    only: { type: 'string' },
  },
  strict: true,
});
const CASES = args.cases ? Number(args.cases) : args.quick ? 100_000 : 1_000_000;
const SEED = args.seed ? Number(args.seed) : 1;
if (!Number.isInteger(CASES) || CASES < 1000) throw new Error('--cases must be an integer ≥ 1000');
if (args.only && !['register', 'reports', 'sync'].includes(args.only))
  throw new Error('--only must be register, reports or sync');
const wanted = (part: 'register' | 'reports' | 'sync') => !args.only || args.only === part;
/** cases the sync township generates: about 100,000 operations with their follow-up histories */
const SYNC_CASES = 11_600;

const TARGETS = { searchP95: 50, listP95: 30, intakeP95: 5, yearlyReport: 300 };

interface Figure {
  name: string;
  value: number;
  unit: string;
  baseline: number | null;
  target: number | null;
}
const figures: Figure[] = [];
const labels = new Map<string, string>();
function record(
  name: string,
  label: string,
  value: number,
  unit: string,
  baseline: number | null,
  target: number | null,
) {
  const round = (n: number) => (Math.abs(n) >= 100 ? Math.round(n) : Math.round(n * 100) / 100);
  figures.push({
    name,
    value: round(value),
    unit,
    baseline: baseline === null ? null : round(baseline),
    target,
  });
  labels.set(name, label);
}

// ---- timing ------------------------------------------------------------------------------

function percentile(sorted: number[], p: number): number {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

/** Runs fn over the inputs (cycling) `runs` times after one warm-up; returns p50 and p95 in ms. */
function measure<T>(
  inputs: T[],
  runs: number,
  fn: (input: T) => unknown,
): { p50: number; p95: number; samples: number[] } {
  fn(inputs[0]);
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const input = inputs[i % inputs.length];
    const t = performance.now();
    fn(input);
    samples.push(performance.now() - t);
  }
  const sorted = samples.slice().sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), samples };
}

// ---- the register ------------------------------------------------------------------------

function prepareRegister(): { dir: string; generated: { ms: number; cases: number } | null } {
  const dir = path.join(root, '.bench-data', `${CASES}-s${SEED}`);
  const marker = path.join(dir, 'seeded.json');
  if (!args.fresh && fs.existsSync(marker)) {
    const m = JSON.parse(fs.readFileSync(marker, 'utf8')) as { cases: number; seed: number; at: string };
    process.stderr.write(
      `复用已生成的台账：${dir}（${m.cases.toLocaleString('en-US')} 件，生成于 ${m.at}）\n`,
    );
    return { dir, generated: null };
  }
  fs.rmSync(dir, { recursive: true, force: true });
  const free = fs.statfsSync(path.join(root)).bavail * fs.statfsSync(root).bsize;
  const need = CASES * 13_000; // about 12 KB a case with follow-up histories and their change log
  if (free < need * 1.2)
    throw new Error(
      `not enough disk for ${CASES} cases: about ${(need / 1e9).toFixed(1)} GB needed, ${(free / 1e9).toFixed(1)} GB free`,
    );
  process.stderr.write(`生成 ${CASES.toLocaleString('en-US')} 件信访事项到 ${dir}（种子 ${SEED}）…\n`);
  const store = openRegister({ dataDir: dir });
  let result;
  try {
    const progress = progressReporter('正在生成信访事项');
    result = seedCases(store, { cases: CASES, seed: SEED, onProgress: (d, t) => progress.update(d, t) });
    progress.done();
    store.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    closeStore(store);
  }
  fs.writeFileSync(
    marker,
    JSON.stringify(
      { cases: CASES, seed: SEED, at: new Date().toISOString(), ms: Math.round(result.ms) },
      null,
      2,
    ),
  );
  process.stderr.write(`生成完毕，用时 ${formatDuration(result.ms / 1000)}\n`);
  return { dir, generated: { ms: result.ms, cases: CASES } };
}

// ---- the baselines -----------------------------------------------------------------------

const PAGE = 100;
const ROW_COLUMNS = `c.id, c.case_no, c.received_at, c.channel, c.matter_type, c.summary, c.people_count,
  c.jointly, c.anonymous, c.skip_level, c.repeat_of, c.status, cat.name AS category, v.name AS village`;
const JOINS =
  'LEFT JOIN categories cat ON cat.id = c.category_id LEFT JOIN villages v ON v.id = c.village_id';

/** The petitioners of a page, fetched as queryRows fetches them. */
function pagePetitioners(store: Store, ids: string[]) {
  return store.sqlite
    .prepare(
      `SELECT case_id, name, id_number AS idNumber, phone, address FROM petitioners
       WHERE deleted = 0 AND case_id IN (SELECT value FROM json_each(?)) ORDER BY case_id, sort`,
    )
    .all(JSON.stringify(ids));
}

/** The naive search: LIKE '%term%' over the case's and its petitioners' text. */
function likeSearch(store: Store, term: string) {
  const where = `c.deleted = 0 AND (c.case_no LIKE :p OR c.query_code LIKE :p OR c.summary LIKE :p OR c.content LIKE :p
    OR EXISTS (SELECT 1 FROM petitioners p WHERE p.case_id = c.id AND p.deleted = 0
      AND (p.name LIKE :p OR p.id_number LIKE :p OR p.phone LIKE :p OR p.address LIKE :p)))`;
  const p = `%${term.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
  const escaped = where.replace(/LIKE :p/g, "LIKE :p ESCAPE '\\'");
  const rows = store.sqlite
    .prepare(
      `SELECT ${ROW_COLUMNS} FROM cases c ${JOINS} WHERE ${escaped} ORDER BY c.received_at DESC, c.rowid DESC LIMIT ${PAGE}`,
    )
    .all({ p }) as { id: string }[];
  pagePetitioners(
    store,
    rows.map((r) => r.id),
  );
  const total = (
    store.sqlite.prepare(`SELECT count(*) AS n FROM cases c WHERE ${escaped}`).get({ p }) as { n: number }
  ).n;
  return { total, rows };
}

/** The filtered list with the indexes out of play: what the list costs without them. */
function scanList(store: Store, filter: CaseFilter, offset: number) {
  const f = filterSql(filter)!;
  const rows = store.sqlite
    .prepare(
      `SELECT ${ROW_COLUMNS} FROM cases c NOT INDEXED ${JOINS} WHERE ${f.where} ORDER BY c.received_at DESC, c.rowid DESC LIMIT ? OFFSET ?`,
    )
    .all(...f.params, PAGE, offset) as { id: string }[];
  pagePetitioners(
    store,
    rows.map((r) => r.id),
  );
  const total = (
    store.sqlite
      .prepare(`SELECT count(*) AS n FROM cases c NOT INDEXED WHERE ${f.where}`)
      .get(...f.params) as { n: number }
  ).n;
  return { total, rows };
}

const list = (store: Store, filter: CaseFilter, offset: number) =>
  listCases(store, api['cases.list'].input.parse({ filter, offset, limit: PAGE }));

// ---- the run -----------------------------------------------------------------------------

/** `count` values of a petitioner column, spread evenly over the register. */
function sample(store: Store, column: 'name' | 'id_number', count: number): string[] {
  const max = (store.sqlite.prepare('SELECT max(rowid) AS m FROM petitioners').get() as { m: number }).m;
  const step = Math.max(1, Math.floor(max / (count * 2)));
  const rows = store.sqlite
    .prepare(
      `SELECT DISTINCT ${column} AS v FROM petitioners WHERE deleted = 0 AND ${column} IS NOT NULL AND rowid % ? = 0 LIMIT ?`,
    )
    .all(step, count) as { v: string }[];
  return rows.map((r) => r.v);
}

function localDate(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/** Waits for the background integrity check of a large register (it would disturb the timings). */
async function integrityChecked(store: Store): Promise<void> {
  while (store.integrity.state === 'checking') await new Promise((r) => setTimeout(r, 100));
  if (store.integrity.state === 'failed') throw new Error(store.integrity.message);
}

async function main() {
  if (wanted('register')) await registerBench();
  if (wanted('reports')) await reportsBench();
  if (wanted('sync')) await syncBench();
  fs.writeFileSync(path.join(root, 'bench-results.json'), `${JSON.stringify(figures, null, 2)}\n`);
  printTable();
}

async function registerBench() {
  const { dir, generated } = prepareRegister();
  if (generated)
    record('seed.rate', '生成速度', (generated.cases * 1000) / generated.ms, 'cases/s', null, null);

  const opening = performance.now();
  const store = openRegister({ dataDir: dir });
  const openMs = performance.now() - opening;
  try {
    const cases = (store.sqlite.prepare('SELECT count(*) AS n FROM cases').get() as { n: number }).n;
    const checking = store.integrity.state === 'checking';
    await integrityChecked(store);
    const checkedMs = performance.now() - opening;
    process.stderr.write(
      `台账共 ${cases.toLocaleString('en-US')} 件，打开用时 ${Math.round(openMs)} ms，完整性检查${checking ? '（后台）' : ''}至 ${Math.round(checkedMs)} ms 完成\n`,
    );
    record('register.cases', '台账件数', cases, 'cases', null, null);
    record('open.ms', '打开台账（openRegister）', openMs, 'ms', null, null);
    record('open.integrity_checked.ms', '打开至完整性检查完成', checkedMs, 'ms', null, null);

    // --- search
    const names = sample(store, 'name', 20);
    const ids = sample(store, 'id_number', 20);
    const kinds: { key: string; label: string; terms: string[] }[] = [
      { key: 'name', label: '检索：信访人姓名', terms: names },
      { key: 'id_number', label: '检索：身份证号', terms: ids },
      {
        key: 'word2',
        label: '检索：两字词（土地等）',
        terms: ['土地', '低保', '拆迁', '工资', '噪声', '物业'],
      },
      {
        key: 'word4',
        label: '检索：四字词（征收补偿等）',
        terms: ['征收补偿', '违章建筑', '拖欠工资', '低保待遇', '土地承包', '物业服务'],
      },
    ];
    const likeRuns = cases > 300_000 ? 6 : 10;
    for (const k of kinds) {
      const first = k.terms[0];
      const hits = { fts: list(store, { q: first }, 0).total, like: likeSearch(store, first).total };
      process.stderr.write(`  ${k.label}：“${first}” 命中 ${hits.fts}（LIKE 基线 ${hits.like}）\n`);
      const fts = measure(k.terms, 40, (term) => list(store, { q: term }, 0));
      const like = measure(k.terms, likeRuns, (term) => likeSearch(store, term));
      record(`search.${k.key}.p50`, `${k.label} p50`, fts.p50, 'ms', like.p50, null);
      record(`search.${k.key}.p95`, `${k.label} p95`, fts.p95, 'ms', like.p95, TARGETS.searchP95);
    }

    // --- the filtered list
    const villages = (
      store.sqlite.prepare('SELECT id FROM villages WHERE deleted = 0 ORDER BY sort').all() as {
        id: string;
      }[]
    ).map((v) => v.id);
    const today = new Date();
    const from = localDate(new Date(today.getFullYear() - 2, today.getMonth(), today.getDate()));
    const filters: CaseFilter[] = villages.map((v) => ({
      status: ['registered'],
      villageId: [v],
      from,
      to: localDate(today),
    }));
    const totals = filters.map((f) => list(store, f, 0).total);
    const deep = (i: number) => Math.max(0, Math.floor((totals[i % totals.length] * 0.9) / PAGE) * PAGE);
    process.stderr.write(
      `  列表筛选：状态+村/社区+近两年，每村 ${Math.min(...totals)}–${Math.max(...totals)} 件，深页为第 90% 处\n`,
    );
    const idx = filters.map((_, i) => i);
    const firstPage = measure(idx, 40, (i) => list(store, filters[i], 0));
    const firstScan = measure(idx, likeRuns, (i) => scanList(store, filters[i], 0));
    record('list.first_page.p50', '筛选列表首页 p50', firstPage.p50, 'ms', firstScan.p50, null);
    record('list.first_page.p95', '筛选列表首页 p95', firstPage.p95, 'ms', firstScan.p95, TARGETS.listP95);
    const deepPage = measure(idx, 40, (i) => list(store, filters[i], deep(i)));
    const deepScan = measure(idx, likeRuns, (i) => scanList(store, filters[i], deep(i)));
    record('list.deep_page.p50', '筛选列表深页 p50', deepPage.p50, 'ms', deepScan.p50, null);
    record('list.deep_page.p95', '筛选列表深页 p95', deepPage.p95, 'ms', deepScan.p95, TARGETS.listP95);
    const all = measure([0], 20, () => list(store, {}, 0));
    record('list.unfiltered_first_page.p95', '不筛选列表首页 p95', all.p95, 'ms', null, TARGETS.listP95);

    // --- the work list: every open case's events folded and its clocks computed
    const openCases = (
      store.sqlite
        .prepare(`SELECT count(*) AS n FROM cases WHERE deleted = 0 AND status <> 'closed'`)
        .get() as { n: number }
    ).n;
    const work = measure([0], 3, () => workList(store, api['worklist.get'].input.parse({ scope: 'all' })));
    process.stderr.write(`  待办：${openCases} 件未办结\n`);
    record(
      'worklist.all.p50',
      `待办列表（${openCases.toLocaleString('en-US')} 件未办结）p50`,
      work.p50,
      'ms',
      null,
      null,
    );

    // --- size (before the intake adds rows)
    store.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    const bytes = fs.statSync(path.join(dir, 'register.db')).size;
    const byTable = store.sqlite
      .prepare(
        `SELECT CASE WHEN name IN ('change_log', 'change_log_row', 'change_log_origin_seq') THEN 'log'
                     WHEN name LIKE 'case_search%' THEN 'search' ELSE 'register' END AS part, sum(pgsize) AS bytes
         FROM dbstat GROUP BY part`,
      )
      .all() as { part: string; bytes: number }[];
    const part = (p: string) => byTable.find((r) => r.part === p)?.bytes ?? 0;
    record('db.bytes_per_case', '数据库字节/件', bytes / cases, 'bytes', part('register') / cases, null);
    record('db.change_log_bytes_per_case', '其中变更日志字节/件', part('log') / cases, 'bytes', null, null);
    record(
      'db.search_index_bytes_per_case',
      '其中检索索引字节/件',
      part('search') / cases,
      'bytes',
      null,
      null,
    );

    // --- intake
    const actor = currentUserId(store);
    const forms = sampleIntakes(store, 200, SEED + 1000).map((f) => api['cases.create'].input.parse(f));
    const save = measure(forms, 200, (input) => createCase(store, input, actor));
    const emptyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'petition-bench-'));
    const empty = openRegister({ dataDir: emptyDir });
    let emptySave;
    try {
      ensureSeedOffice(empty, SEED);
      const emptyForms = sampleIntakes(empty, 200, SEED + 1000).map((f) =>
        api['cases.create'].input.parse(f),
      );
      const emptyActor = currentUserId(empty);
      emptySave = measure(emptyForms, 200, (input) => createCase(empty, input, emptyActor));
    } finally {
      closeStore(empty);
      fs.rmSync(emptyDir, { recursive: true, force: true });
    }
    record('intake.save.p50', '登记保存 p50', save.p50, 'ms', emptySave.p50, null);
    record('intake.save.p95', '登记保存 p95', save.p95, 'ms', emptySave.p95, TARGETS.intakeP95);
    // the floor under any durable save on this disk: one small write made durable (a commit
    // with synchronous=FULL in WAL mode syncs the log once)
    const syncFile = path.join(dir, 'fsync-probe.bin');
    const fd = fs.openSync(syncFile, 'w');
    try {
      const page = Buffer.alloc(4096, 1);
      const sync = measure([0], 200, () => {
        fs.writeSync(fd, page, 0, page.length, 0);
        fs.fdatasyncSync(fd);
      });
      record('disk.fsync.p50', '磁盘：写入4 KB并同步 p50', sync.p50, 'ms', null, null);
      record('disk.fsync.p95', '磁盘：写入4 KB并同步 p95', sync.p95, 'ms', null, null);
    } finally {
      fs.closeSync(fd);
      fs.rmSync(syncFile, { force: true });
    }
  } finally {
    closeStore(store);
  }
}

// ---- reports ------------------------------------------------------------------------------

async function reportsBench() {
  const { dir } = prepareRegister();
  // a register from before the reports is migrated at opening, and its report facts built then
  const probe = new Database(path.join(dir, 'register.db'), { readonly: true });
  const migrated = !!probe.prepare(`SELECT 1 FROM sqlite_master WHERE name = 'case_facts'`).get();
  probe.close();
  const opening = performance.now();
  const store = openRegister({ dataDir: dir });
  const openMs = performance.now() - opening;
  try {
    await integrityChecked(store);
    const { sqlite } = store;
    const count = (from: string, to: string) =>
      (
        sqlite
          .prepare(
            'SELECT count(*) AS n FROM cases WHERE deleted = 0 AND received_at >= ? AND received_at < ?',
          )
          .get(from, `${to}T99`) as { n: number }
      ).n;
    const today = new Date();
    const year = today.getFullYear() - 1;
    const lastMonth = new Date(today.getFullYear(), today.getMonth() - 1, 1);
    const month = localDate(lastMonth);
    const monthEnd = localDate(new Date(lastMonth.getFullYear(), lastMonth.getMonth() + 1, 0));
    const yearly = api['reports.get'].input.parse({ kind: 'year', from: `${year}-01-01` });
    const monthly = api['reports.get'].input.parse({ kind: 'month', from: month });
    const inYear = count(`${year}-01-01`, `${year}-12-31`);
    const inMonth = count(month, monthEnd);
    const check = buildReport(store, yearly);
    const n =
      check.sections.find((s) => s.kind === 'figures')?.kind === 'figures'
        ? (check.sections[0] as { figures: { cur: { value: number | null } }[] }).figures[0].cur.value
        : null;
    if (n !== inYear) throw new Error(`yearly report counts ${n} cases, the register ${inYear}`);
    process.stderr.write(
      `  报表：${year}年 ${inYear.toLocaleString('en-US')} 件，${month.slice(0, 7)} ${inMonth.toLocaleString('en-US')} 件\n`,
    );

    const y = measure([0], 20, () => buildReport(store, yearly));
    const yBase = measure([0], 20, () => count(`${year}-01-01`, `${year}-12-31`));
    record(
      'reports.yearly.p50',
      `年报（${inYear.toLocaleString('en-US')} 件，含同比环比、分类、趋势）p50`,
      y.p50,
      'ms',
      yBase.p50,
      null,
    );
    record(
      'reports.yearly.p95',
      '年报 p95（基线：同年件数裸计数）',
      y.p95,
      'ms',
      yBase.p95,
      TARGETS.yearlyReport,
    );
    const m = measure([0], 20, () => buildReport(store, monthly));
    const mBase = measure([0], 20, () => count(month, monthEnd));
    record(
      'reports.monthly.p50',
      `月报（${inMonth.toLocaleString('en-US')} 件）p50`,
      m.p50,
      'ms',
      mBase.p50,
      null,
    );
    record('reports.monthly.p95', '月报 p95（基线：同月件数裸计数）', m.p95, 'ms', mBase.p95, null);
    // a custom range over parts of two months: the days read case by case
    const range = api['reports.get'].input.parse({
      kind: 'range',
      from: `${year}-03-16`,
      to: `${year}-05-15`,
    });
    const r = measure([0], 10, () => buildReport(store, range));
    record(
      'reports.range.p50',
      '自定义区间报表（两个半月）p50',
      r.p50,
      'ms',
      count(range.from, range.to!) && measure([0], 10, () => count(range.from, range.to!)).p50,
      null,
    );

    if (!migrated) {
      record(
        'reports.build_at_open.s',
        `打开台账并首次建立统计数据（迁移后，${count('0000-01-01', '9999-12-31').toLocaleString('en-US')} 件）`,
        openMs / 1000,
        's',
        null,
        null,
      );
    } else {
      const rebuild = performance.now();
      rebuildFacts(
        store,
        loadRules(store),
        (ids) => loadCaseRows(store, ids),
        (events) => foldEvents(events, initialStatusOf(events)),
      );
      record(
        'reports.rebuild.s',
        '统计数据全部重建（计日规则变更时）',
        (performance.now() - rebuild) / 1000,
        's',
        null,
        null,
      );
    }
  } finally {
    closeStore(store);
  }
}

// ---- sync ---------------------------------------------------------------------------------

/**
 * A baseline of an import: rows it stored, read back from the receiving register (untimed), then
 * inserted raw into a fresh register (same schema, write gate open) in one transaction with
 * prepared statements; returns how many and the insert's time.
 * The register rows are every row of a synced table the operations of `origin` name, in the order
 * the import wrote them; `withLog` adds first, as the import does, those operations' change_log
 * entries (its columns but the id, in log order); `withDerived` adds what the import derives
 * (baseline c in the header).
 */
function rawInsert(
  from: Store,
  origin: string,
  withLog: boolean,
  withDerived = false,
): { rows: number; ms: number } {
  const read = (t: string, sql: string, ...params: string[]) => {
    const stmt = from.sqlite.prepare(sql).safeIntegers(t === 'case_search_keys');
    return { t, columns: stmt.columns().map((c) => c.name), rows: stmt.raw().all(...params) as unknown[][] };
  };
  const tables = Object.keys(SYNCED_TABLES).map((t) =>
    read(
      t,
      `SELECT * FROM "${t}" WHERE id IN (SELECT row_id FROM change_log WHERE tbl = ? AND origin = ?) ORDER BY rowid`,
      t,
      origin,
    ),
  );
  if (withLog) {
    const log =
      'SELECT origin, origin_seq, hlc, office_id, actor, tbl, row_id, op, data, base FROM change_log WHERE origin = ? ORDER BY id';
    tables.unshift(read('change_log', log, origin));
  }
  if (withDerived) {
    // the import's cases' clocks, report facts, search keys and index entries, and the monthly
    // sums (the receiving register held no case before)
    const ofCases = `case_id IN (SELECT row_id FROM change_log WHERE tbl = 'cases' AND origin = ?)`;
    tables.push(read('case_clocks', `SELECT * FROM case_clocks WHERE ${ofCases} ORDER BY rowid`, origin));
    tables.push(read('case_facts', `SELECT * FROM case_facts WHERE ${ofCases} ORDER BY rowid`, origin));
    tables.push(read('report_cells', 'SELECT * FROM report_cells ORDER BY rowid'));
    tables.push(
      read(
        'case_search_keys',
        `SELECT * FROM case_search_keys WHERE case_rowid IN (SELECT rowid FROM cases WHERE ${ofCases.replace('case_id', 'id')}) ORDER BY rowid`,
        origin,
      ),
    );
    // the index is contentless: its entries' texts are made again (untimed) from the stored cases
    const loaded = loadCaseRows(
      from,
      from.sqlite
        .prepare(`SELECT id FROM cases WHERE ${ofCases.replace('case_id', 'id')} ORDER BY rowid`)
        .pluck()
        .all(origin) as string[],
    );
    const entries = (
      from.sqlite
        .prepare(
          `SELECT k.key, c.id, c.received_at, c.case_no, c.query_code, c.summary, c.content FROM cases c JOIN case_search_keys k ON k.case_rowid = c.rowid WHERE ${ofCases.replace('case_id', 'c.id')} ORDER BY c.rowid`,
        )
        .safeIntegers(true)
        .all(origin) as {
        key: bigint;
        id: string;
        received_at: string;
        case_no: string;
        query_code: string;
        summary: string;
        content: string;
      }[]
    ).map((c) => [
      c.key,
      indexText({
        receivedAt: c.received_at,
        caseNo: c.case_no,
        queryCode: c.query_code,
        summary: c.summary,
        content: c.content,
        petitioners: loaded.petitioners.get(c.id) ?? [],
      }),
    ]);
    tables.push({ t: 'case_search', columns: ['rowid', 'body'], rows: entries });
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'petition-bench-raw-'));
  const fresh = openRegister({ dataDir: dir });
  try {
    const { sqlite } = fresh;
    const started = performance.now();
    sqlite.transaction(() =>
      withWriteGate(sqlite, () => {
        // the index written with the same room for new entries the import gives it
        const write = () => {
          for (const { t, columns, rows } of tables) {
            const insert = sqlite.prepare(
              `INSERT INTO "${t}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
            );
            for (const r of rows) insert.run(r);
          }
        };
        if (withDerived) withRoomyIndexWrites(fresh, write);
        else write();
      }),
    )();
    return { rows: tables.reduce((n, x) => n + x.rows.length, 0), ms: performance.now() - started };
  } finally {
    closeStore(fresh);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Rounds of the import and its inserts, back to back in each (medians reported: see the header). Identical imports here took 6.3 s and 10.7 s minutes apart. */
const SYNC_ROUNDS = 3;

const median = (xs: number[]) => {
  const s = xs.slice().sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function syncBench() {
  const county = await createCounty();
  const town = await createEnrolledTownship(county);
  const outbox = fs.mkdtempSync(path.join(os.tmpdir(), 'petition-bench-outbox-'));
  // the county as it stands before the import: each round imports into a copy of it
  const before = fs.mkdtempSync(path.join(os.tmpdir(), 'petition-bench-county-'));
  try {
    const progress = progressReporter('同步：乡镇生成信访事项');
    seedCases(town.store, { cases: SYNC_CASES, seed: SEED, onProgress: (d, t) => progress.update(d, t) });
    progress.done();
    const ops = (town.store.sqlite.prepare('SELECT count(*) AS n FROM change_log').get() as { n: number }).n;

    let t = performance.now();
    const out = exportTo(town, county, outbox);
    const exportMs = performance.now() - t;
    const bytes = fs.readFileSync(out.file);
    closeStore(county.store);
    fs.cpSync(county.dir, before, { recursive: true });
    county.reopen();
    t = performance.now();
    openPackage(county.store, bytes);
    const openMs = performance.now() - t;

    const origin = town.store.installationId;
    type Round = { importMs: number; a: number; b: number; c: number };
    const rounds: Round[] = [];
    const rowCounts = { a: 0, b: 0, c: 0 };
    let newCases = 0;
    for (let i = 0; i < SYNC_ROUNDS; i++) {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'petition-bench-import-'));
      let into: Store | null = null;
      try {
        fs.cpSync(before, dir, { recursive: true });
        into = openRegister({ dataDir: dir });
        t = performance.now();
        const imported = importPackage(into, bytes, { actor: null, fileName: path.basename(out.file) });
        const importMs = performance.now() - t;
        newCases = imported.summary.newCases.length;
        // read again each round and let go after it: rows held in memory from an earlier round
        // made each later import slower (a larger heap to collect), 10.6 s, 11.7 s, 12.0 s
        const a = rawInsert(into, origin, false);
        const b = rawInsert(into, origin, true);
        const c = rawInsert(into, origin, true, true);
        Object.assign(rowCounts, { a: a.rows, b: b.rows, c: c.rows });
        rounds.push({ importMs, a: a.ms, b: b.ms, c: c.ms });
      } finally {
        if (into) closeStore(into);
        fs.rmSync(dir, { recursive: true, force: true });
      }
      const r = rounds[i];
      process.stderr.write(
        `  第 ${i + 1} 轮：导入 ${(r.importMs / 1000).toFixed(2)} 秒；基线a ${(r.a / 1000).toFixed(2)} 秒、基线b ${(r.b / 1000).toFixed(2)} 秒、基线c ${(r.c / 1000).toFixed(2)} 秒\n`,
      );
    }
    const { a, b, c } = rowCounts;
    process.stderr.write(
      `  同步：${SYNC_CASES.toLocaleString('en-US')} 件、变更日志 ${ops.toLocaleString('en-US')} 条，交换包 ${out.operations.toLocaleString('en-US')} 条操作、${(out.bytes / 1e6).toFixed(1)} MB，` +
        `导入写入台账 ${a.toLocaleString('en-US')} 行、连同变更日志 ${b.toLocaleString('en-US')} 行、连同派生数据 ${c.toLocaleString('en-US')} 行（新事项 ${newCases.toLocaleString('en-US')} 件）\n`,
    );

    const importMs = median(rounds.map((r) => r.importMs));
    const base = {
      a: median(rounds.map((r) => r.a)),
      b: median(rounds.map((r) => r.b)),
      c: median(rounds.map((r) => r.c)),
    };
    const ratio = (k: 'a' | 'b' | 'c') => median(rounds.map((r) => r[k] / r.importMs));
    const perSecond = (ms: number) => (out.operations * 1000) / ms;
    record('sync.ops', '同步：交换包操作数', out.operations, 'ops', null, null);
    record('sync.export.s', '同步：导出交换包', exportMs / 1000, 's', null, null);
    record(
      'sync.import.s_vs_all_rows',
      `同步：导入交换包（${SYNC_ROUNDS}轮中位数；基线c：导入写下的全部行裸插入；目标：不超过基线2倍）`,
      importMs / 1000,
      's',
      base.c / 1000,
      (2 * base.c) / 1000,
    );
    record(
      'sync.import.s',
      '同步：导入交换包（参考：基线a，只含台账行）',
      importMs / 1000,
      's',
      base.a / 1000,
      null,
    );
    record(
      'sync.import.s_vs_rows_and_log',
      '同步：导入交换包（参考：基线b，台账行+变更日志）',
      importMs / 1000,
      's',
      base.b / 1000,
      null,
    );
    record('sync.import.open.s', '其中：解密、校验签名（单独测）', openMs / 1000, 's', null, null);
    record(
      'sync.import.ops_per_s',
      '同步：导入吞吐（基线c）',
      perSecond(importMs),
      'ops/s',
      perSecond(base.c),
      null,
    );
    record(
      'sync.import.vs_raw_all_rows',
      '同步：导入吞吐 / 基线c吞吐（各轮之比的中位数；目标 ≥ 0.5）',
      ratio('c'),
      '×',
      null,
      null,
    );
    record('sync.import.vs_raw', '同步：导入吞吐 / 基线a吞吐（参考）', ratio('a'), '×', null, null);
    record(
      'sync.import.vs_raw_rows_and_log',
      '同步：导入吞吐 / 基线b吞吐（参考）',
      ratio('b'),
      '×',
      null,
      null,
    );
    record(
      'sync.package.bytes_per_op',
      '同步：交换包字节/操作',
      out.bytes / out.operations,
      'bytes',
      null,
      null,
    );
  } finally {
    county.cleanup();
    town.cleanup();
    for (const d of [outbox, before]) fs.rmSync(d, { recursive: true, force: true });
  }
}

function printTable() {
  const show = (n: number | null) =>
    n === null ? '—' : n.toLocaleString('en-US', { maximumFractionDigits: 2 });
  const rows = figures.map((f) => {
    const met = f.target === null ? '' : f.value <= f.target ? '达标' : '未达标';
    return [
      labels.get(f.name) ?? f.name,
      f.name,
      `${show(f.value)} ${f.unit}`,
      f.baseline === null ? '—' : `${show(f.baseline)} ${f.unit}`,
      f.target === null ? '—' : `≤ ${show(f.target)} ${f.unit}`,
      met,
    ];
  });
  const head = ['指标', '名称', '值', '基线', '目标', ''];
  const width = (s: string) => [...s].reduce((w, ch) => w + (/[\u1100-\uffff]/.test(ch) ? 2 : 1), 0);
  const cols = head.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i]))));
  const line = (r: string[]) => r.map((c, i) => c + ' '.repeat(cols[i] - width(c))).join('  ');
  console.log(`\n${line(head)}\n${cols.map((w) => '-'.repeat(w)).join('  ')}`);
  for (const r of rows) console.log(line(r));
  console.log(`\n结果已写入 ${path.join(root, 'bench-results.json')}`);
}

const started = performance.now();
main().then(
  () => process.stderr.write(`用时 ${formatDuration((performance.now() - started) / 1000)}\n`),
  (e) => {
    process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
    process.exitCode = 1;
  },
);
