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

const OTHER = 0;
const HAN_CHAR = 1;
/** a letter or digit of any script but Han */
const WORD_CHAR = 2;
const WORD = /[\p{L}\p{N}]/u;
const classOf = (ch: string) => (HAN.test(ch) ? HAN_CHAR : WORD.test(ch) ? WORD_CHAR : OTHER);
/** The class of each UTF-16 unit met so far (255: not yet looked up); astral characters are looked up each time. */
const bmpClass = new Uint8Array(0x10000).fill(255);

/**
 * Tokens of a text, in order: bigrams for Han runs, whole words otherwise. The runs are those of
 * RUN (toMatchQuery splits a query with it); found here by one pass over the characters with
 * each one's class remembered, which indexed an import's 11,600 cases in a third less time than
 * matchAll. tests/unit/search-index.test.ts holds both to the same tokens.
 */
export function tokenize(text: string): string[] {
  const s = text.normalize('NFKC').toLowerCase();
  const out: string[] = [];
  const n = s.length;
  let i = 0;
  while (i < n) {
    const unit = s.charCodeAt(i);
    const astral = unit >= 0xd800 && unit <= 0xdbff && i + 1 < n && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
    const len = astral ? 2 : 1;
    let c = astral ? classOf(s.slice(i, i + 2)) : bmpClass[unit];
    if (c === 255) c = bmpClass[unit] = classOf(s[i]);
    if (c === OTHER) {
      i += len;
      continue;
    }
    // the run of characters of class c from i, as [start, end) of each character
    const start = i;
    let prev = -1;
    while (i < n) {
      const u = s.charCodeAt(i);
      const a = u >= 0xd800 && u <= 0xdbff && i + 1 < n && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
      let k = a ? classOf(s.slice(i, i + 2)) : bmpClass[u];
      if (k === 255) k = bmpClass[u] = classOf(s[i]);
      if (k !== c) break;
      const next = i + (a ? 2 : 1);
      if (c === HAN_CHAR && prev >= 0) out.push(s.slice(prev, next));
      prev = i;
      i = next;
    }
    out.push(c === HAN_CHAR ? s.slice(prev, i) : s.slice(start, i));
  }
  return out;
}

