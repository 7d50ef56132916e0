/**
 * Text that prints — on a letter, a report, a package's name — holds no character the clerk
 * cannot see: a NUL, a right-to-left override that turns "证明" round on the page, a name made of
 * zero-width spaces alone. `lines: 'single'` (names, titles, 机关代字) refuses every control
 * character (C0, DEL, C1, line and paragraph separators) and every format character (Unicode
 * category Cf: zero-width space and joiners, bidi overrides and isolates, BOM, soft hyphen);
 * `'multi'` (a summary, a note, a letter's paragraph) lets line breaks and tabs through, and the
 * zero-width joiners emoji are made of, but refuses the other control characters and the bidi
 * marks, overrides and isolates. Either refuses text that is empty once the invisible characters
 * and white space are taken out. Chinese punctuation, the full-width space (U+3000) and emoji pass.
 */

export type Lines = 'single' | 'multi';

const SINGLE_LINE_REFUSED = /[\p{Cc}\p{Cf}\u2028\u2029]/u;
/** control characters but \t \n \r; the bidi marks (ALM, LRM, RLM), embeddings, overrides and isolates */
const MULTI_LINE_REFUSED = /(?![\t\n\r])\p{Cc}|[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;
const INVISIBLE = /[\s\p{Cc}\p{Cf}]/gu;

/** Why `text` cannot print as the field `label`, or null when it can. */
export function printableError(text: string, label: string, lines: Lines = 'single'): string | null {
  if ((lines === 'single' ? SINGLE_LINE_REFUSED : MULTI_LINE_REFUSED).test(text))
    return `${label}含有不可见的控制字符，请删除后重新输入`;
  if (text !== '' && text.replace(INVISIBLE, '') === '') return `${label}只含不可见的字符，请删除后重新输入`;
  return null;
}
