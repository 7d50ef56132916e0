/**
 * Attachments (scanned letters, photos): the bytes are stored once by SHA-256 in the data
 * folder's attachments/ directory, written to a temporary file, flushed and renamed so a power
 * cut never leaves half a file under a real name; rows in the register name them by hash.
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { writeFileDurably } from './durable-file';
import { sha256Hex } from './hash';
import type { ApiParsed, AttachmentRef, CaseDetail, FileBytes } from '../contract';
import type { Store } from './database';
import { mutate } from './mutation';
import { appendEvent } from './case-events';
import { getCase } from './case-detail';
import { nowLocal } from './local-time';
import { UserError } from './errors';
import { requireHandledHere } from './handling-office';

export const MAX_ATTACHMENT_BYTES = 30 * 1024 * 1024;
const ALLOWED = /^(image\/(jpeg|png|gif|webp|bmp|tiff)|application\/pdf)$/;

export function blobPath(store: Store, sha256: string): string {
  return path.join(store.dataDir, 'attachments', sha256.slice(0, 2), sha256);
}

export function storeBlob(store: Store, bytes: Buffer): string {
  const sha256 = sha256Hex(bytes);
  const file = blobPath(store, sha256);
  if (fs.existsSync(file)) return sha256;
  writeFileDurably(file, bytes, {
    full: '磁盘空间不足，附件未保存。请清理磁盘后重试，已登记的内容不受影响',
    denied: `没有权限写入数据文件夹：${path.dirname(file)}`,
  });
  return sha256;
}

export function uploadAttachment(store: Store, input: ApiParsed<'attachments.upload'>): AttachmentRef {
  if (!ALLOWED.test(input.mime))
    throw new UserError(`不支持的附件类型（${input.mime}）：请上传图片（JPG、PNG 等）或 PDF`);
  const bytes = Buffer.from(input.base64, 'base64');
  if (bytes.length === 0) throw new UserError(`附件“${input.fileName}”是空文件`);
  if (bytes.length > MAX_ATTACHMENT_BYTES)
    throw new UserError(`附件“${input.fileName}”超过 30 MB，请压缩或分页扫描后再上传`);
  return { sha256: storeBlob(store, bytes), fileName: input.fileName, mime: input.mime, size: bytes.length };
}

export function addAttachment(
  store: Store,
  input: ApiParsed<'attachments.add'>,
  actor: string | null,
): CaseDetail {
  getCase(store, input.caseId);
  requireHandledHere(store, input.caseId);
  if (!fs.existsSync(blobPath(store, input.file.sha256)))
    throw new UserError('附件文件未找到，请重新选择文件上传');
  mutate(store, { actor }, (m) => {
    m.insert('attachments', {
      id: randomUUID(),
      caseId: input.caseId,
      sha256: input.file.sha256,
      fileName: input.file.fileName,
      mime: input.file.mime,
      size: input.file.size,
      addedAt: nowLocal(),
    });
    appendEvent(m, input.caseId, 'attached', { fileName: input.file.fileName, size: input.file.size });
  });
  return getCase(store, input.caseId);
}

export function readAttachment(store: Store, id: string): FileBytes & { mime: string } {
  const row = store.sqlite
    .prepare('SELECT sha256, file_name, mime FROM attachments WHERE id = ? AND deleted = 0')
    .get(id) as { sha256: string; file_name: string; mime: string } | undefined;
  if (!row) throw new UserError('附件不存在');
  const file = blobPath(store, row.sha256);
  if (!fs.existsSync(file))
    throw new UserError(`附件“${row.file_name}”的文件不在本机（可能尚未同步），请从原件重新扫描上传`);
  return { fileName: row.file_name, mime: row.mime, base64: fs.readFileSync(file).toString('base64') };
}
