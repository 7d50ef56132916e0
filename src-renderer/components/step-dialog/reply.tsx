/** The fields of the reply and what follows it: 出具处理意见, 送达, 满意度评价, 办结, 回访. */
import { useEffect, useState } from 'react';
import { Col, Form, Row, Select, Switch, type FormInstance } from 'antd';
import dayjs from 'dayjs';
import {
  DELIVERY_METHODS,
  REPLY_OUTCOMES,
  SATISFACTION,
  type CaseLetter,
  type StepKind,
} from '../../../src-main/contract';
import { call } from '../../lib/api-client';
import type { StepFields } from './fields';
import type { Values } from './steps';

/**
 * 送达: the case's 送达回证 still waiting to come back signed, newest first; the newest is chosen
 * while the clerk has chosen none. Other steps load nothing.
 */
export function useWaitingReceipts(kind: StepKind, caseId: string, form: FormInstance<Values>): CaseLetter[] {
  const [receipts, setReceipts] = useState<CaseLetter[]>([]);
  useEffect(() => {
    if (kind !== 'deliver') return;
    call('letters.list', { caseId }).then(
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
  }, [kind, caseId, form]);
  return receipts;
}

export const replyFields = {
  reply: ({ onDate, text, choice }) => (
    <>
      <Row gutter={12}>
        <Col span={8}>{onDate}</Col>
        <Col span={16}>{choice('outcome', '处理意见', REPLY_OUTCOMES, true)}</Col>
      </Row>
      {text('request', '信访请求', 2)}
      {text('facts', '事实和理由', 3)}
      {text('basis', '法律政策依据', 2, '如：《××条例》第×条')}
    </>
  ),
  deliver: ({ onDate, line, choice, dateField, notAfterToday, c, receipts }) => (
    <>
      <Row gutter={12}>
        <Col span={8}>{onDate}</Col>
        <Col span={8}>{choice('method', '送达方式', DELIVERY_METHODS)}</Col>
        <Col span={8}>
          {dateField(
            'receivedOn',
            '签收日期',
            (d) =>
              notAfterToday(d) || (!!c.workflow.repliedOn && d.isBefore(dayjs(c.workflow.repliedOn), 'day')),
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
  ),
  evaluate: ({ onDate, text, choice }) => (
    <>
      {onDate}
      {choice('satisfaction', '评价结果', SATISFACTION, true)}
      {text('note', '说明', 2)}
    </>
  ),
  close: ({ onDate, text }) => (
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
  ),
  followUp: ({ onDate, text, choice }) => (
    <>
      <Row gutter={12}>
        <Col span={10}>{onDate}</Col>
        <Col span={14}>{choice('satisfaction', '回访评价', SATISFACTION)}</Col>
      </Row>
      {text('note', '回访情况', 3)}
    </>
  ),
} satisfies Partial<Record<StepKind, StepFields>>;
