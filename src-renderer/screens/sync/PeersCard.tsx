import { App, Button, Card, Space, Table, Tag } from 'antd';
import { ExportOutlined } from '@ant-design/icons';
import type { SyncOverview } from '../../../src-main/contract';
import { call } from '../../lib/api-client';
import { EnrollTownship } from './Enrollment';
import { lastPackage } from './format';

/**
 * The other side of the exchange: the county for a township; for the county, each township,
 * with export to one or all, enrollment and revocation.
 */
export function PeersCard({
  overview,
  county,
  countyPeer,
  onExport,
  onEnrolled,
  onRevoked,
}: {
  overview: SyncOverview;
  county: boolean;
  countyPeer: SyncOverview['peers'][number] | undefined;
  onExport(to?: string): void;
  onEnrolled(): void;
  onRevoked(o: SyncOverview): void;
}) {
  const { modal } = App.useApp();
  return (
    <Card
      size="small"
      title={county ? '各乡镇' : '县信访局'}
      extra={
        county ? (
          <Space>
            <EnrollTownship onEnrolled={onEnrolled} />
            <Button
              type="primary"
              icon={<ExportOutlined />}
              onClick={() => onExport()}
              disabled={!overview.peers.some((p) => p.connected && !p.revoked)}
            >
              全部导出
            </Button>
          </Space>
        ) : (
          <Button type="primary" icon={<ExportOutlined />} onClick={() => onExport()} disabled={!countyPeer}>
            导出给县信访局
          </Button>
        )
      }
    >
      <Table
        size="small"
        rowKey="officeId"
        pagination={false}
        dataSource={overview.peers}
        locale={{
          emptyText: county ? '尚未登记乡镇：点“登记乡镇”为乡镇制作登记文件' : '尚未加入县信访局',
        }}
        columns={[
          {
            title: '单位',
            dataIndex: 'name',
            render: (v: string) => <span style={{ whiteSpace: 'nowrap' }}>{v}</span>,
          },
          {
            title: '状态',
            width: 100,
            render: (_, p) =>
              p.revoked ? (
                <Tag>已撤销</Tag>
              ) : p.connected ? (
                <Tag color="green">已连接</Tag>
              ) : (
                <Tag color="orange">待首次交换</Tag>
              ),
          },
          { title: '上次导入', render: (_, p) => lastPackage(p.lastImport) },
          { title: '上次导出', render: (_, p) => lastPackage(p.lastExport) },
          { title: '对方未确认', dataIndex: 'unconfirmed', align: 'right', width: 90 },
          ...(county
            ? [
                {
                  title: '',
                  render: (_: unknown, p: SyncOverview['peers'][number]) =>
                    p.revoked ? null : (
                      <Space size={4}>
                        <Button size="small" disabled={!p.connected} onClick={() => onExport(p.officeId)}>
                          导出
                        </Button>
                        <Button
                          size="small"
                          danger
                          onClick={() =>
                            modal.confirm({
                              title: `撤销${p.name}？`,
                              content:
                                '撤销后本机不再接受该乡镇的交换包，也不再向其导出。乡镇更换电脑时请改用“登记乡镇”重新制作登记文件。',
                              okText: '撤销',
                              okButtonProps: { danger: true },
                              cancelText: '取消',
                              onOk: async () =>
                                onRevoked(await call('sync.revoke', { officeId: p.officeId })),
                            })
                          }
                        >
                          撤销
                        </Button>
                      </Space>
                    ),
                },
              ]
            : []),
        ]}
      />
    </Card>
  );
}
