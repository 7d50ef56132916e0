/**
 * The office and its settings: the session, first set-up, the office's name, villages, units,
 * staff and categories, the deadline settings and the holiday calendar.
 */
import { z } from 'zod';
import { id, importFileInput, keysOf, localDate, phoneSchema, required, trimmed, whenValid } from './fields';
import { method, none } from './method';
import { DAY_COUNTS, STAFF_ROLES, type DayCount, type StaffRole } from './vocabulary';

export const villageInput = z.object({
  id: id.optional(),
  code: z
    .string()
    .trim()
    .regex(/^\d{12}$/, '村/社区代码应为12位数字'),
  name: required('村/社区名称', 40),
});
export const unitInput = z.object({ id: id.optional(), name: required('单位名称', 40) });
export const staffInput = z.object({
  id: id.optional(),
  name: required('姓名', 20),
  role: z.enum(Object.keys(STAFF_ROLES) as [StaffRole, ...StaffRole[]]),
  unitId: id.nullable().optional(),
  phone: phoneSchema.optional(),
});
export const categoryInput = z.object({
  id: id.optional(),
  parentId: id.nullable().optional(),
  name: required('分类名称', 30),
});

export const setupInput = z
  .object({
    level: z.enum(['township', 'county']),
    code: z.string().trim(),
    name: required('单位名称', 40),
    villages: z.array(villageInput).default([]),
    units: z.array(unitInput).default([]),
    staff: z.array(staffInput).min(1, '请至少登记一名工作人员'),
  })
  .superRefine(
    (v, ctx) => {
      const want = v.level === 'township' ? 9 : 6;
      if (!new RegExp(`^\\d{${want}}$`).test(v.code)) {
        ctx.addIssue({
          code: 'custom',
          path: ['code'],
          message:
            v.level === 'township' ? '乡镇代码应为9位数字（县级代码6位 + 乡镇3位）' : '县级代码应为6位数字',
        });
      }
      if (v.level === 'township') {
        v.villages.forEach((village, i) => {
          if (!village.code.startsWith(v.code)) {
            ctx.addIssue({
              code: 'custom',
              path: ['villages', i, 'code'],
              message: `村/社区代码 ${village.code} 不属于本乡镇（应以 ${v.code} 开头）`,
            });
          }
        });
      }
    },
    whenValid('level', 'code', 'villages'),
  );
export type SetupInput = z.input<typeof setupInput>;

export const officeInput = z.object({ name: required('单位名称', 40) });

export const deadlineSettingsInput = z.object({
  dayCount: z.enum(keysOf(DAY_COUNTS)),
  warnDays: z
    .number({ message: '提前提醒天数应为数字' })
    .int()
    .min(0, '提前提醒天数不能为负')
    .max(30, '提前提醒天数不超过30'),
});
export const calendarDayInput = z.object({
  date: localDate,
  kind: z.enum(['rest', 'work'], { message: '请选择休息日或调休上班日' }),
  note: trimmed('说明', 40).default(''),
});

export interface OfficeInfo {
  id: string;
  name: string;
  level: 'township' | 'county';
  parentId: string | null;
}
export interface Village {
  id: string;
  code: string;
  name: string;
}
export interface Unit {
  id: string;
  name: string;
}
export interface Staff {
  id: string;
  name: string;
  role: StaffRole;
  unitId: string | null;
  phone: string | null;
}
export interface Category {
  id: string;
  parentId: string | null;
  name: string;
}

export interface Session {
  setupDone: boolean;
  office: OfficeInfo | null;
  installationId: string;
  currentUser: Staff | null;
  dataDir: string;
  /** the start-up integrity check of the database file (large files are checked in the background) */
  integrity: { state: 'ok' } | { state: 'checking' } | { state: 'failed'; message: string };
}

export interface Settings {
  office: OfficeInfo;
  villages: Village[];
  units: Unit[];
  staff: Staff[];
  categories: Category[];
  /** the county's townships: in county mode those it can assign (交办) cases to; a township sees its county's (names for the timeline) */
  townships: { id: string; name: string }[];
  deadlines: { dayCount: DayCount; warnDays: number };
  /** the office's own holiday-calendar entries, and the years the shipped calendar knows */
  calendar: { days: { date: string; kind: 'rest' | 'work'; note: string }[]; knownYears: number[] };
}

export interface ImportPreviewRow {
  line: number;
  code: string;
  name: string;
  error: string | null;
}

export const settingsMethods = {
  'session.get': method<Session>()(none),
  'session.setUser': method<Session>()(z.object({ userId: id })),
  'setup.create': method<Session>()(setupInput),

  'settings.get': method<Settings>()(none),
  'settings.saveOffice': method<Settings>()(officeInput),
  'settings.saveVillage': method<Settings>()(villageInput),
  'settings.saveUnit': method<Settings>()(unitInput),
  'settings.saveStaff': method<Settings>()(staffInput),
  'settings.saveCategory': method<Settings>()(categoryInput),
  'settings.remove': method<Settings>()(
    z.object({ kind: z.enum(['village', 'unit', 'staff', 'category']), id }),
  ),
  'villages.previewImport': method<ImportPreviewRow[]>()(importFileInput),
  'villages.applyImport': method<{ added: number; updated: number; skipped: number }>()(importFileInput),

  'settings.saveDeadlines': method<Settings>()(deadlineSettingsInput),
  'settings.saveCalendarDay': method<Settings>()(calendarDayInput),
  'settings.removeCalendarDay': method<Settings>()(z.object({ date: localDate })),
} as const;
