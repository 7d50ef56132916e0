/**
 * Writing a file so a power cut or a pulled USB stick never leaves half of it under its real
 * name: a temporary file beside it, flushed to the disk, then renamed over. Used for attachment
 * files, sync packages and enrollment files.
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { UserError } from './errors';

/** What to tell the user when the disk is full, not writable, or the folder is gone. */
export interface WriteFailureMessages {
  full: string;
  denied: string;
  missing?: string;
}

/**
 * What to say when a file for another office (a sync package, an enrollment file) cannot be
 * written into the chosen folder, usually on a USB stick. `registerUntouched` adds that the
 * register itself was not changed, where that is so.
 */
export function folderWriteFailures(noun: string, registerUntouched = false): WriteFailureMessages {
  const note = registerUntouched ? '；本机数据未受影响' : '';
  return {
    full: `目标磁盘空间不足，${noun}未写成${note}。请清理空间或换一个U盘后重试`,
    denied: `无法写入所选文件夹（没有权限或U盘只读），${noun}未写成${note}`,
    missing: `所选文件夹不存在（U盘可能已拔出），${noun}未写成${note}`,
  };
}

export function writeFileDurably(file: string, bytes: Buffer, messages: WriteFailureMessages): void {
  const tmp = `${file}.${randomUUID()}.tmp`;
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const fd = fs.openSync(tmp, 'w');
    try {
      fs.writeSync(fd, bytes);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, file);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOSPC') throw new UserError(messages.full);
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') throw new UserError(messages.denied);
    if (code === 'ENOENT' && messages.missing) throw new UserError(messages.missing);
    throw e;
  }
}
