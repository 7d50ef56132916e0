/**
 * What the 数据交换 screen shows and does: the status with its reminder, the folders, the packages
 * waiting in the inbox, the record of past exchanges; exporting to the outbox and importing from
 * the inbox or a chosen file.
 */
import type { Store } from '../database';
import type { ExportResult, ImportReport, SyncOverview, SyncRecord } from '../../contract';
import { nameOfOffice } from './enrollment';
import { importPackage } from './import';
import { syncStatus } from './status';
import { exportAllPending, exportToOutbox, listInbox, readInboxFile, setAsideImported } from './folders';
import { getSyncSettings } from './settings';
import { UserError } from '../errors';
import { requireOffice } from '../office';

type Progress = (stage: string, done: number, total: number) => void;

const HISTORY_ROWS = 50;

export function syncOverview(store: Store): SyncOverview {
  let inbox: SyncOverview['inbox'] = [];
  let inboxProblem: string | null = null;
  try {
    inbox = listInbox(store);
  } catch (e) {
    if (!(e instanceof UserError)) throw e;
    inboxProblem = e.message;
  }
  const history = (
    store.sqlite
      .prepare(
        `SELECT p.direction, p.peer_office_id AS office, p.seq, p.file_name AS fileName, p.at, s.name AS actor, p.operations
         FROM sync_packages p LEFT JOIN staff s ON s.id = p.actor
         ORDER BY p.id DESC LIMIT ?`,
      )
      .all(HISTORY_ROWS) as SyncRecord[]
  ).map((r) => ({ ...r, office: nameOfOffice(store, r.office) }));
  return { ...syncStatus(store), settings: getSyncSettings(store), inbox, inboxProblem, history };
}

/** A township exports to its county; the county to the township named, or to every one with changes. */
export function exportPackages(
  store: Store,
  to: string | undefined,
  actor: string | null,
  onProgress?: Progress,
): ExportResult[] {
  if (requireOffice(store).level === 'township' || to) return [exportToOutbox(store, to, actor, onProgress)];
  const done = exportAllPending(store, actor, onProgress);
  if (done.length === 0) throw new UserError('各乡镇都已收到本机的全部变更，没有需要导出的交换包');
  return done;
}

export type PackageSource = { inbox: string } | { fileName: string; base64: string };

/** Imports (or previews) a package; an imported inbox file is set aside so the inbox shows what still waits. */
export function importFrom(
  store: Store,
  source: PackageSource,
  opts: { actor: string | null; preview: boolean; confirmDeletions: boolean; onProgress?: Progress },
): ImportReport {
  const fromInbox = 'inbox' in source;
  const fileName = fromInbox ? source.inbox : source.fileName;
  const bytes = fromInbox ? readInboxFile(store, source.inbox) : Buffer.from(source.base64, 'base64');
  const report = importPackage(store, bytes, { ...opts, fileName });
  if (fromInbox && !opts.preview) setAsideImported(store, source.inbox);
  return report;
}
