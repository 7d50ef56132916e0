/** The fields of oversight: 领导包案, 包案进展, 督办, 督办回复. */
import { Col, Form, Row, Select } from 'antd';
import type { StepKind } from '../../../src-main/contract';
import { pinyinFilter } from '../../lib/pinyin-filter';
import type { StepFields } from './fields';

export const oversightFields = {
  takeCharge: ({ onDate, text, f, settings }) => {
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
  },
  progress: ({ onDate, text }) => (
    <>
      {onDate}
      {text('note', '进展情况', 3)}
    </>
  ),
  supervise: ({ onDate, text, dateField, notBeforeOn, settings }) => (
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
  ),
  answerSupervision: ({ onDate, text, f, c }) => (
    <>
      <Row gutter={12}>
        <Col span={10}>{onDate}</Col>
        <Col span={14}>
          <Form.Item name="supervisionId" label="回复的督办" rules={f.rules('supervisionId', '回复的督办')}>
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
  ),
} satisfies Partial<Record<StepKind, StepFields>>;
