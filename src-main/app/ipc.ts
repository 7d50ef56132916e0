/**
 * The main-process ends of the preload's three channels. 'api' is the same `dispatch` the web
 * bridge and the CLI use; 'save-file' and 'print' are the only things the shell adds. Calls
 * from any page other than the app's own are refused (defence in depth: navigation away from
 * the app is already blocked).
 */
import fs from 'node:fs';
import path from 'node:path';
import { dispatch } from '../handlers';
import type { Store } from '../services/database';
import type { ApiResult } from '../api';
import { IPC_CHANNELS } from './bridge-types';

export interface IpcSenderLike {
  send(channel: string, ...args: unknown[]): void;
  print(options: { printBackground?: boolean }, callback: (success: boolean, failureReason: string) => void): void;
}
export interface IpcEventLike {
  readonly senderFrame: { readonly url: string } | null;
  readonly sender: IpcSenderLike;
}
export interface IpcMainLike {
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
  /** folder the save dialog starts in */
  defaultDir: string;
  writeFile?: (file: string, bytes: Buffer) => void;
}

const REFUSED: ApiResult<never> = { ok: false, error: { message: '拒绝执行：请求不是来自本程序的页面', internal: true } };

/** A file name the OS accepts, from a name the renderer proposes: no folders, no reserved characters. */
export function safeFileName(name: string): string {
  const base = path.basename(name.replace(/\\/g, '/'));
  // Windows rejects these characters and trailing dots or spaces
  const cleaned = base.replace(/[<>:"/\\|?*\u0000-\u001f]/g, '_').replace(/[. ]+$/, '').trim();
  return cleaned || '导出文件';
}

function filtersFor(fileName: string): SaveDialogOptions['filters'] {
  const ext = path.extname(fileName).slice(1).toLowerCase();
  const named: Record<string, string> = { xlsx: 'Excel 工作簿', pdf: 'PDF 文件', csv: 'CSV 表格', zip: '压缩包', json: 'JSON 文件' };
  const all = { name: '所有文件', extensions: ['*'] };
  return ext ? [{ name: named[ext] ?? `${ext.toUpperCase()} 文件`, extensions: [ext] }, all] : [all];
}

export function registerIpc(ipcMain: IpcMainLike, deps: IpcDeps): void {
  const trusted = (event: IpcEventLike) => deps.isTrustedUrl(event.senderFrame?.url ?? '');
  const writeFile = deps.writeFile ?? ((file, bytes) => fs.writeFileSync(file, bytes));

  ipcMain.handle(IPC_CHANNELS.api, async (event, method: unknown, input: unknown): Promise<ApiResult<unknown>> => {
    if (!trusted(event)) return REFUSED;
    if (typeof method !== 'string') return { ok: false, error: { message: '请求格式错误', internal: true } };
    return dispatch(deps.store, method, input, (stage, done, total) => event.sender.send(IPC_CHANNELS.progress, { method, stage, done, total }));
  });

  ipcMain.handle(IPC_CHANNELS.saveFile, async (event, fileName: unknown, base64: unknown): Promise<string | null> => {
    if (!trusted(event) || typeof fileName !== 'string' || typeof base64 !== 'string') return null;
    const name = safeFileName(fileName);
    const target = await deps.showSaveDialog({
      title: '保存文件',
      defaultPath: path.join(deps.defaultDir, name),
      buttonLabel: '保存',
      filters: filtersFor(name),
    });
    if (!target) return null;
    try {
      writeFile(target, Buffer.from(base64, 'base64'));
      return target;
    } catch (e) {
      deps.showError('保存失败', `无法写入文件 ${target}：${(e as Error).message}\n请换一个文件夹或检查磁盘空间后重试。`);
      return null;
    }
  });

  ipcMain.handle(IPC_CHANNELS.pickFolder, async (event, title: unknown, current: unknown): Promise<string | null> => {
    if (!trusted(event) || typeof title !== 'string') return null;
    return deps.showFolderDialog(title.slice(0, 60), typeof current === 'string' && current ? current : undefined);
  });

  ipcMain.handle(IPC_CHANNELS.print, (event): Promise<boolean> => {
    if (!trusted(event)) return Promise.resolve(false);
    return new Promise((resolve) => event.sender.print({ printBackground: true }, (success) => resolve(success)));
  });
}
