/**
 * The one contract between the screens and the services: every method's name, its input
 * schema (zod, validated in main before any service runs) and its output type. The renderer
 * imports this file for types, labels and form-side checks; it holds no service code.
 */
import { z } from 'zod';
import { parseIdNumber } from './services/id-number';
import { phoneError } from './services/phone';
// types only: the renderer bundles none of the sync services
import type { ExportResult, ImportReport, SyncStatus } from './services/sync/exchange';
import type { WaitingPackage } from './services/sync/folders';
import type { SyncSettings } from './services/sync/settings';
import type { Conflict } from './services/sync/conflicts';
import type { TemplateView } from './services/letters/template-store';

export type { ExportResult, ImportReport, SyncStatus, SyncSettings, WaitingPackage, Conflict, TemplateView };

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

/** A case's state, derived from its events by services/workflow.ts. */
export const CASE_STATUSES = {
  registered: '待受理',
  handling: '办理中',
  notAccepted: '不予受理',
  forwarded: '已转送',
  replied: '已答复待送达',
  delivered: '已答复',
  inReview: '复查中',
  reviewed: '已复查',
  inRereview: '复核中',
  rereviewed: '已复核',
  closed: '已办结',
  notReaccepted: '不再受理',
} as const;
export type CaseStatus = keyof typeof CASE_STATUSES;

/** Every step a case can take after registration (《信访工作条例》 2022), with its button label. */
export const STEP_KINDS = {
  accept: '受理',
  reject: '不予受理',
  forward: '转送',
  assign: '交办',
  notify: '书面告知',
  setHandler: '确定承办',
  object: '异议退回',
  reportAssignment: '办结报告',
  investigate: '调查核实',
  mediate: '调解',
  hearing: '听证',
  visit: '走访信访人',
  extend: '延期',
  reply: '出具处理意见',
  deliver: '送达',
  evaluate: '满意度评价',
  requestReview: '申请复查',
  decideReview: '复查决定',
  requestRereview: '申请复核',
  decideRereview: '复核决定',
  close: '办结',
  followUp: '回访',
  reopen: '重新办理',
  takeCharge: '领导包案',
  progress: '包案进展',
  supervise: '督办',
  answerSupervision: '督办回复',
} as const;
export type StepKind = keyof typeof STEP_KINDS;

