/**
 * Which office handles a case: the township the county assigned it to, else the office that
 * registered it. After a township's 异议 the county may assign its own case on to another
 * township; the first one keeps the case for the record and no longer acts on it.
 */
import type { Store } from './database';
import { UserError } from './errors';
import { currentOfficeId } from './local-state';

/** In a township's register: the other township the county assigned the case to, or null. */
export function handledElsewhere(store: Store, caseId: string): { officeId: string; name: string } | null {
  const r = store.sqlite
    .prepare(
      `SELECT c.assigned_office_id AS officeId, coalesce(o.name, c.assigned_office_id) AS name FROM cases c
       JOIN offices me ON me.id = ? AND me.level = 'township' LEFT JOIN offices o ON o.id = c.assigned_office_id
       WHERE c.id = ? AND c.assigned_office_id <> me.id`,
    )
    .get(currentOfficeId(store) ?? '', caseId) as { officeId: string; name: string } | undefined;
  return r ?? null;
}

/** Refuses a change (a step, an edit, a letter, an attachment) of a case another township handles. */
export function requireHandledHere(store: Store, caseId: string): void {
  const elsewhere = handledElsewhere(store, caseId);
  if (elsewhere) throw new UserError(`县信访局已将此件交办${elsewhere.name}办理，本乡镇不再办理此件`);
}
