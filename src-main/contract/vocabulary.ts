/**
 * The register's vocabulary: every closed set of values a case, a step, a letter, a report or a
 * ledger entry takes, with the label the screens show, and the statutory figures beside them
 * (《信访工作条例》 2022). Keys are stored; labels are only shown.
 */

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

/** A case's state, derived from its events by the workflow service (workflow.ts). */
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

/** Every kind of record on a case's timeline: the steps and what intake, edits and letters add. */
export const EVENT_KINDS: Record<string, string> = {
  registered: '登记',
  edited: '修改登记',
  attached: '添加附件',
  issued: '出具文书',
  ...STEP_KINDS,
};

/** A timeline record's kind in words; one this version does not know is 其他记录 (never its key). */
export function eventKindLabel(kind: string): string {
  return Object.hasOwn(EVENT_KINDS, kind) ? EVENT_KINDS[kind] : '其他记录';
}

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

/** The cases behind a report figure (the reports service's measures.ts holds each one's condition). */
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
/** Breakdowns of a report (DIM_COLUMNS of the reports service's facts.ts). */
export const REPORT_DIMS = {
  channel: '按信访形式',
  matter: '按事项性质',
  category: '按内容分类',
  village: '按村（社区）',
  unit: '按责任单位',
} as const;
export type ReportDim = keyof typeof REPORT_DIMS;

/** The documents the law requires (the letters service's kinds.ts says what each is drawn from). */
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
