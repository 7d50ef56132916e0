/**
 * The register's command line: the same services as the app, from a terminal.
 *
 *   npm run cli -- <command> [options]
 *   npm run seed -- --cases 100000 [--data-dir DIR] [--seed 1]
 *
 * Each command is an entry of COMMANDS with its options (node:util parseArgs), its Chinese help
 * text and a `run` that returns the exit code. Messages for people are Chinese and go to
 * stderr; machine-readable output, when a command has any, goes to stdout.
 *
 * Over 400 lines because COMMANDS is one table of about ten commands, each with its options and
 * Chinese help beside its code, so `help` and the parser cannot drift apart.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { fileURLToPath } from 'node:url';
import { closeStore, type Store } from './services/database';
import { openRegister } from './services/open-register';
import { defaultDataDir, resolveDataDir } from './data-dir';
import { UserError } from './services/errors';
import { currentOfficeId, currentUserId, requireOffice } from './services/office';
import { eventKindLabel, type ImportReport, type Report } from './contract';
import { dispatch } from './handlers';
import { exportPackage } from './services/sync/export';
import { importPackage, openPackage } from './services/sync/import';
import { syncStatus } from './services/sync/status';
import { applyEnrollment, createEnrollment } from './services/sync/enrollment';
import { folderWriteFailures, writeFileDurably } from './services/durable-file';
import { isGeneratedRegister, SEED_OFFICE } from '../tools/seed/office';
import { seedCases } from '../tools/seed/seed';
import {
  formatCount as fmt,
  formatDuration,
  progressReporter,
  stageReporter,
  startupProgress,
} from './progress';

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

function withStore<T>(dataDir: string, fn: (store: Store) => T): T {
  const store = openRegister({ dataDir, onProgress: startupProgress() });
  try {
    return fn(store);
  } finally {
    closeStore(store);
  }
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
      const result = seedCases(store, {
        cases,
        seed,
        years,
        batchSize,
        onProgress: (done, total) => progress.update(done, total),
      });
      progress.done();
      const office = requireOffice(store);
      if (result.officeCreated) {
        process.stderr.write(
          `已建立演示单位 ${office.name}（${office.id}）及 ${result.villagesCreated} 个村/社区。\n`,
        );
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

// ---- sync by file -----------------------------------------------------------------------------

/** A package or enrollment file named on the command line. */
function readInputFile(file: string): Buffer {
  try {
    return fs.readFileSync(file);
  } catch {
    throw new UserError(`无法读取文件 ${file}（不存在或没有权限）`);
  }
}

export function describeImport(r: ImportReport): string {
  const s = r.summary;
  const lines = [
    `${r.preview ? '预览（未作任何改动）' : '已导入'}：${r.from.name} 第 ${r.seq} 号交换包（${r.createdAt.replace('T', ' ')} 导出）`,
    `  记录 ${fmt(s.received)} 条，其中本机没有的 ${fmt(s.fresh)} 条`,
    `  新增信访事项 ${fmt(s.newCases.length)} 件，更新 ${fmt(s.updatedCases.length)} 件，删除 ${fmt(s.deletedCases)} 件`,
  ];
  const events = Object.entries(s.events).map(([k, n]) => `${eventKindLabel(k)} ${fmt(n)}`);
  if (events.length) lines.push(`  办理记录：${events.join('、')}`);
  const settings = Object.values(s.settings).reduce((a, b) => a + b, 0);
  if (settings) lines.push(`  共享设置（分类、节假日、单位等）更新 ${fmt(settings)} 项`);
  if (r.files) lines.push(`  附件文件 ${r.files} 个`);
  if (s.conflicts) lines.push(`  出现冲突 ${s.conflicts} 处：请到“数据交换 → 冲突处理”逐条确认`);
  if (s.deferred) lines.push(`  有 ${s.deferred} 条记录需要新版软件才能显示，已保存，升级后自动生效`);
  if (r.missingPackages.length)
    lines.push(
      `  注意：尚未导入 ${r.from.name} 的第 ${r.missingPackages.join('、')} 号交换包（其中未确认的内容会在以后的交换包中补发）`,
    );
  if (r.previousDiffers)
    lines.push('  注意：此包所指的上一个交换包与本机导入的不同，对方可能恢复过备份，请联系对方核实');
  if (s.clockAheadMinutes > 5)
    lines.push(`  注意：对方电脑时钟比本机快约 ${s.clockAheadMinutes} 分钟，请校准时间（不影响导入）`);
  return lines.join('\n');
}

