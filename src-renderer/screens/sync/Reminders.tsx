import type { ReactNode } from 'react';
import { Alert, Button } from 'antd';
import type { SyncOverview } from '../../../src-main/contract';
import { navigate } from '../../lib/router';

/** What wants doing: an exchange overdue, packages waiting in the inbox, conflicts to settle. */
export function Reminders({ overview, county }: { overview: SyncOverview; county: boolean }) {
  const items: { key: string; type: 'warning' | 'info'; text: string; action?: ReactNode }[] = [];
  if (overview.remind && overview.peers.length) {
    items.push({
      key: 'remind',
      type: 'warning',
      text:
        overview.daysSinceExchange === null
          ? `尚未与${county ? '各乡镇' : '县信访局'}交换过数据`
          : `距上次交换已 ${overview.daysSinceExchange} 天（提醒周期 ${overview.remindAfterDays} 天），请及时${county ? '与各乡镇' : '与县信访局'}交换数据`,
    });
  }
  if (overview.inbox.length)
    items.push({
      key: 'inbox',
      type: 'info',
      text: `收件文件夹中有 ${overview.inbox.length} 个交换包等待导入`,
    });
  if (overview.conflicts) {
    items.push({
      key: 'conflicts',
      type: 'warning',
      text: `有 ${overview.conflicts} 处数据冲突需要人工确认`,
      action: (
        <Button size="small" onClick={() => navigate({ name: 'conflicts' })}>
          处理冲突
        </Button>
      ),
    });
  }
  return (
    <>
      {items.map((i) => (
        <div key={i.key} data-testid={`sync-${i.key}`}>
          <Alert type={i.type} showIcon message={i.text} action={i.action} style={{ marginBottom: 12 }} />
        </div>
      ))}
    </>
  );
}
