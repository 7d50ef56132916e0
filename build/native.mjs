#!/usr/bin/env node
/**
 * Makes sure the Electron build of better-sqlite3 exists:
 *
 *   node build/native.mjs electron                      this machine's platform and arch
 *   node build/native.mjs electron --dist               every arch build/electron-builder.yml
 *                                                       packages for this platform
 *   node build/native.mjs electron --platform win32 --arch x64     (prebuilt binaries only)
 *
 * Why a separate build: a native addon is compiled for one ABI. Node's (tests, the CLI, the web
 * mode) and Electron's (the app) differ, so rebuilding node_modules/better-sqlite3 in place for
 * Electron (the usual electron-rebuild advice) breaks `npm test` until someone rebuilds it back,
 * and the other way round. So the two builds live apart: node_modules/better-sqlite3/build keeps
 * the Node build and is never touched here; the Electron build goes to
 * .native/electron-<version>-<platform>-<arch>/better_sqlite3.node, which the main process
 * passes to better-sqlite3 as `nativeBinding` (and electron-builder ships as resources/native/).
 * That is what lets `npm start`, `npm test`, `npm start` run in a row without a manual rebuild;
 * once the file exists (and matches the installed versions) this script does nothing.
 *
 * How: in a temporary copy of the package, prebuild-install fetches the published Electron
 * binary; failing that (and only for this machine's own platform and arch) node-gyp compiles
 * it against Electron's headers. The result is checked for its ABI and CPU before it is kept.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BINARY = 'better_sqlite3.node';

/** The arches build/electron-builder.yml packages, by host platform (kept equal by a unit test). */
export const DIST_ARCHES = { linux: ['x64', 'arm64'], win32: ['x64'] };

/** Must equal nativeFolderName in src-main/app/shell.ts (a unit test checks). */
export function nativeFolderName(electronVersion, platform, arch) {
  return `electron-${electronVersion}-${platform}-${arch}`;
}

/** NODE_MODULE_VERSION an addon was built for, from its exported registration symbol. */
export function detectNodeAbi(bytes) {
  const m = /node_register_module_v(\d+)/.exec(Buffer.from(bytes).toString('latin1'));
  return m ? Number(m[1]) : null;
}

/** CPU a shared library was built for (ELF, PE or Mach-O header), in Node's arch names. */
export function detectArch(bytes) {
  const b = Buffer.from(bytes);
  if (b.length >= 20 && b.readUInt32BE(0) === 0x7f454c46) {
    const machine = b[5] === 2 ? b.readUInt16BE(18) : b.readUInt16LE(18);
    return { 0x3e: 'x64', 0xb7: 'arm64', 0x03: 'ia32', 0x28: 'arm' }[machine] ?? null;
  }
  if (b.length >= 0x40 && b.toString('latin1', 0, 2) === 'MZ') {
    const pe = b.readUInt32LE(0x3c);
    if (b.length < pe + 6 || b.toString('latin1', pe, pe + 4) !== 'PE\0\0') return null;
    return { 0x8664: 'x64', 0xaa64: 'arm64', 0x14c: 'ia32' }[b.readUInt16LE(pe + 4)] ?? null;
  }
  if (b.length >= 8 && b.readUInt32LE(0) === 0xfeedfacf) {
    return { 0x01000007: 'x64', 0x0100000c: 'arm64' }[b.readUInt32LE(4)] ?? null;
  }
  return null;
}