const exportCommand: Command = {
  name: 'export',
  summary: '导出交换包（乡镇导出给县信访局；县级导出给指定乡镇）',
  help: `用法：npm run cli -- export --dir <文件夹> [--to <乡镇代码>]

把对方尚未确认的全部记录写成一个加密、签名的交换包文件，文件名含单位、日期和序号。

选项：
  --dir <文件夹>      交换包写入的文件夹（如U盘或共享文件夹中的“发件箱”）
  --to <乡镇代码>     县级模式下必填：导出给哪个乡镇
${DATA_DIR_HELP}`,
  options: { dir: { type: 'string' }, to: { type: 'string' } },
  run(values, dataDir) {
    if (typeof values.dir !== 'string') throw new UsageError('请用 --dir 指定交换包写入的文件夹');
    const dir = values.dir;
    return withStore(dataDir, (store) => {
      const r = exportPackage(store, {
        dir,
        to: typeof values.to === 'string' ? values.to : undefined,
        actor: currentUserId(store),
        onProgress: stageReporter(),
      });
      process.stderr.write(
        `已导出第 ${r.seq} 号交换包：${fmt(r.operations)} 条记录，附件文件 ${r.files} 个，${fmt(r.bytes / 1024)} KB\n`,
      );
      process.stdout.write(`${r.file}\n`);
      return 0;
    });
  },
};

const importCommand: Command = {
  name: 'import',
  summary: '导入交换包（先校验，整包写入或完全不写入）',
  help: `用法：npm run cli -- import --file <交换包> [--preview] [--confirm-deletions]

先完整校验交换包（来源、签名、格式、是否已导入过），再在一个事务中整包写入：
中途断电或中止时台账保持导入前的样子。

选项：
  --file <交换包>        要导入的 .xftz 文件
  --preview              只显示将会发生的变化，不作任何改动
  --confirm-deletions    交换包删除的事项比例异常时，确认后照常导入
${DATA_DIR_HELP}`,
  options: {
    file: { type: 'string' },
    preview: { type: 'boolean' },
    'confirm-deletions': { type: 'boolean' },
  },
  run(values, dataDir) {
    if (typeof values.file !== 'string') throw new UsageError('请用 --file 指定要导入的交换包');
    const file = values.file;
    const bytes = readInputFile(file);
    return withStore(dataDir, (store) => {
      const r = importPackage(store, bytes, {
        actor: currentUserId(store),
        fileName: path.basename(file),
        preview: !!values.preview,
        confirmDeletions: !!values['confirm-deletions'],
        onProgress: stageReporter(),
      });
      process.stderr.write(`${describeImport(r)}\n`);
      return 0;
    });
  },
};

const verifyCommand: Command = {
  name: 'verify',
  summary: '校验交换包（来源、签名、完整性），不导入',
  help: `用法：npm run cli -- verify --file <交换包>

检查交换包是否完整、未被改动、发给本单位、来自已登记的单位，并显示其内容概况。不作任何改动。

选项：
  --file <交换包>     要校验的 .xftz 文件
${DATA_DIR_HELP}`,
  options: { file: { type: 'string' } },
  run(values, dataDir) {
    if (typeof values.file !== 'string') throw new UsageError('请用 --file 指定要校验的交换包');
    const bytes = readInputFile(values.file);
    return withStore(dataDir, (store) => {
      const p = openPackage(store, bytes);
      const ops = p.ops.length;
      process.stderr.write(
        `校验通过：${p.body.from.name} 发给本单位的第 ${p.body.seq} 号交换包，${p.body.createdAt.replace('T', ' ')} 导出，` +
          `${fmt(ops)} 条记录，附件文件 ${p.body.files.length} 个，数据格式第 ${p.body.format} 版\n`,
      );
      return 0;
    });
  },
};

