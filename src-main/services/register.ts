/**
 * Intake of a petition and edits to its registration: the case number and query code, the
 * checks on what a registration refers to, and the history of edits (FIELD_LABELS, also read by
 * the conflicts screen). The case detail is in case-detail.ts, the 台账 list in case-list.ts.
 */
import { randomInt, randomUUID } from 'node:crypto';
import type { ApiParsed, CaseDetail } from '../contract';
import { normalizePhone, parseIdNumber } from '../contract';
import type { Store } from './database';
import { mutate } from './mutation';
import { requireOffice } from './office';
import { UserError } from './errors';
import { nowLocal } from './local-time';
import { isFinal } from './repeats';
import { requireHandledHere } from './handling-office';
import { appendEvent } from './case-events';
import { getCase } from './case-detail';

export const QUERY_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ'; // no 0/O, 1/I/L

export function formatCaseNo(officeId: string, year: number, seq: number): string {
  return `${officeId}-${year}-${String(seq).padStart(5, '0')}`;
}

function newQueryCode(store: Store): string {
  const exists = store.sqlite.prepare('SELECT 1 FROM cases WHERE query_code = ?');
  for (;;) {
    let code = '';
    for (let i = 0; i < 8; i++) code += QUERY_CODE_ALPHABET[randomInt(QUERY_CODE_ALPHABET.length)];
    if (!exists.get(code)) return code;
  }
}

/** Next sequence of the office in the year the petition was received. */
function nextSeq(store: Store, officeId: string, year: number): number {
  const row = store.sqlite
    .prepare('SELECT max(seq) AS s FROM cases WHERE office_id = ? AND year = ?')
    .get(officeId, year) as { s: number | null };
  return (row.s ?? 0) + 1;
}

type PetitionerIn = ApiParsed<'cases.create'>['petitioners'][number];

function petitionerFields(p: PetitionerIn) {
  const parsed = p.idNumber ? parseIdNumber(p.idNumber) : null;
  const info = parsed?.ok ? parsed.info : null;
  return {
    name: p.name,
    idNumber: info?.idNumber ?? null,
    gender: info?.gender ?? null,
    birthDate: info?.birthDate ?? null,
    regionCode: info?.regionCode ?? null,
    phone: p.phone ? normalizePhone(p.phone) : null,
    address: p.address || null,
    villageId: p.villageId ?? null,
    representative: p.representative,
  };
}

function checkReferences(
  store: Store,
  input: {
    categoryId?: string | null;
    villageId?: string | null;
    repeatOf?: string | null;
    receivedAt: string;
  },
  selfId?: string,
) {
  const has = (table: string, id: string) =>
    !!store.sqlite.prepare(`SELECT 1 FROM ${table} WHERE id = ? AND deleted = 0`).get(id);
  if (input.categoryId && !has('categories', input.categoryId))
    throw new UserError('所选内容分类不存在，请重新选择', 'categoryId');
  if (input.villageId && !has('villages', input.villageId))
    throw new UserError('所选村/社区不存在，请重新选择', 'villageId');
  if (input.repeatOf) {
    if (input.repeatOf === selfId) throw new UserError('不能把事项标为自身的重复件', 'repeatOf');
    if (!has('cases', input.repeatOf)) throw new UserError('所标记的原信访事项不存在', 'repeatOf');
  }
  if (input.receivedAt > nowLocal().slice(0, 10) + 'T23:59')
    throw new UserError('收到时间不能晚于今天', 'receivedAt');
}

function caseFieldsOf(input: ApiParsed<'cases.create'> | ApiParsed<'cases.update'>) {
  return {
    channel: input.channel,
    proxyBy: input.channel === 'proxy' ? (input.proxyBy ?? null) : null,
    receivedAt: input.receivedAt,
    matterType: input.matterType,
    categoryId: input.categoryId ?? null,
    summary: input.summary,
    content: input.content,
    villageId: input.villageId ?? null,
    peopleCount: input.peopleCount,
    jointly: input.jointly,
    anonymous: input.anonymous,
    skipLevel: input.skipLevel,
    repeatOf: input.repeatOf ?? null,
  };
}