/** Art. 22–23: where a petitioner is sent when the matter is not accepted. */
export const REJECT_ROUTES = {
  litigation: '诉讼',
  arbitration: '仲裁',
  adminReview: '行政复议',
  politicsLaw: '政法部门（涉法涉诉）',
  discipline: '纪检监察机关（检举控告）',
  other: '其他法定途径',
} as const;
/** Art. 32 */
export const REPLY_OUTCOMES = {
  support: '予以支持',
  explain: '作出解释说明',
  notSupport: '不予支持',
} as const;
export const DELIVERY_METHODS = {
  inPerson: '当面送达',
  mail: '邮寄送达',
  leftAt: '留置送达',
  electronic: '电子送达',
} as const;
export const SATISFACTION = {
  satisfied: '满意',
  basically: '基本满意',
  unsatisfied: '不满意',
  none: '未评价',
} as const;
/** Art. 35–36 */
export const REVIEW_RESULTS = {
  uphold: '维持',
  revoke: '撤销',
  amend: '变更',
  redo: '责令重新作出',
} as const;
/** Art. 33 */
export const AGREEMENTS = {
  none: '未达成协议',
  mediation: '达成调解协议',
  settlement: '达成和解协议',
} as const;
export const DAY_COUNTS = {
  calendar: '自然日（首日不计，期末遇法定休假日顺延）',
  working: '工作日',
} as const;
export type DayCount = keyof typeof DAY_COUNTS;

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
const trimmed = (label: string, max: number) => z.string().trim().max(max, `${label}不能超过${max}个字`);
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
  .superRefine((v, ctx) => {
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
  proxyBy: trimmed('代理人', 40).optional(),
  matterType: z.enum(Object.keys(MATTER_TYPES) as [MatterType, ...MatterType[]], {
    message: '请选择事项性质',
  }),
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
  v: {
    anonymous: boolean;
    peopleCount: number;
    petitioners: { representative?: boolean }[];
    channel: Channel;
    proxyBy?: string;
  },
  ctx: z.RefinementCtx,
) {
  if (v.channel === 'proxy' && !v.proxyBy) {
    ctx.addIssue({
      code: 'custom',
      path: ['proxyBy'],
      message: '代理信访请填写代理人（如村干部姓名及职务）',
    });
  }
  if (!v.anonymous && v.petitioners.length === 0) {
    ctx.addIssue({
      code: 'custom',
      path: ['petitioners'],
      message: '请至少登记一名信访人（匿名信访请勾选“匿名”）',
    });
  }
  if (v.petitioners.length > v.peopleCount) {
    ctx.addIssue({
      code: 'custom',
      path: ['peopleCount'],
      message: `人数（${v.peopleCount}）少于登记的信访人数（${v.petitioners.length}）`,
    });
  }
  const reps = v.petitioners.filter((p) => p.representative).length;
  if (reps > MAX_REPRESENTATIVES) {
    ctx.addIssue({
      code: 'custom',
      path: ['petitioners'],
      message: `多人走访推选代表不超过${MAX_REPRESENTATIVES}人（《信访工作条例》第二十条），现为${reps}人`,
    });
  }
}

export const intakeInput = z
  .object({
    ...caseFields,
    petitioners: z.array(petitionerInput).max(200),
    attachments: z.array(attachmentRef).default([]),
    /** Art. 36: registered as 不再受理, a repeat of the re-reviewed case named by repeatOf */
    notReaccepted: z.boolean().default(false),
  })
  .superRefine(checkPeople)
  .refine((v) => !v.notReaccepted || !!v.repeatOf, {
    path: ['repeatOf'],
    message: '登记为不再受理时须选择已复核终结的原信访事项',
  });
export type IntakeInput = z.input<typeof intakeInput>;

export const caseUpdateInput = z
  .object({
    id,
    ...caseFields,
    petitioners: z.array(petitionerInput).max(200),
  })
  .superRefine(checkPeople);
export type CaseUpdateInput = z.input<typeof caseUpdateInput>;

// ---- follow-up ----------------------------------------------------------------------------

const keysOf = <T extends Record<string, string>>(o: T) =>
  Object.keys(o) as [keyof T & string, ...(keyof T & string)[]];
const choice = <T extends Record<string, string>>(o: T, label: string) =>
  z.enum(keysOf(o), { message: `请选择${label}` });
const note = (label: string, max = 4000) => required(label, max);

/**
 * One step of a case. `on` is the day it happened (the clerk may record yesterday's visit
 * today); deadlines count from it, the event's own time records when it was entered.
 */
const step = <K extends StepKind, S extends z.ZodRawShape>(kind: K, shape: S) =>
  z.object({ caseId: id, kind: z.literal(kind), on: localDate, ...shape });

export const caseStepInput = z.discriminatedUnion('kind', [
  step('accept', { note: trimmed('说明', 1000).default('') }),
  step('reject', {
    reason: note('不予受理理由', 2000),
    route: choice(REJECT_ROUTES, '告知途径'),
    routeNote: trimmed('途径说明', 500).default(''),
  }),
  step('forward', { to: required('转送机关', 60), reason: trimmed('转送理由', 1000).default('') }),
  // a township's own unit, or (county mode) a township office the case is sent down to
  step('assign', {
    unitId: id.nullable().optional(),
    officeId: id.nullable().optional(),
    handlerId: id.nullable().optional(),
    deadline: localDate,
    reportDue: localDate,
    note: trimmed('交办要求', 2000).default(''),
  }),
  step('notify', { method: choice(DELIVERY_METHODS, '告知方式'), note: trimmed('说明', 1000).default('') }),
  // passing a case on to another unit or handler says why (kept in the timeline)
  step('setHandler', {
    unitId: id,
    handlerId: id.nullable().optional(),
    reason: trimmed('变更理由', 1000).default(''),
  }),
  step('object', { reason: note('异议理由', 2000) }),
  step('reportAssignment', { report: note('办结报告内容', 8000) }),
  step('investigate', { note: note('调查情况', 8000) }),
  step('mediate', { agreement: choice(AGREEMENTS, '调解结果'), note: note('调解情况', 8000) }),
  step('hearing', { until: localDate, note: note('听证情况', 8000) }),
  step('visit', { note: note('走访情况', 8000) }),
  step('extend', {
    days: z
      .number({ message: '延期天数应为数字' })
      .int('延期天数应为整数')
      .min(1, '延期至少1日')
      .max(30, '延期不得超过30日（《信访工作条例》第三十四条）'),
    reason: note('延期理由', 2000),
    approvedBy: required('批准人', 20),
  }),
  step('reply', {
    outcome: choice(REPLY_OUTCOMES, '处理意见'),
    request: note('信访请求', 4000),
    facts: note('事实和理由', 8000),
    basis: note('法律政策依据', 4000),
  }),
  step('deliver', {
    method: choice(DELIVERY_METHODS, '送达方式'),
    receivedOn: localDate,
    recipient: trimmed('签收人', 30).default(''),
    /** the 送达回证 that came back signed, when one was issued */
    receiptId: z.string().min(1).nullable().default(null),
  }),
  step('evaluate', {
    satisfaction: choice(SATISFACTION, '评价结果'),
    note: trimmed('说明', 1000).default(''),
  }),
  step('requestReview', { body: required('复查机关', 60), note: trimmed('复查请求', 4000).default('') }),
  step('decideReview', {
    result: choice(REVIEW_RESULTS, '复查结果'),
    receivedOn: localDate,
    note: note('复查意见', 8000),
  }),
  step('requestRereview', { body: required('复核机关', 60), note: trimmed('复核请求', 4000).default('') }),
  step('decideRereview', {
    result: choice(REVIEW_RESULTS, '复核结果'),
    receivedOn: localDate,
    note: note('复核意见', 8000),
  }),
  step('close', { findings: note('查明情况', 8000), actions: note('处理情况', 8000), resolved: z.boolean() }),
  step('followUp', {
    note: note('回访情况', 4000),
    satisfaction: choice(SATISFACTION, '回访评价').optional(),
  }),
  step('reopen', { reason: note('重新办理理由', 2000) }),
  step('takeCharge', { leaderId: id, plan: note('化解方案', 8000) }),
  step('progress', { note: note('进展情况', 4000) }),
  step('supervise', {
    unitId: id.nullable().optional(),
    deadline: localDate,
    content: note('督办内容', 4000),
  }),
  step('answerSupervision', { supervisionId: id, answer: note('回复内容', 8000) }),
]);
export type CaseStepInput = z.input<typeof caseStepInput>;
export type CaseStep = z.output<typeof caseStepInput>;

export const workListInput = z.object({
  /** whose items: everyone's, mine (handler or leader), one unit's, or (county) one township's */
  scope: z.enum(['all', 'mine', 'unit', 'office']).default('all'),
  unitId: id.optional(),
  officeId: z.string().optional(),
  /** the most urgent items returned (the counts cover all of them) */
  limit: z.number().int().min(1).max(5000).default(500),
});

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

// ---- reports ------------------------------------------------------------------------------

/** The cases behind a report figure (services/reports/measures.ts holds each one's condition). */
export const REPORT_MEASURES = {
  acceptOk: '按时受理告知',
  acceptLate: '未按时受理告知',
  acceptCounted: '应受理告知',
  replyOk: '按期答复',
  replyLate: '未按期答复',
  replyCounted: '应答复',
  extended: '延期办理',
  delivered: '已送达处理意见',
  evaluated: '已评价',
  satisfied: '满意或基本满意',
  closed: '已办结（受理事项）',
  resolved: '已化解',
  overdue: '当前逾期',
  leader: '领导包案',
  leaderClosed: '包案已办结',
  leaderResolved: '包案已化解',
  supervised: '督办',
  supOnTime: '督办按时回复',
  supLate: '督办未按时回复',
  supCounted: '督办应回复',
  reviewRequested: '申请复查',
  reviewUphold: '复查维持',
  reviewChanged: '复查撤销或变更',
  reviewRedo: '复查责令重新办理',
  rereviewRequested: '申请复核',
  rereviewUphold: '复核维持',
  rereviewChanged: '复核撤销或变更',
  rereviewRedo: '复核责令重新办理',
  reception: '领导接访日接待的来访',
} as const;
export type ReportMeasure = keyof typeof REPORT_MEASURES;

export const REPORT_KINDS = {
  day: '日报',
  month: '月报',
  quarter: '季报',
  year: '年报',
  range: '自定义',
} as const;
export type ReportKind = keyof typeof REPORT_KINDS;
/** Breakdowns of a report (services/reports/facts.ts DIM_COLUMNS). */
export const REPORT_DIMS = {
  channel: '按信访形式',
  matter: '按事项性质',
  category: '按内容分类',
  village: '按村（社区）',
  unit: '按责任单位',
} as const;
export type ReportDim = keyof typeof REPORT_DIMS;

// ---- the register -----------------------------------------------------------------------

export const caseFilter = z.object({
  q: z.string().trim().max(100).optional(),
  status: z.array(z.string()).optional(),
  channel: z.array(z.string()).optional(),
  matterType: z.array(z.string()).optional(),
  categoryId: z.array(z.string()).optional(),
  villageId: z.array(z.string()).optional(),
  /** county mode: the townships whose cases to show */
  officeId: z.array(z.string()).optional(),
  from: localDate.optional(),
  to: localDate.optional(),
  flags: z.array(z.enum(Object.keys(FLAGS) as [Flag, ...Flag[]])).optional(),
  /** the responsible unit now handling the case ('' for none; '' in categoryId and villageId likewise) */
  unitId: z.array(z.string()).optional(),
  /** a report figure's cases (statistics click-through): see REPORT_MEASURES */
  measure: z.enum(Object.keys(REPORT_MEASURES) as [ReportMeasure, ...ReportMeasure[]]).optional(),
  /** the day a measure that depends on today (overdue) is judged on; today when absent */
  asOf: localDate.optional(),
});
export type CaseFilter = z.input<typeof caseFilter>;

export const listInput = z.object({
  filter: caseFilter.default({}),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(500).default(100),
});

export const repeatQuery = z.object({
  petitioners: z.array(
    z.object({ name: z.string().optional(), idNumber: z.string().optional(), phone: z.string().optional() }),
  ),
  excludeCaseId: id.optional(),
});

export const uploadInput = z.object({
  fileName: required('文件名', 200),
  mime: z.string().min(1),
  base64: z.string(),
});

export const importFileInput = z.object({ fileName: z.string().min(1), base64: z.string() });

export const reportInput = z
  .object({
    kind: z.enum(keysOf(REPORT_KINDS), { message: '请选择报表周期' }),
    /** any day of the day, month, quarter or year reported; the first day of a custom range */
    from: localDate,
    /** the last day of a custom range */
    to: localDate.optional(),
    /** county mode: one township only */
    officeId: z.string().optional(),
    /** the day the report is made for (overdue is judged on it); today when absent */
    asOf: localDate.optional(),
  })
  .superRefine((v, ctx) => {
    if (v.kind !== 'range') return;
    if (!v.to) ctx.addIssue({ code: 'custom', path: ['to'], message: '请选择自定义统计的截止日期' });
    else if (v.to < v.from)
      ctx.addIssue({ code: 'custom', path: ['to'], message: '截止日期不能早于起始日期' });
    else if (Number(v.to.slice(0, 4)) - Number(v.from.slice(0, 4)) > 10)
      ctx.addIssue({ code: 'custom', path: ['to'], message: '自定义统计的时间跨度不超过十年' });
  });

// ---- output types -----------------------------------------------------------------------

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

export interface CaseRow {
  id: string;
  caseNo: string;
  receivedAt: string;
  channel: Channel;
  matterType: MatterType;
  category: string | null;
  village: string | null;
  /** the township that handles the case (county mode shows it) */
  office: string | null;
  officeId: string;
  summary: string;
  peopleCount: number;
  petitioners: string;
  /** masked: lists never show whole ID numbers or phones */
  idNumber: string;
  phone: string;
  flags: Flag[];
  status: string;
}
export interface CaseList {
  total: number;
  rows: CaseRow[];
}

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
export interface AttachmentView {
  id: string;
  sha256: string;
  fileName: string;
  mime: string;
  size: number;
  addedAt: string;
}
export interface CaseEventView {
  id: string;
  kind: string;
  at: string;
  actor: string | null;
  data: Record<string, unknown>;
}
export interface CaseDetail {
  id: string;
  caseNo: string;
  queryCode: string;
  officeId: string;
  channel: Channel;
  receivedAt: string;
  proxyBy: string | null;
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
  workflow: CaseWorkflow;
}

export const DEADLINE_KINDS = {
  acceptance: '受理期限',
  notice: '书面告知期限',
  reply: '答复期限',
  assignment: '交办办理期限',
  report: '办结报告期限',
  objection: '交办异议期',
  supervision: '督办期限',
  reviewWindow: '复查申请期',
  review: '复查期限',
  rereviewWindow: '复核申请期',
  rereview: '复核期限',
} as const;
export type DeadlineKind = keyof typeof DEADLINE_KINDS;

export interface DeadlineView {
  kind: DeadlineKind;
  label: string;
  /** the day the period starts from (not counted) */
  start: string;
  /** the last day of the period */
  due: string;
  /** the day the duty was met, if it was */
  metOn: string | null;
  /** met on time, met late, running, due within the warning days, overdue; a window that has ended */
  state: 'met' | 'late' | 'running' | 'warning' | 'overdue' | 'ended';
  /** calendar days from today to the due day (negative when past); null once met */
  daysLeft: number | null;
  /** a period the petitioner or a unit has (e.g. to ask for review), not a duty of the office */
  window: boolean;
  /** the supervision event a supervision deadline belongs to */
  refId: string | null;
  note: string | null;
}

export interface CaseWorkflow {
  status: CaseStatus;
  allowed: StepKind[];
  /** in a township's register: the other township the county assigned the case to (no steps here then) */
  handledElsewhere: { officeId: string; name: string } | null;
  deadlines: DeadlineView[];
  unitId: string | null;
  handlerId: string | null;
  leaderId: string | null;
  /** supervisions still waiting for their answer (answerSupervision names one) */
  openSupervisions: { id: string; on: string; deadline: string }[];
  /** the reply clock's start, for forms that need it */
  acceptedOn: string | null;
  repliedOn: string | null;
}

export interface WorkItem {
  caseId: string;
  caseNo: string;
  summary: string;
  petitioners: string;
  status: CaseStatus;
  unit: string | null;
  handler: string | null;
  /** the office handling the case: the township it was assigned to, else the one that registered it */
  officeId: string;
  office: string | null;
  deadline: DeadlineView;
  /** overdue, due today, due later this week (to Sunday), or later */
  bucket: 'overdue' | 'today' | 'week' | 'later';
}
export interface WorkList {
  today: string;
  warnDays: number;
  counts: { overdue: number; today: number; week: number; warning: number };
  /** all items, of which `items` holds the most urgent `limit` */
  total: number;
  items: WorkItem[];
}

export interface RepeatMatch {
  id: string;
  caseNo: string;
  receivedAt: string;
  summary: string;
  status: string;
  matchedBy: 'idNumber' | 'namePhone';
  petitioner: string;
  /** re-reviewed (复核终结): the same facts and reasons are not accepted again (Art. 36) */
  final: boolean;
}

/** A period of a report, and the earlier one it is compared with. */
export interface ReportPeriod {
  kind: ReportKind;
  from: string;
  to: string;
  /** 2026年1月, 2026年第一季度, 2026年1月1日至2026年3月15日 … */
  label: string;
}

/** One value of a figure in one period: a count, or a rate (percent) with its two counts. */
export interface ReportValue {
  value: number | null;
  num?: number;
  den?: number;
}

/** The cases behind a value: the value's own, and for a rate its numerator's and denominator's. */
export interface ReportLinks {
  value: CaseFilter;
  num?: CaseFilter;
  den?: CaseFilter;
}

export interface ReportFigure {
  key: string;
  label: string;
  /** 批次, 人次, 件, % … */
  unit: string;
  rate: boolean;
  /** for a rate: numerator, denominator and what is left out, as shown beside it */
  definition: string | null;
  cur: ReportValue;
  yoy: ReportValue;
  mom: ReportValue;
  /** percent change of a count, or the change in percentage points of a rate; null when the earlier value is 0 or none */
  yoyChange: number | null;
  momChange: number | null;
  /** the register's cases behind each value; null for a figure of the dispute ledger (no cases) */
  links: { cur: ReportLinks; yoy: ReportLinks; mom: ReportLinks } | null;
  /** a dispute figure: the ledger lists what it counts, by the day found or the day resolved, in each period */
  disputes: { dateOf: 'found' | 'resolved' } | null;
}

export interface ReportBreakdownRow {
  key: string;
  label: string;
  n: number;
  people: number;
  /** share of the period's 批次, percent */
  share: number | null;
  yoyN: number;
  momN: number;
  yoyChange: number | null;
  momChange: number | null;
  links: { cur: CaseFilter; yoy: CaseFilter; mom: CaseFilter };
}

export interface ReportRankingRow {
  officeId: string;
  name: string;
  /** by ReportSection ranking column key */
  values: Record<string, number | null>;
  links: Record<string, CaseFilter>;
}

/** A part of a report; further kinds (other ledgers) may be added beside these. */
export type ReportSection =
  | { kind: 'figures'; key: string; title: string; figures: ReportFigure[] }
  | {
      kind: 'breakdown';
      key: ReportDim;
      title: string;
      nUnit: string;
      peopleUnit: string;
      rows: ReportBreakdownRow[];
    }
  | {
      kind: 'trend';
      key: string;
      title: string;
      months: { month: string; n: number; people: number; prevN: number; link: CaseFilter }[];
    }
  | {
      kind: 'ranking';
      key: string;
      title: string;
      columns: { key: string; label: string; unit: string; rate: boolean; definition: string | null }[];
      rows: ReportRankingRow[];
    };

export interface Report {
  title: string;
  officeName: string;
  /** the township reported on in county mode, or null for the whole register */
  scope: { officeId: string; name: string } | null;
  period: ReportPeriod;
  /** 同比: the same period a year before */
  yoy: ReportPeriod;
  /** 环比: the period just before */
  mom: ReportPeriod;
  /** the day overdue duties are judged on */
  asOf: string;
  generatedAt: string;
  sections: ReportSection[];
}

export interface ImportPreviewRow {
  line: number;
  code: string;
  name: string;
  error: string | null;
}
export interface FileBytes {
  fileName: string;
  base64: string;
}
export interface Draft {
  data: unknown;
  savedAt: string;
}

// ---- the methods ------------------------------------------------------------------------

/** method<Output>()(inputSchema): the output type is named, the input type inferred. */
const method =
  <O>() =>
  <I extends z.ZodType>(input: I) => ({ input, output: undefined as unknown as O });
const none = z.object({}).default({});
const byId = z.object({ id });
const form = z.object({ form: z.string().min(1) });

// ---- letters --------------------------------------------------------------------------------

/** The documents the law requires (services/letters/kinds.ts says what each is drawn from). */
export const LETTER_KINDS = {
  acceptNotice: '信访事项受理告知书',
  rejectNotice: '信访事项不予受理告知书',
  notReacceptNotice: '信访事项不再受理告知书',
  forwardNotice: '信访事项转送告知书',
  assignSheet: '信访事项交办单',
  extendNotice: '信访事项延期办理告知书',
  opinion: '信访事项处理意见书',
  superviseLetter: '信访事项督办函',
  deliveryReceipt: '送达回证',
  registerForm: '信访事项登记表',
  closingReport: '信访事项结案报告',
} as const;

export type LetterKind = keyof typeof LETTER_KINDS;
/** A letter kind, checked where it enters (an own key of LETTER_KINDS, never `constructor` or the like). */
const letterKind = z.enum(keysOf(LETTER_KINDS), {
  error: (issue) => (issue.input === undefined ? '请选择文书种类' : `未知的文书种类：${String(issue.input)}`),
});

/** Every variable a template may use, with what it holds (shown beside the template editor). */
export const LETTER_VARIABLES = {
  机关名称: '本机关（本乡镇、本局）名称',
  信访人: '信访人姓名，多人以顿号分隔',
  信访编号: '信访事项编号',
  查询码: '信访人查询办理进展用的查询码',
  收到日期: '收到信访事项的日期',
  信访形式: '来信、来访、网上信访等',
  信访事项: '内容摘要',
  信访内容: '信访内容全文',
  受理日期: '受理（或交办）的日期',
  答复期限: '应当作出答复的日期',
  不予受理理由: '不予受理的理由',
  告知途径: '告知信访人的法定途径',
  转送日期: '转送的日期',
  转送机关: '有权处理的机关',
  责任单位: '交办的责任单位或乡镇',
  交办要求: '交办时写明的要求',
  办理期限: '交办的办理期限',
  办结报告期限: '报送办结报告的期限',
  延期天数: '延长的天数',
  延期理由: '延期的理由',
  延期后答复期限: '延期后的答复期限',
  信访请求: '处理意见书：信访请求',
  事实和理由: '处理意见书：查明的事实和理由',
  依据: '处理意见书：法律、法规、政策依据',
  处理意见: '予以支持、作出解释说明或不予支持',
  复查机关: '信访人可以请求复查的机关',
  被督办单位: '督办的单位',
  督办内容: '督办的内容',
  督办期限: '督办的期限',
  原信访事项编号: '已复核终结的原信访事项编号',
  办理过程: '结案报告：办理过程（按时间列出各步骤）',
  办结情况: '结案报告：查明情况和处理情况',
  是否化解: '结案报告：是否化解',
} as const;

/** A letter as printed: exactly this is frozen when it is issued (services/letters/). */
export interface LetterContent {
  title: string;
  /** 发文字号, given when issued; null on a draft and on forms */
  docNo: string | null;
  /** 主送: the petitioners or the unit, ending with ：; null for reports and forms */
  addressee: string | null;
  paragraphs: string[];
  /** the issuing office, placed for its seal */
  signature: string;
  /** 成文日期 in Arabic numerals, 2026年11月22日 */
  date: string;
  /** forms (送达回证, 登记表): label and value per row */
  rows: [string, string][] | null;
}

export interface LetterDraft {
  caseId: string;
  kind: LetterKind;
  kindLabel: string;
  content: LetterContent;
  /** the number it will most likely get (taken only when issued) */
  nextNumber: string | null;
  /** a notice to the petitioner whose 书面告知 is still owed: issuing it records that */
  notifies: boolean;
}

export interface IssuedLetter {
  id: string;
  caseId: string;
  kind: string;
  kindLabel: string;
  docNo: string | null;
  content: LetterContent;
  issuedOn: string;
  issuedAt: string;
  issuedBy: string | null;
  replacesId: string | null;
  /** the letter that corrects this one, if any */
  replacedBy: string | null;
}

/** How a letter reached the petitioner, from the case's 送达 step. */
export interface LetterDelivery {
  receivedOn: string;
  recipient: string;
  method: string;
}
/** A letter in its case's list: with its delivery, once recorded. */
export interface CaseLetter extends IssuedLetter {
  delivery: LetterDelivery | null;
}

const letterContentInput = z.object({
  title: required('文书标题', 40),
  addressee: trimmed('主送', 200).nullable(),
  paragraphs: z.array(z.string().max(8000)).max(200),
  signature: required('落款', 60),
  rows: z
    .array(z.tuple([z.string().max(40), z.string().max(4000)]))
    .max(60)
    .nullable(),
});

export const letterIssueInput = z.object({
  caseId: id,
  kind: letterKind,
  content: letterContentInput,
  issuedOn: localDate,
  /** a corrected letter names the one it replaces */
  replacesId: id.nullable().optional(),
  /** for a notice still owed: how it reaches the petitioner (records 书面告知) */
  notifyMethod: choice(DELIVERY_METHODS, '告知方式').optional(),
});

/** A template as the settings screen edits it (services/letters/templates.ts checks it). */
const templateInput = z.object({ kind: letterKind, title: z.string().max(200), body: z.string().max(20000) });

// ---- sync by file ------------------------------------------------------------------------

export const syncSettingsInput = z.object({
  outbox: required('发出文件夹', 500),
  inbox: required('收件文件夹', 500),
  exportOnExit: z.boolean(),
  pickUpAtStart: z.boolean(),
  remindAfterDays: z
    .number({ message: '提醒天数应为数字' })
    .int('提醒天数应为整数')
    .min(1, '提醒天数至少为1天')
    .max(90, '提醒天数不超过90天'),
});

/** A package picked from the inbox folder, or a file the person chose (its bytes). */
const packageSource = z.union([
  z.object({ inbox: z.string().min(1) }),
  z.object({ fileName: z.string().min(1), base64: z.string().min(1, '请选择交换包文件') }),
]);

export interface SyncRecord {
  direction: 'in' | 'out';
  office: string;
  seq: number;
  fileName: string | null;
  at: string;
  actor: string | null;
  operations: number;
}

/** The 数据交换 screen: status, folders, what waits in the inbox and the records of past exchanges. */
export interface SyncOverview extends SyncStatus {
  settings: SyncSettings;
  inbox: WaitingPackage[];
  /** why the inbox could not be read (the USB drive is out), or null */
  inboxProblem: string | null;
  history: SyncRecord[];
}

// ---- the ledgers beside the register: disputes, daily reports, reception days ----------------

/** 矛盾纠纷类型 of the screening ledger. */
export const DISPUTE_TYPES = {
  family: '婚姻家庭',
  neighbor: '邻里纠纷',
  land: '土地承包',
  homestead: '宅基地',
  boundary: '山林土地权属',
  expropriation: '征地拆迁',
  labor: '劳动争议',
  debt: '合同债务',
  damage: '损害赔偿',
  medical: '医疗纠纷',
  environment: '环境污染',
  traffic: '交通事故',
  property: '物业纠纷',
  other: '其他',
} as const;
export type DisputeType = keyof typeof DISPUTE_TYPES;

/** A dispute is 化解 (resolved) or 移交 (sent on to court, arbitration or a petition) when it ends. */
export const DISPUTE_STATUSES = {
  pending: '待调处',
  mediating: '调处中',
  resolved: '已化解',
  referred: '已移交',
} as const;
export type DisputeStatus = keyof typeof DISPUTE_STATUSES;

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, '时间格式应为 时:分，如 09:00');

