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
