/**
 * The register's schema. Tables fall in two groups:
 * - synced tables (SYNCED_TABLES): the register itself. They are written only through the
 *   mutation layer (src-main/services/mutation.ts), which stamps and logs every write; a guard
 *   trigger refuses any other write.
 * - local tables: this installation's own state (change log, clocks, drafts, audit trail,
 *   search index). They never travel in a sync package.
 * Every synced row has a text id (random UUID) so rows made on different machines never collide. *
 * Over 400 lines because drizzle-kit generates the migrations from this one file
 * (drizzle.config.ts), and the tables refer to each other.
 */
import { sql } from 'drizzle-orm';
import { sqliteTable, text, integer, index, uniqueIndex, primaryKey } from 'drizzle-orm/sqlite-core';

// ---- synced: office set-up -------------------------------------------------------------

/** 单位: a township (9-digit code) or a county (6-digit GB/T 2260 code). */
export const offices = sqliteTable('offices', {
  id: text('id').primaryKey(), // the office code itself
  name: text('name').notNull(),
  level: text('level', { enum: ['township', 'county'] }).notNull(),
  parentId: text('parent_id'),
  /**
   * How statutory periods are counted (services/deadlines.ts): 'calendar' days, the first day not
   * counted and a period ending on a rest day running to the next working day (民法典 Art. 201,
   * 203), or 'working' days.
   */
  dayCount: text('day_count', { enum: ['calendar', 'working'] })
    .notNull()
    .default('calendar'),
  /** the work list warns this many days before a deadline */
  warnDays: integer('warn_days').notNull().default(3),
  /** 机关代字: the office's short name that opens its document numbers (清波信受〔2026〕12号) */
  docPrefix: text('doc_prefix'),
  deleted: integer('deleted', { mode: 'boolean' }).notNull().default(false),
});

/**
 * The office's own entries in the holiday calendar: years the shipped calendar (chinese-days)
 * does not know yet, or corrections to it. id is the date itself, so the same day entered on two
 * machines is one row.
 */
export const calendarDays = sqliteTable('calendar_days', {
  id: text('id').primaryKey(), // YYYY-MM-DD
  /** 'rest': a public holiday (or other day off); 'work': a make-up working day (调休) */
  kind: text('kind', { enum: ['rest', 'work'] }).notNull(),
  note: text('note').notNull().default(''),
  deleted: integer('deleted', { mode: 'boolean' }).notNull().default(false),
});

