/** The case's step buttons (decisions, records, oversight) and owners, or that another office has it. */
import { Alert, Button, Card } from 'antd';
import {
  STEP_KINDS,
  type CaseDetail,
  type CaseStatus,
  type Settings,
  type StepKind,
} from '../../../src-main/contract';

/** The buttons of the steps the case can take now, in three groups. */
const DECISIONS: StepKind[] = [
  'accept',
  'assign',
  'reject',
  'forward',
  'reply',
  'extend',
  'deliver',
  'evaluate',
  'close',
  'requestReview',
  'decideReview',
  'requestRereview',
  'decideRereview',
  'followUp',
  'reopen',
  'notify',
];
const RECORDS: StepKind[] = [
  'investigate',
  'mediate',
  'hearing',
  'visit',
  'setHandler',
  'reportAssignment',
  'object',
];
const OVERSIGHT: StepKind[] = ['takeCharge', 'progress', 'supervise', 'answerSupervision'];
/** The step a case in this state usually takes next: its button is the primary one. */
const NEXT: Partial<Record<CaseStatus, StepKind>> = {
  registered: 'accept',
  handling: 'reply',
  replied: 'deliver',
  delivered: 'close',
  inReview: 'decideReview',
  inRereview: 'decideRereview',
  reviewed: 'close',
  rereviewed: 'close',
  notAccepted: 'close',
  forwarded: 'close',
  notReaccepted: 'close',
  closed: 'followUp',
};

export function StepBar({
  c,
  settings,
  onStep,
}: {
  c: CaseDetail;
  settings: Settings;
  onStep(kind: StepKind): void;
}) {
  const w = c.workflow;
  const allowed = new Set(w.allowed);
  const pick = (group: StepKind[]) => group.filter((k) => allowed.has(k));
  const button = (k: StepKind, size: 'middle' | 'small') => (
    <Button
      key={k}
      size={size}
      data-testid={`step-${k}`}
      type={NEXT[w.status] === k ? 'primary' : 'default'}
      danger={k === 'reject'}
      onClick={() => onStep(k)}
    >
      {STEP_KINDS[k]}
    </Button>
  );
  const unit = settings.units.find((u) => u.id === w.unitId)?.name;
  const handler = settings.staff.find((s) => s.id === w.handlerId)?.name;
  const leader = settings.staff.find((s) => s.id === w.leaderId)?.name;
  const who = [unit && `责任单位：${unit}`, handler && `承办人：${handler}`, leader && `包案领导：${leader}`]
    .filter(Boolean)
    .join('　');
  // 书面告知 is a duty beside the decisions only while it is owed (Art. 23); otherwise just a record
  const owed = w.deadlines.some((d) => d.kind === 'notice');
  const [main, records, oversight] = [
    pick(DECISIONS.filter((k) => owed || k !== 'notify')),
    pick(owed ? RECORDS : [...RECORDS, 'notify']),
    pick(OVERSIGHT),
  ];
  if (w.handledElsewhere)
    return (
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 12 }}
        data-testid="handled-elsewhere"
        title={`县信访局已将此件交办${w.handledElsewhere.name}办理`}
        description="本乡镇保留此件的记录，不再办理，也不计入本乡镇的待办和统计。"
      />
    );
  if (!main.length && !records.length && !oversight.length && !who) return null;
  return (
    <Card
      size="small"
      style={{ marginBottom: 12 }}
      styles={{ body: { padding: '8px 12px' } }}
      data-testid="step-bar"
    >
      <div style={{ display: 'flex', alignItems: 'center', gap: 8, flexWrap: 'wrap' }}>
        {main.map((k) => button(k, 'middle'))}
        {!main.length && <span className="muted">当前没有待办的办理步骤</span>}
        {who && (
          <span className="muted" style={{ marginLeft: 'auto' }} data-testid="case-owners">
            {who}
          </span>
        )}
      </div>
      {(records.length > 0 || oversight.length > 0) && (
        <div style={{ display: 'flex', alignItems: 'center', gap: 6, flexWrap: 'wrap', marginTop: 8 }}>
          {records.length > 0 && <span className="muted">办理记录：</span>}
          {records.map((k) => button(k, 'small'))}
          {oversight.length > 0 && (
            <span className="muted" style={{ marginLeft: records.length ? 16 : 0 }}>
              督办包案：
            </span>
          )}
          {oversight.map((k) => button(k, 'small'))}
        </div>
      )}
    </Card>
  );
}
