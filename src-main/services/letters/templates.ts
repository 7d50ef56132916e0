/**
 * The wording of each letter: a title and a body of paragraphs with {{变量}} placeholders. The
 * shipped wording follows 《信访工作条例》 (2022); an office may keep its own (设置 → 文书模板),
 * and the county may send its wording down with sync. A template naming a variable that does not
 * exist, or too long for a letter that must stay on one page, is refused with the reason.
 */
import { UserError } from '../errors';
import {
  LETTER_KINDS,
  LETTER_VARIABLES,
  MAX_EXTENSION_DAYS,
  OBJECTION_WORKING_DAYS,
  REPLY_DAYS,
  REVIEW_REQUEST_DAYS,
  type LetterKind,
  type LetterTemplate,
} from '../../contract';
import { KIND_RULES } from './kinds';
import { CHARS_PER_LINE } from './layout';

export type LetterVariable = keyof typeof LETTER_VARIABLES;
export type LetterValues = Record<LetterVariable, string>;

export const DEFAULT_TEMPLATES: Record<LetterKind, LetterTemplate> = {
  acceptNotice: {
    title: LETTER_KINDS.acceptNotice,
    body: `你（们）于{{收到日期}}以{{信访形式}}形式反映的“{{信访事项}}”一事（信访编号：{{信访编号}}），本机关已于{{受理日期}}依法受理。
根据《信访工作条例》第三十四条的规定，本机关将自受理之日起${REPLY_DAYS}日内办结，并书面答复你（们）；情况复杂的，经本机关负责人批准，可以适当延长办理期限，但延长期限不得超过${MAX_EXTENSION_DAYS}日，并告知延期理由。
你（们）可以凭查询码{{查询码}}查询办理进展。
特此告知。`,
  },
  rejectNotice: {
    title: LETTER_KINDS.rejectNotice,
    body: `你（们）于{{收到日期}}以{{信访形式}}形式反映的“{{信访事项}}”一事（信访编号：{{信访编号}}），经审查，{{不予受理理由}}。
根据《信访工作条例》第二十二条的规定，本机关决定不予受理。请你（们）依照有关法律、行政法规规定的程序，通过{{告知途径}}提出。
特此告知。`,
  },
  notReacceptNotice: {
    title: LETTER_KINDS.notReacceptNotice,
    body: `你（们）于{{收到日期}}反映的“{{信访事项}}”一事（信访编号：{{信访编号}}），与你（们）此前提出、已经复核终结的信访事项（信访编号：{{原信访事项编号}}）的事实和理由相同。
根据《信访工作条例》第三十六条的规定，信访人对复核意见不服，仍然以同一事实和理由提出投诉请求的，不再受理。
特此告知。`,
  },
  forwardNotice: {
    title: LETTER_KINDS.forwardNotice,
    body: `你（们）于{{收到日期}}以{{信访形式}}形式反映的“{{信访事项}}”一事（信访编号：{{信访编号}}），经审查，不属于本机关职权范围。
根据《信访工作条例》第二十二条的规定，本机关已于{{转送日期}}将该事项转送{{转送机关}}处理，请你（们）与其联系。
特此告知。`,
  },
  assignSheet: {
    title: LETTER_KINDS.assignSheet,
    body: `现将信访人{{信访人}}反映的“{{信访事项}}”一事（信访编号：{{信访编号}}）交你单位办理。
一、办理要求
{{交办要求}}
二、办理期限
请于{{办理期限}}前办结，并于{{办结报告期限}}前将办结报告报送本机关。
三、异议
你单位认为交办不当的，应当自收到本交办单之日起${OBJECTION_WORKING_DAYS}个工作日内向本机关提出异议，并说明理由。`,
  },
  extendNotice: {
    title: LETTER_KINDS.extendNotice,
    body: `你（们）于{{收到日期}}反映的“{{信访事项}}”一事（信访编号：{{信访编号}}），因{{延期理由}}，经本机关负责人批准，办理期限延长{{延期天数}}日，本机关将于{{延期后答复期限}}前作出答复。
根据《信访工作条例》第三十四条的规定，特此告知。`,
  },
  opinion: {
    title: LETTER_KINDS.opinion,
    body: `你（们）于{{收到日期}}以{{信访形式}}形式反映的“{{信访事项}}”一事（信访编号：{{信访编号}}），本机关已依法受理。现将处理意见告知如下：
一、信访请求
{{信访请求}}
二、事实和理由
{{事实和理由}}
三、处理意见
根据{{依据}}，本机关对你（们）的信访请求{{处理意见}}。
四、复查途径
你（们）对本处理意见不服的，可以自收到本意见书之日起${REVIEW_REQUEST_DAYS}日内，向{{复查机关}}书面提出复查请求。`,
  },
  superviseLetter: {
    title: LETTER_KINDS.superviseLetter,
    body: `信访人{{信访人}}反映的“{{信访事项}}”一事（信访编号：{{信访编号}}）：
{{督办内容}}
请于{{督办期限}}前将办理情况书面报送本机关。`,
  },
  deliveryReceipt: { title: LETTER_KINDS.deliveryReceipt, body: '' },
  registerForm: { title: LETTER_KINDS.registerForm, body: '' },
  closingReport: {
    title: LETTER_KINDS.closingReport,
    body: `一、基本情况
信访人{{信访人}}于{{收到日期}}以{{信访形式}}形式反映“{{信访事项}}”（信访编号：{{信访编号}}）。
二、办理过程
{{办理过程}}
三、处理结果
{{办结情况}}
四、是否化解
{{是否化解}}`,
  },
};

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** the title in 2号 type: about 20 characters a line, at most two lines */
const TITLE_MAX = 40;

