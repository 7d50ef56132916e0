/**
 * One entry of a case's timeline in words: the day it happened, a short sentence from the
 * event's data (units and staff by name), longer texts folded, and who recorded it when.
 */
import { Typography } from 'antd';
import {
  AGREEMENTS,
  DELIVERY_METHODS,
  REJECT_ROUTES,
  REPLY_OUTCOMES,
  REVIEW_RESULTS,
  SATISFACTION,
  eventKindLabel,
  type CaseEventView,
  type Settings,
} from '../../src-main/contract';
import { categoryPath, label, showDateTime } from '../lib/format';

function showValue(field: string, v: unknown, settings: Settings): string {
  if (v === null || v === undefined || v === '') return '（空）';
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (field === 'channel') return label.channel(String(v));
  if (field === 'matterType') return label.matterType(String(v));
  if (field === 'categoryId') return categoryPath(settings.categories, String(v)) || String(v);
  if (field === 'villageId') return settings.villages.find((x) => x.id === v)?.name ?? String(v);
  if (field === 'receivedAt') return showDateTime(String(v));
  if (field === 'repeatOf') return '已标记的原事项';
  return String(v);
}

/** The colour of an event's dot on the timeline: done green, ended grey, pressing orange, the rest blue. */
export function eventColor(kind: string): string {
  if (kind === 'close') return 'green';
  if (kind === 'reject' || kind === 'forward' || kind === 'edited') return 'gray';
  if (kind === 'extend' || kind === 'supervise' || kind === 'object' || kind === 'reopen') return '#fa8c16';
  return '#1677ff';
}

type Detail = [label: string, text: string];

/** The sentence and the longer texts of one event. */
function describe(
  event: CaseEventView,
  settings: Settings,
  events: CaseEventView[],
): { text: string; details: Detail[] } {
  const d = event.data;
  const s = (k: string) => (d[k] === null || d[k] === undefined ? '' : String(d[k]));
  const pick = (dict: Record<string, string>, k: string) => dict[s(k)] ?? s(k);
  const unit = (k: string) =>
    s(k) ? (settings.units.find((u) => u.id === s(k))?.name ?? '（已删除的单位）') : '';
  const office = (k: string) =>
    s(k) === settings.office.id
      ? settings.office.name
      : (settings.townships.find((o) => o.id === s(k))?.name ?? s(k));
  const person = (k: string) =>
    s(k) ? (settings.staff.find((p) => p.id === s(k))?.name ?? '（已删除的人员）') : '';
  const opt = (label: string, k: string): Detail[] => (s(k) ? [[label, s(k)]] : []);

  switch (event.kind) {
    case 'registered':
      return {
        text: `登记，来源：${label.channel(s('channel'))}${d.notReacceptedOf ? '（同一事实和理由已复核，不再受理）' : ''}`,
        details: [],
      };
    case 'edited':
      return { text: '修改登记信息', details: [] };
    case 'accept':
      return { text: '受理', details: opt('说明', 'note') };
    case 'reject':
      return {
        text: `不予受理，告知信访人通过${pick(REJECT_ROUTES, 'route')}解决${s('routeNote') ? `（${s('routeNote')}）` : ''}`,
        details: opt('理由', 'reason'),
      };
    case 'forward':
      return { text: `转送至 ${s('to')}`, details: opt('理由', 'reason') };
    case 'assign': {
      const handler = person('handlerId');
      const report =
        s('reportDue') && s('reportDue') !== s('deadline') ? `，办结报告期限 ${s('reportDue')}` : '';
      return {
        text: `交办至 ${s('officeId') ? office('officeId') : unit('unitId')}${handler ? `（承办人 ${handler}）` : ''}，办理期限 ${s('deadline')}${report}`,
        details: opt('交办要求', 'note'),
      };
    }
    case 'issued':
      return {
        text: `出具${s('title')}${s('docNo') ? `（${s('docNo')}）` : ''}${d.replacesId ? '，更正前已出具的一份' : ''}`,
        details: [],
      };
    case 'attached':
      return { text: `添加附件：${s('fileName')}`, details: [] };
    case 'notify':
      return { text: `书面告知信访人（${pick(DELIVERY_METHODS, 'method')}）`, details: opt('说明', 'note') };
    case 'setHandler': {
      const handler = person('handlerId');
      return {
        text: `确定承办：${unit('unitId')}${handler ? `，承办人 ${handler}` : ''}`,
        details: opt('变更理由', 'reason'),
      };
    }
    case 'object':
      return { text: '责任单位提出异议，交办退回', details: opt('异议理由', 'reason') };
    case 'reportAssignment':
      return { text: '责任单位报送办结报告', details: opt('报告', 'report') };
    case 'investigate':
      return { text: '调查核实', details: opt('调查情况', 'note') };
    case 'mediate':
      return { text: `调解：${pick(AGREEMENTS, 'agreement')}`, details: opt('调解情况', 'note') };
    case 'hearing':
      return { text: `听证（${s('on')} 至 ${s('until')}）`, details: opt('听证情况', 'note') };
    case 'visit':
      return { text: '走访信访人', details: opt('走访情况', 'note') };
    case 'extend':
      return { text: `延期${s('days')}日，批准人 ${s('approvedBy')}`, details: opt('理由', 'reason') };
    case 'reply':
      return {
        text: `出具处理意见：${pick(REPLY_OUTCOMES, 'outcome')}`,
        details: [...opt('信访请求', 'request'), ...opt('事实和理由', 'facts'), ...opt('依据', 'basis')],
      };
    case 'deliver':
      return {
        text: `送达（${pick(DELIVERY_METHODS, 'method')}），${s('recipient') || '信访人'}于${s('receivedOn')}签收${s('receiptId') ? '，送达回证已交回' : ''}`,
        details: [],
      };
    case 'evaluate':
      return { text: `评价：${pick(SATISFACTION, 'satisfaction')}`, details: opt('说明', 'note') };
    case 'requestReview':
      return { text: `信访人申请复查，复查机关：${s('body')}`, details: opt('复查请求', 'note') };
    case 'decideReview':
      return {
        text: `复查决定：${pick(REVIEW_RESULTS, 'result')}，信访人于${s('receivedOn')}收到`,
        details: opt('复查意见', 'note'),
      };
    case 'requestRereview':
      return { text: `信访人申请复核，复核机关：${s('body')}`, details: opt('复核请求', 'note') };
    case 'decideRereview':
      return {
        text: `复核决定：${pick(REVIEW_RESULTS, 'result')}，信访人于${s('receivedOn')}收到`,
        details: opt('复核意见', 'note'),
      };
    case 'close':
      return {
        text: `办结（${d.resolved ? '已化解' : '未化解'}）`,
        details: [...opt('查明情况', 'findings'), ...opt('处理情况', 'actions')],
      };
    case 'followUp':
      return {
        text: `回访${s('satisfaction') ? `，评价：${pick(SATISFACTION, 'satisfaction')}` : ''}`,
        details: opt('回访情况', 'note'),
      };
    case 'reopen':
      return { text: '重新办理', details: opt('理由', 'reason') };
    case 'takeCharge':
      return { text: `包案领导 ${person('leaderId')}`, details: opt('化解方案', 'plan') };
    case 'progress':
      return { text: '包案进展', details: opt('进展情况', 'note') };
    case 'supervise':
      return {
        text: `督办${unit('unitId') ? ` ${unit('unitId')}` : ''}，期限 ${s('deadline')}`,
        details: opt('督办内容', 'content'),
      };
    case 'answerSupervision': {
      const sup = events.find((e) => e.id === s('supervisionId'));
      const of = sup ? `（${String(sup.data.on ?? '')} 督办）` : '';
      return { text: `督办回复${of}`, details: opt('回复内容', 'answer') };
    }
    default:
      return {
        text: eventKindLabel(event.kind),
        details: [],
      };
  }
}

