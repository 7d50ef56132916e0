import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  indexCase,
  indexText,
  KEY_SPAN,
  nameKeys,
  tokenize,
  tokenizeByRuns,
  toMatchQuery,
  unindexCase,
  withRoomyIndexWrites,
  type IndexedCase,
} from '../../src-main/services/search-index';
import { createTempStore, IDS, type TempStore } from '../helpers/store';

describe('tokenize', () => {
  it('splits Chinese runs into overlapping bigrams plus the last character', () => {
    expect(tokenize('土地')).toEqual(['土地', '地']);
    expect(tokenize('土地承包')).toEqual(['土地', '地承', '承包', '包']);
    // a digit run stops at Chinese: "3组土地" is 3 + 组土地 (Han is a letter to \p{L} too)
    expect(tokenize('3组土地')).toEqual(['3', '组土', '土地', '地']);
    expect(tokenize('2019年被征收')).toEqual(['2019', '年被', '被征', '征收', '收']);
    expect(tokenize('地')).toEqual(['地']);
  });

  it('does not make bigrams across punctuation or spaces', () => {
    expect(tokenize('低保，土地')).toEqual(['低保', '保', '土地', '地']);
    expect(tokenize('张三 李四')).toEqual(['张三', '三', '李四', '四']);
  });

  it('keeps Latin and digit runs whole, lower-cased, and splits them from Chinese', () => {
    expect(tokenize('ABC-123')).toEqual(['abc', '123']);
    expect(tokenize(IDS.standardX)).toEqual(['11010519491231002x']);
    expect(tokenize('330102001-2026-00001')).toEqual(['330102001', '2026', '00001']);
    expect(tokenize('电话13800138000')).toEqual(['电话', '话', '13800138000']);
  });

  it('folds full-width characters (NFKC)', () => {
    expect(tokenize('ＡＢＣ１２３')).toEqual(['abc123']);
  });
  it('gives the tokens of the reference tokenizer (the runs of RUN) for any text', () => {
    // a fixed pseudo-random mix of Han (BMP, extension A and astral), Latin, digits, full-width
    // forms, other scripts, combining marks, punctuation, spaces and lone surrogates
    const pool = [
      ...'土地承包低保张三李四㐀㑀単﨎ＡＢＣ１２３abcXYZ0123456789éßΣσДжعربي한글ひらカナ\u0301\u0663，。、；：-_/ .()"\'\n\t',
      '\u{20000}',
      '\u{2A6D6}',
      '\u{1D400}',
      '\u{1F600}',
      '\uD800',
      '\uDC00',
    ];
    let seed = 7;
    const next = () => (seed = (seed * 48271) % 2147483647);
    for (let n = 0; n < 3000; n++) {
      let text = '';
      for (let len = next() % 24; len > 0; len--) text += pool[next() % pool.length];
      expect(tokenize(text), JSON.stringify(text)).toEqual(tokenizeByRuns(text));
    }
  });
});

describe('nameKeys (pinyin)', () => {
  it('gives initials and full pinyin', () => {
    expect(nameKeys('张三')).toEqual(['zs', 'zhangsan']);
  });

  it('reads polyphonic surnames as surnames', () => {
    expect(nameKeys('单伟')).toEqual(['sw', 'shanwei']); // 单 as a surname is shàn, not dān
    expect(nameKeys('曾国藩')).toEqual(['zgf', 'zengguofan']); // 曾 as a surname is zēng, not céng
    expect(nameKeys('仇英')[0]).toBe('qy'); // qiú, not chóu
  });

  it('reads the same character elsewhere in a name with its ordinary reading', () => {
    expect(nameKeys('王曾')).toEqual(['wc', 'wangceng']);
  });

  it('gives nothing for names without Chinese characters', () => {
    expect(nameKeys('Tom')).toEqual([]);
  });
});