const statusCommand: Command = {
  name: 'status',
  summary: '显示数据交换状态（对方单位、最近交换、未确认记录、冲突）',
  help: `用法：npm run cli -- status

${DATA_DIR_HELP}`,
  options: {},
  run(_values, dataDir) {
    return withStore(dataDir, (store) => {
      const s = syncStatus(store);
      const lines = [`本单位：${s.office.name}（${s.office.id}），密钥指纹 ${s.fingerprint}`];
      if (s.peers.length === 0) lines.push('尚未与任何单位建立交换关系');
      for (const p of s.peers) {
        const state = p.revoked ? '已撤销' : p.connected ? '已连通' : '等待对方第一个交换包';
        const last = (x: { seq: number; at: string } | null) =>
          x ? `第 ${x.seq} 号（${x.at.replace('T', ' ')}）` : '无';
        lines.push(
          `${p.name}（${p.officeId}）：${state}；最近导入 ${last(p.lastImport)}；最近导出 ${last(p.lastExport)}；对方未确认的本机记录 ${fmt(p.unconfirmed)} 条`,
        );
      }
      lines.push(`待处理冲突：${s.conflicts} 处`);
      if (s.remind)
        lines.push(
          s.daysSinceExchange === null
            ? '提醒：尚未进行过数据交换'
            : `提醒：距上次数据交换已 ${s.daysSinceExchange} 天（提醒间隔 ${s.remindAfterDays} 天）`,
        );
      process.stdout.write(`${lines.join('\n')}\n`);
      return 0;
    });
  },
};

const enrollCommand: Command = {
  name: 'enroll',
  summary: '县级：为乡镇制作登记文件；乡镇：导入县信访局的登记文件',
  help: `用法：
  县级：npm run cli -- enroll --township <9位代码> --name <乡镇名称> --dir <文件夹>
  乡镇：npm run cli -- enroll --file <登记文件>

登记文件含乡镇的单位信息和县信访局的公钥。乡镇导入后，其第一个交换包把本机公钥带给县信访局。
请通过电话核对双方显示的密钥指纹。为同一乡镇重新登记（更换电脑）后，旧电脑的交换包不再被接受。

${DATA_DIR_HELP}`,
  options: {
    township: { type: 'string' },
    name: { type: 'string' },
    dir: { type: 'string' },
    file: { type: 'string' },
  },
  run(values, dataDir) {
    return withStore(dataDir, (store) => {
      if (typeof values.file === 'string') {
        const r = applyEnrollment(store, readInputFile(values.file));
        process.stderr.write(
          `已登记到 ${r.county}。县信访局密钥指纹 ${r.countyFingerprint}；本机密钥指纹 ${r.ownFingerprint}\n`,
        );
        return 0;
      }
      if (
        typeof values.township !== 'string' ||
        typeof values.name !== 'string' ||
        typeof values.dir !== 'string'
      ) {
        throw new UsageError('县级制作登记文件需要 --township、--name 和 --dir');
      }
      const e = createEnrollment(store, { id: values.township, name: values.name }, currentUserId(store));
      const file = path.join(values.dir, e.fileName);
      writeFileDurably(file, e.bytes, folderWriteFailures('登记文件'));
      process.stderr.write(`已制作登记文件，本单位密钥指纹 ${e.fingerprint}\n`);
      process.stdout.write(`${file}\n`);
      return 0;
    });
  },
};

// ---- reports ----------------------------------------------------------------------------------

/** `--from 2026-01` or `--from 2026` as the first day of that month or year; a full date as given. */
function reportDay(raw: string): string {
  if (/^\d{4}$/.test(raw)) return `${raw}-01-01`;
  if (/^\d{4}-\d{2}$/.test(raw)) return `${raw}-01`;
  return raw;
}

/** A figure's value as the tables print it: a rate with its numerator and denominator. */
function figureText(v: { value: number | null; num?: number; den?: number }, rate: boolean): string {
  if (v.value === null) return rate ? `—（${v.num ?? 0}/${v.den ?? 0}）` : '—';
  return rate ? `${v.value.toFixed(1)}%（${v.num}/${v.den}）` : String(v.value);
}

