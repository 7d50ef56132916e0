/**
 * The dialog of one workflow step (受理, 交办, 出具处理意见, …): its own fields, sensible
 * defaults, the 条例's rule in one line, and the services' answer shown in place. Enter never
 * submits (the form is not an HTML form); Ctrl+Enter does. What the clerk typed is kept if the
 * services refuse, and kept in memory if the dialog is closed without saving.
 */
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import {
  Alert,
  App,
  AutoComplete,
  Col,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Row,
  Select,
  Switch,
  Typography,
  type ButtonProps,
  type FormRule,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import {
  AGREEMENTS,
  DELIVERY_METHODS,
  REJECT_ROUTES,
  REPLY_OUTCOMES,
  REVIEW_RESULTS,
  SATISFACTION,
  STAFF_ROLES,
  STEP_KINDS,
  caseStepInput,
  type CaseDetail,
  type CaseLetter,
  type CaseStepInput,
  type Settings,
  type StepKind,
  ACCEPT_DAYS,
  ASSIGN_DEFAULT_DAYS,
  MAX_EXTENSION_DAYS,
  OBJECTION_WORKING_DAYS,
  REPLY_DAYS,
  REREVIEW_REQUEST_DAYS,
  REVIEW_DAYS,
  REVIEW_REQUEST_DAYS,
  SUPERVISE_DEFAULT_DAYS,
} from '../../src-main/contract';
import { ApiError, call } from '../lib/api-client';
import { useApp } from '../lib/app-context';
import { pinyinFilter } from '../lib/pinyin-filter';
import { schemaForm, variantOf } from '../lib/schema-rules';

type Values = Record<string, unknown>;

/** Days after the step's own date that a follow-on date defaults to, while the clerk has not set it. */
const FOLLOWS: Partial<Record<StepKind, Record<string, number>>> = {
  assign: { deadline: ASSIGN_DEFAULT_DAYS, reportDue: ASSIGN_DEFAULT_DAYS },
  supervise: { deadline: SUPERVISE_DEFAULT_DAYS },
  hearing: { until: 0 },
  deliver: { receivedOn: 0 },
  decideReview: { receivedOn: 0 },
  decideRereview: { receivedOn: 0 },
};

/** What the step's own date is called in its dialog. */
const ON_LABEL: Partial<Record<StepKind, string>> = {
  accept: '受理日期',
  reject: '决定日期',
  forward: '转送日期',
  assign: '交办日期',
  notify: '告知日期',
  setHandler: '确定日期',
  object: '异议日期',
  reportAssignment: '报告日期',
  investigate: '调查日期',
  mediate: '调解日期',
  hearing: '听证开始日期',
  visit: '走访日期',
  extend: '批准日期',
  reply: '出具日期',
  deliver: '送达日期',
  evaluate: '评价日期',
  requestReview: '申请日期',
  decideReview: '决定日期',
  requestRereview: '申请日期',
  decideRereview: '决定日期',
  close: '办结日期',
  followUp: '回访日期',
  reopen: '决定日期',
  takeCharge: '包案日期',
  progress: '记录日期',
  supervise: '督办日期',
  answerSupervision: '回复日期',
};

/** Steps that cannot be taken back: asked once more before they are recorded. */
const CONFIRM: Partial<Record<StepKind, (v: Values) => { title: string; content: string }>> = {
  reject: (v) => ({
    title: '确认不予受理？',
    content: `记录后本事项即为“不予受理”，不能撤销。请确认已告知信访人通过${REJECT_ROUTES[v.route as keyof typeof REJECT_ROUTES] ?? '法定途径'}解决。`,
  }),
  forward: (v) => ({
    title: `确认转送至 ${String(v.to ?? '').trim()}？`,
    content: '记录后本事项即为“已转送”，不能撤销。',
  }),
  close: (v) => ({
    title: `确认办结（${v.resolved ? '已化解' : '未化解'}）？`,
    content: '办结后只能回访、评价、包案跟进，或在信访人申请复查、复核或决定重新办理时继续办理。',
  }),
};

/** What the dialog is for, in one line (《信访工作条例》 2022). */
function hint(kind: StepKind, c: CaseDetail): string | null {
  const reply = c.workflow.deadlines.find((d) => d.kind === 'reply' && !d.metOn);
  switch (kind) {
    case 'accept':
      return `受理后开始计算${REPLY_DAYS}日答复期限（第三十四条）。`;
    case 'assign':
      return `${c.workflow.status === 'registered' ? '交办即受理。' : ''}办理期限默认为交办之日起${ASSIGN_DEFAULT_DAYS}日${reply ? `（不晚于答复期限 ${reply.due}）` : ''}，为出具处理意见和送达留出时间；责任单位可在${OBJECTION_WORKING_DAYS}个工作日内提出异议（第二十三条）。`;
    case 'reject':
      return '不予受理的，应告知信访人依照法律法规规定的途径提出（第二十二条）。';
    case 'forward':
      return '不属于本机关职权范围的，转送有权处理的机关（第二十二条）。';
    case 'notify':
      return `应自收到信访事项之日起${ACCEPT_DAYS}日内书面告知信访人；姓名或住址不清的除外（第二十三条）。`;
    case 'object':
      return `责任单位认为交办不当的，应在交办后${OBJECTION_WORKING_DAYS}个工作日内提出异议（第二十三条）。`;
    case 'hearing':
      return '复查、复核阶段的听证时间不计入复查、复核期限（第三十五、三十六条）。';
    case 'extend':
      return `经本机关负责人批准可延期一次，不超过${MAX_EXTENSION_DAYS}日，并告知信访人延期理由（第三十四条）。${reply ? `当前答复期限 ${reply.due}。` : ''}`;
    case 'reply':
      return `处理意见应载明信访请求、事实和理由、依据，书面答复信访人（第三十二条）。${reply ? `答复期限 ${reply.due}。` : ''}`;
    case 'deliver':
      return '复查申请期自信访人签收处理意见之日起计算（第三十五条）。';
    case 'requestReview':
      return `信访人应自收到处理意见之日起${REVIEW_REQUEST_DAYS}日内申请复查（第三十五条）。`;
    case 'decideReview':
      return `复查机关应自收到复查请求之日起${REVIEW_DAYS}日内提出复查意见；选择“责令重新作出”将重新办理并重新计算答复期限。`;
    case 'requestRereview':
      return `信访人应自收到复查意见之日起${REREVIEW_REQUEST_DAYS}日内申请复核（第三十六条）。`;
    case 'decideRereview':
      return '复核意见作出后，信访人以同一事实和理由再次提出的，不再受理（第三十六条）。';
    case 'supervise':
      return `督办期限默认为督办之日起${SUPERVISE_DEFAULT_DAYS}日。`;
    case 'close':
      return c.workflow.status === 'delivered'
        ? '办结后，信访人仍可在复查申请期内申请复查（第三十五条）。'
        : null;
    default:
      return null;
  }
}

function defaults(kind: StepKind, c: CaseDetail): Values {
  const today = dayjs().startOf('day');
  const v: Values = { on: today };
  const reply = c.workflow.deadlines.find((d) => d.kind === 'reply' && !d.metOn);
  for (const [field, days] of Object.entries(FOLLOWS[kind] ?? {})) v[field] = today.add(days, 'day');
  switch (kind) {
    case 'assign':
      if (reply && (v.deadline as Dayjs).isAfter(dayjs(reply.due)))
        v.deadline = v.reportDue = dayjs(reply.due);
      v.unitId = c.workflow.unitId ?? undefined;
      v.handlerId = c.workflow.handlerId ?? undefined;
      v.target = 'township';
      break;
    case 'setHandler':
      v.unitId = c.workflow.unitId ?? undefined;
      v.handlerId = c.workflow.handlerId ?? undefined;
      break;
    case 'extend':
      v.days = 30;
      break;
    case 'reply':
      v.request = c.summary;
      break;
    case 'deliver':
      v.method = 'inPerson';
      v.recipient = c.petitioners.find((p) => p.representative)?.name ?? c.petitioners[0]?.name ?? '';
      break;
    case 'close':
      v.resolved = false;
      break;
    case 'takeCharge':
      v.leaderId = c.workflow.leaderId ?? undefined;
      break;
    case 'supervise':
      v.unitId = c.workflow.unitId ?? undefined;
      break;
    case 'answerSupervision':
      if (c.workflow.openSupervisions.length === 1) v.supervisionId = c.workflow.openSupervisions[0].id;
      break;
  }
  return v;
}

function toInput(kind: StepKind, caseId: string, v: Values): CaseStepInput {
  const out: Values = { caseId, kind };
  for (const [k, val] of Object.entries(v)) {
    if (val === undefined) continue;
    out[k] = dayjs.isDayjs(val) ? val.format('YYYY-MM-DD') : val;
  }
  return out as CaseStepInput;
}

/**
 * 交办 names a unit or (county mode) a township: a rule of the services (workflow.ts), which the
 * step's schema cannot hold since the form sends only the one chosen.
 */
const assignRule = (message: string): FormRule => ({ required: true, message });

/** What a clerk typed and closed without recording, by case and step (memory only). */
const unsaved = new Map<string, Values>();

export function StepDialog({
  c,
  kind,
  onClose,
  onDone,
  onRefused,
}: {
  c: CaseDetail;
  kind: StepKind;
  onClose(): void;
  onDone(detail: CaseDetail): void;
  /** the services said no: the case may have moved on (another clerk, a sync), so reload it */
  onRefused?(): void;
}) {
  const { settings } = useApp();
  const { modal } = App.useApp();
  const [form] = Form.useForm<Values>();
  const key = `${c.id}:${kind}`;
  const [restored, setRestored] = useState(() => unsaved.has(key));
  const initial = useMemo(() => unsaved.get(key) ?? defaults(kind, c), [key, kind, c]);
  const [open, setOpen] = useState(true);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const on = (Form.useWatch('on', form) as Dayjs | undefined) ?? dayjs();
  const unitId = Form.useWatch('unitId', form) as string | undefined;
  // county mode: a case is usually assigned (交办) down to a township office
  const toTownship = kind === 'assign' && settings.office.level === 'county' && settings.townships.length > 0;
  // a township's own case can go back only to it (its register entry travels in its packages only)
  const townships =
    c.officeId === settings.office.id
      ? settings.townships
      : settings.townships.filter((o) => o.id === c.officeId);
  const target = (Form.useWatch('target', form) as string | undefined) ?? initial.target;
  const receivedOn = c.receivedAt.slice(0, 10);
  /** what the services are sent: county mode sends the township or the unit chosen, not both */
  const inputOf = (values: Values): CaseStepInput => {
    const { target: chosen, ...rest } = values;
    if (toTownship) {
      if (chosen === 'township') {
        delete rest.unitId;
        delete rest.handlerId;
      } else delete rest.officeId;
    }
    return toInput(kind, c.id, rest);
  };
  // the step's field rules, from its schema in the contract
  const f = schemaForm(variantOf(caseStepInput, kind), inputOf);
  /** 送达: the case's 送达回证 still waiting to come back signed, newest first */
  const [receipts, setReceipts] = useState<CaseLetter[]>([]);
  useEffect(() => {
    if (kind !== 'deliver') return;
    call('letters.list', { caseId: c.id }).then(
      (letters) => {
        const waiting = letters
          .filter((l) => l.kind === 'deliveryReceipt' && !l.replacedBy && !l.delivery)
          .reverse();
        setReceipts(waiting);
        if (waiting.length && form.getFieldValue('receiptId') === undefined)
          form.setFieldValue('receiptId', waiting[0].id);
      },
      () => setReceipts([]),
    );
  }, [kind, c.id, form]);

  const cancel = () => {
    if (form.isFieldsTouched()) unsaved.set(key, form.getFieldsValue(true));
    setOpen(false);
  };

  const submit = async () => {
    if (busy) return;
    try {
      await form.validateFields();
    } catch {
      return;
    }
    const values = form.getFieldsValue(true) as Values;
    const confirm = CONFIRM[kind]?.(values);
    if (confirm) {
      const ok = await modal.confirm({
        ...confirm,
        okText: '确认',
        cancelText: '返回修改',
        okButtonProps: { danger: kind === 'reject' },
      });
      if (!ok) return;
    }
    setBusy(true);
    setError(null);
    try {
      const detail = await call('cases.step', inputOf(values));
      unsaved.delete(key);
      onDone(detail);
      setOpen(false);
    } catch (e) {
      setError((e as Error).message);
      if (e instanceof ApiError && e.field && e.field in values)
        form.setFields([{ name: e.field, errors: [e.message] }]);
      else onRefused?.();
    } finally {
      setBusy(false);
    }
  };

  const onValuesChange = (changed: Values) => {
    if (dayjs.isDayjs(changed.on)) {
      for (const [field, days] of Object.entries(FOLLOWS[kind] ?? {})) {
        if (!form.isFieldTouched(field)) form.setFieldValue(field, (changed.on as Dayjs).add(days, 'day'));
      }
    }
    if ('unitId' in changed) {
      const handler = settings.staff.find((s) => s.id === form.getFieldValue('handlerId'));
      if (handler && handler.unitId !== changed.unitId) form.setFieldValue('handlerId', undefined);
    }
  };

  const wide = kind === 'reply' || kind === 'close';
  const notAfterToday = (d: Dayjs) => d.isAfter(dayjs(), 'day');
  const dateField = (name: string, label: string, disabledDate: (d: Dayjs) => boolean, extra?: ReactNode) => (
    <Form.Item name={name} label={label} extra={extra} rules={f.rules(name, label)}>
      <DatePicker
        style={{ width: '100%' }}
        format="YYYY-MM-DD"
        allowClear={false}
        disabledDate={disabledDate}
      />
    </Form.Item>
  );
  // a text over its maximum is shown over the count and refused on saving, never cut
  const text = (name: string, label: string, rows = 3, placeholder?: string) => (
    <Form.Item name={name} label={label} rules={f.rules(name, label)}>
      <Input.TextArea
        autoSize={{ minRows: rows, maxRows: 10 }}
        count={f.count(name)}
        placeholder={placeholder}
      />
    </Form.Item>
  );
  const line = (name: string, label: string, placeholder?: string) => (
    <Form.Item name={name} label={label} rules={f.rules(name, label)}>
      <Input count={f.count(name)} placeholder={placeholder} />
    </Form.Item>
  );
  /** a choice of the schema's values, labelled from the dictionary */
  const choice = (name: string, label: string, dict: Record<string, string>, radio = false) => {
    const opts = (f.options(name) ?? []).map((value) => ({ value, label: dict[value] ?? value }));
    return (
      <Form.Item name={name} label={label} rules={f.rules(name, label)}>
        {radio ? (
          <Radio.Group optionType="button" options={opts} />
        ) : (
          <Select options={opts} allowClear={!f.required(name)} placeholder="请选择" />
        )}
      </Form.Item>
    );
  };
  const onDate = dateField(
    'on',
    ON_LABEL[kind] ?? '日期',
    (d) => notAfterToday(d) || d.isBefore(dayjs(receivedOn), 'day'),
  );
  const notBeforeOn = (d: Dayjs) => d.isBefore(on, 'day');

  const fields = (): ReactNode => {
    switch (kind) {
      case 'accept':
        return (
          <>
            {onDate}
            {text('note', '说明', 2)}
          </>
        );
      case 'reject':
        return (
          <>
            <Row gutter={12}>
              <Col span={10}>{onDate}</Col>
              <Col span={14}>{choice('route', '告知途径', REJECT_ROUTES)}</Col>
            </Row>
            {line('routeNote', '途径说明', '如：向区人民法院提起诉讼')}
            {text('reason', '不予受理理由')}
          </>
        );
      case 'forward':
        return (
          <>
            <Row gutter={12}>
              <Col span={10}>{onDate}</Col>
              <Col span={14}>{line('to', '转送机关', '有权处理的机关名称')}</Col>
            </Row>
            {text('reason', '转送理由', 2)}
          </>
        );
      case 'assign':
        return (
          <>
            <Row gutter={12}>
              <Col span={8}>{onDate}</Col>
              <Col span={8}>{dateField('deadline', '办理期限', notBeforeOn)}</Col>
              <Col span={8}>{dateField('reportDue', '办结报告期限', notBeforeOn)}</Col>
            </Row>
            {toTownship && (
              <Form.Item name="target" label="交办给">
                <Radio.Group
                  options={[
                    { value: 'township', label: '乡镇（街道）' },
                    { value: 'unit', label: '本级责任单位' },
                  ]}
                />
              </Form.Item>
            )}
            {toTownship && target === 'township' ? (
              <Form.Item
                name="officeId"
                label="交办乡镇"
                rules={[assignRule('请选择交办的乡镇')]}
                extra="下次导出给该乡镇的交换包将带上此件信访事项的全部材料"
              >
                <Select
                  placeholder="请选择"
                  options={townships.map((o) => ({ value: o.id, label: o.name }))}
                  showSearch={{ filterOption: pinyinFilter }}
                />
              </Form.Item>
            ) : (
              <UnitHandler
                settings={settings}
                unitId={unitId}
                unitLabel="责任单位"
                rules={[assignRule('请选择责任单位')]}
              />
            )}
            {text('note', '交办要求', 2)}
          </>
        );
      case 'setHandler':
        return (
          <>
            {onDate}
            <UnitHandler
              settings={settings}
              unitId={unitId}
              unitLabel="承办单位"
              rules={f.rules('unitId', '承办单位')}
            />
            {text('reason', '变更理由', 2, '改由其他单位或人员承办时，写明理由')}
          </>
        );
      case 'notify':
        return (
          <>
            <Row gutter={12}>
              <Col span={10}>{onDate}</Col>
              <Col span={14}>{choice('method', '告知方式', DELIVERY_METHODS)}</Col>
            </Row>
            {text('note', '说明', 2)}
          </>
        );
      case 'object':
        return (
          <>
            {onDate}
            {text('reason', '异议理由')}
          </>
        );
      case 'reportAssignment':
        return (
          <>
            {onDate}
            {text('report', '办结报告内容', 4)}
          </>
        );
      case 'investigate':
        return (
          <>
            {onDate}
            {text('note', '调查情况', 4)}
          </>
        );
      case 'mediate':
        return (
          <>
            <Row gutter={12}>
              <Col span={10}>{onDate}</Col>
              <Col span={14}>{choice('agreement', '调解结果', AGREEMENTS)}</Col>
            </Row>
            {text('note', '调解情况', 4)}
          </>
        );
      case 'hearing':
        return (
          <>
            <Row gutter={12}>
              <Col span={12}>{onDate}</Col>
              <Col span={12}>{dateField('until', '听证结束日期', notBeforeOn)}</Col>
            </Row>
            {text('note', '听证情况', 4)}
          </>
        );
      case 'visit':
        return (
          <>
            {onDate}
            {text('note', '走访情况', 4)}
          </>
        );
      case 'extend': {
        const leaders = settings.staff.filter((s) => s.role === 'leader').map((s) => ({ value: s.name }));
        return (
          <>
            <Row gutter={12}>
              <Col span={8}>{onDate}</Col>
              <Col span={6}>
                <Form.Item name="days" label="延期天数" rules={f.rules('days', '延期天数')}>
                  <InputNumber suffix="日" style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col span={10}>
                <Form.Item name="approvedBy" label="批准人" rules={f.rules('approvedBy', '批准人')}>
                  <AutoComplete
                    options={leaders}
                    placeholder="本机关负责人"
                    filterOption={(input, o) => pinyinFilter(input, { label: o?.value })}
                  />
                </Form.Item>
              </Col>
            </Row>
            {text('reason', '延期理由')}
          </>
        );
      }
      case 'reply':
        return (
          <>
            <Row gutter={12}>
              <Col span={8}>{onDate}</Col>
              <Col span={16}>{choice('outcome', '处理意见', REPLY_OUTCOMES, true)}</Col>
            </Row>
            {text('request', '信访请求', 2)}
            {text('facts', '事实和理由', 3)}
            {text('basis', '法律政策依据', 2, '如：《××条例》第×条')}
          </>
        );
      case 'deliver':
        return (
          <>
            <Row gutter={12}>
              <Col span={8}>{onDate}</Col>
              <Col span={8}>{choice('method', '送达方式', DELIVERY_METHODS)}</Col>
              <Col span={8}>
                {dateField(
                  'receivedOn',
                  '签收日期',
                  (d) =>
                    notAfterToday(d) ||
                    (!!c.workflow.repliedOn && d.isBefore(dayjs(c.workflow.repliedOn), 'day')),
                )}
              </Col>
            </Row>
            {line('recipient', '签收人', '信访人本人或代收人')}
            {receipts.length ? (
              <Form.Item
                name="receiptId"
                label="签收的送达回证"
                extra="回证由信访人签收后交回，登记送达时与之对应；未使用回证的可清空"
              >
                <Select
                  allowClear
                  placeholder="未使用送达回证"
                  options={receipts.map((l) => ({
                    value: l.id,
                    label: `${l.content.title}（${l.issuedOn} 出具）`,
                  }))}
                />
              </Form.Item>
            ) : null}
          </>
        );
      case 'evaluate':
        return (
          <>
            {onDate}
            {choice('satisfaction', '评价结果', SATISFACTION, true)}
            {text('note', '说明', 2)}
          </>
        );
      case 'requestReview':
      case 'requestRereview': {
        const name = kind === 'requestReview' ? '复查' : '复核';
        return (
          <>
            <Row gutter={12}>
              <Col span={10}>{onDate}</Col>
              <Col span={14}>{line('body', `${name}机关`, `受理${name}申请的机关`)}</Col>
            </Row>
            {text('note', `${name}请求`, 2)}
          </>
        );
      }
      case 'decideReview':
      case 'decideRereview': {
        const name = kind === 'decideReview' ? '复查' : '复核';
        return (
          <>
            <Row gutter={12}>
              <Col span={8}>{onDate}</Col>
              <Col span={8}>{choice('result', `${name}结果`, REVIEW_RESULTS)}</Col>
              <Col span={8}>
                {dateField(
                  'receivedOn',
                  `信访人收到${name}意见日期`,
                  (d) => notAfterToday(d) || notBeforeOn(d),
                )}
              </Col>
            </Row>
            {text('note', `${name}意见`, 4)}
          </>
        );
      }
      case 'close':
        return (
          <>
            <Row gutter={12}>
              <Col span={8}>{onDate}</Col>
              <Col span={16}>
                <Form.Item name="resolved" label="是否化解" valuePropName="checked">
                  <Switch checkedChildren="已化解" unCheckedChildren="未化解" />
                </Form.Item>
              </Col>
            </Row>
            {text('findings', '查明情况', 3)}
            {text('actions', '处理情况', 3)}
          </>
        );
      case 'followUp':
        return (
          <>
            <Row gutter={12}>
              <Col span={10}>{onDate}</Col>
              <Col span={14}>{choice('satisfaction', '回访评价', SATISFACTION)}</Col>
            </Row>
            {text('note', '回访情况', 3)}
          </>
        );
      case 'reopen':
        return (
          <>
            {onDate}
            {text('reason', '重新办理理由')}
          </>
        );
      case 'takeCharge': {
        const leaders = settings.staff
          .filter((s) => s.role === 'leader')
          .map((s) => ({ value: s.id, label: s.name }));
        return (
          <>
            <Row gutter={12}>
              <Col span={10}>{onDate}</Col>
              <Col span={14}>
                <Form.Item name="leaderId" label="包案领导" rules={f.rules('leaderId', '包案领导')}>
                  <Select
                    options={leaders}
                    placeholder="请选择"
                    showSearch={{ filterOption: pinyinFilter }}
                    notFoundContent="未登记领导，请先在“设置”的工作人员中添加"
                  />
                </Form.Item>
              </Col>
            </Row>
            {text('plan', '化解方案', 4)}
          </>
        );
      }
      case 'progress':
        return (
          <>
            {onDate}
            {text('note', '进展情况', 3)}
          </>
        );
      case 'supervise':
        return (
          <>
            <Row gutter={12}>
              <Col span={8}>{onDate}</Col>
              <Col span={8}>{dateField('deadline', '督办期限', notBeforeOn)}</Col>
              <Col span={8}>
                <Form.Item name="unitId" label="被督办单位">
                  <Select
                    allowClear
                    placeholder="本机关"
                    options={settings.units.map((u) => ({ value: u.id, label: u.name }))}
                    showSearch={{ filterOption: pinyinFilter }}
                  />
                </Form.Item>
              </Col>
            </Row>
            {text('content', '督办内容', 3)}
          </>
        );
      case 'answerSupervision':
        return (
          <>
            <Row gutter={12}>
              <Col span={10}>{onDate}</Col>
              <Col span={14}>
                <Form.Item
                  name="supervisionId"
                  label="回复的督办"
                  rules={f.rules('supervisionId', '回复的督办')}
                >
                  <Select
                    placeholder="请选择"
                    options={c.workflow.openSupervisions.map((s) => ({
                      value: s.id,
                      label: `${s.on} 督办，期限 ${s.deadline}`,
                    }))}
                  />
                </Form.Item>
              </Col>
            </Row>
            {text('answer', '回复内容', 4)}
          </>
        );
    }
  };

  const why = hint(kind, c);
  return (
    <Modal
      open={open}
      title={
        <span>
          {STEP_KINDS[kind]}{' '}
          <span className="muted" style={{ fontWeight: 'normal', fontSize: 13, marginLeft: 8 }}>
            {c.caseNo}
          </span>
        </span>
      }
      width={wide ? 760 : 600}
      okText="确定"
      cancelText="取消"
      confirmLoading={busy}
      okButtonProps={{ 'data-testid': 'step-ok' } as ButtonProps}
      cancelButtonProps={{ 'data-testid': 'step-cancel' } as ButtonProps}
      onOk={submit}
      onCancel={cancel}
      afterClose={onClose}
      mask={{ closable: false }}
      destroyOnHidden
      styles={{ body: { paddingTop: 4 } }}
    >
      <div
        data-testid={`dialog-${kind}`}
        onKeyDown={(e) => {
          if ((e.ctrlKey || e.metaKey) && e.key === 'Enter') {
            e.preventDefault();
            void submit();
          }
        }}
      >
        {why && (
          <Typography.Paragraph type="secondary" style={{ fontSize: 13, marginBottom: 8 }}>
            {why}
          </Typography.Paragraph>
        )}
        {restored && (
          <Typography.Paragraph type="secondary" style={{ fontSize: 13, marginBottom: 8 }}>
            已恢复上次未提交的内容。
            <a
              onClick={() => {
                unsaved.delete(key);
                form.resetFields();
                form.setFieldsValue(defaults(kind, c));
                setRestored(false);
              }}
            >
              清空重填
            </a>
          </Typography.Paragraph>
        )}
        {error && (
          <Alert data-testid="step-error" type="error" showIcon title={error} style={{ marginBottom: 12 }} />
        )}
        <Form
          form={form}
          component="div"
          layout="vertical"
          initialValues={initial}
          onValuesChange={onValuesChange}
          requiredMark
        >
          {fields()}
        </Form>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          Ctrl+Enter 确定
        </Typography.Text>
      </div>
    </Modal>
  );
}

/** A unit and, optionally, its handler: the handler list follows the unit chosen. */
function UnitHandler({
  settings,
  unitId,
  unitLabel,
  rules,
}: {
  settings: Settings;
  unitId: string | undefined;
  unitLabel: string;
  rules: FormRule[];
}) {
  const inUnit = settings.staff.filter((s) => unitId && s.unitId === unitId);
  // no one registered in the unit: everyone, handlers first
  const rank = (role: string) => (role === 'handler' ? 0 : role === 'leader' ? 1 : 2);
  const staff = inUnit.length ? inUnit : [...settings.staff].sort((a, b) => rank(a.role) - rank(b.role));
  const unitName = (id: string | null) => settings.units.find((u) => u.id === id)?.name;
  return (
    <Row gutter={12}>
      <Col span={12}>
        <Form.Item name="unitId" label={unitLabel} rules={rules}>
          <Select
            placeholder="请选择"
            options={settings.units.map((u) => ({ value: u.id, label: u.name }))}
            showSearch={{ filterOption: pinyinFilter }}
          />
        </Form.Item>
      </Col>
      <Col span={12}>
        <Form.Item
          name="handlerId"
          label="承办人"
          extra={unitId && !inUnit.length ? '该单位未登记工作人员，列出全部人员' : undefined}
        >
          <Select
            allowClear
            placeholder="可不选"
            showSearch={{ filterOption: pinyinFilter }}
            options={staff.map((s) => ({
              value: s.id,
              label: inUnit.length
                ? s.name
                : `${s.name}（${[unitName(s.unitId), STAFF_ROLES[s.role]].filter(Boolean).join('，')}）`,
            }))}
          />
        </Form.Item>
      </Col>
    </Row>
  );
}
