/**
 * The per-machine choices of sync by file, kept in local_state (never synced): the two folders,
 * export on exit, pick up at start, and after how many days without an exchange to remind. One
 * getter serves the exchange screen, the status and the folders.
 */
import path from 'node:path';
import type { Store } from '../database';
import { getLocal, setLocal } from '../local-state';
import { UserError } from '../errors';
import type { SyncSettings } from '../../contract';

const SETTINGS_KEY = 'sync_settings';
/** Where the reminder interval was kept apart before: still read, dropped at the next save. */
const OLD_REMIND_KEY = 'sync_remind_days';

export function defaultSyncSettings(store: Store): SyncSettings {
  const base = path.join(store.dataDir, '交换包');
  return {
    outbox: path.join(base, '待发送'),
    inbox: path.join(base, '收件箱'),
    exportOnExit: false,
    pickUpAtStart: true,
    remindAfterDays: 7,
  };
}

export function getSyncSettings(store: Store): SyncSettings {
  const saved = JSON.parse(getLocal(store, SETTINGS_KEY) ?? '{}') as Partial<SyncSettings>;
  const old = getLocal(store, OLD_REMIND_KEY);
  return { ...defaultSyncSettings(store), ...(old ? { remindAfterDays: Number(old) } : {}), ...saved };
}

export function saveSyncSettings(store: Store, input: SyncSettings): SyncSettings {
  for (const [label, dir] of [
    ['发出文件夹', input.outbox],
    ['收件文件夹', input.inbox],
  ] as const) {
    if (!path.isAbsolute(dir))
      throw new UserError(
        `${label}应为完整路径，例如 E:\\信访交换 或 /media/usb/信访交换`,
        label === '发出文件夹' ? 'outbox' : 'inbox',
      );
  }
  // one folder for both would show this office's own packages as waiting to be imported
  if (sameFolder(input.inbox, input.outbox)) throw new UserError('收件文件夹与发出文件夹不能相同', 'inbox');
  const { outbox, inbox, exportOnExit, pickUpAtStart, remindAfterDays } = input;
  store.sqlite.transaction(() => {
    setLocal(
      store,
      SETTINGS_KEY,
      JSON.stringify({ outbox, inbox, exportOnExit, pickUpAtStart, remindAfterDays }),
    );
    store.sqlite.prepare('DELETE FROM local_state WHERE key = ?').run(OLD_REMIND_KEY);
  })();
  return getSyncSettings(store);
}

/** Whether two paths name the same folder (Windows paths ignore case). */
function sameFolder(a: string, b: string): boolean {
  const [x, y] = [path.resolve(a), path.resolve(b)];
  return process.platform === 'win32' ? x.toLowerCase() === y.toLowerCase() : x === y;
}