/** Command line → what to build. Throws a Chinese message on a wrong command line. */
export function parseArgs(argv, host = { platform: process.platform, arch: process.arch }) {
  const [runtime, ...rest] = argv;
  if (runtime !== 'electron')
    throw new Error('用法：node build/native.mjs electron [--dist | --platform 平台 --arch 架构[,架构]]');
  let platform = host.platform;
  let arches = null;
  let dist = false;
  for (let i = 0; i < rest.length; i++) {
    const [flag, inline] = rest[i].split('=', 2);
    const value = () => inline ?? rest[++i];
    if (flag === '--dist') dist = true;
    else if (flag === '--platform') platform = value();
    else if (flag === '--arch') arches = String(value()).split(',').filter(Boolean);
    else throw new Error(`未知参数：${rest[i]}`);
  }
  if (dist) {
    if (!DIST_ARCHES[platform]) throw new Error(`electron-builder.yml 没有为 ${platform} 配置安装包`);
    arches = DIST_ARCHES[platform];
  }
  return { platform, arches: arches ?? [host.arch] };
}

/** Whether an existing build was made for the same versions (an upgrade of either makes it stale). */
export function isUpToDate(dir, expected) {
  try {
    if (!fs.existsSync(path.join(dir, BINARY))) return false;
    const info = JSON.parse(fs.readFileSync(path.join(dir, 'build-info.json'), 'utf8'));
    return ['electron', 'betterSqlite3', 'platform', 'arch'].every((k) => info[k] === expected[k]);
  } catch {
    return false;
  }
}

/**
 * The environment for the build tools, without npm settings that would silently build for the
 * wrong target (this machine's npmrc sets nodedir, which would make node-gyp use Node's headers).
 */
export function toolEnv(env = process.env) {
  const drop = /^npm_config_(nodedir|runtime|target|arch|platform|disturl|dist_url|build_from_source)$/i;
  return Object.fromEntries(Object.entries(env).filter(([k]) => !drop.test(k)));
}

/** A failure the user is told about in Chinese; thrown (not exited) so temporary files are removed. */
class NativeError extends Error {}
function fail(message) {
  throw new NativeError(message);
}

function electronVersion(require) {
  try {
    return require('electron/package.json').version;
  } catch {
    return null;
  }
}

function expectedAbi(require, version) {
  for (const from of [null, 'prebuild-install', '@electron/rebuild']) {
    try {
      const req = from ? createRequire(require.resolve(`${from}/package.json`)) : require;
      return Number(req('node-abi').getAbi(version, 'electron'));
    } catch {
      // try the next place node-abi may be installed; without it the ABI check is skipped
    }
  }
  return null;
}

function run(label, args, cwd, timeoutMs) {
  console.log(`  ${label}…`);
  const r = spawnSync(process.execPath, args, {
    cwd,
    env: toolEnv(),
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: timeoutMs,
    encoding: 'utf8',
  });
  if (r.status === 0) return true;
  // the last lines that say something (node-gyp ends with lines that never do)
  const boilerplate = /gyp ERR! (System|command|cwd|node -v|node-gyp -v|not ok)/;
  const lines = `${r.stdout ?? ''}${r.stderr ?? ''}`
    .trim()
    .split('\n')
    .filter((l) => !boilerplate.test(l));
  const out = lines.slice(-6).join('\n    ');
  console.log(`  ${label}未成功${r.error ? `（${r.error.message}）` : ''}：\n    ${out}`);
  return false;
}