export const disputePartyInput = z.object({
  name: required('当事人姓名', 30),
  phone: phoneSchema.optional(),
});

/** The ending of a dispute: resolved needs its day and how; referred says where to. */
function checkDisputeEnd(
  v: { status: DisputeStatus; resolvedOn?: string | null; resolution?: string; foundOn?: string },
  ctx: z.RefinementCtx,
) {
  if (v.status === 'resolved' && !v.resolvedOn)
    ctx.addIssue({ code: 'custom', path: ['resolvedOn'], message: '已化解的纠纷请填写化解日期' });
  if ((v.status === 'resolved' || v.status === 'referred') && !v.resolution) {
    ctx.addIssue({
      code: 'custom',
      path: ['resolution'],
      message: v.status === 'resolved' ? '请填写化解情况' : '请填写移交去向及理由',
    });
  }
  if (v.resolvedOn && v.foundOn && v.resolvedOn < v.foundOn)
    ctx.addIssue({ code: 'custom', path: ['resolvedOn'], message: '化解日期不能早于发现日期' });
}

const disputeStatus = z.enum(keysOf(DISPUTE_STATUSES), { message: '请选择调处状态' });
export const disputeInput = z
  .object({
    id: id.optional(),
    foundOn: localDate,
    villageId: id.nullable().optional(),
    parties: z.array(disputePartyInput).min(1, '请至少填写一名当事人').max(50, '当事人不超过50人'),
    kind: z.enum(keysOf(DISPUTE_TYPES), { message: '请选择纠纷类型' }),
    description: required('纠纷简要情况', 4000),
    mediator: trimmed('调处人', 60).default(''),
    status: disputeStatus.default('pending'),
    resolution: trimmed('化解情况', 4000).default(''),
    resolvedOn: localDate.nullable().optional(),
  })
  .superRefine(checkDisputeEnd);
