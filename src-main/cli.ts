/**
 * The register's command line: the same services as the app, from a terminal.
 *
 *   npm run cli -- <command> [options]
 *   npm run seed -- --cases 100000 [--data-dir DIR] [--seed 1]
 *
 * Each command is an entry of COMMANDS with its options (node:util parseArgs), its Chinese help
 * text and a `run` that returns the exit code. Messages for people are Chinese and go to
 * stderr; machine-readable output, when a command has any, goes to stdout.
 */
import path from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { fileURLToPath } from 'node:url';
import { openStore, closeStore, type StartupTask, type Store } from './services/database';
import { defaultDataDir, resolveDataDir } from './data-dir';
import { UserError } from './services/errors';
import { currentOfficeId, requireOffice } from './services/office';
import { isGeneratedRegister, seedCases, SEED_OFFICE } from './services/seed';

type Options = NonNullable<ParseArgsConfig['options']>;
type Values = Record<string, string | boolean | undefined>;

interface Command {
  name: string;
  /** one line for the command list */
  summary: string;
  /** the command's own help text */
  help: string;
  options: Options;
  run(values: Values, dataDir: string): Promise<number> | number;
}

/** Options every command takes. */
const COMMON: Options = {
  'data-dir': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
};

const DATA_DIR_HELP = `  --data-dir <文件夹>  台账数据文件夹；不指定时用环境变量 PETITION_DATA_DIR，
                       再不指定则用本机用户数据文件夹（${defaultDataDir()}）`;