/** 村/社区 with its 12-digit statistical division code. */
export const villages = sqliteTable(
  'villages',
  {
    id: text('id').primaryKey(),
    officeId: text('office_id').notNull(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    sort: integer('sort').notNull().default(0),
    deleted: integer('deleted', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [index('villages_office').on(t.officeId, t.sort)],
);

/** 责任单位: 司法所, 派出所, 自然资源所 … and county departments. */
export const units = sqliteTable('units', {
  id: text('id').primaryKey(),
  officeId: text('office_id').notNull(),
  name: text('name').notNull(),
  sort: integer('sort').notNull().default(0),
  deleted: integer('deleted', { mode: 'boolean' }).notNull().default(false),
});

/** Staff of the office; role decides what they may do once accounts arrive. */
export const staff = sqliteTable('staff', {
  id: text('id').primaryKey(),
  officeId: text('office_id').notNull(),
  name: text('name').notNull(),
  role: text('role', { enum: ['clerk', 'handler', 'leader', 'admin'] }).notNull(),
  unitId: text('unit_id'),
  phone: text('phone'),
  deleted: integer('deleted', { mode: 'boolean' }).notNull().default(false),
});

/** 信访内容分类: an editable two-level classification list. */
export const categories = sqliteTable('categories', {
  id: text('id').primaryKey(),
  parentId: text('parent_id'),
  name: text('name').notNull(),
  sort: integer('sort').notNull().default(0),
  deleted: integer('deleted', { mode: 'boolean' }).notNull().default(false),
});

// ---- synced: the register ---------------------------------------------------------------

export const cases = sqliteTable(
  'cases',
  {
    id: text('id').primaryKey(),
    officeId: text('office_id').notNull(),
    /** office code + year + 5-digit sequence, e.g. 330102001-2026-00012 */
    caseNo: text('case_no').notNull(),
    year: integer('year').notNull(),
    seq: integer('seq').notNull(),
    queryCode: text('query_code').notNull(),
    channel: text('channel').notNull(),
    /** 代理: who filed on the petitioner's behalf (e.g. the village cadre, with their post) */
    proxyBy: text('proxy_by'),
    /** ISO local date-time, minute precision: 2026-11-22T09:30 */
    receivedAt: text('received_at').notNull(),
    registeredBy: text('registered_by'),
    registeredAt: text('registered_at').notNull(),
    matterType: text('matter_type').notNull(),
    categoryId: text('category_id'),
    summary: text('summary').notNull(),
    content: text('content').notNull().default(''),
    villageId: text('village_id'),
    peopleCount: integer('people_count').notNull().default(1),
    jointly: integer('jointly', { mode: 'boolean' }).notNull().default(false),
    anonymous: integer('anonymous', { mode: 'boolean' }).notNull().default(false),
    skipLevel: integer('skip_level', { mode: 'boolean' }).notNull().default(false),
    /**
     * the township a county office assigned (交办) this case to: the case then travels to that
     * township in sync packages and is handled there; null for a township's own cases
     */
    assignedOfficeId: text('assigned_office_id'),
    /** set when the clerk marks this case 重复 of an earlier one; null means 初信初访 */
    repeatOf: text('repeat_of'),
    /** derived from the case's events; kept here so lists can filter on it */
    status: text('status').notNull().default('registered'),
    deleted: integer('deleted', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [
    uniqueIndex('cases_case_no').on(t.caseNo),
    uniqueIndex('cases_query_code').on(t.queryCode),
    // deleted first: the live register in received order, and its count, come from this index alone
    index('cases_received').on(t.deleted, t.receivedAt),
    // tombstones only (a handful): the register's total is all rows less these
    index('cases_tombstones')
      .on(t.id)
      .where(sql`${t.deleted} = 1`),
    index('cases_office_year_seq').on(t.officeId, t.year, t.seq),
    // the few cases a county assigned to a township: what a county package to that township carries
    index('cases_assigned')
      .on(t.assignedOfficeId)
      .where(sql`${t.assignedOfficeId} IS NOT NULL`),
    // One index per list filter: its column and "live" lead, received time orders, and the other
    // two filter columns ride along so a filter's count and a deep page are read from the index
    // alone, without visiting a single case row.
    index('cases_status_list').on(t.status, t.deleted, t.receivedAt, t.villageId, t.categoryId),
    index('cases_village_list').on(t.villageId, t.deleted, t.receivedAt, t.status, t.categoryId),
    index('cases_category_list').on(t.categoryId, t.deleted, t.receivedAt, t.status, t.villageId),
  ],
);

export const petitioners = sqliteTable(
  'petitioners',
  {
    id: text('id').primaryKey(),
    caseId: text('case_id').notNull(),
    sort: integer('sort').notNull().default(0),
    name: text('name').notNull(),
    idNumber: text('id_number'),
    gender: text('gender', { enum: ['male', 'female'] }),
    birthDate: text('birth_date'),
    /** the 6-digit region code at the head of the ID number */
    regionCode: text('region_code'),
    phone: text('phone'),
    address: text('address'),
    villageId: text('village_id'),
    representative: integer('representative', { mode: 'boolean' }).notNull().default(false),
    deleted: integer('deleted', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [
    index('petitioners_case').on(t.caseId, t.sort),
    index('petitioners_id_number').on(t.idNumber),
    index('petitioners_name_phone').on(t.name, t.phone),
  ],
);

/** Append-only timeline of a case: every step is an event, never edited. */
export const caseEvents = sqliteTable(
  'case_events',
  {
    id: text('id').primaryKey(),
    caseId: text('case_id').notNull(),
    kind: text('kind').notNull(),
    at: text('at').notNull(),
    actor: text('actor'),
    /** JSON: what the step recorded (for an edit: field, before, after) */
    data: text('data').notNull().default('{}'),
    hlc: text('hlc').notNull(),
  },
  (t) => [index('case_events_case').on(t.caseId, t.hlc)],
);

/** An attachment names its file by content hash; the bytes live once in the data folder. */
export const attachments = sqliteTable(
  'attachments',
  {
    id: text('id').primaryKey(),
    caseId: text('case_id').notNull(),
    sha256: text('sha256').notNull(),
    fileName: text('file_name').notNull(),
    mime: text('mime').notNull(),
    size: integer('size').notNull(),
    addedAt: text('added_at').notNull(),
    deleted: integer('deleted', { mode: 'boolean' }).notNull().default(false),
  },
  // by content: sync sends a file once, when no attachment naming it is held by the recipient
  (t) => [index('attachments_case').on(t.caseId), index('attachments_sha256').on(t.sha256)],
);

/**
 * Letters issued for a case (services/letters/): the text exactly as printed, frozen when issued,
 * with its document number. Nothing here is ever updated: a correction is a new letter that names
 * the one it replaces.
 */
export const documents = sqliteTable(
  'documents',
  {
    id: text('id').primaryKey(),
    caseId: text('case_id').notNull(),
    officeId: text('office_id').notNull(),
    kind: text('kind').notNull(),
    /** 发文字号 as printed; null for forms that carry none (送达回证, 登记表) */
    docNo: text('doc_no'),
    year: integer('year'),
    seq: integer('seq'),
    /** JSON: the letter's title, addressee, paragraphs, signature and date, exactly as printed */
    content: text('content').notNull(),
    /** 成文日期 (ISO date) */
    issuedOn: text('issued_on').notNull(),
    issuedAt: text('issued_at').notNull(),
    issuedBy: text('issued_by'),
    /** the letter this one corrects */
    replacesId: text('replaces_id'),
    /** the timeline event issuing recorded */
    eventId: text('event_id'),
  },
  (t) => [
    index('documents_case').on(t.caseId, t.issuedAt),
    // no gaps and no reuse: a number is taken in the transaction that issues the letter
    uniqueIndex('documents_number').on(t.officeId, t.kind, t.year, t.seq),
    index('documents_issued_on').on(t.issuedOn, t.kind),
    // whether a letter is corrected, and by which: looked up for every letter listed
    index('documents_replaces').on(t.replacesId),
  ],
);

/**
 * An office's wording of a letter kind (and the county's, sent down with sync). The newest
 * template of the office for a kind is used; an office without one uses the shipped wording.
 */
export const letterTemplates = sqliteTable('letter_templates', {
  id: text('id').primaryKey(),
  officeId: text('office_id').notNull(),
  kind: text('kind').notNull(),
  title: text('title').notNull(),
  /** the body: paragraphs with {{变量}} placeholders (services/letters/templates.ts) */
  body: text('body').notNull(),
  updatedAt: text('updated_at').notNull(),
  deleted: integer('deleted', { mode: 'boolean' }).notNull().default(false),
});

// ---- synced: the ledgers beside the register (services/disputes.ts, daily-report.ts, reception-days.ts)

/**
 * 矛盾纠纷排查台账: a dispute found by screening before it becomes a petition. The parties are
 * kept to what mediation needs (names and a contact, JSON array of { name, phone }), no ID number.
 */
export const disputes = sqliteTable(
  'disputes',
  {
    id: text('id').primaryKey(),
    officeId: text('office_id').notNull(),
    /** the day it was found (排查发现日期), YYYY-MM-DD */
    foundOn: text('found_on').notNull(),
    villageId: text('village_id'),
    /** JSON array of { name, phone } */
    parties: text('parties').notNull().default('[]'),
    /** DISPUTE_TYPES in src-main/contract/vocabulary.ts */
    kind: text('kind').notNull(),
    description: text('description').notNull(),
    /** who mediates: a person or body as the clerk writes it (司法所张某, 村调委会) */
    mediator: text('mediator').notNull().default(''),
    /** DISPUTE_STATUSES in src-main/contract/vocabulary.ts */
    status: text('status').notNull().default('pending'),
    resolution: text('resolution').notNull().default(''),
    /** the day it was resolved (化解), set with status 'resolved' */
    resolvedOn: text('resolved_on'),
    registeredBy: text('registered_by'),
    registeredAt: text('registered_at').notNull(),
    deleted: integer('deleted', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [
    index('disputes_office_found').on(t.officeId, t.foundOn),
    index('disputes_office_resolved').on(t.officeId, t.resolvedOn),
  ],
);

/**
 * 日报告: an office's report of one day, its figures frozen when issued so a later edit of the
 * register does not change what was reported. Never updated: issuing again for the same day is
 * a new row naming the one it replaces (both kept).
 */
export const dailyReports = sqliteTable(
  'daily_reports',
  {
    id: text('id').primaryKey(),
    officeId: text('office_id').notNull(),
    /** the day reported, YYYY-MM-DD */
    reportDate: text('report_date').notNull(),
    /** 零报告: no new petition and no new dispute that day */
    zero: integer('zero', { mode: 'boolean' }).notNull(),
    /** 批次 / 人次 of the petitions received that day */
    batches: integer('batches').notNull(),
    persons: integer('persons').notNull(),
    /** JSON: { [channel]: { batches, persons } } */
    byChannel: text('by_channel').notNull().default('{}'),
    disputesFound: integer('disputes_found').notNull(),
    disputesResolved: integer('disputes_resolved').notNull(),
    note: text('note').notNull().default(''),
    issuedAt: text('issued_at').notNull(),
    issuedBy: text('issued_by'),
    /** the earlier report of the same day this one replaces */
    replacesId: text('replaces_id'),
  },
  (t) => [
    index('daily_reports_office_date').on(t.officeId, t.reportDate),
    index('daily_reports_date').on(t.reportDate),
    index('daily_reports_replaces').on(t.replacesId),
  ],
);

/**
 * 领导接访日: a day (and hours) a leader receives visitors. The cases received are not linked by
 * hand: they are the office's 来访 cases received within the day's hours (reception-days.ts).
 */
export const receptionDays = sqliteTable(
  'reception_days',
  {
    id: text('id').primaryKey(),
    officeId: text('office_id').notNull(),
    date: text('date').notNull(),
    /** HH:mm */
    startTime: text('start_time').notNull(),
    endTime: text('end_time').notNull(),
    leaderId: text('leader_id').notNull(),
    place: text('place').notNull().default(''),
    note: text('note').notNull().default(''),
    deleted: integer('deleted', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [index('reception_days_office_date').on(t.officeId, t.date)],
);

// ---- local: this installation's own state -----------------------------------------------

/** Key/value state of this installation: installation id, HLC, current user, settings. */
export const localState = sqliteTable('local_state', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

/**
 * The change log: every write to a synced table, as one operation stamped with the hybrid
 * logical clock, its origin installation and that origin's gap-free sequence number.
 */
export const changeLog = sqliteTable(
  'change_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    origin: text('origin').notNull(),
    originSeq: integer('origin_seq').notNull(),
    hlc: text('hlc').notNull(),
    officeId: text('office_id').notNull(),
    actor: text('actor'),
    tbl: text('tbl').notNull(),
    rowId: text('row_id').notNull(),
    op: text('op', { enum: ['insert', 'update'] }).notNull(),
    /** JSON object of the columns written, by column name */
    data: text('data').notNull(),
    /**
     * JSON object: for each column an update wrote, the HLC stamps of the versions it replaced
     * (what its writer had seen). Two writes that replaced the same version are concurrent: the
     * later stamp shows, the other becomes a conflict (services/sync/merge.ts). Null for inserts.
     */
    base: text('base'),
  },
  (t) => [
    uniqueIndex('change_log_origin_seq').on(t.origin, t.originSeq),
    index('change_log_row').on(t.tbl, t.rowId),
  ],
);

/** Unsaved forms, kept per user and form so a crash or power cut loses nothing. */
export const drafts = sqliteTable(
  'drafts',
  {
    form: text('form').notNull(),
    userId: text('user_id').notNull(),
    data: text('data').notNull(),
    savedAt: text('saved_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.form, t.userId] })],
);

/** Audit trail of reads and exports of personal data (changes are in the change log). */
export const auditLog = sqliteTable('audit_log', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  at: text('at').notNull(),
  actor: text('actor'),
  action: text('action').notNull(),
  detail: text('detail').notNull().default('{}'),
});

/**
 * The running duties of every open case (services/work-list.ts), derived from the events and the
 * office's day-counting rules so the work list is a range read by due date, not a fold of every
 * open case. Rewritten with the case in the same transaction as each write of it (services/
 * derived.ts); rebuilt whole when the rules change. Local: each register derives its own.
 */
export const caseClocks = sqliteTable(
  'case_clocks',
  {
    caseId: text('case_id').notNull(),
    kind: text('kind').notNull(),
    /** the supervision a supervision deadline belongs to ('' otherwise) */
    refId: text('ref_id').notNull().default(''),
    start: text('start').notNull(),
    due: text('due').notNull(),
    note: text('note'),
    status: text('status').notNull(),
    unitId: text('unit_id'),
    handlerId: text('handler_id'),
    leaderId: text('leader_id'),
  },
  (t) => [
    primaryKey({ columns: [t.caseId, t.kind, t.refId] }),
    index('case_clocks_due').on(t.due),
    index('case_clocks_unit').on(t.unitId, t.due),
    index('case_clocks_handler').on(t.handlerId, t.due),
    index('case_clocks_leader').on(t.leaderId, t.due),
  ],
);

// ---- local: sync by file (services/sync/) ---------------------------------------------------

/**
 * Concurrent writes of one field that nobody has settled yet: every surviving version, the
 * shown one first. Derived from the change log, rewritten for each row an import or a local
 * write touches; a person settles it with a write that replaces all of them.
 */
export const syncConflicts = sqliteTable(
  'sync_conflicts',
  {
    tbl: text('tbl').notNull(),
    rowId: text('row_id').notNull(),
    field: text('field').notNull(),
    /** JSON array of { hlc, value, origin, officeId, actor }, newest stamp (the shown value) first */
    versions: text('versions').notNull(),
    /** the case the row belongs to, so the case screen can show it */
    caseId: text('case_id'),
  },
  (t) => [primaryKey({ columns: [t.tbl, t.rowId, t.field] })],
);

/**
 * The offices this installation exchanges packages with: their public keys, and what they hold
 * of the register (the version vector of the last package received from them), so an export
 * carries exactly what they have not confirmed.
 */
export const syncPeers = sqliteTable('sync_peers', {
  officeId: text('office_id').primaryKey(),
  name: text('name').notNull(),
  level: text('level', { enum: ['township', 'county'] }).notNull(),
  /** Ed25519 public key (PEM); null until an enrolled township's first package arrives */
  signingKey: text('signing_key'),
  /** X25519 public key (PEM) */
  boxKey: text('box_key'),
  /** keys this office used before (JSON array of signing-key PEMs): old relayed operations still verify */
  formerKeys: text('former_keys').notNull().default('[]'),
  /** sha256 of the one-time enrollment token the township's first package must carry */
  enrollmentToken: text('enrollment_token'),
  /** JSON VersionVector: what this peer said it holds */
  vector: text('vector').notNull().default('{}'),
  /**
   * JSON VersionVector: this office's operations an export judged not to concern this peer
   * (another township's case, say), so they count as sent; cleared when a case becomes its concern
   */
  skipped: text('skipped').notNull().default('{}'),
  enrolledAt: text('enrolled_at').notNull(),
  revokedAt: text('revoked_at'),
});

/** Every package written or imported: the record of each exchange. */
export const syncPackages = sqliteTable(
  'sync_packages',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    direction: text('direction', { enum: ['out', 'in'] }).notNull(),
    peerOfficeId: text('peer_office_id').notNull(),
    /** the package's number in the stream from its sender to its recipient */
    seq: integer('seq').notNull(),
    /** sha256 of the package file */
    hash: text('hash').notNull(),
    prevHash: text('prev_hash'),
    fileName: text('file_name').notNull(),
    at: text('at').notNull(),
    actor: text('actor'),
    operations: integer('operations').notNull(),
    /** JSON: what the import changed (or the export carried) */
    summary: text('summary').notNull().default('{}'),
  },
  (t) => [
    index('sync_packages_peer').on(t.peerOfficeId, t.direction, t.seq),
    index('sync_packages_hash').on(t.hash),
  ],
);

/**
 * Signed batches of operations received from other offices, kept so a relay can forward them
 * exactly as signed (origin, sequence and signature unchanged). The operations themselves are
 * in the change log; a batch names them by origin and sequence ranges.
 */
export const syncBatches = sqliteTable(
  'sync_batches',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    officeId: text('office_id').notNull(),
    /** the signing key (PEM) */
    signingKey: text('signing_key').notNull(),
    sig: text('sig').notNull(),
    /** JSON array of [origin, from, to] sequence ranges, in the batch's order */
    ranges: text('ranges').notNull(),
    operations: integer('operations').notNull(),
  },
  (t) => [uniqueIndex('sync_batches_sig').on(t.sig), index('sync_batches_office').on(t.officeId)],
);

/**
 * Rows whose operations name a table or column this version does not know (from a newer
 * sender): kept in the change log and materialized again after an upgrade.
 */
export const syncDeferred = sqliteTable(
  'sync_deferred',
  {
    tbl: text('tbl').notNull(),
    rowId: text('row_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tbl, t.rowId] })],
);

/** Tables that belong to the register and travel in sync packages. */
export const SYNCED_TABLES = {
  offices,
  calendar_days: calendarDays,
  villages,
  units,
  staff,
  categories,
  cases,
  petitioners,
  case_events: caseEvents,
  attachments,
  documents,
  letter_templates: letterTemplates,
  disputes,
  daily_reports: dailyReports,
  reception_days: receptionDays,
} as const;
export type SyncedTableName = keyof typeof SYNCED_TABLES;

// ---- local: report figures (services/reports/) ----------------------------------------------

/**
 * The counters one case adds to the report figures, each 0/1 (or people for the 人次 counters).
 * They depend on the case's events and the office's day-counting rules only, never on today, so
 * they can be summed ahead of time (report_cells); what depends on today (a duty now past its
 * due date) is read from the *_pend_due columns of case_facts when a report is made.
 */
export const REPORT_COUNTERS = [
  'n', // 批次 / 件
  'people', // 人次 / 件次
  'collective',
  'collective_people',
  'first',
  'repeat',
  'skip_level',
  'skip_level_people',
  'accept_ok', // decided and notified within the 15 days
  'accept_late', // decided or notified after them
  'reply_ok', // replied within 60 days (plus the extension)
  'reply_late',
  'extended',
  'delivered',
  'satisfied',
  'basically',
  'unsatisfied',
  'closed', // accepted cases closed
  'resolved', // of those, closed as resolved (化解)
  'leader', // under a leader (包案)
  'leader_closed',
  'leader_resolved',
  'supervised', // cases with a supervision notice (督办)
  'sup_notices',
  'sup_on_time',
  'sup_late',
  'review_requested',
  'review_uphold',
  'review_revoke',
  'review_amend',
  'review_redo',
  'rereview_requested',
  'rereview_uphold',
  'rereview_revoke',
  'rereview_amend',
  'rereview_redo',
] as const;
export type ReportCounter = (typeof REPORT_COUNTERS)[number];

const counterColumns = () =>
  Object.fromEntries(REPORT_COUNTERS.map((c) => [c, integer(c).notNull().default(0)])) as Record<
    ReportCounter,
    ReturnType<typeof integer>
  >;

/**
 * One row per live case: what it adds to the reports (REPORT_COUNTERS), the keys it is broken
 * down by, and the due dates of duties not yet met (null when met or owed none). Derived from the
 * events with the case's clocks (services/reports/facts.ts); rebuilt whole when the rules change.
 */
export const caseFacts = sqliteTable(
  'case_facts',
  {
    caseId: text('case_id').primaryKey(),
    /** the township handling the case: the one it was assigned (交办) to, else the one that registered it */
    officeId: text('office_id').notNull(),
    receivedOn: text('received_on').notNull(),
    channel: text('channel').notNull(),
    matterType: text('matter_type').notNull(),
    /** '' when none was chosen, so it is a key of its own */
    categoryId: text('category_id').notNull(),
    villageId: text('village_id').notNull(),
    /** the responsible unit now handling it ('' for none) */
    unitId: text('unit_id').notNull(),
    ...counterColumns(),
    /** 受理/书面告知 not yet done (and none done late): the earliest of their due dates */
    acceptPendDue: text('accept_pend_due'),
    /** accepted and not yet replied: the reply's due date */
    replyPendDue: text('reply_pend_due'),
    /** the earliest deadline of the supervision notices not yet answered */
    supPendDue: text('sup_pend_due'),
    /** the earliest due date of the office's running duties (the case's work-list clocks); null when none */
    dutyDue: text('duty_due'),
  },
  (t) => [
    index('case_facts_received').on(t.receivedOn),
    // the few cases with a duty still running: a report counts those past due on its day
    index('case_facts_accept_pend')
      .on(t.receivedOn, t.officeId, t.acceptPendDue)
      .where(sql`${t.acceptPendDue} IS NOT NULL`),
    index('case_facts_reply_pend')
      .on(t.receivedOn, t.officeId, t.replyPendDue)
      .where(sql`${t.replyPendDue} IS NOT NULL`),
    index('case_facts_sup_pend')
      .on(t.receivedOn, t.officeId, t.supPendDue)
      .where(sql`${t.supPendDue} IS NOT NULL`),
    index('case_facts_duty')
      .on(t.receivedOn, t.officeId, t.dutyDue)
      .where(sql`${t.dutyDue} IS NOT NULL`),
  ],
);

/**
 * case_facts summed per month received, office and breakdown key (dim 'all' with key '' is the
 * total), kept in step with every write of case_facts, so a year's report reads a few thousand
 * sums instead of a year of cases.
 */
export const reportCells = sqliteTable(
  'report_cells',
  {
    /** YYYY-MM of the received date */
    month: text('month').notNull(),
    /** all | channel | matter | category | village | unit */
    dim: text('dim').notNull(),
    key: text('key').notNull(),
    officeId: text('office_id').notNull(),
    ...counterColumns(),
  },
  (t) => [primaryKey({ columns: [t.month, t.dim, t.key, t.officeId] })],
);
