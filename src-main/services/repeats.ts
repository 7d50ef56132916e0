/**
 * Repeat detection at intake: earlier cases whose petitioner has the same ID number, or the
 * same name and phone. The clerk decides whether the new petition is 重复 of one of them.
 */
import type { ApiParsed, RepeatMatch } from '../contract';
import type { Store } from './database';
import { normalizePhone } from '../contract';
import { caseState } from './workflow';

const LIMIT = 20;

export function findRepeats(store: Store, input: ApiParsed<'cases.findRepeats'>): RepeatMatch[] {
  const byId = store.sqlite.prepare(
    `SELECT c.id, c.case_no AS caseNo, c.received_at AS receivedAt, c.summary, c.status, p.name AS petitioner
     FROM petitioners p JOIN cases c ON c.id = p.case_id
     WHERE p.id_number = ? AND p.deleted = 0 AND c.deleted = 0 ORDER BY c.received_at DESC LIMIT ${LIMIT}`,
  );
  const byNamePhone = store.sqlite.prepare(
    `SELECT c.id, c.case_no AS caseNo, c.received_at AS receivedAt, c.summary, c.status, p.name AS petitioner
     FROM petitioners p JOIN cases c ON c.id = p.case_id
     WHERE p.name = ? AND replace(p.phone, '-', '') = ? AND p.deleted = 0 AND c.deleted = 0 ORDER BY c.received_at DESC LIMIT ${LIMIT}`,
  );
  const found = new Map<string, RepeatMatch>();
  for (const p of input.petitioners) {
    const idNumber = p.idNumber?.trim().toUpperCase();
    if (idNumber && idNumber.length === 18) {
      for (const r of byId.all(idNumber) as Match[]) {
        if (!found.has(r.id)) found.set(r.id, { ...r, matchedBy: 'idNumber', final: false });
      }
    }
    const name = p.name?.trim();
    // a landline is accepted with or without the hyphen after the area code: compare without
    const phone = p.phone ? normalizePhone(p.phone).replace(/-/g, '') : '';
    if (name && phone) {
      for (const r of byNamePhone.all(name, phone) as Match[]) {
        if (!found.has(r.id)) found.set(r.id, { ...r, matchedBy: 'namePhone', final: false });
      }
    }
  }
  found.delete(input.excludeCaseId ?? '');
  const matches = [...found.values()]
    .sort((a, b) => b.receivedAt.localeCompare(a.receivedAt))
    .slice(0, LIMIT);
  return matches.map((m) => ({ ...m, final: isFinal(store, m.id) }));
}

type Match = Omit<RepeatMatch, 'matchedBy' | 'final'>;

/** Art. 36: a case whose re-review has been decided (and not sent back for new handling). */
export function isFinal(store: Store, caseId: string): boolean {
  return !!caseState(store, caseId).rereview?.decidedOn;
}
