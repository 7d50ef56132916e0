/** Select/TreeSelect filtering that also understands pinyin and its initials (“hd” finds 河东村). */
import { match } from 'pinyin-pro';

export function matchesText(text: string, input: string): boolean {
  const q = input.trim().toLowerCase();
  if (!q) return true;
  if (text.toLowerCase().includes(q)) return true;
  return /^[a-z]+$/.test(q) && match(text, q) !== null;
}

export const pinyinFilter = (input: string, option?: { label?: unknown; title?: unknown }) =>
  matchesText(String(option?.label ?? option?.title ?? ''), input);
