/** The fields of review: 申请复查, 复查决定, 申请复核, 复核决定, 重新办理. */
import { Col, Row } from 'antd';
import { REVIEW_RESULTS, type StepKind } from '../../../src-main/contract';
import type { StepFields } from './fields';

/** 申请复查 or 申请复核: the date, the body asked and the request. */
const request: StepFields = ({ kind, onDate, text, line }) => {
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
};

/** 复查决定 or 复核决定: the date, the result, when the petitioner received it and the opinion. */
const decision: StepFields = ({ kind, onDate, text, choice, dateField, notAfterToday, notBeforeOn }) => {
  const name = kind === 'decideReview' ? '复查' : '复核';
  return (
    <>
      <Row gutter={12}>
        <Col span={8}>{onDate}</Col>
        <Col span={8}>{choice('result', `${name}结果`, REVIEW_RESULTS)}</Col>
        <Col span={8}>
          {dateField('receivedOn', `信访人收到${name}意见日期`, (d) => notAfterToday(d) || notBeforeOn(d))}
        </Col>
      </Row>
      {text('note', `${name}意见`, 4)}
    </>
  );
};

export const reviewFields = {
  requestReview: request,
  requestRereview: request,
  decideReview: decision,
  decideRereview: decision,
  reopen: ({ onDate, text }) => (
    <>
      {onDate}
      {text('reason', '重新办理理由')}
    </>
  ),
} satisfies Partial<Record<StepKind, StepFields>>;
