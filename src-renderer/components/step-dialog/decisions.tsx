/** The fields of the steps that decide where a case goes: 受理, 不予受理, 转送, 书面告知, 交办 and its sequels. */
import { Col, Form, Radio, Row, Select, type FormRule } from 'antd';
import {
  DELIVERY_METHODS,
  REJECT_ROUTES,
  STAFF_ROLES,
  type Settings,
  type StepKind,
} from '../../../src-main/contract';
import { pinyinFilter } from '../../lib/pinyin-filter';
import type { StepFields } from './fields';

/**
 * 交办 names a unit or (county mode) a township: a rule of the services (workflow.ts), which the
 * step's schema cannot hold since the form sends only the one chosen.
 */
const assignRule = (message: string): FormRule => ({ required: true, message });

export const decisionFields = {
  accept: ({ onDate, text }) => (
    <>
      {onDate}
      {text('note', '说明', 2)}
    </>
  ),
  reject: ({ onDate, text, line, choice }) => (
    <>
      <Row gutter={12}>
        <Col span={10}>{onDate}</Col>
        <Col span={14}>{choice('route', '告知途径', REJECT_ROUTES)}</Col>
      </Row>
      {line('routeNote', '途径说明', '如：向区人民法院提起诉讼')}
      {text('reason', '不予受理理由')}
    </>
  ),
  forward: ({ onDate, text, line }) => (
    <>
      <Row gutter={12}>
        <Col span={10}>{onDate}</Col>
        <Col span={14}>{line('to', '转送机关', '有权处理的机关名称')}</Col>
      </Row>
      {text('reason', '转送理由', 2)}
    </>
  ),
  assign: ({ onDate, text, dateField, notBeforeOn, settings, unitId, toTownship, townships, target }) => (
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
  ),
  setHandler: ({ onDate, text, f, settings, unitId }) => (
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
  ),
  notify: ({ onDate, text, choice }) => (
    <>
      <Row gutter={12}>
        <Col span={10}>{onDate}</Col>
        <Col span={14}>{choice('method', '告知方式', DELIVERY_METHODS)}</Col>
      </Row>
      {text('note', '说明', 2)}
    </>
  ),
  object: ({ onDate, text }) => (
    <>
      {onDate}
      {text('reason', '异议理由')}
    </>
  ),
  reportAssignment: ({ onDate, text }) => (
    <>
      {onDate}
      {text('report', '办结报告内容', 4)}
    </>
  ),
} satisfies Partial<Record<StepKind, StepFields>>;

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
