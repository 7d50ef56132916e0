/**
 * Unsaved forms. The intake screen saves its form here as the clerk types, so reopening the
 * app after a crash or power cut brings the form back. Drafts are local to this installation.
 */
import type { Draft } from '../contract';
import type { Store } from './database';
import { UserError } from './errors';

export const MAX_DRAFT_BYTES = 2 * 1024 * 1024;
/** A form nests a few levels (a petitioner's fields in a list); far deeper is not a form. */
export const MAX_DRAFT_DEPTH = 64;

/** Whether data nests deeper than `max`, found without recursion (JSON.stringify would overflow). */
function nestsDeeperThan(data: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[data, 0]];
  while (stack.length) {
    const [value, depth] = stack.pop()!;
    if (value === null || typeof value !== 'object') continue;
    if (depth >= max) return true;
    for (const child of Object.values(value)) stack.push([child, depth + 1]);
  }
  return false;
}

export function getDraft(store: Store, form: string, userId: string): Draft | null {
  const row = store.sqlite
    .prepare('SELECT data, saved_at FROM drafts WHERE form = ? AND user_id = ?')
    .get(form, userId) as { data: string; saved_at: string } | undefined;
  return row ? { data: JSON.parse(row.data), savedAt: row.saved_at } : null;
}

export function saveDraft(store: Store, form: string, userId: string, data: unknown): { savedAt: string } {
  // checked before JSON.stringify, which recurses and fails with "Maximum call stack size exceeded"
  if (nestsDeeperThan(data, MAX_DRAFT_DEPTH))
    throw new UserError('草稿内容的层次过深，不是本程序的表单内容，未能自动保存');
  const text = JSON.stringify(data ?? null);
  if (text.length > MAX_DRAFT_BYTES)
    throw new UserError('草稿内容过多（超过 200 万字），未能自动保存。请先提交或精简已填写的内容');
  const savedAt = new Date().toISOString();
  store.sqlite
    .prepare(
      `INSERT INTO drafts (form, user_id, data, saved_at) VALUES (?, ?, ?, ?)
       ON CONFLICT(form, user_id) DO UPDATE SET data = excluded.data, saved_at = excluded.saved_at`,
    )
    .run(form, userId, text, savedAt);
  return { savedAt };
}

export function clearDraft(store: Store, form: string, userId: string): null {
  store.sqlite.prepare('DELETE FROM drafts WHERE form = ? AND user_id = ?').run(form, userId);
  return null;
}
