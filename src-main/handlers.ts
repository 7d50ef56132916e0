/**
 * Routes a method of the contract (src-main/contract) to its service: validates the input with
 * the method's zod schema, runs the service with the acting user, and turns failures into
 * messages a clerk can read. The Electron ipc wiring, the web bridge and the CLI all call
 * `dispatch`.
 */
import { ZodError } from 'zod';
import { api, type ApiMethod, type ApiOutput, type ApiParsed, type ApiResult } from './contract';
import type { Store } from './services/database';
import { logUnexpected, UserError } from './services/errors';
import * as office from './services/office';
import { createCase, updateCase } from './services/register';
import { getCase } from './services/case-detail';
import { listCases } from './services/case-list';
import * as attachments from './services/attachments';
import * as drafts from './services/drafts';
import { findRepeats } from './services/repeats';
import { exportLedger } from './services/ledger-export';
import { applyVillageImport, previewVillageImport } from './services/village-import';
import { takeStep } from './services/follow-up';
import * as deadlineSettings from './services/deadline-settings';
import { loadRules } from './services/deadlines';
import { workList } from './services/work-list';
import { exportPackages, importFrom, syncOverview } from './services/sync/overview';
import { readOutboxFile } from './services/sync/folders';
import { saveSyncSettings } from './services/sync/settings';
import { applyEnrollment, createEnrollment, revokePeer } from './services/sync/enrollment';
import { listConflicts, settleConflict } from './services/sync/conflicts';
import {
  draftHtml,
  draftLetter,
  issueLetter,
  issuedLettersHtml,
  lettersIssuedOn,
  listLetters,
  prefixState,
  savePrefix,
} from './services/letters/documents';
import {
  listTemplates,
  previewTemplate,
  resetTemplate,
  saveTemplate,
} from './services/letters/template-store';
import { letterDocxFile } from './services/letters/docx';
import { getDispute, listDisputes, removeDispute, saveDispute, setDisputeStatus } from './services/disputes';
import {
  dailyReportMatrix,
  issueDailyReport,
  listDailyReports,
  previewDailyReport,
} from './services/daily-report';
import { listReceptionDays, removeReceptionDay, saveReceptionDay } from './services/reception-days';
import { buildReport } from './services/reports/report';
import { reportHtml, reportXlsx } from './services/reports/output';

/** Long work (sync export and import) reports its stages; the bridges pass them on to the screen. */
export type Progress = (stage: string, done: number, total: number) => void;

type Handler<M extends ApiMethod> = (
  store: Store,
  input: ApiParsed<M>,
  actor: string | null,
  progress: Progress,
) => ApiOutput<M> | Promise<ApiOutput<M>>;

/** Drafts belong to the current user, or to the installation before any user exists. */
const draftOwner = (actor: string | null) => actor ?? '-';

