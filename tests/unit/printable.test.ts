/**
 * The rule of text that prints (contract/printable.ts) and the dates the contract takes
 * (contract/fields.ts): what is refused, in Chinese and naming the field, and what passes.
 */
import { describe, expect, it } from 'vitest';
import {
  localDate,
  localDateOf,
  localDateTime,
  printableError,
  required,
  trimmed,
} from '../../src-main/contract';

const CONTROL = '单位名称含有不可见的控制字符，请删除后重新输入';

describe('printableError, single line (names, titles, 机关代字)', () => {
  it.each([
    ['NUL', '示范\0镇'],
    ['a C0 control (BEL)', '示范\x07镇'],
    ['a line feed', '示范\n镇'],
    ['a tab', '示范\t镇'],
    ['DEL', '示范\x7F镇'],
    ['a C1 control (NEL)', '示范\x85镇'],
    ['a zero-width space', '示范\u200B镇'],
    ['a zero-width non-joiner', '示范\u200C镇'],
    ['a zero-width joiner', '示范\u200D镇'],
    ['a left-to-right mark', '示范\u200E镇'],
    ['a right-to-left override', '\u202E镇范示'],
    ['a left-to-right embedding', '\u202A示范镇'],
    ['a right-to-left isolate', '\u2067示范镇\u2069'],
    ['a first-strong isolate', '\u2068示范镇'],
    ['a byte order mark', '\uFEFF示范镇'],
    ['a soft hyphen', '示范\u00AD镇'],
    ['a word joiner', '示范\u2060镇'],
    ['a line separator', '示范\u2028镇'],
  ])('refuses %s', (_, text) => {
    expect(printableError(text, '单位名称')).toBe(CONTROL);
  });

  it('accepts Chinese text and punctuation, a full-width space and emoji', () => {
    for (const text of [
      '示范镇人民政府',
      '“清波”（一）、《信访条例》：第一条；！？…—·',
      '张\u3000三',
      '东村🏠',
      'ABC-1 号',
      '',
    ])
      expect(printableError(text, '单位名称')).toBeNull();
  });
});

describe('printableError, multi-line (summaries, notes, paragraphs)', () => {
  it('lets line breaks, tabs and an emoji made with joiners through', () => {
    expect(printableError('第一行\n第二行\r\n\t第三行👨\u200D👩\u200D👧', '内容摘要', 'multi')).toBeNull();
  });

  it.each([
    ['NUL', '内容\0摘要'],
    ['a vertical tab', '内容\x0B摘要'],
    ['a C1 control', '内容\x9B摘要'],
    ['a right-to-left override', '内容\u202E摘要'],
    ['a left-to-right isolate', '内容\u2066摘要'],
    ['a right-to-left mark', '内容\u200F摘要'],
  ])('refuses %s', (_, text) => {
    expect(printableError(text, '内容摘要', 'multi')).toBe('内容摘要含有不可见的控制字符，请删除后重新输入');
  });

  it('refuses text of invisible characters only', () => {
    expect(printableError('\u200B\u200B\n\u3000', '内容摘要', 'multi')).toBe(
      '内容摘要只含不可见的字符，请删除后重新输入',
    );
  });
});

describe('the contract fields', () => {
  it('trimmed and required use the rule, naming the field', () => {
    const name = required('单位名称', 40);
    expect(name.safeParse('示范\0镇').error?.issues[0].message).toBe(CONTROL);
    expect(name.safeParse('\u200B\u200B').error?.issues[0].message).toBe(CONTROL);
    expect(name.safeParse('  示范镇\u3000').data).toBe('示范镇');
    const note = trimmed('备注', 500, 'multi');
    expect(note.safeParse('一\n二').data).toBe('一\n二');
    expect(note.safeParse('一\u202E二').error?.issues[0].message).toBe(
      '备注含有不可见的控制字符，请删除后重新输入',
    );
  });

  it('localDate refuses impossible days and days before 2000', () => {
    const msg = (v: string) => localDate.safeParse(v).error?.issues.map((i) => i.message);
    expect(msg('2026-02-30')).toEqual(['日期 2026-02-30 不存在']);
    expect(msg('2026-13-01')).toEqual(['日期 2026-13-01 不存在']);
    expect(msg('2025-02-29')).toEqual(['日期 2025-02-29 不存在']);
    expect(msg('1900-01-01')).toEqual(['日期 1900-01-01 早于 2000-01-01，请检查年份']);
    expect(msg('1999-12-31')).toEqual(['日期 1999-12-31 早于 2000-01-01，请检查年份']);
    expect(msg('2026/01/01')).toEqual(['日期格式应为 年-月-日']);
    expect(localDateOf('发现日期').safeParse('1999-01-01').error?.issues[0].message).toBe(
      '发现日期 1999-01-01 早于 2000-01-01，请检查年份',
    );
    for (const ok of ['2000-01-01', '2024-02-29', '2026-12-31', '2027-06-30'])
      expect(localDate.parse(ok)).toBe(ok);
  });

  it('localDateTime refuses impossible days and times', () => {
    const msg = (v: string) => localDateTime.safeParse(v).error?.issues.map((i) => i.message);
    expect(msg('2026-02-30T09:00')).toEqual(['日期 2026-02-30 不存在']);
    expect(msg('1900-01-01T09:00')).toEqual(['日期 1900-01-01 早于 2000-01-01，请检查年份']);
    expect(msg('2026-02-03T24:00')).toEqual(['时间 24:00 不存在']);
    expect(msg('2026-02-03T09:60')).toEqual(['时间 09:60 不存在']);
    expect(msg('2026-02-03 09:00')).toEqual(['时间格式应为 年-月-日 时:分']);
    expect(localDateTime.parse('2026-02-03T23:59')).toBe('2026-02-03T23:59');
  });
});
