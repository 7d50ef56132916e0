/**
 * Letters of a case: drafted from the case and the office's template, edited by the clerk, then
 * issued. Issuing takes the next document number of the office, kind and year in the same
 * transaction that stores the letter (so a number is never skipped or given twice, whatever
 * crashes or whoever else issues at the same moment), freezes the text exactly as printed, and
 * records the step in the case's timeline. A correction is a new letter naming the one it
 * replaces; nothing issued is ever changed.
 *
 * Over 400 lines because drafting, numbering and issuing share the case head, its deadlines and
 * the document numbering; wording is in templates.ts, layout in layout.ts and docx.ts.
 */
import { randomUUID } from 'node:crypto';
import {
  LETTER_KINDS,
  type ApiParsed,
  type CaseLetter,
  type DeadlineView,
  type IssuedLetter,
  type LetterDelivery,
  type LetterContent,
  type LetterDraft,
  type LetterKind,
  type OfficeInfo,
  printableError,
} from '../../contract';
import type { Store } from '../database';
import { mutate } from '../mutation';
import { requireOffice } from '../office';
import { UserError } from '../errors';
import { nowLocal, todayLocal } from '../local-time';
import { appendEvent } from '../case-events';
import { recordStep } from '../follow-up';
import { computeDeadlines, loadRules, noticeOwed, type DeadlineRules } from '../deadlines';
import { requireDate } from '../calendar';
import type { WorkflowState } from '../workflow';
import { KIND_RULES } from './kinds';
import {
  addresseeOf,
  checkSource,
  composeLetter,
  letterSource,
  type LetterParts,
  type LetterSource,
} from './values';
import { fillTemplate } from './templates';
import { templateFor } from './template-store';
import { lettersHtml } from './layout';
import { requireHandledHere } from '../handling-office';

/** 机关代字: the office's own setting (saved), else its name without the common endings. */
function prefixOf(store: Store, office: OfficeInfo): { prefix: string; saved: boolean } {
  const row = store.sqlite.prepare('SELECT doc_prefix AS p FROM offices WHERE id = ?').get(office.id) as {
    p: string | null;
  };
  const own = row.p?.trim();
  return {
    prefix:
      own ||
      office.name.replace(/(人民政府|信访办公室|信访办|信访局|街道办事处|街道|镇|乡)+$/, '') ||
      office.name,
    saved: !!own,
  };
}

function formatDocNo(prefix: string, numberClass: string, year: number, seq: number): string {
  return `${prefix}${numberClass}〔${year}〕${seq}号`;
}

/**
 * The office's next number of a kind in the year of the 成文日期 `on`: the one a draft shows and,
 * inside the issuing transaction, the one the letter takes. Null for forms, which carry none.
 */
function nextNumber(
  store: Store,
  office: OfficeInfo,
  kind: LetterKind,
  on: string,
): { year: number; seq: number; docNo: string } | null {
  const { numberClass } = KIND_RULES[kind];
  if (!numberClass) return null;
  const year = Number(on.slice(0, 4));
  const row = store.sqlite
    .prepare(
      'SELECT coalesce(max(seq), 0) + 1 AS n FROM documents WHERE office_id = ? AND kind = ? AND year = ?',
    )
    .get(office.id, kind, year) as { n: number };
  return { year, seq: row.n, docNo: formatDocNo(prefixOf(store, office).prefix, numberClass, year, row.n) };
}

/** The rows of a form, from the case (and, for a 送达回证, the letter it delivers). */
function formRows(
  store: Store,
  kind: LetterKind,
  src: LetterSource,
  forLetterId?: string,
): [string, string][] {
  const { c, values } = src;
  if (kind === 'deliveryReceipt') {
    // the letter chosen, else the case's 处理意见书 in force
    const delivered = forLetterId
      ? getLetter(store, forLetterId)
      : listLetters(store, c.id).find((l) => l.kind === 'opinion' && !l.replacedBy);
    if (delivered && delivered.caseId !== c.id) throw new UserError('所选文书不属于此件信访事项');
    const first = c.petitioners[0];
    return [
      [
        '送达文书',
        delivered ? `${delivered.content.title}${delivered.docNo ? `（${delivered.docNo}）` : ''}` : '',
      ],
      ['受送达人', values.信访人],
      ['送达地址', first?.address ?? ''],
      ['送达方式', ''],
      ['送达人', ''],
      ['收到日期', '　　　　年　　月　　日'],
      ['受送达人签名', ''],
      ['拒收事由及日期', ''],
      ['见证人签名', ''],
      ['备注', ''],
    ];
  }
  const people = c.petitioners
    .map((p) => [p.name, p.idNumber, p.phone, p.address].filter(Boolean).join('，'))
    .join('\n');
  return [
    ['信访编号', c.caseNo],
    ['收到时间', c.receivedAt.replace('T', ' ')],
    ['信访形式', values.信访形式],
    ['人数', String(c.peopleCount)],
    ['信访人', people || '（匿名）'],
    ['内容摘要', c.summary],
    ['信访内容', c.content],
    ['登记人', c.registeredBy ?? ''],
    ['办理情况', values.办理过程],
  ];
}