const handlers: { [M in ApiMethod]: Handler<M> } = {
  'session.get': (s) => office.getSession(s),
  'session.setUser': (s, i) => office.setCurrentUser(s, i.userId),
  'setup.create': (s, i) => office.setupOffice(s, i),
  'settings.get': (s) => office.getSettings(s),
  'settings.saveOffice': (s, i, a) => office.saveOfficeName(s, i, a),
  'settings.saveVillage': (s, i, a) => office.saveVillage(s, i, a),
  'settings.saveUnit': (s, i, a) => office.saveUnit(s, i, a),
  'settings.saveStaff': (s, i, a) => office.saveStaff(s, i, a),
  'settings.saveCategory': (s, i, a) => office.saveCategory(s, i, a),
  'settings.remove': (s, i, a) => office.removeItem(s, i, a),
  'villages.previewImport': (s, i) => previewVillageImport(s, i.fileName, i.base64),
  'villages.applyImport': (s, i, a) => applyVillageImport(s, i.fileName, i.base64, a),
  'cases.create': (s, i, a) => createCase(s, i, a),
  'cases.update': (s, i, a) => updateCase(s, i, a),
  'cases.get': (s, i) => getCase(s, i.id),
  'cases.list': (s, i) => listCases(s, i),
  'cases.exportXlsx': (s, i, a) => exportLedger(s, i.filter, a, i.fullNumbers),
  'cases.findRepeats': (s, i) => findRepeats(s, i),
  'attachments.upload': (s, i) => attachments.uploadAttachment(s, i),
  'attachments.add': (s, i, a) => attachments.addAttachment(s, i, a),
  'attachments.read': (s, i) => attachments.readAttachment(s, i.id),
  'drafts.get': (s, i, a) => drafts.getDraft(s, i.form, draftOwner(a)),
  'drafts.save': (s, i, a) => drafts.saveDraft(s, i.form, draftOwner(a), i.data),
  'drafts.clear': (s, i, a) => drafts.clearDraft(s, i.form, draftOwner(a)),
  'cases.step': (s, i, a) => {
    takeStep(s, i, a, loadRules(s));
    return getCase(s, i.caseId);
  },
  'worklist.get': (s, i) => workList(s, i),
  'settings.saveDeadlines': (s, i, a) => deadlineSettings.saveDeadlineSettings(s, i, a),
  'settings.saveCalendarDay': (s, i, a) => deadlineSettings.saveCalendarDay(s, i, a),
  'settings.removeCalendarDay': (s, i, a) => deadlineSettings.removeCalendarDay(s, i.date, a),
  'letters.draft': (s, i) => draftLetter(s, i),
  'letters.issue': (s, i, a) => issueLetter(s, i, a),
  'letters.list': (s, i) => listLetters(s, i.caseId),
  'letters.docx': (s, i) => letterDocxFile(s, i.id),
  'letters.templates': (s) => listTemplates(s),
  'letters.saveTemplate': (s, i, a) => saveTemplate(s, i, a),
  'letters.resetTemplate': (s, i, a) => resetTemplate(s, i.kind, a),
  'letters.html': (s, i) => ('ids' in i ? { html: issuedLettersHtml(s, i.ids) } : draftHtml(s, i)),
  'letters.issuedOn': (s, i) => lettersIssuedOn(s, i.on, i.kind),
  'letters.previewTemplate': (s, i) => previewTemplate(s, i),
  'letters.prefix': (s) => prefixState(s),
  'letters.savePrefix': (s, i, a) => savePrefix(s, i.prefix, a),
  'reports.get': (s, i) => buildReport(s, i),
  'reports.html': (s, i) => ({ html: reportHtml(buildReport(s, i)) }),
  'reports.xlsx': (s, i) => reportXlsx(buildReport(s, i)),
  'sync.status': (s) => syncOverview(s),
  'sync.saveSettings': (s, i) => {
    saveSyncSettings(s, i);
    return syncOverview(s);
  },
  'sync.export': (s, i, a, p) => exportPackages(s, i.to, a, p),
  'sync.readOutbox': (s, i) => readOutboxFile(s, i.fileName),
  'sync.import': (s, i, a, p) =>
    importFrom(s, i.source, {
      actor: a,
      preview: i.preview,
      confirmDeletions: i.confirmDeletions,
      onProgress: p,
    }),
  'sync.enroll': (s, i, a) => {
    const e = createEnrollment(s, { id: i.code, name: i.name }, a);
    return { fileName: e.fileName, base64: e.bytes.toString('base64'), fingerprint: e.fingerprint };
  },
  'sync.applyEnrollment': (s, i) => applyEnrollment(s, Buffer.from(i.base64, 'base64')),
  'sync.revoke': (s, i) => {
    revokePeer(s, i.officeId);
    return syncOverview(s);
  },
  'conflicts.list': (s, i) => listConflicts(s, i.caseId),
  'disputes.list': (s, i) => listDisputes(s, i.filter),
  'disputes.get': (s, i) => getDispute(s, i.id),
  'disputes.save': (s, i, a) => saveDispute(s, i, a),
  'disputes.setStatus': (s, i, a) => setDisputeStatus(s, i, a),
  'disputes.remove': (s, i, a) => removeDispute(s, i.id, a),
  'dailyReports.preview': (s, i) => previewDailyReport(s, i.date),
  'dailyReports.issue': (s, i, a) => issueDailyReport(s, i, a),
  'dailyReports.list': (s, i) => listDailyReports(s, i),
  'dailyReports.matrix': (s, i) => dailyReportMatrix(s, i),
  'receptionDays.list': (s, i) => listReceptionDays(s, i),
  'receptionDays.save': (s, i, a) => saveReceptionDay(s, i, a),
  'receptionDays.remove': (s, i, a) => removeReceptionDay(s, i.id, a),
  'conflicts.settle': (s, i, a) => {
    settleConflict(s, { tbl: i.tbl, rowId: i.rowId, field: i.field, value: i.value }, a);
    return listConflicts(s);
  },
};

export function isApiMethod(name: string): name is ApiMethod {
  return Object.prototype.hasOwnProperty.call(api, name);
}

/** The first problem of a zod error, in Chinese, with the path of the field it concerns. */
export function describeZodError(e: ZodError): { message: string; field?: string } {
  const issue = e.issues[0];
  const field = issue?.path.join('.') || undefined;
  return { message: issue?.message ?? '输入有误', field };
}

export async function dispatch(
  store: Store,
  method: string,
  rawInput: unknown,
  progress: Progress = () => {},
): Promise<ApiResult<unknown>> {
  if (!isApiMethod(method)) {
    console.error(`unknown method ${JSON.stringify(method)}`);
    return {
      ok: false,
      error: { message: '界面与服务的版本不一致，无法执行此操作。请重新启动程序', internal: true },
    };
  }
  try {
    // inside the try: a schema's own check that throws on input it did not foresee is logged and
    // answered in Chinese like any unexpected failure, never rejected with its English text
    const parsed = api[method].input.safeParse(rawInput ?? {});
    if (!parsed.success) return { ok: false, error: describeZodError(parsed.error) };
    const actor = office.currentUserId(store);
    const handler = handlers[method] as Handler<typeof method>;
    const value = await handler(store, parsed.data as never, actor, progress);
    return { ok: true, value };
  } catch (e) {
    if (e instanceof UserError) return { ok: false, error: { message: e.message, field: e.field } };
    const ref = logUnexpected(`[${method}]`, e);
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'SQLITE_FULL' || code === 'ENOSPC') {
      return {
        ok: false,
        error: {
          message: '磁盘空间不足，本次操作未保存，原有数据未受影响。请清理磁盘后重试',
          internal: true,
        },
      };
    }
    if (code === 'SQLITE_BUSY')
      return { ok: false, error: { message: '数据库正忙，请稍后重试', internal: true } };
    return {
      ok: false,
      error: { message: `操作失败，数据未改动。请把错误编号 ${ref} 告诉技术人员`, internal: true },
    };
  }
}
