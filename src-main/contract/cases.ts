/**
 * The register's cases: intake, correction, the register's list and its filter, repeat checks,
 * attachments and the drafts of unfinished forms.
 */
import { z } from 'zod';
import {
  id,
  idNumberSchema,
  localDate,
  localDateTime,
  phoneSchema,
  required,
  trimmed,
  whenValid,
  type FileBytes,
} from './fields';
import { byId, method } from './method';
import type { CaseWorkflow } from './steps';
import {
  CHANNELS,
  FLAGS,
  MATTER_TYPES,
  MAX_REPRESENTATIVES,
  REPORT_MEASURES,
  type Channel,
  type Flag,
  type MatterType,
  type ReportMeasure,
} from './vocabulary';

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
  summary: required('内容摘要', 200, 'multi'),
  content: trimmed('信访内容', 20000, 'multi').default(''),
  villageId: id.nullable().optional(),
  peopleCount: z.number({ message: '人数应为数字' }).int('人数应为整数').min(1, '人数至少为1').max(100000),
  jointly: z.boolean().default(false),
  anonymous: z.boolean().default(false),
  skipLevel: z.boolean().default(false),
  repeatOf: id.nullable().optional(),
};

/** The fields checkPeople reads. */
const PEOPLE_FIELDS = ['anonymous', 'peopleCount', 'petitioners', 'channel', 'proxyBy'];

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
  .superRefine(checkPeople, whenValid(...PEOPLE_FIELDS))
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
  .superRefine(checkPeople, whenValid(...PEOPLE_FIELDS));
export type CaseUpdateInput = z.input<typeof caseUpdateInput>;

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

export interface Draft {
  data: unknown;
  savedAt: string;
}

const form = z.object({ form: z.string().min(1) });

export const casesMethods = {
  'cases.create': method<{ id: string; caseNo: string; queryCode: string }>()(intakeInput),
  'cases.update': method<CaseDetail>()(caseUpdateInput),
  'cases.get': method<CaseDetail>()(byId),
  'cases.list': method<CaseList>()(listInput),
  /** ID numbers and phones masked unless `fullNumbers` (a choice the audit trail records) */
  'cases.exportXlsx': method<FileBytes>()(
    z.object({ filter: caseFilter.default({}), fullNumbers: z.boolean().default(false) }),
  ),
  'cases.findRepeats': method<RepeatMatch[]>()(repeatQuery),

  'attachments.upload': method<AttachmentRef>()(uploadInput),
  'attachments.add': method<CaseDetail>()(z.object({ caseId: id, file: attachmentRef })),
  'attachments.read': method<FileBytes & { mime: string }>()(byId),

  'drafts.get': method<Draft | null>()(form),
  'drafts.save': method<{ savedAt: string }>()(z.object({ form: z.string().min(1), data: z.unknown() })),
  'drafts.clear': method<null>()(form),
} as const;