export function draftLetter(store: Store, input: ApiParsed<'letters.draft'>): LetterDraft {
  const { kind } = input;
  const rule = KIND_RULES[kind];
  const office = requireOffice(store);
  const src = letterSource(store, input.caseId, kind, office);
  const template = templateFor(store, kind, office);
  const today = todayLocal();
  const content = composeLetter(
    kind,
    {
      title: template.title,
      addressee: addresseeOf(kind, src.values),
      paragraphs: rule.form ? [] : fillTemplate(template.body, src.values),
      signature: office.name,
      rows: rule.form ? formRows(store, kind, src, input.forLetterId) : null,
    },
    { docNo: null, on: today },
  );
  return {
    caseId: input.caseId,
    kind,
    kindLabel: LETTER_KINDS[kind],
    content,
    nextNumber: nextNumber(store, office, kind, today)?.docNo ?? null,
    notifies: rule.notifies && noticeStillOwed(src.c.workflow.deadlines),
  };
}

/**
 * 书面告知 is still owed (Art. 23): the case's notice clock runs and is not met. There is none
 * for an anonymous petition or one whose petitioners have no name and address on record.
 */
function noticeStillOwed(deadlines: DeadlineView[]): boolean {
  return deadlines.some((d) => d.kind === 'notice' && !d.metOn);
}

interface CaseHead {
  receivedOn: string;
  anonymous: boolean;
  repeatOf: string | null;
}

function caseHead(store: Store, caseId: string): CaseHead {
  const c = store.sqlite
    .prepare(
      'SELECT received_at AS receivedAt, anonymous, repeat_of AS repeatOf FROM cases WHERE id = ? AND deleted = 0',
    )
    .get(caseId) as { receivedAt: string; anonymous: number; repeatOf: string | null } | undefined;
  if (!c) throw new UserError('该信访事项不存在或已删除');
  return { receivedOn: c.receivedAt.slice(0, 10), anonymous: !!c.anonymous, repeatOf: c.repeatOf };
}

/** The case's clocks in the state given (inside a transaction: as this transaction sees them). */
function caseDeadlines(
  store: Store,
  caseId: string,
  head: CaseHead,
  state: WorkflowState,
  rules: DeadlineRules,
): DeadlineView[] {
  const people = store.sqlite
    .prepare('SELECT name, address FROM petitioners WHERE case_id = ? AND deleted = 0')
    .all(caseId) as { name: string | null; address: string | null }[];
  return computeDeadlines(
    { receivedOn: head.receivedOn, noticeOwed: noticeOwed(head.anonymous, people) },
    state,
    rules,
  );
}

/** A correction replaces a letter of this office, case and kind that no other letter corrects yet. */
function checkReplaces(
  store: Store,
  replacesId: string,
  caseId: string,
  kind: LetterKind,
  officeId: string,
): void {
  const old = store.sqlite
    .prepare('SELECT case_id AS caseId, office_id AS officeId, kind FROM documents WHERE id = ?')
    .get(replacesId) as { caseId: string; officeId: string; kind: string } | undefined;
  if (!old || old.caseId !== caseId) throw new UserError('要更正的文书不存在或不属于此件信访事项');
  if (old.officeId !== officeId) throw new UserError('只能更正本单位出具的文书');
  if (old.kind !== kind) throw new UserError('更正的文书应与原文书为同一种类');
  const taken = store.sqlite
    .prepare('SELECT doc_no AS no FROM documents WHERE replaces_id = ?')
    .get(replacesId) as { no: string | null } | undefined;
  if (taken) throw new UserError(`该文书已被更正（${taken.no ?? '已有更正文书'}），请更正最新的一份`);
}

