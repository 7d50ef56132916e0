/**
 * The one contract between the screens and the services: every method's name, its input
 * schema (zod, validated in main before any service runs) and its output type. The renderer
 * imports this file for types, labels and form-side checks; it holds no service code.
 */
import { z } from 'zod';
import { parseIdNumber } from './services/id-number';
import { phoneError } from './services/phone';

z.config(z.locales.zhCN());

// ---- dictionaries ----------------------------------------------------------------------

/** 《信访工作条例》 Art. 17 forms of petition, plus the routes a township actually receives by. */
export const CHANNELS = {
  letter: '来信',
  visit: '来访',
  online: '网上信访',
  phone: '电话',
  fax: '传真',
  referral: '上级转送/交办',
  proxy: '代理',
} as const;
export type Channel = keyof typeof CHANNELS;

/** Art. 29–31 */
export const MATTER_TYPES = {
  suggestion: '建议意见',
  accusation: '检举控告',
  claim: '申诉求决',
} as const;
export type MatterType = keyof typeof MATTER_TYPES;

export const CASE_STATUSES = {
  registered: '待受理',
} as const;
export type CaseStatus = keyof typeof CASE_STATUSES;

export const FLAGS = {
  collective: '集体',
  first: '初信初访',
  repeat: '重复',
  jointly: '联名',
  anonymous: '匿名',
  skipLevel: '越级',
} as const;
export type Flag = keyof typeof FLAGS;

export const STAFF_ROLES = {
  clerk: '登记员',
  handler: '承办人',
  leader: '领导',
  admin: '管理员',
} as const;
export type StaffRole = keyof typeof STAFF_ROLES;

/** 集体访: five people or more. */
export const COLLECTIVE_FROM = 5;
/** Art. 20: a group chooses at most five representatives. */
export const MAX_REPRESENTATIVES = 5;

// ---- shared field schemas ---------------------------------------------------------------

const id = z.string().min(1, '缺少编号');
const trimmed = (label: string, max: number) =>
  z.string().trim().max(max, `${label}不能超过${max}个字`);
const required = (label: string, max: number) => trimmed(label, max).min(1, `请填写${label}`);

export const idNumberSchema = z
  .string()
  .trim()
  .transform((s) => s.toUpperCase())
  .superRefine((v, ctx) => {
    if (v === '') return;
    const r = parseIdNumber(v);
    if (!r.ok) ctx.addIssue({ code: 'custom', message: r.message });
  });

export const phoneSchema = z
  .string()
  .trim()
  .superRefine((v, ctx) => {
    const err = phoneError(v);
    if (err) ctx.addIssue({ code: 'custom', message: err });
  });

/** A local date-time at minute precision as the clerk sees it: 2026-11-22T09:30 */
export const localDateTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, '时间格式应为 年-月-日 时:分');
export const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 年-月-日');

// ---- office set-up ----------------------------------------------------------------------

