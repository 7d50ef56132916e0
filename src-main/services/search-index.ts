/**
 * Full-text search over the register. Chinese has no spaces, and clerks search two-character
 * words (土地, 低保), so the indexed text is pre-tokenized here into overlapping character
 * bigrams (plus the last character of each run, so a single character is findable by prefix);
 * Latin letters and digits stay whole words (ID numbers, phones, pinyin initials, case numbers).
 * SQLite FTS5 then indexes the space-separated tokens. The index is local and rebuilt from the
 * cases, so it never travels in a sync package.
 */
import { pinyin } from 'pinyin-pro';
import type { Store } from './database';
import type { Statement } from 'better-sqlite3';

const HAN = /\p{Script=Han}/u;
// a Latin/digit run stops at a Han character (Han is \p{L} too): "3组土地" is 3 + 组土地
const RUN = /(\p{Script=Han}+)|((?:(?!\p{Script=Han})[\p{L}\p{N}])+)/gu;

/** Tokens of a text, in order: bigrams for Han runs, whole words otherwise. */
export function tokenize(text: string): string[] {
  const out: string[] = [];
  for (const m of text.normalize('NFKC').toLowerCase().matchAll(RUN)) {
    if (m[1]) {
      const chars = [...m[1]];
      for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i] + chars[i + 1]);
      out.push(chars[chars.length - 1]);
    } else {
      out.push(m[2]);
    }
  }
  return out;
}

/** Pinyin initials and full pinyin of a name, surnames read as surnames (单 → shan). */
export function nameKeys(name: string): string[] {
  if (!HAN.test(name)) return [];
  const syllables = pinyin(name, { toneType: 'none', type: 'array', surname: 'head', nonZh: 'removed' });
  return [syllables.map((s) => s[0]).join(''), syllables.join('')];
}

function quote(token: string): string {
  return `"${token.replace(/"/g, '""')}"`;
}

/**
 * FTS5 query for what a clerk typed: every word must match. A Han run is a phrase of its
 * bigrams (a one-character run matches as a prefix). Latin/digit runs match as a prefix, so
 * "zs" finds 张三 and the first digits of an ID number find it; runs joined by punctuation in
 * one word ("330102001-2026-00012") are one phrase, so a case number finds only that case.
 * Returns null when nothing searchable was typed.
 */
export function toMatchQuery(input: string): string | null {
  const parts: string[] = [];
  for (const term of input.normalize('NFKC').toLowerCase().split(/\s+/)) {
    let words: string[] = [];
    const flushWords = () => {
      if (words.length) parts.push(`${quote(words.join(' '))}*`);
      words = [];
    };
    for (const m of term.matchAll(RUN)) {
      if (!m[1]) {
        words.push(m[2]);
        continue;
      }
      flushWords();
      const chars = [...m[1]];
      if (chars.length === 1) parts.push(`${quote(chars[0])}*`);
      else {
        const bigrams: string[] = [];
        for (let i = 0; i + 1 < chars.length; i++) bigrams.push(chars[i] + chars[i + 1]);
        parts.push(quote(bigrams.join(' ')));
      }
    }
    flushWords();
  }
  return parts.length ? parts.join(' AND ') : null;
}

export interface IndexedCase {
  caseNo: string;
  queryCode: string;
  summary: string;
  content: string;
  petitioners: { name: string; idNumber: string | null; phone: string | null; address: string | null }[];
}

export function indexText(c: IndexedCase): string {
  const pieces = [c.caseNo, c.queryCode, c.summary, c.content];
  for (const p of c.petitioners) {
    pieces.push(p.name, ...nameKeys(p.name), p.idNumber ?? '', p.phone ?? '', p.address ?? '');
  }
  return tokenize(pieces.join(' ')).join(' ');
}

/** The index's two statements, prepared once per connection (bulk loads index many cases). */
const statements = new WeakMap<Store['sqlite'], { remove: Statement; insert: Statement }>();
function indexStatements(store: Store) {
  let s = statements.get(store.sqlite);
  if (!s) {
    s = {
      remove: store.sqlite.prepare('DELETE FROM case_search WHERE rowid = ?'),
      insert: store.sqlite.prepare('INSERT INTO case_search (rowid, body) VALUES (?, ?)'),
    };
    statements.set(store.sqlite, s);
  }
  return s;
}

/** Writes (or rewrites) one case's index entry; call inside the transaction that changed it. */
export function indexCase(store: Store, rowid: number, c: IndexedCase): void {
  const s = indexStatements(store);
  s.remove.run(rowid);
  s.insert.run(rowid, indexText(c));
}