function buildOne(require, version, platform, arch, host) {
  const dir = path.join(ROOT, '.native', nativeFolderName(version, platform, arch));
  const pkgDir = path.dirname(require.resolve('better-sqlite3/package.json'));
  const expected = {
    electron: version,
    betterSqlite3: require('better-sqlite3/package.json').version,
    platform,
    arch,
  };
  if (isUpToDate(dir, expected)) {
    console.log(
      `Electron ${version} 版 SQLite 模块已就绪（${platform}-${arch}）：${path.relative(ROOT, dir)}`,
    );
    return;
  }
  console.log(
    `正在准备 Electron ${version} 版 SQLite 模块（${platform}-${arch}，better-sqlite3 ${expected.betterSqlite3}）`,
  );

  // a throw-away copy, so node_modules/better-sqlite3/build (the Node build) stays as it is
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'petition-native-'));
  const work = path.join(tmp, 'better-sqlite3');
  try {
    fs.cpSync(pkgDir, work, {
      recursive: true,
      filter: (src) => path.relative(pkgDir, src).split(path.sep)[0] !== 'build',
    });
    const built = path.join(work, 'build', 'Release', BINARY);
    let method = 'prebuild-install';
    const prebuilt = run(
      '下载预编译文件（prebuild-install）',
      [
        require.resolve('prebuild-install/bin.js'),
        '--runtime=electron',
        `--target=${version}`,
        `--platform=${platform}`,
        `--arch=${arch}`,
        '--verbose',
      ],
      work,
      3 * 60_000,
    );
    if (!prebuilt || !fs.existsSync(built)) {
      if (platform !== host.platform || arch !== host.arch) {
        fail(
          `无法取得 ${platform}-${arch} 的预编译文件，且本机（${host.platform}-${host.arch}）不能为其编译。请在该平台上运行本命令。`,
        );
      }
      method = 'node-gyp';
      const compiled = run(
        '从源码编译（node-gyp，需要 C++ 编译器和 Python）',
        [
          require.resolve('node-gyp/bin/node-gyp.js'),
          'rebuild',
          '--release',
          `--target=${version}`,
          `--arch=${arch}`,
          '--dist-url=https://electronjs.org/headers',
          '--runtime=electron',
        ],
        work,
        20 * 60_000,
      );
      if (!compiled || !fs.existsSync(built)) {
        fail(
          `无法为 Electron ${version} 准备 better-sqlite3：下载预编译文件和从源码编译都没有成功（见上方输出；两者都需要访问网络）。\n` +
            '在无法联网的机器上请使用浏览器模式：npm run web',
        );
      }
    }

    const bytes = fs.readFileSync(built);
    const abi = detectNodeAbi(bytes);
    const wantAbi = expectedAbi(require, version);
    if (wantAbi !== null && abi !== wantAbi)
      fail(`得到的模块是为 ABI ${abi} 编译的，而 Electron ${version} 需要 ABI ${wantAbi}；已丢弃。`);
    const gotArch = detectArch(bytes);
    if (gotArch !== arch) fail(`得到的模块是 ${gotArch ?? '未知'} 架构的，而目标是 ${arch}；已丢弃。`);

    fs.mkdirSync(dir, { recursive: true });
    fs.copyFileSync(built, path.join(dir, `${BINARY}.partial`));
    fs.renameSync(path.join(dir, `${BINARY}.partial`), path.join(dir, BINARY));
    fs.writeFileSync(
      path.join(dir, 'build-info.json'),
      `${JSON.stringify({ ...expected, abi, method }, null, 2)}\n`,
    );
    console.log(`已完成（${method}）：${path.relative(ROOT, path.join(dir, BINARY))}`);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

export function main(argv = process.argv.slice(2)) {
  const host = { platform: process.platform, arch: process.arch };
  let opts;
  try {
    opts = parseArgs(argv, host);
  } catch (e) {
    console.error(e.message);
    process.exit(2);
  }
  const require = createRequire(path.join(ROOT, 'package.json'));
  const version = electronVersion(require);
  if (!version) {
    fail(
      '未安装 Electron，无法准备桌面版所需的 SQLite 模块。\n' +
        '本机无法下载 Electron 程序文件（electron 是可选依赖，下载失败时 npm 会跳过它），因此桌面窗口无法在本机启动或打包。\n' +
        '请使用浏览器模式：npm run web（功能相同，界面在本机浏览器中打开，只监听 127.0.0.1）。',
    );
  }
  for (const arch of opts.arches) buildOne(require, version, opts.platform, arch, host);
}

function exitWith(e) {
  console.error(`\n${e instanceof NativeError ? e.message : (e?.stack ?? e)}\n`);
  process.exit(1);
}

if (process.argv[1] && pathToFileURL(path.resolve(process.argv[1])).href === import.meta.url) {
  try {
    main();
  } catch (e) {
    exitWith(e);
  }
}