export type DisputeInput = z.input<typeof disputeInput>;

export const disputeStatusInput = z
  .object({
    id,
    status: disputeStatus,
    resolvedOn: localDate.nullable().optional(),
    resolution: trimmed('化解情况', 4000).default(''),
  })
  .superRefine(checkDisputeEnd);

export const disputeFilter = z.object({
  status: z.array(disputeStatus).optional(),
  villageId: z.array(z.string()).optional(),
  /** county mode: the townships whose disputes to show */
  officeId: z.array(z.string()).optional(),
  /** found (or, with dateOf 'resolved', resolved) on or after / on or before */
  from: localDate.optional(),
  to: localDate.optional(),
  dateOf: z.enum(['found', 'resolved']).optional(),
});

export interface DisputeView {
  id: string;
  officeId: string;
  office: string | null;
  foundOn: string;
  villageId: string | null;
  village: string | null;
  parties: { name: string; phone: string | null }[];
  kind: DisputeType;
  description: string;
  mediator: string;
  status: DisputeStatus;
  resolution: string;
  resolvedOn: string | null;
  registeredBy: string | null;
  registeredAt: string;
}
/** The list masks the parties' phones; `disputes.get` gives them whole for the form. */
export interface DisputeList {
  total: number;
  /** the filter's disputes per status */
  byStatus: Partial<Record<DisputeStatus, number>>;
  rows: DisputeView[];
}

