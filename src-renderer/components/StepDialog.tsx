/**
 * The dialog of one workflow step (受理, 交办, 出具处理意见, …): its own fields, sensible
 * defaults, the 条例's rule in one line, and the services' answer shown in place. Enter never
 * submits (the form is not an HTML form); Ctrl+Enter does. What the clerk typed is kept if the
 * services refuse, and kept in memory if the dialog is closed without saving. Each step's fields
 * are in step-dialog/, by family; what the dialog starts from and says, in step-dialog/steps.ts.
 */
import { useMemo, useState } from 'react';
import { Alert, App, Form, Modal, Typography, type ButtonProps } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import {
  STEP_KINDS,
  caseStepInput,
  type CaseDetail,
  type CaseStepInput,
  type StepKind,
} from '../../src-main/contract';
import { ApiError, call } from '../lib/api-client';
import { useApp } from '../lib/app-context';
import { schemaForm, variantOf } from '../lib/schema-rules';
import { decisionFields } from './step-dialog/decisions';
import { fieldKit, type StepFields } from './step-dialog/fields';
import { handlingFields } from './step-dialog/handling';
import { oversightFields } from './step-dialog/oversight';
import { replyFields, useWaitingReceipts } from './step-dialog/reply';
import { reviewFields } from './step-dialog/review';
import { CONFIRM, FOLLOWS, defaults, hint, toInput, type Values } from './step-dialog/steps';

/** Each step's fields: every step has its own. */
const FIELDS: Record<StepKind, StepFields> = {
  ...decisionFields,
  ...handlingFields,
  ...replyFields,
  ...reviewFields,
  ...oversightFields,
};

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
  const receipts = useWaitingReceipts(kind, c.id, form);

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
  const kit = fieldKit(f, kind, c, on);
  const fields = () =>
    FIELDS[kind]({ ...kit, kind, c, settings, f, unitId, toTownship, townships, target, receipts });

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
