/** The audit trail of exports and reads of personal data (changes are in the change log). */
import type { Store } from './database';

export function audit(
  store: Store,
  actor: string | null,
  action: string,
  detail: Record<string, unknown>,
): void {
  store.sqlite
    .prepare('INSERT INTO audit_log (at, actor, action, detail) VALUES (?, ?, ?, ?)')
    .run(new Date().toISOString(), actor, action, JSON.stringify(detail));
}