/** The first tokenizer, kept as the reference the one above is tested against. */
export function tokenizeByRuns(text: string): string[] {
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

/** Pinyin keys of names already seen: petitioners' names repeat (the same person, common names). */
const nameKeyCache = new Map<string, string[]>();
const NAME_CACHE_SIZE = 20_000;

/** Pinyin initials and full pinyin of a name, surnames read as surnames (单 → shan). */
export function nameKeys(name: string): string[] {
  if (!HAN.test(name)) return [];
  let keys = nameKeyCache.get(name);
  if (!keys) {
    const syllables = pinyin(name, { toneType: 'none', type: 'array', surname: 'head', nonZh: 'removed' });
    keys = [syllables.map((s) => s[0]).join(''), syllables.join('')];
    if (nameKeyCache.size >= NAME_CACHE_SIZE) nameKeyCache.clear();
    nameKeyCache.set(name, keys);
  }
  return keys.slice();
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
  /** 2026-11-22T09:30: orders the index */
  receivedAt: string;
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

/**
 * An entry's FTS rowid is its search key: the minute the petition was received, then the case's
 * own rowid (KEY_SPAN of them per minute). FTS5 reads matches in rowid order, so a search pages
 * through its hits newest-received first without reading and sorting all of them, in exactly
 * the register's order (received_at DESC, rowid DESC). case_search_keys remembers each case's key
 * so an edit of the received time can remove the old entry. Computed in SQL: it needs 64 bits.
 */
export const KEY_SPAN = 4294967296;
const KEY_SQL = `(CAST(strftime('%s', ?) AS INTEGER) / 60) * ${KEY_SPAN} + CAST(? AS INTEGER)`;

/** The index's statements, prepared once per connection (bulk loads index many cases). */
const statements = new WeakMap<
  Store['sqlite'],
  { known: Statement; remove: Statement; forget: Statement; remember: Statement; insert: Statement }
>();
function indexStatements(store: Store) {
  let s = statements.get(store.sqlite);
  if (!s) {
    s = {
      known: store.sqlite.prepare('SELECT 1 FROM case_search_keys WHERE case_rowid = ?').pluck(),
      remove: store.sqlite.prepare(
        'DELETE FROM case_search WHERE rowid = (SELECT key FROM case_search_keys WHERE case_rowid = ?)',
      ),
      forget: store.sqlite.prepare('DELETE FROM case_search_keys WHERE case_rowid = ?'),
      remember: store.sqlite.prepare(
        `INSERT OR REPLACE INTO case_search_keys (case_rowid, key) VALUES (?, ${KEY_SQL})`,
      ),
      // keys pass 2^53, so they stay in SQLite and never become JS numbers
      insert: store.sqlite.prepare(`INSERT INTO case_search (rowid, body) VALUES (${KEY_SQL}, ?)`),
    };
    statements.set(store.sqlite, s);
  }
  return s;
}

/** Writes (or rewrites) one case's index entry, inside the transaction that changed the case (derived.ts). */
export function indexCase(store: Store, rowid: number, c: IndexedCase): void {
  const s = indexStatements(store);
  // a case indexed for the first time (every case of a first import) has no entry to remove: a
  // delete from the index costs even when it finds nothing
  if (s.known.get(rowid)) s.remove.run(rowid);
  s.remember.run(rowid, c.receivedAt, rowid);
  // the key worked out again rather than read back: one lookup less per case
  s.insert.run(c.receivedAt, rowid, indexText(c));
}

/**
 * FTS5 keeps new entries in memory and writes them out as a segment whenever they pass its
 * 'hashsize' (1 MB by default), merging segments as they pile up. Indexing thousands of cases in
 * one transaction (an import) runs `fn` with room for 16 MB of them, then sets the size back: the
 * index holds the same entries, written in a few large segments (the bench's import of 11,600
 * cases: about half a second less). The setting is kept in the index's config table, so it is
 * part of the caller's transaction and rolls back with it.
 */
export function withRoomyIndexWrites<T>(store: Store, fn: () => T): T {
  const { sqlite } = store;
  const before = sqlite.prepare(`SELECT v FROM case_search_config WHERE k = 'hashsize'`).pluck().get() as
    number | undefined;
  const setting = sqlite.prepare(`INSERT INTO case_search (case_search, rank) VALUES ('hashsize', ?)`);
  // an integer it must be: a JS number is bound as a real
  const set = (bytes: number) => setting.run(BigInt(bytes));
  set(BULK_HASH_BYTES);
  const out = fn();
  set(before ?? DEFAULT_HASH_BYTES);
  return out;
}
const BULK_HASH_BYTES = 16 * 1024 * 1024;
/** FTS5's own default */
const DEFAULT_HASH_BYTES = 1024 * 1024;

/** Takes a case out of the index: the index holds live cases only, so it can count a search alone. */
export function unindexCase(store: Store, rowid: number): void {
  const s = indexStatements(store);
  s.remove.run(rowid);
  s.forget.run(rowid);
}

/**
 * Indexes one case from the register as it now stands (or drops it if it is deleted): the full
 * rebuild below. A write's own cases are indexed by derived.ts refreshDerived.
 */
function reindexCase(store: Store, caseId: string): void {
  const c = store.sqlite
    .prepare(
      'SELECT rowid AS rid, received_at, case_no, query_code, summary, content, deleted FROM cases WHERE id = ?',
    )
    .get(caseId) as
    | {
        rid: number;
        received_at: string;
        case_no: string;
        query_code: string;
        summary: string;
        content: string;
        deleted: number;
      }
    | undefined;
  if (!c) return;
  if (c.deleted) return unindexCase(store, c.rid);
  const petitioners = store.sqlite
    .prepare(
      'SELECT name, id_number AS idNumber, phone, address FROM petitioners WHERE case_id = ? AND deleted = 0 ORDER BY sort',
    )
    .all(caseId) as IndexedCase['petitioners'];
  indexCase(store, c.rid, {
    receivedAt: c.received_at,
    caseNo: c.case_no,
    queryCode: c.query_code,
    summary: c.summary,
    content: c.content,
    petitioners,
  });
}

/**
 * Rebuilds the whole index when a migration has marked it stale (the index format changed).
 * Runs at open, in transactions of a few thousand cases so progress survives an interruption
 * only as a whole: the stale mark is cleared in the last one.
 */
export function rebuildSearchIndexIfStale(
  store: Store,
  onProgress?: (done: number, total: number) => void,
): void {
  const stale = store.sqlite
    .prepare(`SELECT value FROM local_state WHERE key = 'search_index_stale'`)
    .get() as { value: string } | undefined;
  if (!stale || stale.value !== '1') return;
  const ids = (
    store.sqlite.prepare('SELECT id FROM cases WHERE deleted = 0 ORDER BY rowid').all() as { id: string }[]
  ).map((r) => r.id);
  store.sqlite.exec('DELETE FROM case_search; DELETE FROM case_search_keys;');
  const batch = store.sqlite.transaction((slice: string[]) => slice.forEach((id) => reindexCase(store, id)));
  for (let i = 0; i < ids.length; i += 5000) {
    batch(ids.slice(i, i + 5000));
    onProgress?.(Math.min(i + 5000, ids.length), ids.length);
  }
  store.sqlite.prepare(`DELETE FROM local_state WHERE key = 'search_index_stale'`).run();
}
