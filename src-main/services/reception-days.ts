/**
 * 领导接访日: the schedule of days a leader receives visitors (date, hours, place, leader on duty
 * from the staff), and for each day the cases received.
 *
 * The cases are derived, not linked by hand: a day's cases are the office's 来访 cases whose
 * received time falls within the day's hours. The register already records channel and minute
 * of every visit, so a second hand-kept list would only be a second place to forget a case or to
 * disagree after an edit; and the derivation syncs by itself, since cases do. An office that also
 * receives visits outside the leader's hours keeps them out by giving the hours.
 */
import { randomUUID } from 'node:crypto';
import type { ApiParsed, ReceivedCase, ReceptionDayView } from '../contract';
import type { Store } from './database';
import { UserError } from './errors';
import { isValidDate } from './calendar';
import { mutate } from './mutation';
import { requireOffice } from './office';
import type { CountRange } from './disputes';

interface DayRow {
  id: string;
  office_id: string;
  office: string | null;
  date: string;
  start_time: string;
  end_time: string;
  leader_id: string;
  leader: string | null;
  place: string;
  note: string;
}

/** The 来访 cases of an office received within one reception day's hours, in received order. */
function casesReceived(
  store: Store,
  day: { office_id: string; date: string; start_time: string; end_time: string },
): ReceivedCase[] {
  return store.sqlite
    .prepare(
      `SELECT c.id, c.case_no AS caseNo, c.received_at AS receivedAt, c.summary, c.people_count AS peopleCount, c.status,
         coalesce((SELECT group_concat(name, '、') FROM (SELECT name FROM petitioners p WHERE p.case_id = c.id AND p.deleted = 0 ORDER BY p.sort)), '') AS petitioners
       FROM cases c WHERE c.deleted = 0 AND c.received_at BETWEEN ? AND ? AND c.office_id = ? AND c.channel = 'visit'
       ORDER BY c.received_at`,
    )
    .all(`${day.date}T${day.start_time}`, `${day.date}T${day.end_time}`, day.office_id) as ReceivedCase[];
}

function toView(store: Store, r: DayRow): ReceptionDayView {
  const cases = casesReceived(store, r);
  return {
    id: r.id,
    officeId: r.office_id,
    office: r.office,
    date: r.date,
    startTime: r.start_time,
    endTime: r.end_time,
    leaderId: r.leader_id,
    leader: r.leader,
    place: r.place,
    note: r.note,
    cases,
    batches: cases.length,
    persons: cases.reduce((n, c) => n + c.peopleCount, 0),
  };
}

const SELECT = `SELECT d.id, d.office_id, o.name AS office, d.date, d.start_time, d.end_time, d.leader_id, s.name AS leader, d.place, d.note
  FROM reception_days d LEFT JOIN offices o ON o.id = d.office_id LEFT JOIN staff s ON s.id = d.leader_id`;

/** Reception days of every office this register holds (a township its own), in date order. */
export function listReceptionDays(store: Store, range: { from?: string; to?: string }): ReceptionDayView[] {
  const rows = store.sqlite
    .prepare(
      `${SELECT} WHERE d.deleted = 0 AND d.date BETWEEN ? AND ? ORDER BY d.date, d.start_time, d.office_id`,
    )
    .all(range.from ?? '0000-00-00', range.to ?? '9999-99-99') as DayRow[];
  return rows.map((r) => toView(store, r));
}

function getDay(store: Store, id: string): ReceptionDayView {
  const r = store.sqlite.prepare(`${SELECT} WHERE d.id = ?`).get(id) as DayRow;
  return toView(store, r);
}

function ownDay(store: Store, id: string, officeId: string) {
  const r = store.sqlite
    .prepare('SELECT office_id AS officeId FROM reception_days WHERE id = ? AND deleted = 0')
    .get(id) as { officeId: string } | undefined;
  if (!r) throw new UserError('该接访日安排不存在或已删除');
  if (r.officeId !== officeId) throw new UserError('只能修改本单位的接访日安排');
}

