/**
 * The sync command line, run as its own process on real data folders: export, verify, import,
 * status, and an import killed in the middle (SIGKILL, as a power cut or a killed window would)
 * that leaves the county's register exactly as it was.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeStore } from '../../src-main/services/database';
import { openRegister } from '../../src-main/services/open-register';
import { seedCases } from '../../tools/seed/seed';
import { createCounty, createEnrolledTownship } from '../helpers/sync';
import type { Township } from '../helpers/store';

const ROOT = path.resolve(__dirname, '../..');
const cli = (args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src-main/cli.ts'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
  });

let county: Township;
let town: Township;
let outbox: string;
let packageFile: string;

/** The county's register as rows, to compare before and after. */
function countyRows(): string {
  const store = openRegister({ dataDir: county.dir });
  try {
    const q = (sql: string) => JSON.stringify(store.sqlite.prepare(sql).all());
    return [
      q('SELECT count(*), max(id) FROM change_log'),
      q('SELECT * FROM cases ORDER BY id'),
      q('SELECT * FROM sync_packages'),
      q('SELECT * FROM sync_peers'),
    ].join('\n');
  } finally {
    closeStore(store);
  }
}

beforeAll(async () => {
  county = await createCounty();
  town = await createEnrolledTownship(county);
  // enough operations that the import is still writing when it is killed
  seedCases(town.store, { cases: 6000, seed: 7, years: 2, batchSize: 2000 });
  closeStore(town.store);
  closeStore(county.store);
  outbox = fs.mkdtempSync(path.join(os.tmpdir(), 'petition-cli-outbox-'));
}, 240_000);

afterAll(() => {
  for (const t of [county, town]) fs.rmSync(t.dir, { recursive: true, force: true });
  fs.rmSync(outbox, { recursive: true, force: true });
});

describe('npm run cli -- export | verify | import | status', () => {
  it('exports the township’s register to the outbox', () => {
    const r = cli(['export', '--dir', outbox, '--data-dir', town.dir]);
    expect(r.stderr).toMatch(/已导出第 1 号交换包：[\d,]+ 条记录/);
    expect(r.status).toBe(0);
    packageFile = r.stdout.trim();
    expect(path.basename(packageFile)).toMatch(/^信访交换包_示范镇_至_示范县信访局_\d{8}_第1号\.xftz$/);
    expect(fs.existsSync(packageFile)).toBe(true);
  }, 120_000);

  it('verifies without changing anything, and refuses a torn copy in Chinese', () => {
    const before = countyRows();
    const ok = cli(['verify', '--file', packageFile, '--data-dir', county.dir]);
    expect(ok.stderr).toMatch(/校验通过：示范镇 发给本单位的第 1 号交换包/);
    expect(ok.status).toBe(0);
    const torn = path.join(outbox, 'torn.xftz');
    fs.writeFileSync(torn, fs.readFileSync(packageFile).subarray(0, 5000));
    const bad = cli(['import', '--file', torn, '--data-dir', county.dir]);
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toMatch(/交换包已损坏或被改动|不完整/);
    expect(countyRows()).toBe(before);
  }, 120_000);

  it('the web bridge sends each stage of an import while the import is still running', async () => {
    const server = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(ROOT, 'src-main/web.ts'), '--port', '0', '--data-dir', county.dir],
      { cwd: ROOT },
    );
    try {
      let log = '';
      const url = await new Promise<string>((resolve, reject) => {
        server.stdout.on('data', (d: Buffer) => {
          log += d.toString();
          const m = /WEB_URL=(\S+)/.exec(log);
          if (m) resolve(m[1]);
        });
        server.on('exit', (code) => reject(new Error(`web server exited with ${code}: ${log}`)));
      });
      const res = await fetch(`${new URL(url).origin}/api/sync.import`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          Authorization: `Bearer ${/token=([0-9a-f]+)/.exec(url)![1]}`,
          'X-Progress': '1',
        },
        body: JSON.stringify({
          source: {
            fileName: path.basename(packageFile),
            base64: fs.readFileSync(packageFile).toString('base64'),
          },
          preview: true,
        }),
      });
      const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
      let buffered = '';
      let checked = false;
      let result: { ok: boolean } | undefined;
      while (!result) {
        const { value, done } = await reader.read();
        if (done) break;
        buffered += value;
        let nl: number;
        while ((nl = buffered.indexOf('\n')) >= 0) {
          const line = JSON.parse(buffered.slice(0, nl)) as {
            progress?: { stage: string };
            result?: { ok: boolean };
          };
          buffered = buffered.slice(nl + 1);
          if (line.result) result = line.result;
          if (line.progress?.stage === '写入数据' && !checked) {
            // the import's write transaction is still open when its first progress line arrives:
            // the line was sent as it happened, not held back until the end
            const Database = (await import('better-sqlite3')).default;
            const probe = new Database(path.join(county.dir, 'register.db'), { timeout: 0 });
            try {
              expect(() => probe.exec('BEGIN IMMEDIATE')).toThrow(/locked|busy/i);
            } finally {
              probe.close();
            }
            checked = true;
          }
        }
      }
      expect(checked).toBe(true);
      expect(result).toMatchObject({ ok: true, value: { preview: true } });
    } finally {
      server.kill();
    }
  }, 120_000);

  it('an import killed while writing leaves the register unchanged; the next import applies it whole', async () => {
    const before = countyRows();
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        path.join(ROOT, 'src-main/cli.ts'),
        'import',
        '--file',
        packageFile,
        '--data-dir',
        county.dir,
      ],
      { cwd: ROOT },
    );
    let stderr = '';
    const outcome = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
      child.stderr.on('data', (d: Buffer) => {
        stderr += d.toString();
        // the operations are being written inside the import's transaction: pull the plug
        if (/写入数据：[\d,]+ \//.test(stderr) && child.exitCode === null) child.kill('SIGKILL');
      });
      child.on('exit', (code, signal) => resolve({ code, signal }));
    });
    expect(outcome.signal, `the import finished before it could be killed:\n${stderr}`).toBe('SIGKILL');
    expect(countyRows()).toBe(before);

    const done = cli(['import', '--file', packageFile, '--data-dir', county.dir]);
    expect(done.stderr).toMatch(/已导入：示范镇 第 1 号交换包/);
    expect(done.stderr).toMatch(/新增信访事项 6,000 件/);
    expect(done.status).toBe(0);
    const again = cli(['import', '--file', packageFile, '--data-dir', county.dir]);
    expect(again.stderr).toMatch(/已于 .* 导入过，未作任何改动/);
    expect(again.status).not.toBe(0);

    const status = cli(['status', '--data-dir', county.dir]);
    expect(status.stdout).toMatch(/示范镇（330102001）：已连通；最近导入 第 1 号/);
  }, 240_000);
});
