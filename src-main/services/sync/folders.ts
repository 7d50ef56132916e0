/**
 * Where packages wait: the outbox a package is written into and the inbox packages are picked up
 * from (a USB drive or a shared folder, chosen in settings.ts), and the sweeps the
 * app runs at start (what waits in the inbox) and on exit (a package for every office with changes
 * it has not confirmed). Nothing here imports on its own: a waiting package is always previewed
 * by a person first.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Store } from '../database';
import { UserError } from '../errors';
import type { ExportResult, WaitingPackage } from '../../contract';
import { exportIfNotEmpty, exportPackage } from './export';
import { syncStatus } from './status';
import { defaultSyncSettings, getSyncSettings } from './settings';

export const PACKAGE_EXTENSION = '.xftz';
/** Imported packages are moved here, so the inbox shows only what still waits. */
export const IMPORTED_SUBFOLDER = '已导入';

/** The folder, created when it is the app's own default; a chosen folder that is gone is said plainly. */
function folder(store: Store, which: 'inbox' | 'outbox'): string {
  const dir = getSyncSettings(store)[which];
  if (dir === defaultSyncSettings(store)[which]) fs.mkdirSync(dir, { recursive: true });
  else if (!fs.existsSync(dir)) {
    throw new UserError(
      `${which === 'inbox' ? '收件' : '发出'}文件夹 ${dir} 不存在（U盘可能未插好）。请插好U盘，或在“交换设置”中重新选择文件夹`,
    );
  }
  return dir;
}

/** A file name from the screen, kept inside the folder it names. */
function inside(dir: string, fileName: string): string {
  const base = path.basename(fileName);
  if (base !== fileName || !base.endsWith(PACKAGE_EXTENSION)) throw new UserError('文件名不正确');
  return path.join(dir, base);
}

/** Packages waiting in the inbox, oldest first (the order they were most likely sent in). */
export function listInbox(store: Store): WaitingPackage[] {
  const dir = folder(store, 'inbox');
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith(PACKAGE_EXTENSION))
    .map((e) => {
      const st = fs.statSync(path.join(dir, e.name));
      return { fileName: e.name, bytes: st.size, modifiedAt: st.mtime.toISOString(), mtime: st.mtimeMs };
    })
    .sort((a, b) => a.mtime - b.mtime || a.fileName.localeCompare(b.fileName))
    .map(({ mtime: _, ...w }) => w);
}

export function readInboxFile(store: Store, fileName: string): Buffer {
  const file = inside(folder(store, 'inbox'), fileName);
  try {
    return fs.readFileSync(file);
  } catch {
    throw new UserError(`无法读取收件文件夹中的 ${fileName}（文件可能已被移走或U盘已拔出）`);
  }
}

/**
 * After an import the file moves to the inbox's 已导入 folder. A move that fails (a read-only
 * share) leaves it in place: importing it again is refused as a replay, so nothing is harmed.
 */
export function setAsideImported(store: Store, fileName: string): void {
  const dir = folder(store, 'inbox');
  try {
    fs.mkdirSync(path.join(dir, IMPORTED_SUBFOLDER), { recursive: true });
    fs.renameSync(inside(dir, fileName), path.join(dir, IMPORTED_SUBFOLDER, fileName));
  } catch {
    /* left in the inbox: see above */
  }
}

export function readOutboxFile(store: Store, fileName: string): { fileName: string; base64: string } {
  const file = inside(folder(store, 'outbox'), fileName);
  try {
    return { fileName, base64: fs.readFileSync(file).toString('base64') };
  } catch {
    throw new UserError(`发出文件夹中已没有 ${fileName}（可能已被移走）`);
  }
}

/** A package into the outbox for one office (the county, for a township). */
export function exportToOutbox(
  store: Store,
  to: string | undefined,
  actor: string | null,
  onProgress?: (stage: string, done: number, total: number) => void,
): ExportResult {
  return exportPackage(store, { to, dir: folder(store, 'outbox'), actor, onProgress });
}

/**
 * A package for every connected office that has changes it has not confirmed, or that has never
 * had one (its first package confirms what this office holds). Used by 全部导出 and on exit;
 * 全部导出 writes none for an office none of those changes concern (another township's case).
 */
export function exportAllPending(
  store: Store,
  actor: string | null,
  onProgress?: (stage: string, done: number, total: number) => void,
  opts: { onlyChangedSinceLastExport?: boolean } = {},
): ExportResult[] {
  const status = syncStatus(store);
  const lastLogId = store.sqlite.prepare(
    `SELECT coalesce(json_extract(summary, '$.logId'), 0) AS n FROM sync_packages WHERE direction = 'out' AND peer_office_id = ? ORDER BY id DESC LIMIT 1`,
  );
  const logNow = (
    store.sqlite.prepare('SELECT coalesce(max(id), 0) AS n FROM change_log').get() as { n: number }
  ).n;
  const changedSince = (officeId: string) =>
    ((lastLogId.get(officeId) as { n: number } | undefined)?.n ?? 0) < logNow;
  const due = status.peers.filter(
    (p) =>
      !p.revoked &&
      p.connected &&
      (!p.lastExport || (opts.onlyChangedSinceLastExport ? changedSince(p.officeId) : p.unconfirmed > 0)),
  );
  const done: ExportResult[] = [];
  due.forEach((p, i) => {
    onProgress?.(`导出给${p.name}`, i, due.length);
    const export_ = {
      to: status.office.level === 'county' ? p.officeId : undefined,
      dir: folder(store, 'outbox'),
      actor,
    };
    // an office that has had a package needs no empty one: what is left may not concern it
    const r =
      p.lastExport && !opts.onlyChangedSinceLastExport
        ? exportIfNotEmpty(store, export_)
        : exportPackage(store, export_);
    if (r) done.push(r);
  });
  return done;
}

/**
 * On exit, when the office chose it: a package for every office with changes it has not
 * confirmed. Never throws: the app is closing, so what went wrong comes back as a message.
 */
export function exportOnExit(
  store: Store,
  actor: string | null,
): { exported: ExportResult[]; problem: string | null } {
  try {
    if (!getSyncSettings(store).exportOnExit) return { exported: [], problem: null };
    // a package again only when something changed since the last one (an office closing the app
    // daily without exchanging would otherwise fill its USB drive with the same changes)
    return {
      exported: exportAllPending(store, actor, undefined, { onlyChangedSinceLastExport: true }),
      problem: null,
    };
  } catch (e) {
    return {
      exported: [],
      problem: e instanceof UserError ? e.message : `导出交换包失败：${(e as Error).message}`,
    };
  }
}