describe('toMatchQuery', () => {
  it('makes a two-character word one bigram token', () => {
    expect(toMatchQuery('土地')).toBe('"土地"');
  });

  it('makes a longer word a phrase of its bigrams', () => {
    expect(toMatchQuery('土地承包')).toBe('"土地 地承 承包"');
  });

  it('makes a single character a prefix query', () => {
    expect(toMatchQuery('地')).toBe('"地"*');
  });

  it('makes Latin and digit words prefix queries and requires every word', () => {
    expect(toMatchQuery('zs')).toBe('"zs"*');
    expect(toMatchQuery('110105')).toBe('"110105"*');
    expect(toMatchQuery('ZS 土地')).toBe('"zs"* AND "土地"');
  });

  it('returns null when nothing searchable was typed', () => {
    expect(toMatchQuery('')).toBeNull();
    expect(toMatchQuery('  ')).toBeNull();
    expect(toMatchQuery('"*()-:^')).toBeNull();
  });

  it('never lets quotes or FTS operators through unquoted', () => {
    expect(toMatchQuery('"土地')).toBe('"土地"');
    expect(toMatchQuery('a"b')).toBe('"a b"*');
    expect(toMatchQuery('AND OR NOT')).toBe('"and"* AND "or"* AND "not"*');
    expect(toMatchQuery('NEAR(土地)')).toBe('"near"* AND "土地"');
  });
});

