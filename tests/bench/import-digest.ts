/**
 * What the bench's sync import stores, as one digest per table: for checking that a change to the
 * import derives exactly what the code before it did. Run it in two checkouts (or before and after
 * a change) with the same fixture folder and compare the outputs:
 *
 *   npx tsx tests/bench/import-digest.ts --fixture /tmp/digest-fixture [--out digest.json]
 *
 * The first run makes the fixture (a county enrolled with a township holding the bench's 11,600
 * generated cases, and the package the township exported to it); later runs, from any checkout,
 * import that same package into a fresh copy of the same county. Every row of the register tables,
 * the change log, clocks, report facts and cells, the search index (term by term, document and
 * offset, through fts5vocab) and its keys, and sync's records are hashed in rowid order; only the
 * import's wall-clock time and the HLC it leaves differ between runs. Also prints the import's time.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import { parseArgs } from 'node:util';
import { closeStore } from '../../src-main/services/database';
import { openRegister } from '../../src-main/services/open-register';
import { importPackage } from '../../src-main/services/sync/import';
import { seedCases } from '../../tools/seed/seed';
import { createCounty, createEnrolledTownship, exportTo } from '../helpers/sync';

const { values: args } = parseArgs({
  options: { fixture: { type: 'string' }, out: { type: 'string' } },
  strict: true,
});
if (!args.fixture) throw new Error('--fixture DIR is required');
const fixture = path.resolve(args.fixture);
const pkg = path.join(fixture, 'package.xftz');
const countyDir = path.join(fixture, 'county');

async function makeFixture() {
  const county = await createCounty();
  const town = await createEnrolledTownship(county);
  try {
    seedCases(town.store, { cases: 11_600, seed: 1 });
    fs.mkdirSync(fixture, { recursive: true });
    fs.renameSync(exportTo(town, county, fixture).file, pkg);
    closeStore(county.store);
    fs.cpSync(county.dir, countyDir, { recursive: true });
  } finally {
    county.cleanup();
    town.cleanup();
  }
}

const TABLES: Record<string, string> = {
  cases: 'SELECT rowid, * FROM cases ORDER BY rowid',
  petitioners: 'SELECT rowid, * FROM petitioners ORDER BY rowid',
  case_events: 'SELECT rowid, * FROM case_events ORDER BY rowid',
  attachments: 'SELECT rowid, * FROM attachments ORDER BY rowid',
  documents: 'SELECT rowid, * FROM documents ORDER BY rowid',
  change_log: 'SELECT * FROM change_log ORDER BY id',
  case_clocks: 'SELECT rowid, * FROM case_clocks ORDER BY rowid',
  case_facts: 'SELECT rowid, * FROM case_facts ORDER BY rowid',
  report_cells: 'SELECT rowid, * FROM report_cells ORDER BY rowid',
  case_search_keys: 'SELECT * FROM case_search_keys ORDER BY case_rowid',
  search_index: 'SELECT * FROM temp.digest_vocab',
  search_config: 'SELECT * FROM case_search_config ORDER BY k',
  sync_batches: 'SELECT * FROM sync_batches ORDER BY id',
  // the import's own time left out
  sync_packages:
    'SELECT id, direction, peer_office_id, seq, hash, prev_hash, file_name, actor, operations, summary FROM sync_packages ORDER BY id',
  sync_conflicts: 'SELECT rowid, * FROM sync_conflicts ORDER BY rowid',
  sync_deferred: 'SELECT rowid, * FROM sync_deferred ORDER BY rowid',
  sync_peers: 'SELECT rowid, * FROM sync_peers ORDER BY rowid',
  local_state: `SELECT * FROM local_state WHERE key <> 'hlc' ORDER BY key`,
};

async function main() {
  if (!fs.existsSync(pkg)) await makeFixture();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'petition-digest-'));
  fs.cpSync(countyDir, dir, { recursive: true });
  const store = openRegister({ dataDir: dir });
  try {
    const started = performance.now();
    const report = importPackage(store, fs.readFileSync(pkg), { actor: null, fileName: 'package.xftz' });
    const ms = performance.now() - started;
    store.sqlite.exec('CREATE VIRTUAL TABLE temp.digest_vocab USING fts5vocab(main, case_search, instance)');
    const digest: Record<string, string> = {};
    for (const [name, sql] of Object.entries(TABLES)) {
      const hash = crypto.createHash('sha256');
      let rows = 0;
      for (const row of store.sqlite.prepare(sql).raw().iterate() as Iterable<unknown[]>) {
        hash.update(
          JSON.stringify(row, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)) + '\n',
        );
        rows++;
      }
      digest[name] = `${rows} ${hash.digest('hex').slice(0, 16)}`;
    }
    const hashOf = (v: unknown) =>
      crypto.createHash('sha256').update(JSON.stringify(v)).digest('hex').slice(0, 16);
    digest.summary = hashOf({ ...report.summary, clockAheadMinutes: 0 });
    digest.cases_named = hashOf(report.cases);
    const text = JSON.stringify(digest, null, 1);
    if (args.out) fs.writeFileSync(args.out, text + '\n');
    process.stdout.write(`${text}\nimport: ${Math.round(ms)} ms\n`);
  } finally {
    closeStore(store);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
