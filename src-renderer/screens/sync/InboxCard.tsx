import { Alert, Button, Card, Space, Table, Typography, Upload } from 'antd';
import { ImportOutlined, InboxOutlined, ReloadOutlined } from '@ant-design/icons';
import type { SyncOverview } from '../../../src-main/contract';
import { readFileBase64 } from '../../lib/api-client';
import { bytesText } from './format';

/** Where a package to import comes from: the inbox folder, or a file the clerk chose. */
export type Source = { inbox: string } | { fileName: string; base64: string };

/** 待导入的交换包: the inbox's packages, and a file chosen elsewhere. */
export function InboxCard({
  overview,
  onRefresh,
  onPreview,
}: {
  overview: SyncOverview;
  onRefresh(): void;
  onPreview(source: Source): Promise<void>;
}) {
  return (
    <Card
      size="small"
      title="待导入的交换包"
      extra={
        <Space>
          <Button size="small" icon={<ReloadOutlined />} onClick={onRefresh} aria-label="刷新" />
          <Upload
            accept=".xftz"
            showUploadList={false}
            beforeUpload={async (file) => {
              await onPreview({ fileName: file.name, base64: await readFileBase64(file) });
              return false;
            }}
          >
            <Button size="small" icon={<ImportOutlined />}>
              选择文件导入…
            </Button>
          </Upload>
        </Space>
      }
    >
      {overview.inboxProblem ? (
        <Alert type="warning" showIcon message={overview.inboxProblem} style={{ marginBottom: 8 }} />
      ) : null}
      <Table
        size="small"
        rowKey="fileName"
        pagination={false}
        dataSource={overview.inbox}
        locale={{
          emptyText: (
            <span>
              <InboxOutlined /> 收件文件夹中没有待导入的交换包
            </span>
          ),
        }}
        columns={[
          {
            title: '文件',
            dataIndex: 'fileName',
            render: (v: string) => <Typography.Text style={{ fontSize: 12 }}>{v}</Typography.Text>,
          },
          { title: '大小', dataIndex: 'bytes', width: 70, render: bytesText },
          {
            title: '',
            width: 60,
            render: (_, w) => (
              <Button size="small" type="link" onClick={() => onPreview({ inbox: w.fileName })}>
                导入
              </Button>
            ),
          },
        ]}
      />
    </Card>
  );
}
