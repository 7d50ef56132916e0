/** What a step's fields are built from: the dialog's state they read and the kinds of field they use. */
import type { ReactNode } from 'react';
import { DatePicker, Form, Input, Radio, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { CaseDetail, CaseLetter, Settings, StepKind } from '../../../src-main/contract';
import type { SchemaForm } from '../../lib/schema-rules';
import { ON_LABEL } from './steps';

/** The kinds of field a step's dialog is made of, each with its rules from the step's schema. */
export interface FieldKit {
  /** the step's own date: not after today, nor before the case was received */
  onDate: ReactNode;
  dateField(name: string, label: string, disabledDate: (d: Dayjs) => boolean, extra?: ReactNode): ReactNode;
  /** a text over its maximum is shown over the count and refused on saving, never cut */
  text(name: string, label: string, rows?: number, placeholder?: string): ReactNode;
  line(name: string, label: string, placeholder?: string): ReactNode;
  /** a choice of the schema's values, labelled from the dictionary */
  choice(name: string, label: string, dict: Record<string, string>, radio?: boolean): ReactNode;
  notAfterToday(d: Dayjs): boolean;
  /** before the step's own date */
  notBeforeOn(d: Dayjs): boolean;
}

/** What a step's fields read: the case, the settings, the dialog's watched values, the field kinds. */
export interface StepContext extends FieldKit {
  kind: StepKind;
  c: CaseDetail;
  settings: Settings;
  /** the step's field rules, from its schema in the contract */
  f: SchemaForm;
  /** the unit chosen: the handler list follows it */
  unitId: string | undefined;
  /** 交办 in county mode: to a township office or a unit of the county */
  toTownship: boolean;
  /** the townships a case can be assigned to */
  townships: Settings['townships'];
  /** 交办 in county mode: 'township' or 'unit' */
  target: unknown;
  /** 送达: the case's 送达回证 still waiting to come back signed, newest first */
  receipts: CaseLetter[];
}

/** The fields of one step, below the dialog's hints. */
export type StepFields = (x: StepContext) => ReactNode;

/** The field kinds of one step's dialog; `on` is the step's own date as the clerk has set it. */
export function fieldKit(f: SchemaForm, kind: StepKind, c: CaseDetail, on: Dayjs): FieldKit {
  const receivedOn = c.receivedAt.slice(0, 10);
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
  return { onDate, dateField, text, line, choice, notAfterToday, notBeforeOn };
}
