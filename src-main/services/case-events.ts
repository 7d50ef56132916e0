/** The timeline of a case: appending one event inside a mutation (getCase reads them back). */
import { randomUUID } from 'node:crypto';
import type { Mutator } from './mutation';
import { nowLocal } from './local-time';

/** Appends one timeline event (registration, edit, attachment, letter issued) of a case inside a mutation; its id. */
export function appendEvent(m: Mutator, caseId: string, kind: string, data: Record<string, unknown>): string {
  const id = randomUUID();
  m.insert('case_events', {
    id,
    caseId,
    kind,
    at: nowLocal(),
    actor: m.actor,
    data: JSON.stringify(data),
    hlc: m.stamp(),
  });
  return id;
}
