/**
 * The office this installation serves and its reference lists: villages, responsible units,
 * staff and the content classification. First-run set-up writes them all in one transaction.
 */
import { knownYears } from './calendar';
import { createHash, randomUUID } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import * as t from '../../db/schema';
import type { ApiParsed, Category, OfficeInfo, Session, Settings, Staff, Village } from '../contract';
import type { Store } from './database';
import { mutate, type Mutator } from './mutation';
import { currentOfficeId, currentUserId, setLocal } from './local-state';
import { UserError } from './errors';
import { DEFAULT_CATEGORIES, DEFAULT_TOWNSHIP_UNITS } from './default-categories';

// kept in local-state.ts, so the services that derive data read them without the office's writes
export { currentOfficeId, currentUserId };

export function requireOffice(store: Store): OfficeInfo {
  const officeId = currentOfficeId(store);
  const office = officeId
    ? store.db.select().from(t.offices).where(eq(t.offices.id, officeId)).get()
    : undefined;
  if (!office) throw new UserError('本机尚未设置单位，请先完成首次设置');
  return { id: office.id, name: office.name, level: office.level, parentId: office.parentId };
}

/** An office's name by its code, or null when this register holds no such office. */
export function officeName(store: Store, id: string): string | null {
  return (
    (store.sqlite.prepare('SELECT name FROM offices WHERE id = ?').get(id) as { name: string } | undefined)
      ?.name ?? null
  );
}

/** A responsible unit's name by its id (kept after the unit is removed: old letters still name it), or null. */
export function unitName(store: Store, id: string): string | null {
  return (
    (store.sqlite.prepare('SELECT name FROM units WHERE id = ?').get(id) as { name: string } | undefined)
      ?.name ?? null
  );
}

export function getSession(store: Store): Session {
  const officeId = currentOfficeId(store);
  const office = officeId ? requireOffice(store) : null;
  const userId = currentUserId(store);
  const user = userId ? store.db.select().from(t.staff).where(eq(t.staff.id, userId)).get() : undefined;
  return {
    setupDone: office !== null,
    office,
    installationId: store.installationId,
    currentUser: user && !user.deleted ? toStaff(user) : null,
    dataDir: store.dataDir,
    integrity: store.integrity,
  };
}

export function setCurrentUser(store: Store, userId: string): Session {
  const user = store.db.select().from(t.staff).where(eq(t.staff.id, userId)).get();
  if (!user || user.deleted) throw new UserError('所选工作人员不存在或已停用');
  setLocal(store, 'current_user', userId);
  return getSession(store);
}

export function setupOffice(store: Store, input: ApiParsed<'setup.create'>): Session {
  if (currentOfficeId(store)) throw new UserError('本机已完成单位设置；如需修改请到“设置”页面');
  const parentId = input.level === 'township' ? input.code.slice(0, 6) : null;
  let firstStaff = '';
  mutate(store, { actor: null, officeId: input.code }, (m) => {
    m.insert('offices', { id: input.code, name: input.name, level: input.level, parentId });
    input.villages.forEach((v, i) =>
      m.insert('villages', { id: randomUUID(), officeId: input.code, code: v.code, name: v.name, sort: i }),
    );
    const units =
      input.units.length || input.level !== 'township'
        ? input.units
        : DEFAULT_TOWNSHIP_UNITS.map((name) => ({ name }));
    units.forEach((u, i) =>
      m.insert('units', { id: randomUUID(), officeId: input.code, name: u.name, sort: i }),
    );
    input.staff.forEach((s) => {
      const sid = randomUUID();
      firstStaff ||= sid;
      m.insert('staff', {
        id: sid,
        officeId: input.code,
        name: s.name,
        role: s.role,
        unitId: s.unitId ?? null,
        phone: s.phone || null,
      });
    });
    insertDefaultCategories(m);
    // in the same transaction: a power cut leaves either a whole office or none
    setLocal(store, 'office_id', input.code);
    setLocal(store, 'current_user', firstStaff);
  });
  return getSession(store);
}

/**
 * The shipped list has the same ids in every office, so the county's and its townships' copies
 * meet as one list after sync instead of one per office.
 */
function insertDefaultCategories(m: Mutator) {
  DEFAULT_CATEGORIES.forEach((c, i) => {
    const parentId = defaultCategoryId(c.name);
    m.insert('categories', { id: parentId, parentId: null, name: c.name, sort: i });
    c.children.forEach((name, j) =>
      m.insert('categories', { id: defaultCategoryId(c.name, name), parentId, name, sort: j }),
    );
  });
}

function defaultCategoryId(...path: string[]): string {
  return `default-category-${createHash('sha256').update(path.join('/')).digest('hex').slice(0, 16)}`;
}

function toStaff(s: typeof t.staff.$inferSelect): Staff {
  return { id: s.id, name: s.name, role: s.role, unitId: s.unitId, phone: s.phone };
}

