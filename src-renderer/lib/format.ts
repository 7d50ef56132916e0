/** Display helpers shared by the screens. */
import dayjs from 'dayjs';
import {
  CASE_STATUSES,
  CHANNELS,
  FLAGS,
  MATTER_TYPES,
  type Category,
  type DeadlineView,
  type Flag,
} from '../../src-main/contract';

export const label = {
  channel: (v: string) => CHANNELS[v as keyof typeof CHANNELS] ?? v,
  matterType: (v: string) => MATTER_TYPES[v as keyof typeof MATTER_TYPES] ?? v,
  status: (v: string) => CASE_STATUSES[v as keyof typeof CASE_STATUSES] ?? v,
  flag: (v: Flag) => FLAGS[v],
};

export const options = <T extends Record<string, string>>(dict: T) =>
  Object.entries(dict).map(([value, text]) => ({ value, label: text }));

/** 2026-11-22T09:30 → 2026-11-22 09:30 */
export const showDateTime = (v: string | null | undefined) => (v ? v.replace('T', ' ') : '');
export const toLocalMinute = (d: dayjs.Dayjs) => d.format('YYYY-MM-DDTHH:mm');

/** Two-level classification as a tree for TreeSelect / Cascader. */
export function categoryTree(categories: Category[]) {
  const top = categories.filter((c) => !c.parentId);
  return top.map((p) => ({
    value: p.id,
    title: p.name,
    label: p.name,
    children: categories
      .filter((c) => c.parentId === p.id)
      .map((c) => ({ value: c.id, title: c.name, label: c.name })),
  }));
}

export function categoryPath(categories: Category[], id: string | null | undefined): string {
  if (!id) return '';
  const c = categories.find((x) => x.id === id);
  if (!c) return '';
  const parent = c.parentId ? categories.find((x) => x.id === c.parentId) : undefined;
  return parent ? `${parent.name} / ${c.name}` : c.name;
}

export const FLAG_COLORS: Record<Flag, string> = {
  collective: 'red',
  first: 'green',
  repeat: 'orange',
  jointly: 'purple',
  anonymous: 'default',
  skipLevel: 'magenta',
};

/** A deadline's time left in words: 剩余N天, 今日到期, N天内到期, 已逾期N天, 已于…完成, 已届满. */
export function deadlineWords(d: DeadlineView): string {
  if (d.metOn) {
    if (d.window) return `已于${d.metOn}提出`;
    return d.state === 'late' ? `逾期完成（${d.metOn}）` : `已于${d.metOn}完成`;
  }
  const n = d.daysLeft ?? 0;
  if (d.window) return n < 0 ? '已届满' : n === 0 ? '今日届满' : `剩余${n}天`;
  if (n < 0) return `已逾期${-n}天`;
  if (n === 0) return '今日到期';
  return d.state === 'warning' ? `${n}天内到期` : `剩余${n}天`;
}

/** The colour of a deadline's words: red once overdue, orange within the warning days (today included). */
export function deadlineColor(d: DeadlineView): string | undefined {
  if (d.metOn || d.window) return undefined;
  return d.state === 'overdue' ? '#cf1322' : d.state === 'warning' ? '#d46b08' : undefined;
}
