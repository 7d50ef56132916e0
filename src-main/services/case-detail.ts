/** The case detail: a case with its petitioners, attachments, timeline, flags and workflow. */
import type { CaseDetail, Channel, MatterType, PetitionerView } from '../contract';
import type { Store } from './database';
import { currentOfficeId } from './office';
import { UserError } from './errors';
import { caseWorkflow, noticeOwed } from './deadlines';
import { flagsOf } from './case-flags';

interface CaseRecord {
  id: string;
  office_id: string;
  case_no: string;
  query_code: string;
  channel: Channel;
  received_at: string;
  proxy_by: string | null;
  registered_by: string | null;
  registered_at: string;
  matter_type: MatterType;
  category_id: string | null;
  summary: string;
  content: string;
  village_id: string | null;
  people_count: number;
  jointly: number;
  anonymous: number;
  skip_level: number;
  repeat_of: string | null;
  status: string;
}

export function getCase(store: Store, id: string): CaseDetail & { repeatOfId?: string | null } {
  const { sqlite } = store;
  const c = sqlite.prepare('SELECT * FROM cases WHERE id = ? AND deleted = 0').get(id) as
    CaseRecord | undefined;
  if (!c) throw new UserError('该信访事项不存在或已删除');
  const petitioners = (
    sqlite
      .prepare('SELECT * FROM petitioners WHERE case_id = ? AND deleted = 0 ORDER BY sort')
      .all(id) as Record<string, unknown>[]
  ).map((p): PetitionerView => ({
    id: p.id as string,
    name: p.name as string,
    idNumber: p.id_number as string | null,
    gender: p.gender as PetitionerView['gender'],
    birthDate: p.birth_date as string | null,
    regionCode: p.region_code as string | null,
    phone: p.phone as string | null,
    address: p.address as string | null,
    villageId: p.village_id as string | null,
    representative: p.representative === 1,
  }));
  const attachments = sqlite
    .prepare(
      'SELECT id, sha256, file_name AS fileName, mime, size, added_at AS addedAt FROM attachments WHERE case_id = ? AND deleted = 0 ORDER BY added_at',
    )
    .all(id) as CaseDetail['attachments'];
  const events = (
    sqlite
      .prepare(
        // someone of another office (the county, after sync) is named with that office
        `SELECT e.id, e.kind, e.at, e.data,
           CASE WHEN e.actor IS NULL THEN NULL
                WHEN s.name IS NULL THEN '其他单位人员'
                WHEN s.office_id = ? THEN s.name
                ELSE s.name || '（' || coalesce(so.name, s.office_id) || '）' END AS actor
         FROM case_events e LEFT JOIN staff s ON s.id = e.actor LEFT JOIN offices so ON so.id = s.office_id
         WHERE e.case_id = ? ORDER BY e.hlc`,
      )
      .all(currentOfficeId(store), id) as {
      id: string;
      kind: string;
      at: string;
      actor: string | null;
      data: string;
    }[]
  ).map((e) => ({ ...e, data: JSON.parse(e.data) as Record<string, unknown> }));
  const repeat = c.repeat_of
    ? (sqlite.prepare('SELECT id, case_no AS caseNo FROM cases WHERE id = ?').get(c.repeat_of) as
        { id: string; caseNo: string } | undefined)
    : undefined;
  const registeredBy = c.registered_by
    ? ((
        sqlite.prepare('SELECT name FROM staff WHERE id = ?').get(c.registered_by) as
          { name: string } | undefined
      )?.name ?? c.registered_by)
    : null;
  const flags = flagsOf({
    peopleCount: c.people_count,
    repeatOf: c.repeat_of,
    jointly: !!c.jointly,
    anonymous: !!c.anonymous,
    skipLevel: !!c.skip_level,
  });
  const workflow = caseWorkflow(store, c.id, {
    receivedOn: c.received_at.slice(0, 10),
    noticeOwed: noticeOwed(!!c.anonymous, petitioners),
  });
  return {
    id: c.id,
    caseNo: c.case_no,
    queryCode: c.query_code,
    officeId: c.office_id,
    channel: c.channel,
    proxyBy: c.proxy_by,
    receivedAt: c.received_at,
    registeredAt: c.registered_at,
    registeredBy,
    matterType: c.matter_type,
    categoryId: c.category_id,
    summary: c.summary,
    content: c.content,
    villageId: c.village_id,
    peopleCount: c.people_count,
    jointly: !!c.jointly,
    anonymous: !!c.anonymous,
    skipLevel: !!c.skip_level,
    repeatOf: repeat ?? null,
    repeatOfId: c.repeat_of,
    status: c.status,
    flags,
    petitioners,
    attachments,
    events,
    workflow,
  };
}