export function issueLetter(
  store: Store,
  input: ApiParsed<'letters.issue'>,
  actor: string | null,
): IssuedLetter {
  const { kind } = input;
  const rule = KIND_RULES[kind];
  requireDate(input.issuedOn, 'issuedOn');
  if (input.issuedOn > todayLocal()) throw new UserError('成文日期不能晚于今天', 'issuedOn');
  const office = requireOffice(store);
  const id = randomUUID();
  return mutate(store, { actor }, (m) => {
    // inside the write transaction, against the case as it is now: the step taken, the date not
    // before the petition was received, the letter corrected not corrected by anyone else
    const head = caseHead(store, input.caseId);
    requireHandledHere(store, input.caseId);
    const state = checkSource(store, input.caseId, kind, !!head.repeatOf);
    if (input.issuedOn < head.receivedOn)
      throw new UserError(`成文日期不能早于收到信访事项的日期（${head.receivedOn}）`, 'issuedOn');
    if (input.replacesId) checkReplaces(store, input.replacesId, input.caseId, kind, office.id);
    // inside the write transaction: no one else can take the same number in between
    const number = nextNumber(store, office, kind, input.issuedOn);
    const docNo = number?.docNo ?? null;
    const content = composeLetter(kind, input.content, { docNo, on: input.issuedOn });
    if (!rule.form && content.paragraphs.length === 0) throw new UserError('文书正文不能为空');
    const eventId = appendEvent(m, input.caseId, 'issued', {
      documentId: id,
      letterKind: kind,
      title: content.title,
      docNo,
      replacesId: input.replacesId ?? null,
    });
    m.insert('documents', {
      id,
      caseId: input.caseId,
      officeId: office.id,
      kind,
      docNo,
      year: number?.year ?? null,
      seq: number?.seq ?? null,
      content: JSON.stringify(content),
      issuedOn: input.issuedOn,
      issuedAt: nowLocal(),
      issuedBy: actor,
      replacesId: input.replacesId ?? null,
      eventId,
    });
    // a notice to the petitioner is the written notice Art. 23 asks for
    if (rule.notifies && input.notifyMethod && !input.replacesId) {
      const rules = loadRules(store);
      if (noticeStillOwed(caseDeadlines(store, input.caseId, head, state, rules))) {
        recordStep(
          store,
          m,
          {
            caseId: input.caseId,
            kind: 'notify',
            on: input.issuedOn,
            method: input.notifyMethod,
            note: `${content.title}${docNo ? `（${docNo}）` : ''}`,
          },
          rules,
        );
      }
    }
    return getLetter(store, id);
  });
}

interface DocumentRecord {
  id: string;
  caseId: string;
  kind: string;
  docNo: string | null;
  content: string;
  issuedOn: string;
  issuedAt: string;
  issuedBy: string | null;
  replacesId: string | null;
  replacedBy: string | null;
}

/** The columns of an IssuedLetter, and any more a list needs (e.g. the case number). */
const selectLetters = (
  more = '',
) => `SELECT ${more ? `${more}, ` : ''}d.id, d.case_id AS caseId, d.kind, d.doc_no AS docNo, d.content, d.issued_on AS issuedOn, d.issued_at AS issuedAt,
    coalesce(s.name, d.issued_by) AS issuedBy, d.replaces_id AS replacesId, (SELECT r.id FROM documents r WHERE r.replaces_id = d.id) AS replacedBy
  FROM documents d LEFT JOIN staff s ON s.id = d.issued_by`;
const SELECT_LETTERS = selectLetters();

function toLetter(r: DocumentRecord): IssuedLetter {
  // a kind this version does not know (from a newer sender) is shown as stored
  return {
    ...r,
    kindLabel: Object.hasOwn(LETTER_KINDS, r.kind) ? LETTER_KINDS[r.kind as LetterKind] : r.kind,
    content: JSON.parse(r.content) as LetterContent,
  };
}

export function getLetter(store: Store, id: string): IssuedLetter {
  const r = store.sqlite.prepare(`${SELECT_LETTERS} WHERE d.id = ?`).get(id) as DocumentRecord | undefined;
  if (!r) throw new UserError('文书不存在');
  return toLetter(r);
}

