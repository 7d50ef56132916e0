/**
 * Sync by file between a township and its county: the exchange screen's status and settings,
 * export and import of packages, enrollment, and the conflicts two offices left.
 */
import { z } from 'zod';
import { id, importFileInput, required, type FileBytes } from './fields';
import { method, none } from './method';

// ---- what the sync services report (declared here: the exchange screen reads them) ----------

export interface SyncSettings {
  /** folder packages are written into */
  outbox: string;
  /** folder packages from other offices are picked up from */
  inbox: string;
  /** write a package for every office with unconfirmed changes when the app closes */
  exportOnExit: boolean;
  /** show the packages waiting in the inbox when the app starts */
  pickUpAtStart: boolean;
  /** remind when the last exchange is older than this many days */
  remindAfterDays: number;
}

export interface WaitingPackage {
  fileName: string;
  bytes: number;
  modifiedAt: string;
}

export interface ExportResult {
  file: string;
  fileName: string;
  seq: number;
  operations: number;
  files: number;
  bytes: number;
}

export interface ApplySummary {
  /** operations in the package */
  received: number;
  /** operations this register did not hold yet */
  fresh: number;
  newCases: string[];
  updatedCases: string[];
  /** new timeline events by step kind (交办, 督办, 复查决定 …) */
  events: Record<string, number>;
  /** rows of the shared settings changed: offices, calendar, classification, villages, units, staff, letter templates */
  settings: Record<string, number>;
  /** rows of the ledgers beside the register changed: disputes, daily reports, reception days */
  ledgers: Record<string, number>;
  /** cases marked deleted */
  deletedCases: number;
  /** fields newly in conflict */
  conflicts: number;
  /** operations kept for a newer version of the software */
  deferred: number;
  /** how far ahead of this machine's clock the newest operation was stamped, in minutes (0 if not) */
  clockAheadMinutes: number;
}

export interface ImportedCase {
  id: string;
  caseNo: string;
  summary: string;
  isNew: boolean;
  deleted: boolean;
}

export interface ImportReport {
  from: { officeId: string; name: string };
  seq: number;
  createdAt: string;
  /** the whole summary of what changed (or, for a preview, what would change) */
  summary: ApplySummary;
  /** files of attachments received */
  files: number;
  /** earlier packages of the same sender never imported here (their content is re-sent until confirmed) */
  missingPackages: number[];
  /** the previous package imported from this sender is not the one this package names */
  previousDiffers: boolean;
  /** the sender's software is newer: some operations are kept until this one is upgraded */
  senderSchemaNewer: boolean;
  /** set for a preview: nothing was changed */
  preview: boolean;
  /** deletions the package carries (held unless confirmed when unusually many) */
  deletions: number;
  /** the first cases it adds or changes, new ones first */
  cases: ImportedCase[];
}

export interface PeerStatus {
  officeId: string;
  name: string;
  level: 'township' | 'county';
  /** keys received (a township's first package has arrived) */
  connected: boolean;
  revoked: boolean;
  lastImport: { seq: number; at: string } | null;
  lastExport: { seq: number; at: string } | null;
  /** operations the peer has not confirmed */
  unconfirmed: number;
}

export interface SyncStatus {
  office: { id: string; name: string; level: 'township' | 'county' };
  fingerprint: string;
  peers: PeerStatus[];
  conflicts: number;
  /** days since the last import or export, null if never */
  daysSinceExchange: number | null;
  remindAfterDays: number;
  remind: boolean;
}

export interface ConflictVersion {
  hlc: string;
  value: unknown;
  origin: string;
  officeId: string;
  actor: string | null;
}

export interface Conflict {
  tbl: string;
  rowId: string;
  field: string;
  /** what the field is called on screen, with the person or item it belongs to */
  label: string;
  caseId: string | null;
  caseNo: string | null;
  caseSummary: string | null;
  /** the shown version first */
  versions: (ConflictVersion & { office: string; actorName: string | null; shown: string })[];
}

// ---- inputs and outputs of the exchange screen -----------------------------------------------

export const syncSettingsInput = z.object({
  outbox: required('发出文件夹', 500),
  inbox: required('收件文件夹', 500),
  exportOnExit: z.boolean(),
  pickUpAtStart: z.boolean(),
  remindAfterDays: z
    .number({ message: '提醒天数应为数字' })
    .int('提醒天数应为整数')
    .min(1, '提醒天数至少为1天')
    .max(90, '提醒天数不超过90天'),
});

/** A package picked from the inbox folder, or a file the person chose (its bytes). */
const packageSource = z.union([
  z.object({ inbox: z.string().min(1) }),
  z.object({ fileName: z.string().min(1), base64: z.string().min(1, '请选择交换包文件') }),
]);

export interface SyncRecord {
  direction: 'in' | 'out';
  office: string;
  seq: number;
  fileName: string | null;
  at: string;
  actor: string | null;
  operations: number;
}

/** The 数据交换 screen: status, folders, what waits in the inbox and the records of past exchanges. */
export interface SyncOverview extends SyncStatus {
  settings: SyncSettings;
  inbox: WaitingPackage[];
  /** why the inbox could not be read (the USB drive is out), or null */
  inboxProblem: string | null;
  history: SyncRecord[];
}

export const syncMethods = {
  'sync.status': method<SyncOverview>()(none),
  'sync.saveSettings': method<SyncOverview>()(syncSettingsInput),
  /** a township exports to its county; the county to one township, or (no `to`) to every one with changes */
  'sync.export': method<ExportResult[]>()(z.object({ to: z.string().optional() })),
  'sync.readOutbox': method<FileBytes>()(z.object({ fileName: z.string().min(1) })),
  'sync.import': method<ImportReport>()(
    z.object({ source: packageSource, preview: z.boolean(), confirmDeletions: z.boolean().default(false) }),
  ),
  'sync.enroll': method<FileBytes & { fingerprint: string }>()(
    z.object({
      code: z
        .string()
        .trim()
        .regex(/^\d{9}$/, '乡镇代码应为 9 位数字（统计用区划代码前 9 位）'),
      name: required('乡镇名称', 40),
    }),
  ),
  'sync.applyEnrollment': method<{ county: string; countyFingerprint: string; ownFingerprint: string }>()(
    importFileInput,
  ),
  'sync.revoke': method<SyncOverview>()(z.object({ officeId: id })),
  'conflicts.list': method<Conflict[]>()(z.object({ caseId: id.optional() })),
  'conflicts.settle': method<Conflict[]>()(
    z.object({ tbl: z.string().min(1), rowId: id, field: z.string().min(1), value: z.unknown() }),
  ),
} as const;
