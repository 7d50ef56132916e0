/**
 * What a letter's variables hold for one case: drawn from the registration, the petitioners and
 * the latest event of the step the letter belongs to. Dates are written as GB/T 9704 asks: in
 * Arabic numerals, the year in full, months and days without a leading zero (2026年11月2日).
 */
import type { CaseDetail, CaseEventView, LetterContent, LetterKind, OfficeInfo } from '../../contract';
import { CHANNELS, LETTER_KINDS, REJECT_ROUTES, REPLY_OUTCOMES, STEP_KINDS } from '../../contract';
import type { Store } from '../database';
import { getCase } from '../case-detail';
import { foldEvents, initialStatusOf, loadEvents, type WorkflowState } from '../workflow';
import { UserError } from '../errors';
import { officeName, unitName } from '../office';
import { KIND_RULES } from './kinds';
import type { LetterValues } from './templates';

export function chineseDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** The latest event of a kind, which a letter drawn from that step quotes. */
function latestEvent(c: CaseDetail, kind: string): CaseEventView | undefined {
  for (let i = c.events.length - 1; i >= 0; i--) if (c.events[i].kind === kind) return c.events[i];
  return undefined;
}

/** The parts of a letter the clerk edits (the number and the date are given when it is issued). */
export type LetterParts = Omit<LetterContent, 'docNo' | 'date'>;

/**
 * A letter as printed, from its parts, its number and its 成文日期 (ISO): the one shape the
 * draft, the previews and issuing all build. Paragraphs are trimmed and blank ones dropped; only
 * forms have rows.
 */
export function composeLetter(
  kind: LetterKind,
  parts: LetterParts,
  issue: { docNo: string | null; on: string },
): LetterContent {
  return {
    title: parts.title,
    docNo: issue.docNo,
    addressee: parts.addressee || null,
    paragraphs: parts.paragraphs.map((p) => p.trim()).filter(Boolean),
    signature: parts.signature,
    date: chineseDate(issue.on),
    rows: KIND_RULES[kind].form ? (parts.rows ?? []) : null,
  };
}

/** 主送: the petitioners, or the unit the case was assigned (or supervised) to; null for reports and forms. */
export function addresseeOf(kind: LetterKind, values: LetterValues): string | null {
  const to = KIND_RULES[kind].to;
  const name =
    to === 'petitioners'
      ? values.信访人
      : to === 'unit'
        ? kind === 'superviseLetter'
          ? values.被督办单位
          : values.责任单位
        : '';
  return name ? `${name}：` : null;
}

const text = (v: unknown) => (v === null || v === undefined ? '' : String(v));

export interface LetterSource {
  c: CaseDetail;
  values: LetterValues;
}

/** Why a letter cannot be drawn from a case: the step it quotes not yet taken, or the case not recorded as 不再受理. */
function sourceProblem(
  kind: LetterKind,
  events: readonly { kind: string }[],
  status: string,
  repeatOf: boolean,
): string | null {
  const { source } = KIND_RULES[kind];
  if (source && !events.some((e) => e.kind === source)) {
    return `此件尚未${STEP_KINDS[source]}，不能出具${LETTER_KINDS[kind]}。请先办理“${STEP_KINDS[source]}”`;
  }
  if (kind === 'notReacceptNotice' && (status !== 'notReaccepted' || !repeatOf))
    return '此件未登记为不再受理，不能出具不再受理告知书';
  return null;
}

/**
 * The same check from the case's events and state alone, without drawing the letter: issuing
 * runs it inside its transaction, against the case as it is then. Returns the case's state.
 */
export function checkSource(
  store: Store,
  caseId: string,
  kind: LetterKind,
  repeatOf: boolean,
): WorkflowState {
  const events = loadEvents(store, caseId);
  const state = foldEvents(events, initialStatusOf(events));
  const problem = sourceProblem(kind, events, state.status, repeatOf);
  if (problem) throw new UserError(problem);
  return state;
}

export function letterSource(
  store: Store,
  caseId: string,
  kind: LetterKind,
  office: OfficeInfo,
): LetterSource {
  const c = getCase(store, caseId);
  const problem = sourceProblem(kind, c.events, c.workflow.status, !!c.repeatOf);
  if (problem) throw new UserError(problem);
  // a step names its unit or township by id
  const nameOf = (lookup: (store: Store, id: string) => string | null, id: unknown) =>
    id ? (lookup(store, String(id)) ?? '') : '';
  const reply = c.workflow.deadlines.find((x) => x.kind === 'reply');
  const petitioners = c.petitioners.map((p) => p.name).filter(Boolean);
  const assign = latestEvent(c, 'assign');
  const supervise = latestEvent(c, 'supervise');
  const close = latestEvent(c, 'close');
  const forward = latestEvent(c, 'forward');
  const extend = latestEvent(c, 'extend');
  const replyEvent = latestEvent(c, 'reply');
  const reject = latestEvent(c, 'reject');
  const assignee = assign
    ? nameOf(officeName, assign.data.officeId) || nameOf(unitName, assign.data.unitId)
    : '';

  const values: LetterValues = {
    机关名称: office.name,
    信访人: petitioners.join('、') || '（匿名）',
    信访编号: c.caseNo,
    查询码: c.queryCode,
    收到日期: chineseDate(c.receivedAt),
    信访形式: CHANNELS[c.channel] ?? c.channel,
    信访事项: c.summary,
    信访内容: c.content,
    受理日期: chineseDate(c.workflow.acceptedOn),
    答复期限: chineseDate(reply?.due),
    不予受理理由: text(reject?.data.reason),
    告知途径: (() => {
      const r = reject?.data;
      if (!r) return '';
      const route = REJECT_ROUTES[text(r.route) as keyof typeof REJECT_ROUTES] ?? text(r.route);
      return r.routeNote ? `${route}（${text(r.routeNote)}）` : route;
    })(),
    转送日期: chineseDate(text(forward?.data.on)),
    转送机关: text(forward?.data.to),
    责任单位: assignee,
    交办要求: text(assign?.data.note) || '请依法依规调查处理，做好信访人的解释疏导工作。',
    办理期限: chineseDate(text(assign?.data.deadline)),
    办结报告期限: chineseDate(text(assign?.data.reportDue)),
    延期天数: text(extend?.data.days),
    延期理由: text(extend?.data.reason),
    延期后答复期限: chineseDate(reply?.due),
    信访请求: text(replyEvent?.data.request),
    事实和理由: text(replyEvent?.data.facts),
    依据: text(replyEvent?.data.basis),
    处理意见: REPLY_OUTCOMES[text(replyEvent?.data.outcome) as keyof typeof REPLY_OUTCOMES] ?? '',
    复查机关:
      office.level === 'township'
        ? `${office.name.replace(/(人民政府)?(信访办公室|信访办)?$/, '')}的上一级人民政府`
        : '上一级行政机关',
    被督办单位: nameOf(unitName, supervise?.data.unitId) || assignee,
    督办内容: text(supervise?.data.content),
    督办期限: chineseDate(text(supervise?.data.deadline)),
    原信访事项编号: c.repeatOf?.caseNo ?? '',
    办理过程: c.events
      .filter((e) => e.kind in STEP_KINDS)
      .map(
        (e) => `${chineseDate(text(e.data.on) || e.at)}，${STEP_KINDS[e.kind as keyof typeof STEP_KINDS]}。`,
      )
      .join('\n'),
    办结情况: close ? `${text(close.data.findings)}\n${text(close.data.actions)}` : '',
    是否化解: close ? (close.data.resolved ? '已化解。' : '未化解。') : '',
  };
  return { c, values };
}