const reportCommand: Command = {
  name: 'report',
  summary: '统计报表：打印各项数字，或保存为 Excel / 可打印的网页',
  help: `用法：npm run cli -- report --kind <周期> --from <日期> [选项]

与“统计”界面相同的报表：按收到日期统计期间内登记的信访事项，附同比、环比，以及矛盾纠纷排查与领导接访。
各项数字以制表符分隔输出到标准输出（可导入表格软件）。

选项：
  --kind <周期>       day 日报、month 月报、quarter 季报、year 年报、range 自定义
  --from <日期>       报表期间内任一天，如 2026-01-15；月报可写 2026-01，年报可写 2026；自定义为起始日
  --to <日期>         自定义期间的截止日
  --township <代码>   县级：只统计该乡镇
  --as-of <日期>      办理情况截至哪一天，默认今天
  --xlsx <文件>       另存为 Excel 工作簿（与界面“导出 Excel”相同）
  --html <文件>       另存为 A4 横向的打印页（用浏览器打开后打印或另存为 PDF）
${DATA_DIR_HELP}`,
  options: {
    kind: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    township: { type: 'string' },
    'as-of': { type: 'string' },
    xlsx: { type: 'string' },
    html: { type: 'string' },
  },
  async run(values, dataDir) {
    if (typeof values.kind !== 'string' || typeof values.from !== 'string')
      throw new UsageError('需要 --kind 和 --from');
    const input = {
      kind: values.kind,
      from: reportDay(values.from),
      ...(typeof values.to === 'string' ? { to: reportDay(values.to) } : {}),
      ...(typeof values.township === 'string' ? { officeId: values.township } : {}),
      ...(typeof values['as-of'] === 'string' ? { asOf: values['as-of'] } : {}),
    };
    const store = openRegister({ dataDir, onProgress: startupProgress() });
    try {
      // through the api, so a bad period is refused with the screen's own words
      const call = async <T>(method: 'reports.get' | 'reports.xlsx' | 'reports.html'): Promise<T> => {
        const r = await dispatch(store, method, input);
        if (!r.ok) {
          const option =
            r.error.field &&
            { kind: 'kind', from: 'from', to: 'to', officeId: 'township', asOf: 'as-of' }[r.error.field];
          throw new UserError(
            option ? `--${option} ${String(values[option])}：${r.error.message}` : r.error.message,
          );
        }
        return r.value as T;
      };
      const report = await call<Report>('reports.get');
      const lines = [
        [
          '指标',
          '单位',
          report.period.label,
          `同比（${report.yoy.label}）`,
          '同比增减',
          `环比（${report.mom.label}）`,
          '环比增减',
        ].join('\t'),
      ];
      const change = (v: number | null, rate: boolean) =>
        v === null ? '—' : `${v > 0 ? '+' : ''}${v.toFixed(1)}${rate ? '个百分点' : '%'}`;
      for (const s of report.sections) {
        if (s.kind !== 'figures') continue;
        lines.push(`【${s.title}】`);
        for (const f of s.figures) {
          lines.push(
            [
              f.label,
              f.unit,
              figureText(f.cur, f.rate),
              figureText(f.yoy, f.rate),
              change(f.yoyChange, f.rate),
              figureText(f.mom, f.rate),
              change(f.momChange, f.rate),
            ].join('\t'),
          );
        }
      }
      process.stderr.write(
        `${report.title}　统计期间：${report.period.label}　办理情况截至 ${report.asOf}\n`,
      );
      process.stdout.write(`${lines.join('\n')}\n`);
      if (typeof values.xlsx === 'string') {
        const file = await call<{ base64: string }>('reports.xlsx');
        writeFileDurably(values.xlsx, Buffer.from(file.base64, 'base64'), folderWriteFailures('报表'));
        process.stderr.write(`已保存 Excel：${values.xlsx}\n`);
      }
      if (typeof values.html === 'string') {
        const page = await call<{ html: string }>('reports.html');
        writeFileDurably(values.html, Buffer.from(page.html, 'utf8'), folderWriteFailures('报表'));
        process.stderr.write(`已保存打印页：${values.html}\n`);
      }
      return 0;
    } finally {
      closeStore(store);
    }
  },
};

const COMMANDS: Command[] = [
  seedCommand,
  enrollCommand,
  exportCommand,
  importCommand,
  verifyCommand,
  statusCommand,
  reportCommand,
];

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
    values = parseArgs({
      args: rest,
      options: { ...COMMON, ...command.options },
      strict: true,
      allowPositionals: false,
    }).values as Values;
  } catch (e) {
    process.stderr.write(`参数有误：${(e as Error).message}\n\n${command.help}\n`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(`${command.help}\n`);
    return 0;
  }
  const dataDir = resolveDataDir(
    values['data-dir'] ? ['--data-dir', String(values['data-dir'])] : [],
    process.env,
  );
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
