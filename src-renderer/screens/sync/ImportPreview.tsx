import { Alert, Button, Descriptions, Modal, Table, Tag, Typography } from 'antd';
import { eventKindLabel, type ImportReport } from '../../../src-main/contract';
import { showDateTime } from '../../lib/format';

const SETTINGS_NAMES: Record<string, string> = {
  offices: '单位信息',
  calendar_days: '节假日安排',
  categories: '内容分类',
  villages: '村（社区）',
  units: '责任单位',
  staff: '工作人员',
  letter_templates: '文书模板',
};
const LEDGER_NAMES: Record<string, string> = {
  disputes: '矛盾纠纷',
  daily_reports: '日报告',
  reception_days: '领导接访日',
};

/** What an import would change, before anything is written. */
export function ImportPreview({
  report,
  onCancel,
  onApply,
}: {
  report: ImportReport;
  onCancel(): void;
  onApply(): void;
}) {
  const s = report.summary;
  const touchedCases = s.newCases.length + s.updatedCases.length;
  const events = Object.entries(s.events).filter(([, n]) => n > 0);
  const settings = Object.entries(s.settings).filter(([, n]) => n > 0);
  const ledgers = Object.entries(s.ledgers).filter(([, n]) => n > 0);
  const warnings = [
    report.missingPackages.length
      ? `缺少${report.from.name}之前的第 ${report.missingPackages.join('、')} 号交换包（其内容会随以后的交换包补齐；如对方已发出，请找到后一并导入）`
      : null,
    report.previousDiffers ? '本包所称的上一号交换包与本机导入过的不一致，请与发送单位核实' : null,
    report.senderSchemaNewer ? '发送单位使用的软件版本较新：本机暂不认识的内容已保留，升级后生效' : null,
    s.clockAheadMinutes > 5
      ? `发送单位电脑的时钟比本机快约 ${s.clockAheadMinutes} 分钟，请核对两台电脑的日期时间`
      : null,
  ].filter(Boolean) as string[];
  const massDeletion = report.deletions >= 10;
  return (
    <Modal
      open
      width={720}
      title={`导入预览：${report.from.name}第 ${report.seq} 号交换包`}
      onCancel={onCancel}
      footer={[
        <Button key="cancel" onClick={onCancel}>
          取消
        </Button>,
        <Button key="ok" type="primary" danger={massDeletion} onClick={onApply} data-testid="confirm-import">
          {massDeletion ? `确认删除 ${report.deletions} 件并导入` : '确认导入'}
        </Button>,
      ]}
    >
      <Typography.Paragraph type="secondary">
        制作于 {showDateTime(report.createdAt)}。以下是导入后本机台账将发生的变化，尚未写入。
      </Typography.Paragraph>
      {warnings.map((w) => (
        <Alert key={w} type="warning" showIcon message={w} style={{ marginBottom: 8 }} />
      ))}
      {massDeletion ? (
        <Alert
          type="error"
          showIcon
          message={`此交换包将删除 ${report.deletions} 件信访事项，比例异常。请先与发送单位核实。`}
          style={{ marginBottom: 8 }}
        />
      ) : null}
      <Descriptions
        size="small"
        bordered
        column={2}
        styles={{ label: { whiteSpace: 'nowrap' } }}
        data-testid="import-preview"
      >
        <Descriptions.Item label="新增信访事项">{s.newCases.length} 件</Descriptions.Item>
        <Descriptions.Item label="更新信访事项">{s.updatedCases.length} 件</Descriptions.Item>
        <Descriptions.Item label="办理记录" span={2}>
          {events.length ? events.map(([k, n]) => <Tag key={k}>{`${eventKindLabel(k)} ${n}`}</Tag>) : '无'}
        </Descriptions.Item>
        <Descriptions.Item label="设置更新" span={2}>
          {settings.length
            ? settings.map(([k, n]) => <Tag key={k}>{`${SETTINGS_NAMES[k] ?? k} ${n} 项`}</Tag>)
            : '无'}
        </Descriptions.Item>
        <Descriptions.Item label="排查与接访" span={2}>
          {ledgers.length
            ? ledgers.map(([k, n]) => <Tag key={k}>{`${LEDGER_NAMES[k] ?? k} ${n} 条`}</Tag>)
            : '无'}
        </Descriptions.Item>
        <Descriptions.Item label="数据冲突">
          {s.conflicts ? (
            <Typography.Text type="warning">{s.conflicts} 处（导入后到“冲突处理”中确认）</Typography.Text>
          ) : (
            '无'
          )}
        </Descriptions.Item>
        <Descriptions.Item label="删除">{s.deletedCases ? `${s.deletedCases} 件` : '无'}</Descriptions.Item>
        <Descriptions.Item label="附件">{report.files ? `${report.files} 个` : '无'}</Descriptions.Item>
        <Descriptions.Item label="变更总数">
          {s.fresh} / {s.received} 项为本机未有
        </Descriptions.Item>
      </Descriptions>
      {report.cases.length < touchedCases ? (
        <Typography.Paragraph type="secondary" style={{ margin: '12px 0 0' }} data-testid="import-cases-cut">
          下表列出前 {report.cases.length} 件（共 {touchedCases} 件），导入后可在台账中查看全部。
        </Typography.Paragraph>
      ) : null}
      {report.cases.length ? (
        <Table
          style={{ marginTop: 12 }}
          size="small"
          rowKey="id"
          pagination={{ pageSize: 8, hideOnSinglePage: true }}
          dataSource={report.cases}
          columns={[
            { title: '编号', dataIndex: 'caseNo', width: 190 },
            { title: '摘要', dataIndex: 'summary', ellipsis: true },
            {
              title: '',
              width: 70,
              render: (_, c) =>
                c.deleted ? (
                  <Tag color="red">删除</Tag>
                ) : c.isNew ? (
                  <Tag color="green">新增</Tag>
                ) : (
                  <Tag color="blue">更新</Tag>
                ),
            },
          ]}
        />
      ) : null}
    </Modal>
  );
}
