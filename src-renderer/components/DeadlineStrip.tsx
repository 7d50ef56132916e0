/**
 * Every clock of a case in one compact row: what is due, when, and how much time is left.
 * The office's duties are coloured by urgency; the petitioner's or a unit's own periods
 * (windows, e.g. 复查申请期) stay neutral, since nothing is owed by the office there.
 */
import { Tooltip } from 'antd';
import type { DeadlineView } from '../../src-main/contract';
import { deadlineWords } from '../lib/format';

const COLORS: Record<DeadlineView['state'], { fg: string; bg: string; border: string }> = {
  met: { fg: '#237804', bg: '#f6ffed', border: '#b7eb8f' },
  late: { fg: '#ad4e00', bg: '#fff7e6', border: '#ffd591' },
  running: { fg: '#1f1f1f', bg: '#fff', border: '#d9d9d9' },
  warning: { fg: '#d46b08', bg: '#fff7e6', border: '#fa8c16' },
  overdue: { fg: '#cf1322', bg: '#fff1f0', border: '#ff4d4f' },
  ended: { fg: '#8c8c8c', bg: '#fafafa', border: '#e5e5e5' },
};
const NEUTRAL = { fg: '#595959', bg: '#fafafa', border: '#d9d9d9' };

function colorsOf(d: DeadlineView) {
  if (!d.window) return COLORS[d.state];
  return d.state === 'ended' ? COLORS.ended : NEUTRAL;
}

export function DeadlineStrip({ deadlines }: { deadlines: DeadlineView[] }) {
  if (deadlines.length === 0) return null;
  return (
    <div data-testid="case-deadlines" style={{ display: 'flex', flexWrap: 'wrap', gap: 8, marginBottom: 12 }}>
      {deadlines.map((d, i) => {
        const col = colorsOf(d);
        const tip = `${d.window ? '信访人或责任单位的期间，不是本机关的办理期限。' : ''}自 ${d.start} 起算（首日不计），${d.window ? '届满' : '到期'}日 ${d.due}`;
        return (
          <Tooltip key={`${d.kind}-${d.refId ?? i}`} title={tip}>
            <div
              data-testid={`deadline-${d.kind}`}
              data-state={d.state}
              data-ref={d.refId ?? undefined}
              style={{
                minWidth: 150,
                padding: '4px 10px',
                background: col.bg,
                border: `1px solid ${col.border}`,
                borderLeft: `4px solid ${col.border}`,
                borderRadius: 4,
                lineHeight: 1.5,
              }}
            >
              <div style={{ fontSize: 12, color: '#8c8c8c', whiteSpace: 'nowrap' }}>
                {d.label}
                {d.note && <span style={{ marginLeft: 6, color: '#595959' }}>{d.note}</span>}
              </div>
              <div style={{ whiteSpace: 'nowrap' }}>
                <span style={{ color: '#595959', marginRight: 8 }}>{d.due}</span>
                <strong style={{ color: col.fg }}>{deadlineWords(d)}</strong>
              </div>
            </div>
          </Tooltip>
        );
      })}
    </div>
  );
}
