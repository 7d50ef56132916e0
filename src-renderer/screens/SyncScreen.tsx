/**
 * 数据交换: exchanging the register with the county (or, in county mode, with each township) by
 * package files. Status and reminder, export with progress, import with a preview first, the
 * inbox/outbox folders, enrollment, and the record of every exchange.
 */
import { useCallback, useEffect, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Modal,
  Progress,
  Row,
  Space,
  Switch,
  Table,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { ExportOutlined, ImportOutlined, InboxOutlined, ReloadOutlined } from '@ant-design/icons';
import { STEP_KINDS, type ImportReport, type SyncOverview, type SyncSettings } from '../../src-main/api';
import type { ProgressReport } from '../../src-main/app/bridge-types';
import { call, folderPicker, readFileBase64, saveFile } from '../lib/api-client';
import { useApp } from '../lib/app-context';
import { navigate } from '../lib/router';
import { showDateTime } from '../lib/format';

type Source = { inbox: string } | { fileName: string; base64: string };

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

const INBOX_POLL_MS = 10_000;

/** 第2号 11-22 08:29, the full time on hover */
const lastPackage = (p: { seq: number; at: string } | null) =>
  p ? (
    <span title={showDateTime(p.at)} style={{ whiteSpace: 'nowrap' }}>
      第{p.seq}号 {showDateTime(p.at).slice(5, 16)}
    </span>
  ) : (
    '—'
  );

const bytesText = (n: number) =>
  n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`;

export function SyncScreen() {
  const { session, reload } = useApp();
  const { message, modal } = App.useApp();
  const [overview, setOverview] = useState<SyncOverview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [work, setWork] = useState<{ title: string; p: ProgressReport | null } | null>(null);
  const [preview, setPreview] = useState<{ source: Source; report: ImportReport } | null>(null);

  const refresh = useCallback(async () => {
    try {
      setOverview(await call('sync.status', {}));
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    }
  }, []);
  // a USB drive plugged in or a package copied in while the screen is open shows up on its own
  useEffect(() => {
    void refresh();
    const timer = setInterval(() => void refresh(), INBOX_POLL_MS);
    window.addEventListener('focus', refresh);
    return () => {
      clearInterval(timer);
      window.removeEventListener('focus', refresh);
    };
  }, [refresh]);

  const county = session.office?.level === 'county';
  const countyPeer = overview?.peers.find((p) => p.level === 'county');

  /** Runs long work with the progress dialog; the error, if any, is shown and nothing else happens. */
  const withProgress = async <T,>(
    title: string,
    run: (onProgress: (p: ProgressReport) => void) => Promise<T>,
  ): Promise<T | null> => {
    setWork({ title, p: null });
    try {
      return await run((p) => setWork({ title, p }));
    } catch (e) {
      modal.error({ title: `${title}未完成`, content: (e as Error).message });
      return null;
    } finally {
      setWork(null);
    }
  };

  const exportTo = async (to?: string) => {
    const done = await withProgress('导出交换包', (onProgress) =>
      call('sync.export', { to }, { onProgress }),
    );
    if (!done) return;
    await refresh();
    modal.success({
      title: '交换包已导出',
      width: 560,
      content: (
        <>
          {done.map((r) => (
            <p key={r.fileName} data-testid="exported-package">
              {r.fileName}（{r.operations} 项变更{r.files ? `，${r.files} 个附件` : ''}，{bytesText(r.bytes)}
              ）
            </p>
          ))}
          <Typography.Text type="secondary">
            已写入发出文件夹 {overview?.settings.outbox}
            。请把文件拷到U盘或共享文件夹交给对方；也可以点“另存为”保存到其他位置。
          </Typography.Text>
        </>
      ),
    });
  };

  const previewImport = async (source: Source) => {
    const report = await withProgress('检查交换包', (onProgress) =>
      call('sync.import', { source, preview: true }, { onProgress }),
    );
    if (report) setPreview({ source, report });
  };

  const applyImport = async () => {
    if (!preview) return;
    const { source, report: seen } = preview;
    setPreview(null);
    const report = await withProgress('导入交换包', (onProgress) =>
      call('sync.import', { source, preview: false, confirmDeletions: seen.deletions > 0 }, { onProgress }),
    );
    if (!report) return;
    await Promise.all([refresh(), reload()]);
    message.success(
      `已导入${report.from.name}第 ${report.seq} 号交换包：新增 ${report.summary.newCases.length} 件，更新 ${report.summary.updatedCases.length} 件`,
    );
  };

  if (error)
    return (
      <Alert
        type="error"
        showIcon
        message="无法读取交换状态"
        description={error}
        action={<Button onClick={refresh}>重试</Button>}
      />
    );
  if (!overview) return null;

  return (
    <div style={{ maxWidth: 1100 }}>
      <h2 className="screen-title">数据交换</h2>
      <Reminders overview={overview} county={county} />

      {!county && !countyPeer ? <JoinCounty onJoined={refresh} /> : null}

      <Row gutter={16}>
        <Col span={15}>
          <Card
            size="small"
            title={county ? '各乡镇' : '县信访局'}
            extra={
              county ? (
                <Space>
                  <EnrollTownship onEnrolled={refresh} />
                  <Button
                    type="primary"
                    icon={<ExportOutlined />}
                    onClick={() => exportTo()}
                    disabled={!overview.peers.some((p) => p.connected && !p.revoked)}
                  >
                    全部导出
                  </Button>
                </Space>
              ) : (
                <Button
                  type="primary"
                  icon={<ExportOutlined />}
                  onClick={() => exportTo()}
                  disabled={!countyPeer}
                >
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
                              <Button
                                size="small"
                                disabled={!p.connected}
                                onClick={() => exportTo(p.officeId)}
                              >
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
                                      setOverview(await call('sync.revoke', { officeId: p.officeId })),
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
        </Col>
        <Col span={9}>
          <Card
            size="small"
            title="待导入的交换包"
            extra={
              <Space>
                <Button size="small" icon={<ReloadOutlined />} onClick={refresh} aria-label="刷新" />
                <Upload
                  accept=".xftz"
                  showUploadList={false}
                  beforeUpload={async (file) => {
                    await previewImport({ fileName: file.name, base64: await readFileBase64(file) });
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
                    <Button size="small" type="link" onClick={() => previewImport({ inbox: w.fileName })}>
                      导入
                    </Button>
                  ),
                },
              ]}
            />
          </Card>
        </Col>
      </Row>

      <Card size="small" title="交换记录" style={{ marginTop: 16 }}>
        <Table
          size="small"
          rowKey={(r) => `${r.direction}-${r.office}-${r.seq}`}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          dataSource={overview.history}
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
              render: (d: string) =>
                d === 'in' ? <Tag color="blue">导入</Tag> : <Tag color="gold">导出</Tag>,
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

      <Row gutter={16} style={{ marginTop: 16 }}>
        <Col span={14}>
          <FolderSettings settings={overview.settings} onSaved={setOverview} />
        </Col>
        <Col span={10}>
          <Card size="small" title="本机">
            <Descriptions size="small" column={1}>
              <Descriptions.Item label="单位">
                {overview.office.name}（{overview.office.id}）
              </Descriptions.Item>
              <Descriptions.Item label="密钥指纹">
                <Typography.Text code copyable>
                  {overview.fingerprint}
                </Typography.Text>
              </Descriptions.Item>
            </Descriptions>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              首次交换时可与对方电话核对指纹，确认交换包确由本单位发出。
            </Typography.Text>
          </Card>
        </Col>
      </Row>

      <Modal
        open={!!work}
        title={work?.title}
        footer={null}
        closable={false}
        maskClosable={false}
        keyboard={false}
      >
        <p>{work?.p?.stage ?? '正在准备…'}</p>
        <Progress
          percent={work?.p && work.p.total ? Math.floor((work.p.done / work.p.total) * 100) : 0}
          status="active"
        />
        <Typography.Text type="secondary">请勿关闭程序或拔出U盘。</Typography.Text>
      </Modal>

      {preview ? (
        <ImportPreview report={preview.report} onCancel={() => setPreview(null)} onApply={applyImport} />
      ) : null}
    </div>
  );
}

function Reminders({ overview, county }: { overview: SyncOverview; county: boolean }) {
  const items: { key: string; type: 'warning' | 'info'; text: string; action?: React.ReactNode }[] = [];
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

/** What an import would change, before anything is written. */
function ImportPreview({
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
          {events.length
            ? events.map(([k, n]) => (
                <Tag
                  key={k}
                >{`${STEP_KINDS[k as keyof typeof STEP_KINDS] ?? (k === 'registered' ? '登记' : k === 'edited' ? '修改登记' : k)} ${n}`}</Tag>
              ))
            : '无'}
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

/** Township: joining the county with the enrollment file the county made. */
function JoinCounty({ onJoined }: { onJoined(): void }) {
  const { message, modal } = App.useApp();
  return (
    <Alert
      type="info"
      showIcon
      style={{ marginBottom: 16 }}
      message="本机尚未加入县信访局"
      description="请向县信访局索取本乡镇的登记文件（.xftz-enroll），导入后即可交换数据。"
      action={
        <Upload
          accept=".xftz-enroll"
          showUploadList={false}
          beforeUpload={async (file) => {
            try {
              const r = await call('sync.applyEnrollment', {
                fileName: file.name,
                base64: await readFileBase64(file),
              });
              modal.success({
                title: `已加入${r.county}`,
                content: `县信访局密钥指纹：${r.countyFingerprint}；本机密钥指纹：${r.ownFingerprint}。可与县信访局电话核对。`,
              });
              onJoined();
            } catch (e) {
              message.error((e as Error).message);
            }
            return false;
          }}
        >
          <Button type="primary">导入登记文件…</Button>
        </Upload>
      }
    />
  );
}

/** County: enrolling a township (or enrolling it again after a machine was replaced). */
function EnrollTownship({ onEnrolled }: { onEnrolled(): void }) {
  const { session } = useApp();
  const { modal } = App.useApp();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ code: string; name: string }>();
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <Button onClick={() => setOpen(true)}>登记乡镇…</Button>
      <Modal
        open={open}
        title="登记乡镇"
        okText="制作登记文件"
        cancelText="取消"
        onCancel={() => setOpen(false)}
        destroyOnHidden
        onOk={async () => {
          // the form shows what is missing; nothing to send yet
          const v = await form.validateFields().catch(() => null);
          if (!v) return;
          try {
            const r = await call('sync.enroll', v);
            await saveFile(r.fileName, r.base64);
            setOpen(false);
            onEnrolled();
            modal.success({
              title: '登记文件已制作',
              content: `请把 ${r.fileName} 交给乡镇导入。本局密钥指纹：${r.fingerprint}`,
            });
          } catch (e) {
            setError((e as Error).message);
          }
        }}
      >
        <Typography.Paragraph type="secondary">
          乡镇更换电脑时再次登记即可：旧电脑的交换包将不再被接受，新电脑可从本局数据恢复。
        </Typography.Paragraph>
        {error ? <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} /> : null}
        <Form form={form} layout="vertical" initialValues={{ code: session.office?.id ?? '' }}>
          <Form.Item
            name="code"
            label="乡镇代码（9位）"
            rules={[{ required: true, pattern: /^\d{9}$/, message: '乡镇代码应为 9 位数字' }]}
          >
            <Input maxLength={9} />
          </Form.Item>
          <Form.Item
            name="name"
            label="乡镇名称"
            rules={[{ required: true, whitespace: true, message: '请填写乡镇名称' }]}
          >
            <Input maxLength={40} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

function FolderSettings({ settings, onSaved }: { settings: SyncSettings; onSaved(o: SyncOverview): void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<SyncSettings>();
  return (
    <Card size="small" title="交换设置">
      <Form
        form={form}
        layout="vertical"
        initialValues={settings}
        onFinish={async (v) => {
          try {
            onSaved(await call('sync.saveSettings', v));
            message.success('交换设置已保存');
          } catch (e) {
            message.error((e as Error).message);
          }
        }}
      >
        <FolderField
          form={form}
          name="outbox"
          label="发出文件夹（导出的交换包写到这里，可设为U盘或共享文件夹）"
        />
        <FolderField form={form} name="inbox" label="收件文件夹（对方发来的交换包放在这里）" />
        <Row gutter={12}>
          <Col span={8}>
            <Form.Item name="exportOnExit" label="关闭程序时自动导出" valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="pickUpAtStart" label="启动时提示待导入的包" valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item
              name="remindAfterDays"
              label="超过几天未交换时提醒"
              rules={[{ required: true, message: '请填写天数' }]}
            >
              <InputNumber min={1} max={90} addonAfter="天" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Button type="primary" htmlType="submit">
          保存
        </Button>
      </Form>
    </Card>
  );
}

/** A folder path: typed, or (in the Electron window) chosen with the system's folder picker. */
function FolderField({
  form,
  name,
  label,
}: {
  form: ReturnType<typeof Form.useForm<SyncSettings>>[0];
  name: 'inbox' | 'outbox';
  label: string;
}) {
  const pick = folderPicker();
  const what = name === 'inbox' ? '收件文件夹' : '发出文件夹';
  return (
    <Form.Item label={label} required>
      <Space.Compact style={{ width: '100%' }}>
        <Form.Item name={name} noStyle rules={[{ required: true, message: `请填写${what}` }]}>
          <Input aria-label={what} />
        </Form.Item>
        {pick ? (
          <Button
            onClick={async () => {
              const chosen = await pick(`选择${what}`, form.getFieldValue(name) as string);
              if (chosen) form.setFieldValue(name, chosen);
            }}
          >
            选择…
          </Button>
        ) : null}
      </Space.Compact>
    </Form.Item>
  );
}