/** Petitions of a day: 批次 (cases) and 人次 (people), also per channel. */
export interface PetitionFigures {
  batches: number;
  persons: number;
  byChannel: Partial<Record<Channel, { batches: number; persons: number }>>;
}
export interface DailyFigures {
  petitions: PetitionFigures;
  disputes: { found: number; resolved: number };
  /** 零报告: no new petition and no new dispute found that day */
  zero: boolean;
}
export interface DailyReportView extends DailyFigures {
  id: string;
  officeId: string;
  office: string | null;
  date: string;
  note: string;
  issuedAt: string;
  issuedBy: string | null;
  /** issued after the day it reports (补报) */
  late: boolean;
  replacesId: string | null;
  /** a later report of the same day replaced this one */
  replacedBy: string | null;
}
/** What one click would report now for a day, and the report already issued for it (if any). */
export interface DailyReportPreview {
  date: string;
  figures: DailyFigures;
  issued: DailyReportView | null;
}
/** County: which townships reported on which days. */
export interface DailyReportMatrix {
  days: string[];
  /** `missing`: days before today without a report (today's is still due) */
  townships: { id: string; name: string; reports: Record<string, DailyReportView>; missing: number }[];
}

export const receptionDayInput = z
  .object({
    id: id.optional(),
    date: localDate,
    startTime: hhmm,
    endTime: hhmm,
    leaderId: z.string().min(1, '请选择接访领导'),
    place: trimmed('接访地点', 60).default(''),
    note: trimmed('备注', 500).default(''),
  })
  .refine((v) => v.startTime < v.endTime, { path: ['endTime'], message: '结束时间应晚于开始时间' });
