/**
 * The state of the exchange, for the screen and the command line: this office and its key's
 * fingerprint, each peer's last packages and unconfirmed operations, conflicts, the reminder.
 */
import type { Store } from '../database';
import { getSyncSettings } from './settings';
import { fingerprint } from './envelope';
import { requireOffice } from '../office';
import type { PeerStatus, SyncStatus } from '../../contract';
import { listPeers, ownKeys } from './enrollment';
import { sentTo } from './holdings';

export function syncStatus(store: Store): SyncStatus {
  const { sqlite } = store;
  const me = requireOffice(store);
  const keys = ownKeys(store, me);
  const last = sqlite.prepare(
    `SELECT seq, at FROM sync_packages WHERE peer_office_id = ? AND direction = ? ORDER BY id DESC LIMIT 1`,
  );
  const countAfter = sqlite.prepare(
    'SELECT count(*) AS n FROM change_log WHERE origin = ? AND origin_seq > ?',
  );
  const peers = listPeers(store).map((p): PeerStatus => {
    const mine = sentTo(p)[store.installationId];
    // own operations beyond what the peer confirmed or an export judged not its concern
    const unconfirmed =
      (countAfter.get(store.installationId, mine?.contiguous ?? 0) as { n: number }).n -
      (mine ? mine.beyond.reduce((n, r) => n + r.to - r.from + 1, 0) : 0);
    return {
      officeId: p.officeId,
      name: p.name,
      level: p.level,
      connected: !!p.signingKey,
      revoked: !!p.revokedAt,
      lastImport: (last.get(p.officeId, 'in') as { seq: number; at: string } | undefined) ?? null,
      lastExport: (last.get(p.officeId, 'out') as { seq: number; at: string } | undefined) ?? null,
      unconfirmed,
    };
  });
  const lastAt = (sqlite.prepare('SELECT max(at) AS at FROM sync_packages').get() as { at: string | null })
    .at;
  const { remindAfterDays } = getSyncSettings(store);
  const daysSinceExchange = lastAt ? Math.floor((Date.now() - new Date(lastAt).getTime()) / 86400000) : null;
  const conflicts = (sqlite.prepare('SELECT count(*) AS n FROM sync_conflicts').get() as { n: number }).n;
  return {
    office: { id: me.id, name: me.name, level: me.level },
    fingerprint: fingerprint(keys.signing.publicKey),
    peers,
    conflicts,
    daysSinceExchange,
    remindAfterDays,
    remind: peers.length > 0 && (daysSinceExchange === null || daysSinceExchange >= remindAfterDays),
  };
}