describe('search on a real FTS5 index', () => {
  let t: TempStore;
  const docs: Record<number, IndexedCase> = {
    1: {
      receivedAt: '2026-03-01T09:00',
      caseNo: '330102001-2026-00001',
      queryCode: 'K7M2XQ9P',
      summary: '反映土地承包合同纠纷',
      content: '村委会未按约定续签',
      petitioners: [{ name: '单伟', idNumber: IDS.standardX, phone: '13800138000', address: '东村3组' }],
    },
    2: {
      receivedAt: '2026-03-02T09:00',
      caseNo: '330102001-2026-00002',
      queryCode: 'ABCDEFGH',
      summary: '申请低保',
      content: '家中土地被征收后无收入',
      petitioners: [{ name: '曾红', idNumber: null, phone: '0571-88886666', address: null }],
    },
    3: {
      receivedAt: '2026-03-03T09:00',
      caseNo: '330102001-2026-00003',
      queryCode: 'ZZZZ2345',
      summary: '噪声扰民',
      content: '工地夜间施工 "AND" OR NOT (测试)',
      petitioners: [{ name: '王五', idNumber: null, phone: null, address: null }],
    },
  };
  const search = (q: string): number[] => {
    const match = toMatchQuery(q);
    if (match === null) return [];
    // an entry's rowid is its search key; the case's own rowid is the key's low part
    return (
      t.store.sqlite
        .prepare(`SELECT rowid % ${KEY_SPAN} AS rowid FROM case_search WHERE case_search MATCH ? ORDER BY 1`)
        .all(match) as { rowid: number }[]
    ).map((r) => r.rowid);
  };

  beforeAll(() => {
    t = createTempStore();
    for (const [rowid, doc] of Object.entries(docs)) indexCase(t.store, Number(rowid), doc);
  });
  afterAll(() => t.cleanup());

  it('finds two-character and four-character words as words', () => {
    expect(search('土地')).toEqual([1, 2]);
    expect(search('土地承包')).toEqual([1]);
    expect(search('承包合同')).toEqual([1]);
    // the characters of a word present but not next to each other do not match the phrase
    expect(search('土承')).toEqual([]);
    expect(search('地承包合')).toEqual([1]);
  });

  it('finds a single character anywhere in a run, including its last character', () => {
    expect(search('纷')).toEqual([1]);
    expect(search('保')).toEqual([2]);
    expect(search('地')).toEqual([1, 2, 3]);
  });

  it('finds names, pinyin initials (with surname readings) and full pinyin', () => {
    expect(search('单伟')).toEqual([1]);
    expect(search('sw')).toEqual([1]);
    expect(search('dw')).toEqual([]); // 单 is not read dān as a surname
    expect(search('zh')).toEqual([2]); // 曾红 → zh, not ch
    expect(search('zenghong')).toEqual([2]);
    expect(search('shan')).toEqual([1]);
  });

  it('finds ID numbers, phones, case numbers and query codes, whole or by prefix', () => {
    expect(search(IDS.standardX)).toEqual([1]);
    expect(search('11010519491231002x')).toEqual([1]);
    expect(search('110105')).toEqual([1]);
    expect(search('13800138000')).toEqual([1]);
    expect(search('0571')).toEqual([2]);
    expect(search('88886666')).toEqual([2]);
    expect(search('330102001-2026-00002')).toEqual([2]);
    expect(search('k7m2xq9p')).toEqual([1]);
    expect(search('ZZZZ2345')).toEqual([3]);
  });

  it('finds exactly one case by its whole case number among cases whose numbers share a prefix', () => {
    for (let seq = 10; seq <= 19; seq++) {
      indexCase(t.store, 100 + seq, {
        receivedAt: '2026-04-01T08:00',
        caseNo: `330102001-2026-000${seq}`,
        queryCode: `Q${seq}`,
        summary: '',
        content: '',
        petitioners: [],
      });
    }
    expect(search('330102001-2026-00001')).toEqual([1]);
    expect(search('330102001-2026-00015')).toEqual([115]);
    expect(search('2026-0001')).toEqual(Array.from({ length: 10 }, (_, i) => 110 + i)); // 00010 … 00019
    for (let seq = 10; seq <= 19; seq++) unindexCase(t.store, 100 + seq);
  });

  it('requires every word typed', () => {
    expect(search('土地 低保')).toEqual([2]);
    expect(search('土地 sw')).toEqual([1]);
    expect(search('土地 噪声')).toEqual([]);
  });

  it('does not break on quotes, brackets or FTS operators typed by a clerk', () => {
    for (const q of [
      '"',
      '"土地',
      '土地"',
      "'土地'",
      '“土地”',
      'a"b',
      'AND',
      'OR',
      'NOT',
      'NEAR(土地, 2)',
      '土地*',
      '(测试)',
      '-土地',
      'body:土地',
      '^土地',
      '{x}',
      '土地 OR 低保',
    ]) {
      expect(() => search(q), q).not.toThrow();
    }
    expect(search('"土地')).toEqual([1, 2]);
    expect(search('(测试)')).toEqual([3]);
    expect(search('"AND"')).toEqual([3]); // the word itself, not the operator
    expect(search('土地 OR 低保')).toEqual([]); // OR is a word to find, not an operator
  });

  it('indexes what it is given and nothing of a removed entry', () => {
    const text = indexText(docs[1]);
    expect(text.split(' ')).toEqual(
      expect.arrayContaining([
        '土地',
        '单伟',
        'sw',
        'shanwei',
        '11010519491231002x',
        '13800138000',
        'k7m2xq9p',
      ]),
    );
    indexCase(t.store, 1, { ...docs[1], summary: '反映宅基地纠纷', content: '' });
    expect(search('土地承包')).toEqual([]);
    expect(search('宅基地')).toEqual([1]);
    indexCase(t.store, 1, docs[1]);
    expect(search('土地承包')).toEqual([1]);
  });

  it('writes entries with more room in memory (an import) into the same index, and sets the room back', () => {
    const hashsize = () =>
      t.store.sqlite.prepare(`SELECT v FROM case_search_config WHERE k = 'hashsize'`).pluck().get();
    t.store.sqlite.transaction(() =>
      withRoomyIndexWrites(t.store, () => {
        expect(hashsize()).toBe(16 * 1024 * 1024);
        for (let rowid = 10; rowid < 1010; rowid++)
          indexCase(t.store, rowid, {
            ...docs[2],
            receivedAt: '2026-03-04T09:00',
            summary: `申请低保第${rowid}件`,
          });
        indexCase(t.store, 2, { ...docs[2], summary: '申请临时救助' });
      }),
    )();
    expect(hashsize()).toBe(1024 * 1024);
    expect(search('低保')).toHaveLength(1000);
    expect(search('临时救助')).toEqual([2]);
    expect(search('土地承包')).toEqual([1]);
    expect(search('被征收')).toHaveLength(1001);
    t.store.sqlite.exec(`INSERT INTO case_search (case_search) VALUES ('integrity-check')`);
  });
});
