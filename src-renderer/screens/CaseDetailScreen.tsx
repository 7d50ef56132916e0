/** Case detail: the registration, its petitioners and attachments, and its timeline of events. */
import { useCallback, useEffect, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Image,
  List,
  Modal,
  Row,
  Space,
  Spin,
  Table,
  Tag,
  Timeline,
} from 'antd';
import { ArrowLeftOutlined, EditOutlined, PaperClipOutlined } from '@ant-design/icons';
import {
  STEP_KINDS,
  type CaseDetail,
  type CaseStatus,
  type PetitionerView,
  type StepKind,
} from '../../src-main/contract';
import { call } from '../lib/api-client';
import { useApp } from '../lib/app-context';
import { categoryPath, FLAG_COLORS, label, showDateTime } from '../lib/format';
import { navigate } from '../lib/router';
import { formatSize, UploadButton } from '../components/AttachmentPicker';
import { LettersCard } from '../components/LettersCard';
import { DeadlineStrip } from '../components/DeadlineStrip';
import { EventText, eventColor } from '../components/EventText';
import { StepDialog } from '../components/StepDialog';
import { EditDrawer } from './case-detail/EditDrawer';
import { StepBar } from './case-detail/StepBar';

export function CaseDetailScreen({ id }: { id: string }) {
  const { settings } = useApp();
  const { message } = App.useApp();
  const [c, setCase] = useState<CaseDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  const [preview, setPreview] = useState<{ url: string; mime: string; name: string } | null>(null);
  const [step, setStep] = useState<StepKind | null>(null);

  const load = useCallback(() => {
    call('cases.get', { id }).then(setCase, (e: Error) => setError(e.message));
  }, [id]);
  useEffect(load, [load]);

  if (error)
    return (
      <Alert
        type="error"
        showIcon
        message={error}
        action={<Button onClick={() => navigate({ name: 'register' })}>返回台账</Button>}
      />
    );
  if (!c) return <Spin style={{ display: 'block', margin: 60 }} />;
  // assigned on to another township by the county: kept here for the record only
  const elsewhere = !!c.workflow.handledElsewhere;

  const village = (vid: string | null) => settings.villages.find((v) => v.id === vid)?.name ?? '';

  const openAttachment = async (attId: string) => {
    try {
      const f = await call('attachments.read', { id: attId });
      const bytes = Uint8Array.from(atob(f.base64), (ch) => ch.charCodeAt(0));
      setPreview({
        url: URL.createObjectURL(new Blob([bytes], { type: f.mime })),
        mime: f.mime,
        name: f.fileName,
      });
    } catch (e) {
      message.error((e as Error).message);
    }
  };

  return (
    <div style={{ maxWidth: 1280 }}>
      <Space style={{ marginBottom: 12 }}>
        <Button icon={<ArrowLeftOutlined />} onClick={() => history.back()}>
          返回
        </Button>
        <h2 className="screen-title" style={{ margin: 0 }}>
          信访事项 <span data-testid="case-no">{c.caseNo}</span>
        </h2>
        {c.flags.map((f) => (
          <Tag key={f} color={FLAG_COLORS[f]}>
            {label.flag(f)}
          </Tag>
        ))}
        <Tag color={STATUS_COLORS[c.workflow.status] ?? 'blue'} data-testid="case-status">
          {label.status(c.workflow.status)}
        </Tag>
      </Space>
      <DeadlineStrip deadlines={c.workflow.deadlines} />
      <StepBar c={c} settings={settings} onStep={setStep} />
      <Row gutter={16}>
        <Col span={16}>
          <Card
            size="small"
            title="登记信息"
            extra={
              !elsewhere && (
                <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(true)}>
                  修改登记信息
                </Button>
              )
            }
            style={{ marginBottom: 12 }}
          >
            <Descriptions size="small" column={3} bordered>
              <Descriptions.Item label="信访编号">{c.caseNo}</Descriptions.Item>
              <Descriptions.Item label="查询码">
                <strong data-testid="query-code" style={{ letterSpacing: 2 }}>
                  {c.queryCode}
                </strong>
              </Descriptions.Item>
              <Descriptions.Item label="信访形式">
                {label.channel(c.channel)}
                {c.proxyBy ? `（代理人：${c.proxyBy}）` : ''}
              </Descriptions.Item>
              <Descriptions.Item label="收到时间">{showDateTime(c.receivedAt)}</Descriptions.Item>
              <Descriptions.Item label="登记">
                {c.registeredBy ?? ''} {showDateTime(c.registeredAt)}
              </Descriptions.Item>
              <Descriptions.Item label="人数">{c.peopleCount}</Descriptions.Item>
              <Descriptions.Item label="事项性质">{label.matterType(c.matterType)}</Descriptions.Item>
              <Descriptions.Item label="内容分类">
                {categoryPath(settings.categories, c.categoryId)}
              </Descriptions.Item>
              <Descriptions.Item label="问题属地">{village(c.villageId)}</Descriptions.Item>
              {c.repeatOf && (
                <Descriptions.Item label="重复件，原事项" span={3}>
                  <a href={`#/case/${c.repeatOf.id}`}>{c.repeatOf.caseNo}</a>
                </Descriptions.Item>
              )}
              <Descriptions.Item label="内容摘要" span={3}>
                {c.summary}
              </Descriptions.Item>
              <Descriptions.Item label="信访内容" span={3}>
                <div style={{ whiteSpace: 'pre-wrap' }}>{c.content}</div>
              </Descriptions.Item>
            </Descriptions>
          </Card>
          <Card size="small" title={`信访人（${c.petitioners.length}）`} style={{ marginBottom: 12 }}>
            <Table<PetitionerView>
              size="small"
              rowKey="id"
              pagination={false}
              dataSource={c.petitioners}
              locale={{ emptyText: '匿名信访' }}
              columns={[
                {
                  title: '姓名',
                  dataIndex: 'name',
                  render: (n: string, p) =>
                    p.representative ? (
                      <Space>
                        {n}
                        <Tag color="red">代表</Tag>
                      </Space>
                    ) : (
                      n
                    ),
                },
                { title: '身份证号', dataIndex: 'idNumber' },
                {
                  title: '性别',
                  dataIndex: 'gender',
                  render: (g: string | null) => (g === 'male' ? '男' : g === 'female' ? '女' : ''),
                },
                { title: '出生日期', dataIndex: 'birthDate' },
                { title: '电话', dataIndex: 'phone' },
                { title: '村/社区', dataIndex: 'villageId', render: (v: string | null) => village(v) },
                { title: '住址', dataIndex: 'address' },
              ]}
            />
          </Card>
          <Card
            size="small"
            title={`附件（${c.attachments.length}）`}
            extra={
              !elsewhere && (
                <UploadButton
                  label="添加附件"
                  onUploaded={async (file) => setCase(await call('attachments.add', { caseId: c.id, file }))}
                />
              )
            }
          >
            <List
              size="small"
              data-testid="attachment-list"
              dataSource={c.attachments}
              locale={{ emptyText: '无附件' }}
              renderItem={(a) => (
                <List.Item
                  actions={[
                    <a key="view" onClick={() => openAttachment(a.id)}>
                      查看
                    </a>,
                  ]}
                >
                  <PaperClipOutlined /> {a.fileName}{' '}
                  <span className="muted">
                    {formatSize(a.size)} · {showDateTime(a.addedAt)}
                  </span>
                </List.Item>
              )}
            />
          </Card>
        </Col>
        <Col span={8}>
          <LettersCard c={c} onChanged={load} readOnly={elsewhere} />
          <Card size="small" title="办理过程">
            <Timeline
              items={c.events.map((e) => ({
                key: e.id,
                color: eventColor(e.kind),
                content: <EventText event={e} settings={settings} events={c.events} />,
              }))}
            />
          </Card>
        </Col>
      </Row>
      {step && (
        <StepDialog
          key={step}
          c={c}
          kind={step}
          onClose={() => setStep(null)}
          onRefused={load}
          onDone={(updated) => (setCase(updated), message.success(`已记录：${STEP_KINDS[step]}`))}
        />
      )}
      <EditDrawer
        c={c}
        open={editing}
        onClose={() => setEditing(false)}
        onSaved={(updated) => (
          setCase(updated),
          setEditing(false),
          message.success('已保存修改，修改记录见“办理过程”')
        )}
      />
      <Modal
        open={!!preview}
        title={preview?.name}
        footer={null}
        width={900}
        onCancel={() => (preview && URL.revokeObjectURL(preview.url), setPreview(null))}
      >
        {preview?.mime.startsWith('image/') ? (
          <Image src={preview.url} alt={preview.name} preview={false} style={{ maxWidth: '100%' }} />
        ) : preview ? (
          <iframe title={preview.name} src={preview.url} style={{ width: '100%', height: 640, border: 0 }} />
        ) : null}
      </Modal>
    </div>
  );
}

const STATUS_COLORS: Partial<Record<CaseStatus, string>> = {
  closed: 'green',
  notAccepted: 'default',
  forwarded: 'default',
  notReaccepted: 'default',
};
