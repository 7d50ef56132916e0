/**
 * Unsaved forms. The intake screen saves its form here as the clerk types, so reopening the
 * app after a crash or power cut brings the form back. Drafts are local to this installation.
 */
import type { Draft } from '../contract';
import type { Store } from './database';
import { UserError } from './errors';

export const MAX_DRAFT_BYTES = 2 * 1024 * 1024;

export function getDraft(store: Store, form: string, userId: string): Draft | null {
  const row = store.sqlite
    .prepare('SELECT data, saved_at FROM drafts WHERE form = ? AND user_id = ?')
    .get(form, userId) as { data: string; saved_at: string } | undefined;
  return row ? { data: JSON.parse(row.data), savedAt: row.saved_at } : null;
}

export function saveDraft(store: Store, form: string, userId: string, data: unknown): { savedAt: string } {
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