// ---- helpers -------------------------------------------------------------------------------

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '—';
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}秒`;
  if (s < 3600) return `${Math.floor(s / 60)}分${s % 60}秒`;
  return `${Math.floor(s / 3600)}小时${Math.floor((s % 3600) / 60)}分`;
}

function positiveInt(values: Values, name: string, fallback?: number): number {
  const raw = values[name];
  if (raw === undefined) {
    if (fallback === undefined) throw new UsageError(`缺少 --${name}`);
    return fallback;
  }
  const n = Number(String(raw).replace(/[_,]/g, ''));
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`--${name} 应为非负整数，现为“${String(raw)}”`);
  return n;
}

class UsageError extends Error {}

/** Progress lines for the rebuilds a new version may run while opening the register. */
export function startupProgress(): (task: StartupTask, done: number, total: number) => void {
  const reporters = new Map<StartupTask, ReturnType<typeof progressReporter>>();
  return (task, done, total) => {
    let r = reporters.get(task);
    if (!r) reporters.set(task, (r = progressReporter(`升级后${task}`)));
    r.update(done, total);
    if (done >= total) r.done();
  };
}

function withStore<T>(dataDir: string, fn: (store: Store) => T): T {
  const store = openStore({ dataDir, onProgress: startupProgress() });
  try {
    return fn(store);
  } finally {
    closeStore(store);
  }
}

/** A progress line on stderr: rewritten in place on a terminal, one line every few seconds otherwise. */
export function progressReporter(label: string, stream: NodeJS.WriteStream = process.stderr) {
  const started = performance.now();
  const samples: { t: number; done: number }[] = [{ t: started, done: 0 }];
  let lastPrinted = 0;
  return {
    update(done: number, total: number) {
      const now = performance.now();
      samples.push({ t: now, done });
      // the rate over the last 30 seconds follows a load that slows down as the file grows
      while (samples.length > 2 && now - samples[0].t > 30_000) samples.shift();
      const first = samples[0];
      const rate = now > first.t ? ((done - first.done) * 1000) / (now - first.t) : 0;
      const eta = rate > 0 ? (total - done) / rate : Infinity;
      const pct = total ? ((100 * done) / total).toFixed(1) : '100';
      const line = `${label}：${fmt(done)} / ${fmt(total)} 件（${pct}%），${fmt(rate)} 件/秒，已用 ${formatDuration((now - started) / 1000)}，预计剩余 ${formatDuration(eta)}`;
      if (stream.isTTY) stream.write(`\r${line}\x1b[K`);
      else if (now - lastPrinted > 5000 || done === total) {
        stream.write(`${line}\n`);
        lastPrinted = now;
      }
    },
    done() {
      if (stream.isTTY) stream.write('\n');
    },
  };
}

// ---- commands ------------------------------------------------------------------------------

const seedCommand: Command = {
  name: 'seed',
  summary: '生成演示、测试和性能测试用的信访事项',
  help: `用法：npm run seed -- --cases <件数> [选项]
      npm run cli -- seed --cases <件数> [选项]

生成逼真的信访事项（姓名、身份证号、电话、村/社区、内容分类、信访形式、集体访、重复件、
内容摘要和信访内容），经由与登记相同的写入层写入台账，同时建立检索索引。
相同的 --seed 生成相同的内容。若台账尚未设置单位，先建立演示单位
“${SEED_OFFICE.name}”（${SEED_OFFICE.code}）及其村/社区、责任单位和工作人员。

选项：
  --cases <件数>      要生成的信访事项件数（必填），如 100000
  --seed <数字>       随机种子，默认 1
  --years <年数>      收到时间分布在截至今天的若干年内，默认 5
  --batch <件数>      每个事务写入的件数，默认 5000
  --force             允许写入不是由本命令建立的台账（会把演示数据混入正式台账，慎用）
${DATA_DIR_HELP}

生成的是虚构的演示数据。请勿写入正式使用的台账：演示数据会随同步包报送上级。`,
  options: {
    cases: { type: 'string' },
    seed: { type: 'string' },
    years: { type: 'string' },
    batch: { type: 'string' },
    force: { type: 'boolean' },
  },
  run(values, dataDir) {
    const cases = positiveInt(values, 'cases');
    const seed = positiveInt(values, 'seed', 1);
    const years = positiveInt(values, 'years', 5);
    const batchSize = positiveInt(values, 'batch', 5000);
    if (years < 1 || years > 50) throw new UsageError('--years 应在 1 到 50 之间');
    if (batchSize < 1) throw new UsageError('--batch 至少为 1');
    return withStore(dataDir, (store) => {
      if (currentOfficeId(store) && !isGeneratedRegister(store) && !values.force) {
        const office = requireOffice(store);
        const n = (store.sqlite.prepare('SELECT count(*) AS n FROM cases').get() as { n: number }).n;
        throw new UserError(
          `数据文件夹 ${dataDir} 中是正式台账（${office.name}，已有 ${fmt(n)} 件信访事项），不是演示台账。` +
            '演示数据混入正式台账后会随同步包报送上级，无法区分。请用 --data-dir 指定一个新的文件夹；确需写入请加 --force。',
        );
      }
      process.stderr.write(`数据文件夹：${dataDir}\n`);
      const progress = progressReporter('正在生成信访事项');
      const result = seedCases(store, { cases, seed, years, batchSize, onProgress: (done, total) => progress.update(done, total) });
      progress.done();
      const office = requireOffice(store);
      if (result.officeCreated) {
        process.stderr.write(`已建立演示单位 ${office.name}（${office.id}）及 ${result.villagesCreated} 个村/社区。\n`);
      } else if (result.villagesCreated) {
        process.stderr.write(`已为 ${office.name} 建立 ${result.villagesCreated} 个村/社区。\n`);
      }
      const secs = result.ms / 1000;
      process.stderr.write(
        `已生成 ${fmt(result.cases)} 件信访事项（信访人 ${fmt(result.petitioners)} 人次，重复件 ${fmt(result.repeats)} 件，` +
          `集体访/联名 ${fmt(result.collective)} 件），用时 ${formatDuration(secs)}，平均 ${fmt(secs > 0 ? result.cases / secs : 0)} 件/秒。\n`,
      );
      return 0;
    });
  },
};

// Later: export | import | status | verify — add each as a Command here.
const COMMANDS: Command[] = [seedCommand];

function mainHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length), 4) + 2;
  const lines = COMMANDS.map((c) => `  ${c.name.padEnd(width)}${c.summary}`);
  return `乡镇信访台账 命令行

用法：npm run cli -- <命令> [选项]

命令：
${lines.join('\n')}
  ${'help'.padEnd(width)}显示本说明；help <命令> 显示该命令的说明

通用选项：
${DATA_DIR_HELP}
  -h, --help          显示说明`;
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    const topic = name === 'help' ? COMMANDS.find((c) => c.name === rest[0]) : undefined;
    if (name === 'help' && rest[0] && !topic) {
      process.stderr.write(`没有“${rest[0]}”这个命令。\n\n${mainHelp()}\n`);
      return 2;
    }
    process.stdout.write(`${topic ? topic.help : mainHelp()}\n`);
    return 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    process.stderr.write(`没有“${name}”这个命令。\n\n${mainHelp()}\n`);
    return 2;
  }
  let values: Values;
  try {
    values = parseArgs({ args: rest, options: { ...COMMON, ...command.options }, strict: true, allowPositionals: false }).values as Values;
  } catch (e) {
    process.stderr.write(`参数有误：${(e as Error).message}\n\n${command.help}\n`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(`${command.help}\n`);
    return 0;
  }
  const dataDir = resolveDataDir(values['data-dir'] ? ['--data-dir', String(values['data-dir'])] : [], process.env);
  try {
    return await command.run(values, dataDir);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`参数有误：${e.message}\n\n${command.help}\n`);
      return 2;
    }
    if (e instanceof UserError) {
      process.stderr.write(`${e.message}\n`);
      return 1;
    }
    process.stderr.write(`内部错误：${(e as Error).stack ?? String(e)}\n`);
    return 1;
  }
}

const invokedDirectly = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e) => {
      process.stderr.write(`内部错误：${(e as Error).stack ?? String(e)}\n`);
      process.exitCode = 1;
    },
  );
}