export function createCase(store: Store, input: ApiParsed<'cases.create'>, actor: string | null) {
  const office = requireOffice(store);
  checkReferences(store, input);
  if (input.notReaccepted && !isFinal(store, input.repeatOf!)) {
    throw new UserError(
      '所选原信访事项尚未经复核终结，不能登记为不再受理；如属重复信访请标为重复件',
      'repeatOf',
    );
  }
  const year = Number(input.receivedAt.slice(0, 4));
  return mutate(store, { actor }, (m) => {
    const seq = nextSeq(store, office.id, year);
    const id = randomUUID();
    const caseNo = formatCaseNo(office.id, year, seq);
    const queryCode = newQueryCode(store);
    m.insert('cases', {
      id,
      officeId: office.id,
      caseNo,
      year,
      seq,
      queryCode,
      registeredBy: actor,
      registeredAt: nowLocal(),
      status: input.notReaccepted ? 'notReaccepted' : 'registered',
      ...caseFieldsOf(input),
    });
    input.petitioners.forEach((p, i) =>
      m.insert('petitioners', { id: randomUUID(), caseId: id, sort: i, ...petitionerFields(p) }),
    );
    for (const a of input.attachments) {
      m.insert('attachments', {
        id: randomUUID(),
        caseId: id,
        sha256: a.sha256,
        fileName: a.fileName,
        mime: a.mime,
        size: a.size,
        addedAt: nowLocal(),
      });
    }
    appendEvent(m, id, 'registered', {
      channel: input.channel,
      repeatOf: input.repeatOf ?? null,
      ...(input.notReaccepted ? { notReacceptedOf: input.repeatOf } : {}),
    });
    return { id, caseNo, queryCode };
  });
}

/** Field labels for the history of edits and the conflicts screen. */
export const FIELD_LABELS: Record<string, string> = {
  channel: '信访形式',
  proxyBy: '代理人',
  receivedAt: '收到时间',
  matterType: '事项性质',
  categoryId: '内容分类',
  summary: '内容摘要',
  content: '信访内容',
  villageId: '所属村/社区',
  peopleCount: '人数',
  jointly: '联名',
  anonymous: '匿名',
  skipLevel: '越级',
  repeatOf: '重复件',
  name: '姓名',
  idNumber: '身份证号',
  phone: '电话',
  address: '住址',
  representative: '代表',
};

export function updateCase(store: Store, input: ApiParsed<'cases.update'>, actor: string | null): CaseDetail {
  const before = getCase(store, input.id);
  requireHandledHere(store, input.id);
  checkReferences(store, input, input.id);
  mutate(store, { actor }, (m) => {
    const changes: { field: string; label: string; before: unknown; after: unknown; petitioner?: string }[] =
      [];
    const fields = caseFieldsOf(input);
    const old: Record<string, unknown> = { ...before, repeatOf: before.repeatOfId ?? null };
    for (const f of m.update('cases', input.id, fields)) {
      changes.push({
        field: f,
        label: FIELD_LABELS[f] ?? f,
        before: old[f] ?? null,
        after: (fields as Record<string, unknown>)[f],
      });
    }

    const kept = new Set<string>();
    input.petitioners.forEach((p, i) => {
      const values = { sort: i, ...petitionerFields(p) };
      const prev = p.id ? before.petitioners.find((x) => x.id === p.id) : undefined;
      if (prev) {
        kept.add(prev.id);
        for (const f of m.update('petitioners', prev.id, values)) {
          if (!(f in FIELD_LABELS)) continue; // sort and the fields derived from the ID number
          changes.push({
            field: f,
            label: FIELD_LABELS[f],
            petitioner: prev.name,
            before: (prev as unknown as Record<string, unknown>)[f],
            after: (values as Record<string, unknown>)[f],
          });
        }
      } else {
        m.insert('petitioners', { id: randomUUID(), caseId: input.id, ...values });
        changes.push({ field: 'petitioner', label: '增加信访人', before: null, after: p.name });
      }
    });
    for (const prev of before.petitioners) {
      if (!kept.has(prev.id)) {
        m.update('petitioners', prev.id, { deleted: true });
        changes.push({ field: 'petitioner', label: '删除信访人', before: prev.name, after: null });
      }
    }
    if (changes.length) appendEvent(m, input.id, 'edited', { changes });
  });
  return getCase(store, input.id);
}
