/** SHA-256 as lowercase hex: attachment files by content, package files, enrollment tokens. */
import { createHash } from 'node:crypto';

export function sha256Hex(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}