export type ReceptionDayInput = z.input<typeof receptionDayInput>;

export interface ReceivedCase {
  id: string;
  caseNo: string;
  receivedAt: string;
  summary: string;
  peopleCount: number;
  petitioners: string;
  status: string;
}
export interface ReceptionDayView {
  id: string;
  officeId: string;
  office: string | null;
  date: string;
  startTime: string;
  endTime: string;
  leaderId: string;
  leader: string | null;
  place: string;
  note: string;
  /** the office's 来访 cases received within the day's hours */
  cases: ReceivedCase[];
  batches: number;
  persons: number;
}

const dateRange = { from: localDate.optional(), to: localDate.optional() };

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
  'settings.remove': method<Settings>()(
    z.object({ kind: z.enum(['village', 'unit', 'staff', 'category']), id }),
  ),
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

  'cases.step': method<CaseDetail>()(caseStepInput),
  'worklist.get': method<WorkList>()(workListInput),
  'settings.saveDeadlines': method<Settings>()(deadlineSettingsInput),
  'settings.saveCalendarDay': method<Settings>()(calendarDayInput),
  'settings.removeCalendarDay': method<Settings>()(z.object({ date: localDate })),

  'letters.draft': method<LetterDraft>()(
    z.object({ caseId: id, kind: letterKind, forLetterId: id.optional() }),
  ),
  'letters.issue': method<IssuedLetter>()(letterIssueInput),
  'letters.list': method<CaseLetter[]>()(z.object({ caseId: id })),
  /** an issued letter as a GB/T 9704 .docx to save and print */
  'letters.docx': method<FileBytes>()(z.object({ id })),
  'letters.templates': method<TemplateView[]>()(none),
  'letters.saveTemplate': method<TemplateView>()(templateInput),
  'letters.resetTemplate': method<TemplateView>()(z.object({ kind: letterKind })),
  /**
   * printable GB/T 9704 pages: issued letters by id, or one draft as it would print if issued on
   * `issuedOn` (its date written out and, as nextNumber, the number it would be given that year)
   */
  'letters.html': method<{ html: string; nextNumber?: string | null }>()(
    z.union([
      z.object({ ids: z.array(id).min(1, '请选择要打印的文书').max(500) }),
      z.object({ draft: letterContentInput, kind: letterKind, issuedOn: localDate }),
    ]),
  ),
  /** letters issued on a day (batch printing), optionally of one kind */
  'letters.issuedOn': method<(IssuedLetter & { caseNo: string })[]>()(
    z.object({ on: localDate, kind: letterKind.optional() }),
  ),
  'letters.previewTemplate': method<{ html: string }>()(templateInput),
  'letters.prefix': method<{ prefix: string; saved: boolean }>()(none),
  'letters.savePrefix': method<{ prefix: string; saved: boolean }>()(
    z.object({ prefix: trimmed('机关代字', 10) }),
  ),

  'reports.get': method<Report>()(reportInput),
  /** the same report as A4 landscape pages to print or save as PDF */
  'reports.html': method<{ html: string }>()(reportInput),
  /** the same report's tables as an .xlsx to hand in */
  'reports.xlsx': method<FileBytes>()(reportInput),

  'sync.status': method<SyncOverview>()(none),
  'sync.saveSettings': method<SyncOverview>()(syncSettingsInput),
  /** a township exports to its county; the county to one township, or (no `to`) to every one with changes */
  'sync.export': method<ExportResult[]>()(z.object({ to: z.string().optional() })),
  'sync.readOutbox': method<FileBytes>()(z.object({ fileName: z.string().min(1) })),
  'sync.import': method<ImportReport>()(
    z.object({ source: packageSource, preview: z.boolean(), confirmDeletions: z.boolean().default(false) }),
  ),
  'sync.enroll': method<FileBytes & { fingerprint: string }>()(
    z.object({
      code: z
        .string()
        .trim()
        .regex(/^\d{9}$/, '乡镇代码应为 9 位数字（统计用区划代码前 9 位）'),
      name: required('乡镇名称', 40),
    }),
  ),
  'sync.applyEnrollment': method<{ county: string; countyFingerprint: string; ownFingerprint: string }>()(
    importFileInput,
  ),
  'sync.revoke': method<SyncOverview>()(z.object({ officeId: id })),
  'conflicts.list': method<Conflict[]>()(z.object({ caseId: id.optional() })),
  'disputes.list': method<DisputeList>()(z.object({ filter: disputeFilter.default({}) })),
  'disputes.get': method<DisputeView>()(byId),
  'disputes.save': method<DisputeView>()(disputeInput),
  'disputes.setStatus': method<DisputeView>()(disputeStatusInput),
  'disputes.remove': method<null>()(byId),
  'dailyReports.preview': method<DailyReportPreview>()(z.object({ date: localDate })),
  /** `replace` confirms issuing again for a day already reported (the earlier report is kept, marked replaced) */
  'dailyReports.issue': method<DailyReportView>()(
    z.object({
      date: localDate,
      note: trimmed('备注', 500).default(''),
      replace: z.boolean().default(false),
    }),
  ),
  'dailyReports.list': method<DailyReportView[]>()(z.object(dateRange)),
  'dailyReports.matrix': method<DailyReportMatrix>()(z.object({ from: localDate, to: localDate })),
  'receptionDays.list': method<ReceptionDayView[]>()(z.object(dateRange)),
  'receptionDays.save': method<ReceptionDayView>()(receptionDayInput),
  'receptionDays.remove': method<null>()(byId),
  'conflicts.settle': method<Conflict[]>()(
    z.object({ tbl: z.string().min(1), rowId: id, field: z.string().min(1), value: z.unknown() }),
  ),
} as const;

export type Api = typeof api;
export type ApiMethod = keyof Api;
export type ApiInput<M extends ApiMethod> = z.input<Api[M]['input']>;
export type ApiParsed<M extends ApiMethod> = z.output<Api[M]['input']>;
export type ApiOutput<M extends ApiMethod> = Api[M]['output'];

/** What crosses the bridge: a value, or an error a person can read. */
export type ApiResult<T> =
  { ok: true; value: T } | { ok: false; error: { message: string; field?: string; internal?: boolean } };