export function getSettings(store: Store): Settings {
  const office = requireOffice(store);
  const { db } = store;
  const villages: Village[] = db
    .select({ id: t.villages.id, code: t.villages.code, name: t.villages.name })
    .from(t.villages)
    .where(and(eq(t.villages.officeId, office.id), eq(t.villages.deleted, false)))
    .orderBy(asc(t.villages.sort), asc(t.villages.code))
    .all();
  const units = db
    .select({ id: t.units.id, name: t.units.name })
    .from(t.units)
    .where(and(eq(t.units.officeId, office.id), eq(t.units.deleted, false)))
    .orderBy(asc(t.units.sort))
    .all();
  const staff = db
    .select()
    .from(t.staff)
    .where(and(eq(t.staff.officeId, office.id), eq(t.staff.deleted, false)))
    .all()
    .map(toStaff);
  const categories: Category[] = db
    .select({ id: t.categories.id, parentId: t.categories.parentId, name: t.categories.name })
    .from(t.categories)
    .where(eq(t.categories.deleted, false))
    .orderBy(asc(t.categories.sort))
    .all();
  const rules = store.sqlite
    .prepare('SELECT day_count AS dayCount, warn_days AS warnDays FROM offices WHERE id = ?')
    .get(office.id) as Settings['deadlines'];
  const days = store.sqlite
    .prepare('SELECT id AS date, kind, note FROM calendar_days WHERE deleted = 0 ORDER BY id')
    .all() as Settings['calendar']['days'];
  // a township's are its county's (itself and the others), named on a case assigned on to one
  const townships = store.sqlite
    .prepare(
      `SELECT id, name FROM offices WHERE parent_id = ? AND level = 'township' AND deleted = 0 ORDER BY id`,
    )
    .all(office.level === 'county' ? office.id : (office.parentId ?? '')) as Settings['townships'];
  return {
    office,
    villages,
    units,
    staff,
    categories,
    townships,
    deadlines: rules,
    calendar: { days, knownYears: knownYears() },
  };
}

function nextSort(store: Store, table: 'villages' | 'units' | 'categories'): number {
  const row = store.sqlite.prepare(`SELECT coalesce(max(sort), -1) + 1 AS n FROM ${table}`).get() as {
    n: number;
  };
  return row.n;
}

export function saveOfficeName(
  store: Store,
  input: ApiParsed<'settings.saveOffice'>,
  actor: string | null,
): Settings {
  const office = requireOffice(store);
  mutate(store, { actor }, (m) => m.update('offices', office.id, { name: input.name }));
  return getSettings(store);
}

export function saveVillage(
  store: Store,
  input: ApiParsed<'settings.saveVillage'>,
  actor: string | null,
): Settings {
  const office = requireOffice(store);
  if (office.level === 'township' && !input.code.startsWith(office.id)) {
    throw new UserError(`村/社区代码 ${input.code} 不属于本乡镇（应以 ${office.id} 开头）`, 'code');
  }
  const clash = store.db
    .select({ id: t.villages.id })
    .from(t.villages)
    .where(and(eq(t.villages.code, input.code), eq(t.villages.deleted, false)))
    .get();
  if (clash && clash.id !== input.id) throw new UserError(`代码 ${input.code} 已被其他村/社区使用`, 'code');
  mutate(store, { actor }, (m) => {
    if (input.id) m.update('villages', input.id, { code: input.code, name: input.name });
    else
      m.insert('villages', {
        id: randomUUID(),
        officeId: office.id,
        code: input.code,
        name: input.name,
        sort: nextSort(store, 'villages'),
      });
  });
  return getSettings(store);
}

export function saveUnit(
  store: Store,
  input: ApiParsed<'settings.saveUnit'>,
  actor: string | null,
): Settings {
  const office = requireOffice(store);
  mutate(store, { actor }, (m) => {
    if (input.id) m.update('units', input.id, { name: input.name });
    else
      m.insert('units', {
        id: randomUUID(),
        officeId: office.id,
        name: input.name,
        sort: nextSort(store, 'units'),
      });
  });
  return getSettings(store);
}

export function saveStaff(
  store: Store,
  input: ApiParsed<'settings.saveStaff'>,
  actor: string | null,
): Settings {
  const office = requireOffice(store);
  const fields = {
    name: input.name,
    role: input.role,
    unitId: input.unitId ?? null,
    phone: input.phone || null,
  };
  mutate(store, { actor }, (m) => {
    if (input.id) m.update('staff', input.id, fields);
    else m.insert('staff', { id: randomUUID(), officeId: office.id, ...fields });
  });
  return getSettings(store);
}

export function saveCategory(
  store: Store,
  input: ApiParsed<'settings.saveCategory'>,
  actor: string | null,
): Settings {
  mutate(store, { actor }, (m) => {
    if (input.id) m.update('categories', input.id, { name: input.name, parentId: input.parentId ?? null });
    else
      m.insert('categories', {
        id: randomUUID(),
        parentId: input.parentId ?? null,
        name: input.name,
        sort: nextSort(store, 'categories'),
      });
  });
  return getSettings(store);
}

const REMOVABLE = { village: 'villages', unit: 'units', staff: 'staff', category: 'categories' } as const;

/** Removal is a tombstone: cases that name the item keep showing it. */
export function removeItem(
  store: Store,
  input: ApiParsed<'settings.remove'>,
  actor: string | null,
): Settings {
  if (input.kind === 'staff' && input.id === currentUserId(store)) {
    throw new UserError('不能停用当前登录的工作人员，请先切换到其他人员');
  }
  mutate(store, { actor }, (m) => m.update(REMOVABLE[input.kind], input.id, { deleted: true }));
  return getSettings(store);
}