/**
 * A case's letters with how each reached the petitioner: a 送达回证 by the 送达 step that names
 * it (the signed receipt came back), a 处理意见书 still in force by the first 送达 recorded after
 * it was issued.
 */
export function listLetters(store: Store, caseId: string): CaseLetter[] {
  const letters = (
    store.sqlite
      .prepare(`${SELECT_LETTERS} WHERE d.case_id = ? ORDER BY d.issued_at, d.rowid`)
      .all(caseId) as DocumentRecord[]
  ).map(toLetter);
  const steps = (
    store.sqlite
      .prepare(`SELECT at, data FROM case_events WHERE case_id = ? AND kind = 'deliver' ORDER BY at, hlc`)
      .all(caseId) as { at: string; data: string }[]
  ).map((e) => ({ at: e.at, ...(JSON.parse(e.data) as LetterDelivery & { receiptId?: string | null }) }));
  const deliveryOf = (l: IssuedLetter) => {
    const step =
      l.kind === 'deliveryReceipt'
        ? steps.find((s) => s.receiptId === l.id)
        : l.kind === 'opinion' && !l.replacedBy
          ? steps.find((s) => s.at >= l.issuedAt)
          : undefined;
    return step ? { receivedOn: step.receivedOn, recipient: step.recipient, method: step.method } : null;
  };
  return letters.map((l) => ({ ...l, delivery: deliveryOf(l) }));
}

/** The office's own letters issued on a day, of one kind or all (batch printing: e.g. every receipt issued today). */
export function lettersIssuedOn(
  store: Store,
  on: string,
  kind?: LetterKind,
): (IssuedLetter & { caseNo: string })[] {
  requireDate(on, 'on');
  const rows = store.sqlite
    .prepare(
      `${selectLetters('c.case_no AS caseNo')} JOIN cases c ON c.id = d.case_id
       WHERE d.issued_on = ? AND d.office_id = ? ${kind ? 'AND d.kind = ?' : ''} ORDER BY d.kind, d.seq, d.issued_at`,
    )
    .all(on, requireOffice(store).id, ...(kind ? [kind] : [])) as (DocumentRecord & { caseNo: string })[];
  return rows.map((r) => ({ ...toLetter(r), caseNo: r.caseNo }));
}

/**
 * A draft's pages as they would print if issued on `issuedOn`: the date written out and the
 * number the letter would be given in that year (the confirmation before issuing names it too).
 */
export function draftHtml(
  store: Store,
  input: { draft: LetterParts; kind: LetterKind; issuedOn: string },
): { html: string; nextNumber: string | null } {
  requireDate(input.issuedOn, 'issuedOn');
  const number = nextNumber(store, requireOffice(store), input.kind, input.issuedOn)?.docNo ?? null;
  return {
    html: lettersHtml([composeLetter(input.kind, input.draft, { docNo: number, on: input.issuedOn })]),
    nextNumber: number,
  };
}

/** The pages of issued letters, in the order asked, each exactly as it was issued. */
export function issuedLettersHtml(store: Store, ids: string[]): string {
  const rows = store.sqlite
    .prepare('SELECT d.content FROM json_each(?) AS j JOIN documents d ON d.id = j.value ORDER BY j.key')
    .all(JSON.stringify(ids)) as { content: string }[];
  if (rows.length !== ids.length) throw new UserError('文书不存在');
  return lettersHtml(rows.map((r) => JSON.parse(r.content) as LetterContent));
}

export function prefixState(store: Store): { prefix: string; saved: boolean } {
  return prefixOf(store, requireOffice(store));
}

/** 机关代字 for the office's numbers from now on; numbers already given stay as printed. */
export function savePrefix(
  store: Store,
  prefix: string,
  actor: string | null,
): { prefix: string; saved: boolean } {
  const invisible = printableError(prefix, '机关代字');
  if (invisible) throw new UserError(invisible, 'prefix');
  if (/[〔〕[\]\d\s]/.test(prefix))
    throw new UserError('机关代字不能含数字、空格或括号，例如“清波”', 'prefix');
  const office = requireOffice(store);
  mutate(store, { actor }, (m) => m.update('offices', office.id, { docPrefix: prefix || null }));
  return prefixState(store);
}
