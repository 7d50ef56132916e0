import { App, Button, Card, Table, Tag, Typography } from 'antd';
import type { SyncOverview } from '../../../src-main/contract';
import { call, saveFile } from '../../lib/api-client';
import { showDateTime } from '../../lib/format';

/** 交换记录: every package exported and imported, an exported one saved again on request. */
export function ExchangeRecords({ history }: { history: SyncOverview['history'] }) {
  const { message } = App.useApp();
  return (
    <Card size="small" title="交换记录" style={{ marginTop: 16 }}>
      <Table
        size="small"
        rowKey={(r) => `${r.direction}-${r.office}-${r.seq}`}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        dataSource={history}
        locale={{ emptyText: '还没有交换过' }}
        columns={[
          {
            title: '时间',
            dataIndex: 'at',
            width: 150,
            render: (v: string) => showDateTime(v).slice(0, 16),
          },
          {
            title: '',
            dataIndex: 'direction',
            width: 60,
            render: (d: string) => (d === 'in' ? <Tag color="blue">导入</Tag> : <Tag color="gold">导出</Tag>),
          },
          { title: '对方', dataIndex: 'office' },
          { title: '序号', dataIndex: 'seq', width: 60, render: (n: number) => `第${n}号` },
          { title: '变更', dataIndex: 'operations', width: 70, align: 'right' },
          { title: '经办人', dataIndex: 'actor', width: 80 },
          {
            title: '文件',
            dataIndex: 'fileName',
            render: (v: string | null, r) =>
              r.direction === 'out' && v ? (
                <Button
                  size="small"
                  type="link"
                  onClick={async () => {
                    try {
                      const f = await call('sync.readOutbox', { fileName: v });
                      await saveFile(f.fileName, f.base64);
                    } catch (e) {
                      message.error((e as Error).message);
                    }
                  }}
                >
                  另存为…
                </Button>
              ) : (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {v}
                </Typography.Text>
              ),
          },
        ]}
      />
    </Card>
  );
}
