/** This installation's own key/value state (never synced): office, clock, current user. */
import type { Store } from './database';

export function getLocal(store: Store, key: string): string | undefined {
  const row = store.sqlite.prepare('SELECT value FROM local_state WHERE key = ?').get(key) as
    { value: string } | undefined;
  return row?.value;
}

export function setLocal(store: Store, key: string, value: string): void {
  store.sqlite
    .prepare(
      'INSERT INTO local_state (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
    )
    .run(key, value);
}

/** The office this installation keeps the register of (null before set-up). */
export function currentOfficeId(store: Store): string | null {
  return getLocal(store, 'office_id') ?? null;
}

/** The staff member signed in on this installation (null before set-up). */
export function currentUserId(store: Store): string | null {
  return getLocal(store, 'current_user') ?? null;
}
