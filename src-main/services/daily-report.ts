/**
 * 日报告: one click reports an office's day — the petitions received that day (批次/人次, by
 * channel) and the disputes found and resolved — or a 零报告 when nothing new came in. The
 * figures are frozen when issued, so a later edit of the register does not change what was
 * reported. Issuing again for a day needs the clerk's confirmation and adds a new report naming
 * the one it replaces; both are kept. Reports sync like the register, so the county sees which
 * townships reported which days.
 */
import { randomUUID } from 'node:crypto';
import type {
  Channel,
  DailyFigures,
  DailyReportMatrix,
  DailyReportPreview,
  DailyReportView,
} from '../contract';
import type { Store } from './database';
import { UserError } from './errors';
import { addCalendarDays, daysBetween, isValidDate } from './calendar';
import { disputeCounts } from './disputes';
import { nowLocal, todayLocal } from './local-time';
import { mutate } from './mutation';
import { requireOffice } from './office';

/** What the office's register says about a day now. */
export function dailyFigures(store: Store, officeId: string, date: string): DailyFigures {
  const rows = store.sqlite
    .prepare(
      `SELECT channel, count(*) AS batches, coalesce(sum(people_count), 0) AS persons FROM cases
       WHERE deleted = 0 AND received_at BETWEEN ? AND ? AND office_id = ? GROUP BY channel`,
    )
    .all(`${date}T00:00`, `${date}T23:59`, officeId) as {
    channel: Channel;
    batches: number;
    persons: number;
  }[];
  const byChannel: DailyFigures['petitions']['byChannel'] = {};
  let batches = 0;
  let persons = 0;
  for (const r of rows) {
    byChannel[r.channel] = { batches: r.batches, persons: r.persons };
    batches += r.batches;
    persons += r.persons;
  }
  const disputes = disputeCounts(store, { from: date, to: date, officeId });
  return {
    petitions: { batches, persons, byChannel },
    disputes,
    zero: batches === 0 && disputes.found === 0,
  };
}

interface ReportRow {
  id: string;
  office_id: string;
  office: string | null;
  report_date: string;
  zero: number;
  batches: number;
  persons: number;
  by_channel: string;
  disputes_found: number;
  disputes_resolved: number;
  note: string;
  issued_at: string;
  issued_by: string | null;
  issuer: string | null;
  replaces_id: string | null;
  replaced_by: string | null;
}

const SELECT = `SELECT d.*, o.name AS office, s.name AS issuer,
  (SELECT r.id FROM daily_reports r WHERE r.replaces_id = d.id ORDER BY r.issued_at DESC LIMIT 1) AS replaced_by
  FROM daily_reports d LEFT JOIN offices o ON o.id = d.office_id LEFT JOIN staff s ON s.id = d.issued_by`;
/** reports no later one replaced: the one that stands for its day */
const CURRENT = 'NOT EXISTS (SELECT 1 FROM daily_reports r WHERE r.replaces_id = d.id)';

function toView(r: ReportRow): DailyReportView {
  return {
    id: r.id,
    officeId: r.office_id,
    office: r.office,
    date: r.report_date,
    petitions: {
      batches: r.batches,
      persons: r.persons,
      byChannel: JSON.parse(r.by_channel) as DailyFigures['petitions']['byChannel'],
    },
    disputes: { found: r.disputes_found, resolved: r.disputes_resolved },
    zero: !!r.zero,
    note: r.note,
    issuedAt: r.issued_at,
    issuedBy: r.issuer ?? r.issued_by,
    late: r.issued_at.slice(0, 10) > r.report_date,
    replacesId: r.replaces_id,
    replacedBy: r.replaced_by,
  };
}

function currentReport(store: Store, officeId: string, date: string): DailyReportView | null {
  const r = store.sqlite
    .prepare(
      `${SELECT} WHERE d.office_id = ? AND d.report_date = ? AND ${CURRENT} ORDER BY d.issued_at DESC LIMIT 1`,
    )
    .get(officeId, date) as ReportRow | undefined;
  return r ? toView(r) : null;
}

