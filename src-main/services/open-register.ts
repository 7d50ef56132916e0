/**
 * Opens the register for use: the store (database.ts), then its derived data brought up to date
 * before anything reads it, since a new version may find it stale or missing: the search index,
 * the work list's clocks, the report facts, and operations an older version kept because a newer
 * sender wrote them. The shell, the web server, the CLI and the tests open the register here.
 *
 * Apart from database.ts on purpose: this work needs the whole domain, and the domain imports
 * the store; done inside openStore it made database.ts import the services that import it.
 */
import { openStore, type OpenOptions, type Store } from './database';
import { rebuildSearchIndexIfStale } from './search-index';
import { rebuildClocksIfStale, rebuildFactsIfStale } from './work-list';
import { replayDeferred } from './sync/apply';

export type StartupTask = '重建检索索引' | '重建待办期限' | '重建统计数据';

export interface OpenRegisterOptions extends Omit<OpenOptions, 'prepare'> {
  /** progress of the derived data a new version rebuilds at start (search index, work-list clocks) */
  onProgress?: (task: StartupTask, done: number, total: number) => void;
}

export function openRegister({ onProgress, ...opts }: OpenRegisterOptions): Store {
  const progress = (task: StartupTask) =>
    onProgress && ((done: number, total: number) => onProgress(task, done, total));
  return openStore({
    ...opts,
    prepare: (store) => {
      rebuildSearchIndexIfStale(store, progress('重建检索索引'));
      rebuildClocksIfStale(store, progress('重建待办期限'));
      rebuildFactsIfStale(store, progress('重建统计数据'));
      // operations an older version could not apply (from a newer sender) are applied now
      replayDeferred(store);
    },
  });
}
