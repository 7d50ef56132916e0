/**
 * Which wording a letter uses and how an office changes it. The office's own template for the kind
 * wins, then the one its county sent down with sync, then the shipped wording. Saving checks the
 * template (services/letters/templates.ts) and, for a letter that must stay on one page, fills it
 * with a long sample case and refuses it when it would run over.
 */
import { randomUUID } from 'node:crypto';
import {
  LETTER_KINDS,
  LETTER_VARIABLES,
  type ApiParsed,
  type LetterKind,
  type LetterTemplate,
  type OfficeInfo,
  type TemplateView,
} from '../../contract';
import type { Store } from '../database';
import { mutate } from '../mutation';
import { requireOffice } from '../office';
import { UserError } from '../errors';
import { nowLocal } from '../local-time';
import { KIND_RULES } from './kinds';
import { lettersHtml, LINES_PER_PAGE } from './layout';
import { addresseeOf, chineseDate, composeLetter } from './values';
import {
  checkTemplate,
  DEFAULT_TEMPLATES,
  estimateLines,
  fillTemplate,
  type LetterValues,
} from './templates';

interface TemplateRow {
  id: string;
  officeId: string;
  title: string;
  body: string;
  updatedAt: string;
}

function storedTemplate(store: Store, officeId: string | null, kind: LetterKind): TemplateRow | undefined {
  if (!officeId) return undefined;
  return store.sqlite
    .prepare(
      `SELECT id, office_id AS officeId, title, body, updated_at AS updatedAt FROM letter_templates
       WHERE office_id = ? AND kind = ? AND deleted = 0 ORDER BY updated_at DESC, id DESC LIMIT 1`,
    )
    .get(officeId, kind) as TemplateRow | undefined;
}

export function templateFor(
  store: Store,
  kind: LetterKind,
  office: OfficeInfo = requireOffice(store),
): TemplateView {
  const own = storedTemplate(store, office.id, kind);
  const county = own ? undefined : storedTemplate(store, office.parentId, kind);
  const t = own ?? county;
  return {
    kind,
    kindLabel: LETTER_KINDS[kind],
    title: t?.title ?? DEFAULT_TEMPLATES[kind].title,
    body: t?.body ?? DEFAULT_TEMPLATES[kind].body,
    source: own ? 'office' : county ? 'county' : 'default',
  };
}

export function listTemplates(store: Store): TemplateView[] {
  return (Object.keys(LETTER_KINDS) as LetterKind[])
    .filter((k) => !KIND_RULES[k].form)
    .map((k) => templateFor(store, k));
}

/** A long but real-sized case, to see whether a one-page letter still fits on one page. */
const SAMPLE_DAY = '2026-11-22';
const SAMPLE: LetterValues = Object.fromEntries(
  Object.keys(LETTER_VARIABLES).map((k) => [k, '示例内容']),
) as LetterValues;
Object.assign(SAMPLE, {
  机关名称: '示范县清波街道办事处',
  信访人: '张三、李四、王五',
  信访编号: '330102001-2026-00012',
  查询码: 'ABCD2345',
  收到日期: chineseDate(SAMPLE_DAY),
  信访形式: '来访',
  信访事项: '反映河东村土地征收补偿款未足额发放，要求尽快落实到位',
  受理日期: '2026年11月24日',
  答复期限: '2027年1月23日',
  不予受理理由: '该事项已进入诉讼程序，依法应当通过诉讼途径解决',
  告知途径: '诉讼',
  责任单位: '司法所',
  被督办单位: '司法所',
  督办内容: '群众反映强烈，请抓紧核实情况，依法依规妥善处理，并做好信访人的解释疏导工作。',
});

/** A template as typed on the settings screen: title trimmed, line ends made \n, and checked. */
function parseTemplate(input: ApiParsed<'letters.saveTemplate'>): LetterTemplate {
  const t = { title: input.title.trim(), body: input.body.replace(/\r\n?/g, '\n') };
  checkTemplate(input.kind, t);
  return t;
}

export function saveTemplate(
  store: Store,
  input: ApiParsed<'letters.saveTemplate'>,
  actor: string | null,
): TemplateView {
  const { kind } = input;
  const t = parseTemplate(input);
  if (KIND_RULES[kind].onePage) {
    const lines = estimateLines(fillTemplate(t.body, SAMPLE), {
      title: t.title,
      hasNumber: true,
      hasAddressee: KIND_RULES[kind].to !== 'none',
    });
    if (lines > LINES_PER_PAGE) {
      throw new UserError(
        `${LETTER_KINDS[kind]}应在一页内印完（每页22行），按示例内容估算此模板需 ${lines} 行，请精简正文`,
        'body',
      );
    }
  }
  const office = requireOffice(store);
  mutate(store, { actor }, (m) => {
    const own = storedTemplate(store, office.id, kind);
    if (own) m.update('letter_templates', own.id, { title: t.title, body: t.body, updatedAt: nowLocal() });
    else
      m.insert('letter_templates', {
        id: randomUUID(),
        officeId: office.id,
        kind,
        title: t.title,
        body: t.body,
        updatedAt: nowLocal(),
      });
  });
  return templateFor(store, kind);
}

/** Back to the county's or the shipped wording. */
export function resetTemplate(store: Store, kind: LetterKind, actor: string | null): TemplateView {
  const office = requireOffice(store);
  const own = storedTemplate(store, office.id, kind);
  if (own) mutate(store, { actor }, (m) => m.update('letter_templates', own.id, { deleted: true }));
  return templateFor(store, kind);
}

/** The template filled with the sample case, laid out as it would print (the settings screen's live preview). */
export function previewTemplate(store: Store, input: ApiParsed<'letters.previewTemplate'>): { html: string } {
  const { kind } = input;
  const t = parseTemplate(input);
  const office = requireOffice(store);
  const { numberClass } = KIND_RULES[kind];
  const sample = { ...SAMPLE, 机关名称: office.name };
  const letter = composeLetter(
    kind,
    {
      title: t.title,
      addressee: addresseeOf(kind, sample),
      paragraphs: fillTemplate(t.body, sample),
      signature: office.name,
      rows: null,
    },
    { docNo: numberClass ? `示例${numberClass}〔2026〕12号` : null, on: SAMPLE_DAY },
  );
  return { html: lettersHtml([letter]) };
}