function checkDay(date: string) {
  if (!isValidDate(date)) throw new UserError(`日期 ${date} 不存在`, 'date');
  if (date > todayLocal()) throw new UserError('不能上报今天以后的日报告', 'date');
}

export function previewDailyReport(store: Store, date: string): DailyReportPreview {
  const office = requireOffice(store);
  checkDay(date);
  return {
    date,
    figures: dailyFigures(store, office.id, date),
    issued: currentReport(store, office.id, date),
  };
}

export function issueDailyReport(
  store: Store,
  input: { date: string; note: string; replace: boolean },
  actor: string | null,
): DailyReportView {
  const office = requireOffice(store);
  checkDay(input.date);
  const id = randomUUID();
  // the check, the figures and the row in one transaction: two clicks cannot both be the first
  mutate(store, { actor }, (m) => {
    const earlier = currentReport(store, office.id, input.date);
    if (earlier && !input.replace) {
      throw new UserError(
        `${input.date} 的日报告已于 ${earlier.issuedAt.replace('T', ' ')} 由${earlier.issuedBy ?? '（未知）'}上报。如需按当前台账重新上报，请确认替换（原报告仍保留）`,
        'replace',
      );
    }
    const f = dailyFigures(store, office.id, input.date);
    m.insert('daily_reports', {
      id,
      officeId: office.id,
      reportDate: input.date,
      zero: f.zero,
      batches: f.petitions.batches,
      persons: f.petitions.persons,
      byChannel: JSON.stringify(f.petitions.byChannel),
      disputesFound: f.disputes.found,
      disputesResolved: f.disputes.resolved,
      note: input.note,
      issuedAt: nowLocal(),
      issuedBy: actor,
      replacesId: earlier?.id ?? null,
    });
  });
  return toView(store.sqlite.prepare(`${SELECT} WHERE d.id = ?`).get(id) as ReportRow);
}

/** The office's own reports, newest day first; replaced ones too, marked. */
export function listDailyReports(store: Store, range: { from?: string; to?: string }): DailyReportView[] {
  const office = requireOffice(store);
  const rows = store.sqlite
    .prepare(
      `${SELECT} WHERE d.office_id = ? AND d.report_date BETWEEN ? AND ? ORDER BY d.report_date DESC, replaced_by IS NOT NULL, d.issued_at DESC`,
    )
    .all(office.id, range.from ?? '0000-00-00', range.to ?? '9999-99-99') as ReportRow[];
  return rows.map(toView);
}

/** At most this many days in the county's table (two months). */
const MATRIX_MAX_DAYS = 62;

/** County: every township × every day of the range, with the report that stands for it. */
export function dailyReportMatrix(store: Store, range: { from: string; to: string }): DailyReportMatrix {
  const office = requireOffice(store);
  if (office.level !== 'county') throw new UserError('各乡镇日报告上报情况只在县信访局查看');
  if (!isValidDate(range.from) || !isValidDate(range.to)) throw new UserError('日期不存在');
  const span = daysBetween(range.from, range.to) + 1;
  if (span < 1) throw new UserError('结束日期不能早于开始日期');
  if (span > MATRIX_MAX_DAYS) throw new UserError(`一次最多查看 ${MATRIX_MAX_DAYS} 天`);
  const days = Array.from({ length: span }, (_, i) => addCalendarDays(range.from, i));
  const townships = store.sqlite
    .prepare(
      `SELECT id, name FROM offices WHERE parent_id = ? AND level = 'township' AND deleted = 0 ORDER BY id`,
    )
    .all(office.id) as { id: string; name: string }[];
  const reports = (
    store.sqlite
      .prepare(`${SELECT} WHERE d.report_date BETWEEN ? AND ? AND ${CURRENT} ORDER BY d.issued_at`)
      .all(range.from, range.to) as ReportRow[]
  ).map(toView);
  const today = todayLocal();
  return {
    days,
    townships: townships.map((t) => {
      const own: Record<string, DailyReportView> = {};
      // two machines of one office reporting the same day: the later stands
      for (const r of reports) if (r.officeId === t.id) own[r.date] = r;
      return {
        id: t.id,
        name: t.name,
        reports: own,
        missing: days.filter((d) => d < today && !own[d]).length,
      };
    }),
  };
}
