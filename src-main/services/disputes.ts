/**
 * 矛盾纠纷排查台账: disputes found by screening before they become petitions, who mediates them
 * and how they end. Rows belong to an office and sync like the register; the county holds every
 * township's. Parties are kept to what mediation needs: names and a contact, no ID number.
 */
import { randomUUID } from 'node:crypto';
import {
  disputeEndIssues,
  type ApiParsed,
  type DisputeList,
  type DisputeStatus,
  type DisputeType,
  type DisputeView,
} from '../contract';
import type { Store } from './database';
import { UserError } from './errors';
import { isValidDate } from './calendar';
import { nowLocal, todayLocal } from './local-time';
import { mutate } from './mutation';
import { requireOffice } from './office';
import { maskPhone, normalizePhone } from '../contract';

interface DisputeRow {
  id: string;
  office_id: string;
  office: string | null;
  found_on: string;
  village_id: string | null;
  village: string | null;
  parties: string;
  kind: string;
  description: string;
  mediator: string;
  status: string;
  resolution: string;
  resolved_on: string | null;
  registered_by: string | null;
  registered_at: string;
}

const SELECT = `SELECT d.id, d.office_id, o.name AS office, d.found_on, d.village_id, v.name AS village, d.parties, d.kind, d.description,
  d.mediator, d.status, d.resolution, d.resolved_on, d.registered_by, d.registered_at
  FROM disputes d LEFT JOIN offices o ON o.id = d.office_id LEFT JOIN villages v ON v.id = d.village_id`;

function toView(r: DisputeRow, mask: boolean): DisputeView {
  const parties = (JSON.parse(r.parties) as { name: string; phone?: string | null }[]).map((p) => ({
    name: p.name,
    phone: p.phone ? (mask ? maskPhone(p.phone) : p.phone) : null,
  }));
  return {
    id: r.id,
    officeId: r.office_id,
    office: r.office,
    foundOn: r.found_on,
    villageId: r.village_id,
    village: r.village,
    parties,
    kind: r.kind as DisputeType,
    description: r.description,
    mediator: r.mediator,
    status: r.status as DisputeStatus,
    resolution: r.resolution,
    resolvedOn: r.resolved_on,
    registeredBy: r.registered_by,
    registeredAt: r.registered_at,
  };
}

/** The most rows one list returns (a township's years of screening fit; the total is always whole). */
const LIST_LIMIT = 2000;

export function listDisputes(store: Store, filter: ApiParsed<'disputes.list'>['filter']): DisputeList {
  const where = ['d.deleted = 0'];
  const args: unknown[] = [];
  const anyOf = (col: string, values: string[] | undefined) => {
    if (!values?.length) return;
    where.push(`${col} IN (SELECT value FROM json_each(?))`);
    args.push(JSON.stringify(values));
  };
  anyOf('d.status', filter.status);
  anyOf('d.village_id', filter.villageId);
  anyOf('d.office_id', filter.officeId);
  // resolved in a range (the reports' 化解 figure): resolved now, on a day in the range
  const day = filter.dateOf === 'resolved' ? 'd.resolved_on' : 'd.found_on';
  if (filter.dateOf === 'resolved') where.push(`d.status = 'resolved'`);
  if (filter.from) {
    where.push(`${day} >= ?`);
    args.push(filter.from);
  }
  if (filter.to) {
    where.push(`${day} <= ?`);
    args.push(filter.to);
  }
  const cond = where.join(' AND ');
  const counts = store.sqlite
    .prepare(`SELECT d.status, count(*) AS n FROM disputes d WHERE ${cond} GROUP BY d.status`)
    .all(...args) as { status: DisputeStatus; n: number }[];
  const byStatus: DisputeList['byStatus'] = {};
  for (const c of counts) byStatus[c.status] = c.n;
  const total = counts.reduce((n, c) => n + c.n, 0);
  const rows = store.sqlite
    .prepare(`${SELECT} WHERE ${cond} ORDER BY d.found_on DESC, d.registered_at DESC LIMIT ${LIST_LIMIT}`)
    .all(...args) as DisputeRow[];
  return { total, byStatus, rows: rows.map((r) => toView(r, true)) };
}

export function getDispute(store: Store, id: string): DisputeView {
  const r = store.sqlite.prepare(`${SELECT} WHERE d.id = ? AND d.deleted = 0`).get(id) as
    DisputeRow | undefined;
  if (!r) throw new UserError('该矛盾纠纷记录不存在或已删除');
  return toView(r, false);
}