export const villageInput = z.object({
  id: id.optional(),
  code: z.string().trim().regex(/^\d{12}$/, '村/社区代码应为12位数字'),
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
  .superRefine((v, ctx) => {
    const want = v.level === 'township' ? 9 : 6;
    if (!new RegExp(`^\\d{${want}}$`).test(v.code)) {
      ctx.addIssue({
        code: 'custom',
        path: ['code'],
        message: v.level === 'township' ? '乡镇代码应为9位数字（县级代码6位 + 乡镇3位）' : '县级代码应为6位数字',
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
  });
export type SetupInput = z.input<typeof setupInput>;

export const officeInput = z.object({ name: required('单位名称', 40) });

// ---- intake -----------------------------------------------------------------------------

export const petitionerInput = z.object({
  id: id.optional(),
  name: required('信访人姓名', 30),
  idNumber: idNumberSchema.optional(),
  phone: phoneSchema.optional(),
  address: trimmed('住址', 100).optional(),
  villageId: id.nullable().optional(),
  representative: z.boolean().default(false),
});
export type PetitionerInput = z.input<typeof petitionerInput>;

export const attachmentRef = z.object({
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  fileName: required('文件名', 200),
  mime: z.string().min(1),
  size: z.number().int().nonnegative(),
});
export type AttachmentRef = z.infer<typeof attachmentRef>;

const caseFields = {
  channel: z.enum(Object.keys(CHANNELS) as [Channel, ...Channel[]], { message: '请选择信访形式' }),
  receivedAt: localDateTime,
  matterType: z.enum(Object.keys(MATTER_TYPES) as [MatterType, ...MatterType[]], { message: '请选择事项性质' }),
  categoryId: id.nullable().optional(),
  summary: required('内容摘要', 200),
  content: trimmed('信访内容', 20000).default(''),
  villageId: id.nullable().optional(),
  peopleCount: z.number({ message: '人数应为数字' }).int('人数应为整数').min(1, '人数至少为1').max(100000),
  jointly: z.boolean().default(false),
  anonymous: z.boolean().default(false),
  skipLevel: z.boolean().default(false),
  repeatOf: id.nullable().optional(),
};

function checkPeople(
  v: { anonymous: boolean; peopleCount: number; petitioners: { representative?: boolean }[] },
  ctx: z.RefinementCtx,
) {
  if (!v.anonymous && v.petitioners.length === 0) {
    ctx.addIssue({ code: 'custom', path: ['petitioners'], message: '请至少登记一名信访人（匿名信访请勾选“匿名”）' });
  }
  if (v.petitioners.length > v.peopleCount) {
    ctx.addIssue({ code: 'custom', path: ['peopleCount'], message: `人数（${v.peopleCount}）少于登记的信访人数（${v.petitioners.length}）` });
  }
  const reps = v.petitioners.filter((p) => p.representative).length;
  if (reps > MAX_REPRESENTATIVES) {
    ctx.addIssue({ code: 'custom', path: ['petitioners'], message: `多人走访推选代表不超过${MAX_REPRESENTATIVES}人（《信访工作条例》第二十条），现为${reps}人` });
  }
}

export const intakeInput = z
  .object({
    ...caseFields,
    petitioners: z.array(petitionerInput).max(200),
    attachments: z.array(attachmentRef).default([]),
  })
  .superRefine(checkPeople);
export type IntakeInput = z.input<typeof intakeInput>;

export const caseUpdateInput = z
  .object({
    id,
    ...caseFields,
    petitioners: z.array(petitionerInput).max(200),
  })
  .superRefine(checkPeople);
export type CaseUpdateInput = z.input<typeof caseUpdateInput>;

// ---- the register -----------------------------------------------------------------------

export const caseFilter = z.object({
  q: z.string().trim().max(100).optional(),
  status: z.array(z.string()).optional(),
  channel: z.array(z.string()).optional(),
  matterType: z.array(z.string()).optional(),
  categoryId: z.array(z.string()).optional(),
  villageId: z.array(z.string()).optional(),
  from: localDate.optional(),
  to: localDate.optional(),
  flags: z.array(z.enum(Object.keys(FLAGS) as [Flag, ...Flag[]])).optional(),
});
export type CaseFilter = z.input<typeof caseFilter>;

export const listInput = z.object({
  filter: caseFilter.default({}),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(500).default(100),
});

export const repeatQuery = z.object({
  petitioners: z.array(z.object({ name: z.string().optional(), idNumber: z.string().optional(), phone: z.string().optional() })),
  excludeCaseId: id.optional(),
});

export const uploadInput = z.object({
  fileName: required('文件名', 200),
  mime: z.string().min(1),
  base64: z.string(),
});

export const importFileInput = z.object({ fileName: z.string().min(1), base64: z.string() });

// ---- output types -----------------------------------------------------------------------

export interface OfficeInfo {
  id: string;
  name: string;
  level: 'township' | 'county';
  parentId: string | null;
}
export interface Village { id: string; code: string; name: string }
export interface Unit { id: string; name: string }
export interface Staff { id: string; name: string; role: StaffRole; unitId: string | null; phone: string | null }
export interface Category { id: string; parentId: string | null; name: string }

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
}

export interface CaseRow {
  id: string;
  caseNo: string;
  receivedAt: string;
  channel: Channel;
  matterType: MatterType;
  category: string | null;
  village: string | null;
  summary: string;
  peopleCount: number;
  petitioners: string;
  /** masked: lists never show whole ID numbers or phones */
  idNumber: string;
  phone: string;
  flags: Flag[];
  status: string;
}
export interface CaseList { total: number; rows: CaseRow[] }

export interface PetitionerView {
  id: string;
  name: string;
  idNumber: string | null;
  gender: 'male' | 'female' | null;
  birthDate: string | null;
  regionCode: string | null;
  phone: string | null;
  address: string | null;
  villageId: string | null;
  representative: boolean;
}
export interface AttachmentView { id: string; sha256: string; fileName: string; mime: string; size: number; addedAt: string }
export interface CaseEventView { id: string; kind: string; at: string; actor: string | null; data: Record<string, unknown> }
export interface CaseDetail {
  id: string;
  caseNo: string;
  queryCode: string;
  officeId: string;
  channel: Channel;
  receivedAt: string;
  registeredAt: string;
  registeredBy: string | null;
  matterType: MatterType;
  categoryId: string | null;
  summary: string;
  content: string;
  villageId: string | null;
  peopleCount: number;
  jointly: boolean;
  anonymous: boolean;
  skipLevel: boolean;
  repeatOf: { id: string; caseNo: string } | null;
  status: string;
  flags: Flag[];
  petitioners: PetitionerView[];
  attachments: AttachmentView[];
  events: CaseEventView[];
}

export interface RepeatMatch {
  id: string;
  caseNo: string;
  receivedAt: string;
  summary: string;
  status: string;
  matchedBy: 'idNumber' | 'namePhone';
  petitioner: string;
}

export interface ImportPreviewRow { line: number; code: string; name: string; error: string | null }
export interface FileBytes { fileName: string; base64: string }
export interface Draft { data: unknown; savedAt: string }

// ---- the methods ------------------------------------------------------------------------

/** method<Output>()(inputSchema): the output type is named, the input type inferred. */
const method =
  <O>() =>
  <I extends z.ZodType>(input: I) => ({ input, output: undefined as unknown as O });
const none = z.object({}).default({});
const byId = z.object({ id });
const form = z.object({ form: z.string().min(1) });

export const api = {
  'session.get': method<Session>()(none),
  'session.setUser': method<Session>()(z.object({ userId: id })),
  'setup.create': method<Session>()(setupInput),

  'settings.get': method<Settings>()(none),
  'settings.saveOffice': method<Settings>()(officeInput),
  'settings.saveVillage': method<Settings>()(villageInput),
  'settings.saveUnit': method<Settings>()(unitInput),
  'settings.saveStaff': method<Settings>()(staffInput),
  'settings.saveCategory': method<Settings>()(categoryInput),
  'settings.remove': method<Settings>()(z.object({ kind: z.enum(['village', 'unit', 'staff', 'category']), id })),
  'villages.previewImport': method<ImportPreviewRow[]>()(importFileInput),
  'villages.applyImport': method<{ added: number; updated: number; skipped: number }>()(importFileInput),

  'cases.create': method<{ id: string; caseNo: string; queryCode: string }>()(intakeInput),
  'cases.update': method<CaseDetail>()(caseUpdateInput),
  'cases.get': method<CaseDetail>()(byId),
  'cases.list': method<CaseList>()(listInput),
  'cases.exportXlsx': method<FileBytes>()(z.object({ filter: caseFilter.default({}) })),
  'cases.findRepeats': method<RepeatMatch[]>()(repeatQuery),

  'attachments.upload': method<AttachmentRef>()(uploadInput),
  'attachments.add': method<CaseDetail>()(z.object({ caseId: id, file: attachmentRef })),
  'attachments.read': method<FileBytes & { mime: string }>()(byId),

  'drafts.get': method<Draft | null>()(form),
  'drafts.save': method<{ savedAt: string }>()(z.object({ form: z.string().min(1), data: z.unknown() })),
  'drafts.clear': method<null>()(form),
} as const;

export type Api = typeof api;
export type ApiMethod = keyof Api;
export type ApiInput<M extends ApiMethod> = z.input<Api[M]['input']>;
export type ApiParsed<M extends ApiMethod> = z.output<Api[M]['input']>;
export type ApiOutput<M extends ApiMethod> = Api[M]['output'];

/** What crosses the bridge: a value, or an error a person can read. */
export type ApiResult<T> =
  | { ok: true; value: T }
  | { ok: false; error: { message: string; field?: string; internal?: boolean } };
