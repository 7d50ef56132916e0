/**
 * The documents a case produces: drafting, issuing and printing letters (GB/T 9704), their
 * templates and the office's document-number prefix.
 */
import { z } from 'zod';
import { choice, id, keysOf, localDate, printable, required, trimmed, type FileBytes } from './fields';
import { method, none } from './method';
import { DELIVERY_METHODS, LETTER_KINDS, type LetterKind } from './vocabulary';

/** A letter kind, checked where it enters (an own key of LETTER_KINDS, never `constructor` or the like). */
const letterKind = z.enum(keysOf(LETTER_KINDS), {
  error: (issue) => (issue.input === undefined ? '请选择文书种类' : `未知的文书种类：${String(issue.input)}`),
});

/** Every variable a template may use, with what it holds (shown beside the template editor). */
export const LETTER_VARIABLES = {
  机关名称: '本机关（本乡镇、本局）名称',
  信访人: '信访人姓名，多人以顿号分隔',
  信访编号: '信访事项编号',
  查询码: '信访人查询办理进展用的查询码',
  收到日期: '收到信访事项的日期',
  信访形式: '来信、来访、网上信访等',
  信访事项: '内容摘要',
  信访内容: '信访内容全文',
  受理日期: '受理（或交办）的日期',
  答复期限: '应当作出答复的日期',
  不予受理理由: '不予受理的理由',
  告知途径: '告知信访人的法定途径',
  转送日期: '转送的日期',
  转送机关: '有权处理的机关',
  责任单位: '交办的责任单位或乡镇',
  交办要求: '交办时写明的要求',
  办理期限: '交办的办理期限',
  办结报告期限: '报送办结报告的期限',
  延期天数: '延长的天数',
  延期理由: '延期的理由',
  延期后答复期限: '延期后的答复期限',
  信访请求: '处理意见书：信访请求',
  事实和理由: '处理意见书：查明的事实和理由',
  依据: '处理意见书：法律、法规、政策依据',
  处理意见: '予以支持、作出解释说明或不予支持',
  复查机关: '信访人可以请求复查的机关',
  被督办单位: '督办的单位',
  督办内容: '督办的内容',
  督办期限: '督办的期限',
  原信访事项编号: '已复核终结的原信访事项编号',
  办理过程: '结案报告：办理过程（按时间列出各步骤）',
  办结情况: '结案报告：查明情况和处理情况',
  是否化解: '结案报告：是否化解',
} as const;

/** A letter as printed: exactly this is frozen when it is issued (by the letters service). */
export interface LetterContent {
  title: string;
  /** 发文字号, given when issued; null on a draft and on forms */
  docNo: string | null;
  /** 主送: the petitioners or the unit, ending with ：; null for reports and forms */
  addressee: string | null;
  paragraphs: string[];
  /** the issuing office, placed for its seal */
  signature: string;
  /** 成文日期 in Arabic numerals, 2026年11月22日 */
  date: string;
  /** forms (送达回证, 登记表): label and value per row */
  rows: [string, string][] | null;
}

export interface LetterDraft {
  caseId: string;
  kind: LetterKind;
  kindLabel: string;
  content: LetterContent;
  /** the number it will most likely get (taken only when issued) */
  nextNumber: string | null;
  /** a notice to the petitioner whose 书面告知 is still owed: issuing it records that */
  notifies: boolean;
}

export interface IssuedLetter {
  id: string;
  caseId: string;
  kind: string;
  kindLabel: string;
  docNo: string | null;
  content: LetterContent;
  issuedOn: string;
  issuedAt: string;
  issuedBy: string | null;
  replacesId: string | null;
  /** the letter that corrects this one, if any */
  replacedBy: string | null;
}

/** How a letter reached the petitioner, from the case's 送达 step. */
export interface LetterDelivery {
  receivedOn: string;
  recipient: string;
  method: string;
}
/** A letter in its case's list: with its delivery, once recorded. */
export interface CaseLetter extends IssuedLetter {
  delivery: LetterDelivery | null;
}

const letterContentInput = z.object({
  title: required('文书标题', 40),
  addressee: trimmed('主送', 200).nullable(),
  paragraphs: z.array(trimmed('正文每段', 8000, 'multi')).max(200, '正文不超过200段'),
  signature: required('落款', 60),
  rows: z
    .array(z.tuple([z.string().max(40), trimmed('表格每项', 4000, 'multi')]))
    .max(60)
    .nullable(),
});

export const letterIssueInput = z.object({
  caseId: id,
  kind: letterKind,
  content: letterContentInput,
  issuedOn: localDate,
  /** a corrected letter names the one it replaces */
  replacesId: id.nullable().optional(),
  /** for a notice still owed: how it reaches the petitioner (records 书面告知) */
  notifyMethod: choice(DELIVERY_METHODS, '告知方式').optional(),
});

/** A template as the settings screen edits it (the letters service's templates.ts checks it). */
const templateInput = z.object({
  kind: letterKind,
  title: z.string().max(200).superRefine(printable('文书标题')),
  body: z.string().max(20000).superRefine(printable('文书正文', 'multi')),
});

export interface LetterTemplate {
  title: string;
  /** paragraphs, one per line; a line starting 一、 is a heading in 黑体, （一） in 楷体 */
  body: string;
}

export interface TemplateView extends LetterTemplate {
  kind: LetterKind;
  kindLabel: string;
  /** whose wording this is */
  source: 'office' | 'county' | 'default';
}

export const lettersMethods = {
  'letters.draft': method<LetterDraft>()(
    z.object({ caseId: id, kind: letterKind, forLetterId: id.optional() }),
  ),
  'letters.issue': method<IssuedLetter>()(letterIssueInput),
  'letters.list': method<CaseLetter[]>()(z.object({ caseId: id })),
  /** an issued letter as a GB/T 9704 .docx to save and print */
  'letters.docx': method<FileBytes>()(z.object({ id })),
  'letters.templates': method<TemplateView[]>()(none),
  'letters.saveTemplate': method<TemplateView>()(templateInput),
  'letters.resetTemplate': method<TemplateView>()(z.object({ kind: letterKind })),
  /**
   * printable GB/T 9704 pages: issued letters by id, or one draft as it would print if issued on
   * `issuedOn` (its date written out and, as nextNumber, the number it would be given that year)
   */
  'letters.html': method<{ html: string; nextNumber?: string | null }>()(
    z.union([
      z.object({ ids: z.array(id).min(1, '请选择要打印的文书').max(500) }),
      z.object({ draft: letterContentInput, kind: letterKind, issuedOn: localDate }),
    ]),
  ),
  /** letters issued on a day (batch printing), optionally of one kind */
  'letters.issuedOn': method<(IssuedLetter & { caseNo: string })[]>()(
    z.object({ on: localDate, kind: letterKind.optional() }),
  ),
  'letters.previewTemplate': method<{ html: string }>()(templateInput),
  'letters.prefix': method<{ prefix: string; saved: boolean }>()(none),
  'letters.savePrefix': method<{ prefix: string; saved: boolean }>()(
    z.object({ prefix: trimmed('机关代字', 10) }),
  ),
} as const;