/** The office's own live dispute: only the office that found a dispute edits it. */
function ownDispute(store: Store, id: string): { officeId: string; foundOn: string } {
  const office = requireOffice(store);
  const r = store.sqlite
    .prepare('SELECT office_id AS officeId, found_on AS foundOn FROM disputes WHERE id = ? AND deleted = 0')
    .get(id) as { officeId: string; foundOn: string } | undefined;
  if (!r) throw new UserError('该矛盾纠纷记录不存在或已删除');
  if (r.officeId !== office.id) throw new UserError('只能修改本单位排查的矛盾纠纷');
  return r;
}

function checkDate(date: string | null | undefined, field: string, label: string) {
  if (!date) return;
  if (!isValidDate(date)) throw new UserError(`${label} ${date} 不存在`, field);
  if (date > todayLocal()) throw new UserError(`${label}不能晚于今天`, field);
}

/** Resolution fields as stored: a resolved day only while resolved. */
function ending(input: { status: DisputeStatus; resolvedOn?: string | null; resolution: string }) {
  return {
    status: input.status,
    resolvedOn: input.status === 'resolved' ? (input.resolvedOn ?? null) : null,
    resolution: input.resolution,
  };
}

export function saveDispute(
  store: Store,
  input: ApiParsed<'disputes.save'>,
  actor: string | null,
): DisputeView {
  const office = requireOffice(store);
  checkDate(input.foundOn, 'foundOn', '发现日期');
  checkDate(input.resolvedOn, 'resolvedOn', '化解日期');
  // the office's own villages: a county register also holds every township's
  if (
    input.villageId &&
    !store.sqlite
      .prepare('SELECT 1 FROM villages WHERE id = ? AND office_id = ? AND deleted = 0')
      .get(input.villageId, office.id)
  ) {
    throw new UserError('所选村/社区不存在，请重新选择', 'villageId');
  }
  const fields = {
    foundOn: input.foundOn,
    villageId: input.villageId ?? null,
    parties: JSON.stringify(
      input.parties.map((p) => ({ name: p.name, phone: p.phone ? normalizePhone(p.phone) : null })),
    ),
    kind: input.kind,
    description: input.description,
    mediator: input.mediator,
    ...ending(input),
  };
  const id = input.id ?? randomUUID();
  if (input.id) ownDispute(store, input.id);
  mutate(store, { actor }, (m) => {
    if (input.id) m.update('disputes', id, fields);
    else
      m.insert('disputes', {
        id,
        officeId: office.id,
        registeredBy: actor,
        registeredAt: nowLocal(),
        ...fields,
      });
  });
  return getDispute(store, id);
}

export function setDisputeStatus(
  store: Store,
  input: ApiParsed<'disputes.setStatus'>,
  actor: string | null,
): DisputeView {
  const own = ownDispute(store, input.id);
  checkDate(input.resolvedOn, 'resolvedOn', '化解日期');
  // the contract's rule of an ending, against the day found as stored (the status form does not send it)
  const [problem] = disputeEndIssues({ ...input, foundOn: own.foundOn });
  if (problem) throw new UserError(problem.message, problem.path);
  // a status change that says nothing new about the ending keeps what was written before
  const changes: Record<string, unknown> = { status: input.status, resolvedOn: ending(input).resolvedOn };
  if (input.resolution) changes.resolution = input.resolution;
  mutate(store, { actor }, (m) => m.update('disputes', input.id, changes));
  return getDispute(store, input.id);
}

/** A tombstone, like every removal from the register: the row still syncs as deleted. */
export function removeDispute(store: Store, id: string, actor: string | null): null {
  ownDispute(store, id);
  mutate(store, { actor }, (m) => m.update('disputes', id, { deleted: true }));
  return null;
}

export interface CountRange {
  from: string;
  to: string;
  /** one office; omitted: every office this register holds (a township its own, the county all) */
  officeId?: string;
}

/**
 * For the reports: disputes found in the range (by their found day), and disputes resolved in
 * it (by their resolved day, whenever they were found). Dates inclusive, 'YYYY-MM-DD'.
 */
export function disputeCounts(store: Store, range: CountRange): { found: number; resolved: number } {
  const office = range.officeId ? ' AND office_id = ?' : '';
  const args = range.officeId ? [range.from, range.to, range.officeId] : [range.from, range.to];
  const found = store.sqlite
    .prepare(`SELECT count(*) AS n FROM disputes WHERE deleted = 0 AND found_on BETWEEN ? AND ?${office}`)
    .get(...args) as { n: number };
  const resolved = store.sqlite
    .prepare(
      `SELECT count(*) AS n FROM disputes WHERE deleted = 0 AND status = 'resolved' AND resolved_on BETWEEN ? AND ?${office}`,
    )
    .get(...args) as { n: number };
  return { found: found.n, resolved: resolved.n };
}
