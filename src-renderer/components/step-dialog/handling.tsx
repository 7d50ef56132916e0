/** The fields of the handling records: 调查核实, 调解, 听证, 走访信访人, 延期. */
import { AutoComplete, Col, Form, InputNumber, Row } from 'antd';
import { AGREEMENTS, type StepKind } from '../../../src-main/contract';
import { pinyinFilter } from '../../lib/pinyin-filter';
import type { StepFields } from './fields';

export const handlingFields = {
  investigate: ({ onDate, text }) => (
    <>
      {onDate}
      {text('note', '调查情况', 4)}
    </>
  ),
  mediate: ({ onDate, text, choice }) => (
    <>
      <Row gutter={12}>
        <Col span={10}>{onDate}</Col>
        <Col span={14}>{choice('agreement', '调解结果', AGREEMENTS)}</Col>
      </Row>
      {text('note', '调解情况', 4)}
    </>
  ),
  hearing: ({ onDate, text, dateField, notBeforeOn }) => (
    <>
      <Row gutter={12}>
        <Col span={12}>{onDate}</Col>
        <Col span={12}>{dateField('until', '听证结束日期', notBeforeOn)}</Col>
      </Row>
      {text('note', '听证情况', 4)}
    </>
  ),
  visit: ({ onDate, text }) => (
    <>
      {onDate}
      {text('note', '走访情况', 4)}
    </>
  ),
  extend: ({ onDate, text, f, settings }) => {
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
  },
} satisfies Partial<Record<StepKind, StepFields>>;
