/**
 * The office's day-counting rules and its own holiday-calendar entries. A change moves every
 * clock and report figure: mutate sees the rules change and rebuilds them in the same transaction.
 */
import type { ApiParsed, Settings } from '../contract';
import { isValidDate } from './calendar';
import type { Store } from './database';
import { UserError } from './errors';
import { mutate } from './mutation';
import { getSettings, requireOffice } from './office';

export function saveDeadlineSettings(
  store: Store,
  input: ApiParsed<'settings.saveDeadlines'>,
  actor: string | null,
): Settings {
  const office = requireOffice(store);
  mutate(store, { actor }, (m) => {
    m.update('offices', office.id, { dayCount: input.dayCount, warnDays: input.warnDays });
  });
  return getSettings(store);
}

/** One day of the office's own holiday calendar: added, changed, or brought back after removal. */
export function saveCalendarDay(
  store: Store,
  input: ApiParsed<'settings.saveCalendarDay'>,
  actor: string | null,
): Settings {
  if (!isValidDate(input.date)) throw new UserError(`日期 ${input.date} 不存在`, 'date');
  const exists = store.sqlite.prepare('SELECT 1 FROM calendar_days WHERE id = ?').get(input.date);
  mutate(store, { actor }, (m) => {
    if (exists) m.update('calendar_days', input.date, { kind: input.kind, note: input.note, deleted: false });
    else m.insert('calendar_days', { id: input.date, kind: input.kind, note: input.note });
  });
  return getSettings(store);
}

export function removeCalendarDay(store: Store, date: string, actor: string | null): Settings {
  const row = store.sqlite.prepare('SELECT deleted FROM calendar_days WHERE id = ?').get(date) as
    { deleted: number } | undefined;
  if (!row || row.deleted) throw new UserError(`节假日表中没有 ${date}`);
  mutate(store, { actor }, (m) => m.update('calendar_days', date, { deleted: true }));
  return getSettings(store);
}