export function saveReceptionDay(
  store: Store,
  input: ApiParsed<'receptionDays.save'>,
  actor: string | null,
): ReceptionDayView {
  const office = requireOffice(store);
  if (!isValidDate(input.date)) throw new UserError(`日期 ${input.date} 不存在`, 'date');
  if (input.id) ownDay(store, input.id, office.id);
  const leader = store.sqlite
    .prepare('SELECT 1 FROM staff WHERE id = ? AND office_id = ? AND deleted = 0')
    .get(input.leaderId, office.id);
  if (!leader) throw new UserError('所选接访领导不是本单位在册人员，请重新选择', 'leaderId');
  // overlapping hours would show the same visits under two leaders
  const clash = store.sqlite
    .prepare(
      `SELECT d.start_time AS s, d.end_time AS e, st.name AS leader FROM reception_days d LEFT JOIN staff st ON st.id = d.leader_id
       WHERE d.office_id = ? AND d.date = ? AND d.deleted = 0 AND d.id <> ? AND d.start_time < ? AND d.end_time > ?`,
    )
    .get(office.id, input.date, input.id ?? '', input.endTime, input.startTime) as
    { s: string; e: string; leader: string | null } | undefined;
  if (clash)
    throw new UserError(
      `${input.date} ${clash.s}–${clash.e} 已安排${clash.leader ?? ''}接访，时间与之重叠`,
      'startTime',
    );
  const fields = {
    date: input.date,
    startTime: input.startTime,
    endTime: input.endTime,
    leaderId: input.leaderId,
    place: input.place,
    note: input.note,
  };
  const id = input.id ?? randomUUID();
  mutate(store, { actor }, (m) => {
    if (input.id) m.update('reception_days', id, fields);
    else m.insert('reception_days', { id, officeId: office.id, ...fields });
  });
  return getDay(store, id);
}

export function removeReceptionDay(store: Store, id: string, actor: string | null): null {
  ownDay(store, id, requireOffice(store).id);
  mutate(store, { actor }, (m) => m.update('reception_days', id, { deleted: true }));
  return null;
}

/**
 * The visits received within a reception day's hours, a row per case and day (the last minute
 * counts): what a day lists, what receptionCounts counts and what the reports' figure opens.
 * The few reception days drive (CROSS JOIN keeps that order), each reading its hours off the
 * cases' received-time index: left to choose, SQLite scanned every case of a county's register
 * once per query (about a second on 1M cases).
 */
export const RECEPTION_VISITS = `SELECT c.id, c.people_count, r.office_id, r.date FROM reception_days r CROSS JOIN cases c
  WHERE r.deleted = 0 AND c.deleted = 0 AND c.received_at BETWEEN r.date || 'T' || r.start_time AND r.date || 'T' || r.end_time
    AND c.office_id = r.office_id AND c.channel = 'visit'`;

/**
 * For the reports: reception days held in the range (distinct office and date), and the cases
 * received on them counted once each: 批次 (cases) and 人次 (people). Dates inclusive.
 */
export function receptionCounts(
  store: Store,
  range: CountRange,
): { days: number; batches: number; persons: number } {
  const office = range.officeId ? ' AND office_id = ?' : '';
  const args = range.officeId ? [range.from, range.to, range.officeId] : [range.from, range.to];
  const { days } = store.sqlite
    .prepare(
      `SELECT count(*) AS days FROM (SELECT DISTINCT office_id, date FROM reception_days WHERE deleted = 0 AND date BETWEEN ? AND ?${office})`,
    )
    .get(...args) as { days: number };
  const visits = store.sqlite
    .prepare(
      `SELECT count(*) AS batches, coalesce(sum(people_count), 0) AS persons
       FROM (SELECT DISTINCT id, people_count FROM (${RECEPTION_VISITS}) WHERE date BETWEEN ? AND ?${office})`,
    )
    .get(...args) as { batches: number; persons: number };
  return { days, ...visits };
}
