/**
 * The main-process ends of the preload's channels. 'api' is the same `dispatch` the web bridge
 * and the CLI use; saving a file, saving a page as PDF and picking a folder are the only things
 * the shell adds. Calls
 * from any page other than the app's own are refused (defence in depth: navigation away from
 * the app is already blocked).
 */
import fs from 'node:fs';
import path from 'node:path';
import { dispatch } from '../handlers';
import type { Store } from '../services/database';
import { IPC_CHANNELS, type ApiResult } from '../contract';

export interface IpcSenderLike {
  send(channel: string, ...args: unknown[]): void;
}
export interface IpcEventLike {
  readonly senderFrame: { readonly url: string } | null;
  readonly sender: IpcSenderLike;
}
export interface IpcMainLike {
  // any: Electron's own listener types must be assignable here
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  handle(channel: string, listener: (event: IpcEventLike, ...args: any[]) => unknown): void;
}

export interface SaveDialogOptions {
  title: string;
  defaultPath: string;
  buttonLabel: string;
  filters: { name: string; extensions: string[] }[];
}

export interface IpcDeps {
  store: Store;
  /** true for the app's own pages (see isAppUrl in shell.ts) */
  isTrustedUrl(url: string): boolean;
  /** the native save dialog: the chosen path, or null when cancelled */
  showSaveDialog(options: SaveDialogOptions): Promise<string | null>;
  /** the native folder picker (the sync screen's inbox and outbox): the chosen folder, or null */
  showFolderDialog(title: string, current?: string): Promise<string | null>;
  showError(title: string, message: string): void;
  /** Chromium's print engine on a page of HTML (a hidden window's printToPDF): the PDF's bytes */
  renderPdf(html: string): Promise<Buffer>;
  /** folder the save dialog starts in */
  defaultDir: string;
  writeFile?: (file: string, bytes: Buffer) => void;
}

const REFUSED: ApiResult<never> = {
  ok: false,
  error: { message: '拒绝执行：请求不是来自本程序的页面', internal: true },
};

/** A file name the OS accepts, from a name the renderer proposes: no folders, no reserved characters. */
export function safeFileName(name: string): string {
  const base = path.basename(name.replace(/\\/g, '/'));
  // Windows rejects these characters and trailing dots or spaces
  const cleaned = base
    // eslint-disable-next-line no-control-regex -- control characters are what is refused
    .replace(/[<>:"/\\|?*\u0000-\u001f]/g, '_')
    .replace(/[. ]+$/, '')
    .trim();
  return cleaned || '导出文件';
}

function filtersFor(fileName: string): SaveDialogOptions['filters'] {
  const ext = path.extname(fileName).slice(1).toLowerCase();
  const named: Record<string, string> = {
    xlsx: 'Excel 工作簿',
    pdf: 'PDF 文件',
    csv: 'CSV 表格',
    zip: '压缩包',
    json: 'JSON 文件',
  };
  const all = { name: '所有文件', extensions: ['*'] };
  return ext ? [{ name: named[ext] ?? `${ext.toUpperCase()} 文件`, extensions: [ext] }, all] : [all];
}

export function registerIpc(ipcMain: IpcMainLike, deps: IpcDeps): void {
  const trusted = (event: IpcEventLike) => deps.isTrustedUrl(event.senderFrame?.url ?? '');
  const writeFile = deps.writeFile ?? ((file, bytes) => fs.writeFileSync(file, bytes));

  ipcMain.handle(
    IPC_CHANNELS.api,
    async (event, method: unknown, input: unknown): Promise<ApiResult<unknown>> => {
      if (!trusted(event)) return REFUSED;
      if (typeof method !== 'string')
        return { ok: false, error: { message: '请求格式错误', internal: true } };
      return dispatch(deps.store, method, input, (stage, done, total) =>
        event.sender.send(IPC_CHANNELS.progress, { method, stage, done, total }),
      );
    },
  );

  /** Asks where, then writes; a failure to write is told, never thrown at the page. */
  const saveBytes = async (fileName: string, bytes: Buffer): Promise<string | null> => {
    const name = safeFileName(fileName);
    const target = await deps.showSaveDialog({
      title: '保存文件',
      defaultPath: path.join(deps.defaultDir, name),
      buttonLabel: '保存',
      filters: filtersFor(name),
    });
    if (!target) return null;
    try {
      writeFile(target, bytes);
      return target;
    } catch (e) {
      // the system's reason is English ("EACCES: permission denied, open …"): logged, told in Chinese
      console.error(`cannot write ${target}:`, e);
      deps.showError(
        '保存失败',
        `无法写入文件 ${target}：${writeFailure(e)}\n请换一个文件夹或检查磁盘空间后重试。`,
      );
      return null;
    }
  };

  ipcMain.handle(
    IPC_CHANNELS.saveFile,
    async (event, fileName: unknown, base64: unknown): Promise<string | null> => {
      if (!trusted(event) || typeof fileName !== 'string' || typeof base64 !== 'string') return null;
      return saveBytes(fileName, Buffer.from(base64, 'base64'));
    },
  );

  ipcMain.handle(
    IPC_CHANNELS.savePdf,
    async (event, fileName: unknown, html: unknown): Promise<string | null> => {
      if (!trusted(event) || typeof fileName !== 'string' || typeof html !== 'string') return null;
      let pdf: Buffer;
      try {
        // laid out before asking where, so a failure does not follow a chosen file name
        pdf = await deps.renderPdf(html);
      } catch (e) {
        console.error('cannot lay out the PDF:', e);
        deps.showError(
          '存为 PDF 失败',
          '无法生成文件：页面排版失败，原因已记入日志。\n可改用“打印”，在打印对话框中选择 PDF 打印机。',
        );
        return null;
      }
      return saveBytes(fileName, pdf);
    },
  );

  ipcMain.handle(
    IPC_CHANNELS.pickFolder,
    async (event, title: unknown, current: unknown): Promise<string | null> => {
      if (!trusted(event) || typeof title !== 'string') return null;
      return deps.showFolderDialog(
        title.slice(0, 60),
        typeof current === 'string' && current ? current : undefined,
      );
    },
  );
}

/** Why a file could not be written, in Chinese, from the system's error code. */
export function writeFailure(e: unknown): string {
  switch ((e as NodeJS.ErrnoException | null)?.code) {
    case 'ENOENT':
      return '文件夹不存在';
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return '没有写入该文件夹的权限';
    case 'ENOSPC':
      return '磁盘空间不足';
    case 'EBUSY':
      return '文件正被其他程序打开（请先关闭它）';
    default:
      return '原因已记入日志';
  }
}