export function EventText({
  event,
  settings,
  events = [],
}: {
  event: CaseEventView;
  settings: Settings;
  events?: CaseEventView[];
}) {
  const { text, details } = describe(event, settings, events);
  const day = typeof event.data.on === 'string' ? event.data.on : event.at.slice(0, 10);
  const changes = (event.kind === 'edited' ? (event.data.changes ?? []) : []) as {
    field: string;
    label: string;
    before: unknown;
    after: unknown;
    petitioner?: string;
  }[];
  return (
    <div data-testid={`event-${event.kind}`}>
      <div>
        <strong style={{ marginRight: 8 }}>{day}</strong>
        <span>{text}</span>
      </div>
      {details.map(([name, body]) => (
        <Typography.Paragraph
          key={name}
          type="secondary"
          style={{ margin: 0, fontSize: 13, whiteSpace: 'pre-wrap' }}
          ellipsis={{ rows: 2, expandable: 'collapsible', symbol: (open) => (open ? '收起' : '展开') }}
        >
          {name}：{body}
        </Typography.Paragraph>
      ))}
      {changes.map((ch, i) => (
        <div key={i} className="muted" style={{ fontSize: 13 }}>
          {ch.petitioner ? `${ch.petitioner}的` : ''}
          {ch.label}：
          {ch.field === 'petitioner'
            ? String(ch.after ?? ch.before)
            : `${showValue(ch.field, ch.before, settings)} → ${showValue(ch.field, ch.after, settings)}`}
        </div>
      ))}
      <div className="muted" style={{ fontSize: 12 }}>
        {event.actor ?? '未记录人员'} 记录于 {showDateTime(event.at)}
      </div>
    </div>
  );
}