/** Checks a template's own text: its variables exist, its braces close, its title fits. */
export function checkTemplate(kind: LetterKind, t: LetterTemplate): void {
  const title = t.title.trim();
  if (!title) throw new UserError('请填写文书标题', 'title');
  if (title.length > TITLE_MAX)
    throw new UserError(
      `文书标题过长（${title.length} 字）：标题用2号字，最多两行、${TITLE_MAX} 字`,
      'title',
    );
  if (KIND_RULES[kind].form) return;
  if (!t.body.trim()) throw new UserError('请填写文书正文', 'body');
  const stripped = t.body.replace(PLACEHOLDER, '');
  if (stripped.includes('{{') || stripped.includes('}}'))
    throw new UserError('正文中有未配对的“{{”或“}}”：变量应写成 {{变量名}}', 'body');
  const unknown = [...t.body.matchAll(PLACEHOLDER)].map((m) => m[1]).filter((v) => !isVariable(v));
  if (unknown.length) {
    throw new UserError(
      `正文中的变量 ${[...new Set(unknown)].map((v) => `{{${v}}}`).join('、')} 不存在。可用的变量见右侧列表`,
      'body',
    );
  }
}

/** A variable a template may name: one of LETTER_VARIABLES' own keys (not `constructor`, `toString` …). */
function isVariable(name: string): name is LetterVariable {
  return Object.hasOwn(LETTER_VARIABLES, name);
}

/** The body with its variables filled in, as paragraphs (an unknown name, e.g. in a template sent by sync, is left empty). */
export function fillTemplate(body: string, values: LetterValues): string[] {
  return body
    .replace(PLACEHOLDER, (_, name: string) => (isVariable(name) ? (values[name] ?? '') : ''))
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
}

/** Lines a letter takes on a GB/T 9704 page: title, number, addressee, body, signature and date. */
export function estimateLines(
  paragraphs: string[],
  opts: { title: string; hasNumber: boolean; hasAddressee: boolean },
): number {
  // the body's first line of each paragraph is indented by two characters
  const body = paragraphs.reduce((n, p) => n + Math.max(1, Math.ceil((p.length + 2) / CHARS_PER_LINE)), 0);
  const title = Math.ceil(opts.title.length / 20) + 1; // a blank line under the title
  // signature and date stand with a blank line above them
  return title + (opts.hasNumber ? 2 : 0) + (opts.hasAddressee ? 1 : 0) + body + 3;
}
