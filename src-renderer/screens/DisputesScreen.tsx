/**
 * 矛盾纠纷排查台账: disputes found by screening, filtered by status, village and date, added and
 * edited in a form (Ctrl+Enter saves), moved through their status, deleted after a confirmation.
 * The county sees every township's, read-only.
 */
import { useEffect, useState } from 'react';
import {
  Alert,
  App,
  Button,
  DatePicker,
  Form,
  Input,
  Modal,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import {
  DISPUTE_STATUSES,
  DISPUTE_TYPES,
  disputeInput,
  disputeStatusInput,
  type DisputeInput,
  type DisputeStatus,
  type DisputeType,
  type DisputeView,
} from '../../src-main/contract';
import { call } from '../lib/api-client';
import { removeAndReload, useFormSave, useLoaded } from '../lib/use-loaded';
import { useApp } from '../lib/app-context';
import { options } from '../lib/format';
import { pinyinFilter } from '../lib/pinyin-filter';
import { onCtrlEnter } from '../lib/keys';
import { DISPUTES_FILTER_KEY } from '../lib/open-cases';
import { schemaForm, type SchemaForm } from '../lib/schema-rules';

const STATUS_COLORS: Record<DisputeStatus, string> = {
  pending: 'orange',
  mediating: 'blue',
  resolved: 'green',
  referred: 'default',
};

interface Filter {
  status?: DisputeStatus[];
  villageId?: string[];
  officeId?: string[];
  range?: [string, string] | null;
  /** set by a report figure: the range is of the day resolved */
  dateOf?: 'found' | 'resolved';
}

/** The filter a report figure left (open-cases.ts openDisputes), taken once. */
function takeFilter(): Filter {
  const saved = sessionStorage.getItem(DISPUTES_FILTER_KEY);
  sessionStorage.removeItem(DISPUTES_FILTER_KEY);
  return saved ? (JSON.parse(saved) as Filter) : {};
}

interface FormValues {
  foundOn: Dayjs;
  villageId?: string | null;
  parties: { name: string; phone?: string }[];
  kind: DisputeInput['kind'];
  description: string;
  mediator?: string;
  status: DisputeStatus;
  resolvedOn?: Dayjs | null;
  resolution?: string;
}

interface StatusValues {
  status: DisputeStatus;
  resolvedOn?: Dayjs | null;
  resolution?: string;
}

const ended = (s: DisputeStatus | undefined) => s === 'resolved' || s === 'referred';
const day = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : null);

/** The form's values as the services are sent them (and the contract checks them). */
const disputeOf =
  (id: string | undefined) =>
  (v: FormValues): DisputeInput => ({
    id,
    foundOn: day(v.foundOn) ?? '',
    villageId: v.villageId ?? null,
    parties: (v.parties ?? []).map((p) => ({ name: p?.name ?? '', phone: p?.phone || undefined })),
    kind: v.kind,
    description: v.description ?? '',
    mediator: v.mediator ?? '',
    status: v.status,
    resolvedOn: ended(v.status) ? day(v.resolvedOn) : null,
    resolution: ended(v.status) ? (v.resolution ?? '') : '',
  });

export function DisputesScreen() {
  const { settings } = useApp();
  const { message } = App.useApp();
  const county = settings.office.level === 'county';
  const [filter, setFilter] = useState<Filter>(takeFilter);
  const [editing, setEditing] = useState<DisputeView | 'new' | null>(null);
  const [statusOf, setStatusOf] = useState<DisputeView | null>(null);

  const {
    value: list,
    error,
    reload: load,
  } = useLoaded(
    () =>
      call('disputes.list', {
        filter: {
          status: filter.status?.length ? filter.status : undefined,
          villageId: filter.villageId?.length ? filter.villageId : undefined,
          officeId: filter.officeId?.length ? filter.officeId : undefined,
          from: filter.range?.[0] || undefined,
          to: filter.range?.[1] || undefined,
          dateOf: filter.dateOf,
        },
      }),
    [filter],
  );

  const remove = (d: DisputeView) =>
    removeAndReload(() => call('disputes.remove', { id: d.id }), '已删除', load, message);

  const own = (d: DisputeView) => d.officeId === settings.office.id;
  /** One multiple-choice filter: its label is its placeholder and its accessible name. */
  const multi = (
    key: 'status' | 'officeId' | 'villageId',
    name: string,
    choices: { value: string; label: string }[],
  ) => (
    <Select
      mode="multiple"
      allowClear
      aria-label={name}
      placeholder={name}
      style={{ minWidth: 140 }}
      value={filter[key]}
      onChange={(v: string[]) => setFilter({ ...filter, [key]: v })}
      options={choices}
      showSearch={{ filterOption: pinyinFilter }}
    />
  );
  return (
    <div>
      <Space style={{ justifyContent: 'space-between', width: '100%', marginBottom: 8 }}>
        <h2 className="screen-title" style={{ margin: 0 }}>
          矛盾纠纷排查台账
        </h2>
        <Space>
          {list
            ? (Object.keys(DISPUTE_STATUSES) as DisputeStatus[])
                .filter((k) => list.byStatus[k])
                .map((k) => (
                  <Tag key={k} color={STATUS_COLORS[k]}>
                    {DISPUTE_STATUSES[k]} {list.byStatus[k]}
                  </Tag>
                ))
            : null}
          <Typography.Text data-testid="disputes-total">
            {list ? `共 ${list.total} 件` : '查询中…'}
          </Typography.Text>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            登记矛盾纠纷
          </Button>
        </Space>
      </Space>
      <Space wrap style={{ marginBottom: 10 }}>
        {multi('status', '调处状态', options(DISPUTE_STATUSES))}
        {county &&
          multi(
            'officeId',
            '乡镇',
            settings.townships.map((o) => ({ value: o.id, label: o.name })),
          )}
        {settings.villages.length > 0 &&
          multi(
            'villageId',
            '村/社区',
            settings.villages.map((v) => ({ value: v.id, label: v.name })),
          )}
        <DatePicker.RangePicker
          aria-label={filter.dateOf === 'resolved' ? '化解日期' : '发现日期'}
          allowEmpty={[true, true]}
          value={
            filter.range
              ? [
                  filter.range[0] ? dayjs(filter.range[0]) : null,
                  filter.range[1] ? dayjs(filter.range[1]) : null,
                ]
              : null
          }
          onChange={(v: [Dayjs | null, Dayjs | null] | null) =>
            setFilter({
              ...filter,
              range: v ? [v[0]?.format('YYYY-MM-DD') ?? '', v[1]?.format('YYYY-MM-DD') ?? ''] : null,
            })
          }
          placeholder={['发现日期起', '止']}
        />
        {filter.dateOf === 'resolved' ? (
          <Tag
            closable
            color="blue"
            onClose={() => setFilter({ ...filter, dateOf: undefined, range: null })}
            data-testid="resolved-range"
          >
            统计：期间内化解的纠纷
          </Tag>
        ) : null}
        <Button onClick={() => setFilter({})}>重置</Button>
      </Space>
      {error ? <Alert type="error" showIcon message={error} style={{ marginBottom: 8 }} /> : null}
      {list && list.total > list.rows.length ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 8 }}
          message={`共 ${list.total} 件，列出最近的 ${list.rows.length} 件；请用日期等条件缩小范围`}
        />
      ) : null}
      <Table<DisputeView>
        size="small"
        rowKey="id"
        loading={!list && !error}
        dataSource={list?.rows ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
        locale={{ emptyText: '暂无矛盾纠纷记录' }}
        columns={[
          { title: '发现日期', dataIndex: 'foundOn', width: 104 },
          ...(county ? [{ title: '乡镇', dataIndex: 'office', width: 100 }] : []),
          { title: '村/社区', dataIndex: 'village', width: 100, render: (v: string | null) => v ?? '—' },
          {
            title: '当事人',
            width: 190,
            render: (_: unknown, d: DisputeView) =>
              d.parties.map((p) => (p.phone ? `${p.name}（${p.phone}）` : p.name)).join('、'),
          },
          {
            title: '类型',
            dataIndex: 'kind',
            width: 96,
            render: (k: keyof typeof DISPUTE_TYPES) => DISPUTE_TYPES[k] ?? k,
          },
          { title: '简要情况', dataIndex: 'description', ellipsis: true },
          {
            title: '调处人',
            dataIndex: 'mediator',
            width: 120,
            ellipsis: true,
            render: (v: string) => v || '—',
          },
          {
            title: '状态',
            dataIndex: 'status',
            width: 86,
            render: (s: DisputeStatus) => <Tag color={STATUS_COLORS[s]}>{DISPUTE_STATUSES[s]}</Tag>,
          },
          {
            title: '化解 / 移交',
            width: 200,
            ellipsis: true,
            render: (_: unknown, d: DisputeView) =>
              ended(d.status) ? `${d.resolvedOn ? `${d.resolvedOn} ` : ''}${d.resolution}` : '—',
          },
          {
            title: '操作',
            width: 150,
            render: (_: unknown, d: DisputeView) =>
              own(d) ? (
                <Space size="small">
                  <a onClick={() => setEditing(d)}>编辑</a>
                  <a onClick={() => setStatusOf(d)}>调处状态</a>
                  <Popconfirm
                    title="删除这条矛盾纠纷记录？"
                    description="删除后将从台账和统计中去除，并随下次数据交换同步。"
                    okText="删除"
                    okButtonProps={{ danger: true }}
                    cancelText="取消"
                    onConfirm={() => remove(d)}
                  >
                    <a>删除</a>
                  </Popconfirm>
                </Space>
              ) : (
                <span className="muted">—</span>
              ),
          },
        ]}
      />
      {editing ? (
        <DisputeForm
          dispute={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={async () => {
            setEditing(null);
            await load();
          }}
        />
      ) : null}
      {statusOf ? (
        <StatusDialog
          dispute={statusOf}
          onClose={() => setStatusOf(null)}
          onSaved={async () => {
            setStatusOf(null);
            await load();
          }}
        />
      ) : null}
    </div>
  );
}

function DisputeForm({
  dispute,
  onClose,
  onSaved,
}: {
  dispute: DisputeView | null;
  onClose(): void;
  onSaved(): Promise<void>;
}) {
  const { settings } = useApp();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const status = Form.useWatch('status', form);

  // the form needs the phones whole: the list masks them
  useEffect(() => {
    if (!dispute) return;
    // a dispute opened before this one and answering late must not fill this one's form
    let live = true;
    call('disputes.get', { id: dispute.id }).then(
      (d) =>
        live &&
        form.setFieldsValue({
          foundOn: dayjs(d.foundOn),
          villageId: d.villageId,
          parties: d.parties.map((p) => ({ name: p.name, phone: p.phone ?? '' })),
          kind: d.kind,
          description: d.description,
          mediator: d.mediator,
          status: d.status,
          resolvedOn: d.resolvedOn ? dayjs(d.resolvedOn) : null,
          resolution: d.resolution,
        }),
      (e: Error) => live && message.error(e.message),
    );
    return () => {
      live = false;
    };
  }, [dispute, form, message]);

  const toInput = disputeOf(dispute?.id);
  // the field rules, the dispute's ending among them, are the contract's
  const f = schemaForm(disputeInput, (v) => toInput(v as unknown as FormValues));

  const { save, saving } = useFormSave(
    form,
    message,
    async (v) => {
      await call('disputes.save', toInput(v));
      return dispute ? '已保存修改' : '已登记，将随下次数据交换报送';
    },
    onSaved,
  );

  return (
    <Modal
      open
      width={720}
      title={dispute ? '编辑矛盾纠纷' : '登记矛盾纠纷'}
      okText="保存（Ctrl+Enter）"
      cancelText="取消"
      confirmLoading={saving}
      onOk={save}
      onCancel={onClose}
      maskClosable={false}
      destroyOnHidden
    >
      <div onKeyDown={onCtrlEnter(save)}>
        <Form<FormValues>
          form={form}
          layout="vertical"
          initialValues={{ foundOn: dayjs(), parties: [{ name: '', phone: '' }], status: 'pending' }}
          requiredMark
        >
          <Space size="large" align="start" wrap>
            <Form.Item name="foundOn" label="发现日期" rules={f.rules('foundOn', '发现日期')}>
              <DatePicker
                aria-label="发现日期"
                allowClear={false}
                disabledDate={(d) => d.isAfter(dayjs(), 'day')}
                autoFocus
              />
            </Form.Item>
            <Form.Item name="villageId" label="村/社区">
              <Select
                aria-label="村/社区"
                allowClear
                style={{ width: 180 }}
                placeholder="选择村/社区"
                options={settings.villages.map((v) => ({ value: v.id, label: v.name }))}
                showSearch={{ filterOption: pinyinFilter }}
              />
            </Form.Item>
            <Form.Item name="kind" label="纠纷类型" rules={f.rules('kind', '纠纷类型')}>
              <Select
                aria-label="纠纷类型"
                style={{ width: 160 }}
                placeholder="选择类型"
                options={f
                  .options('kind')
                  ?.map((k) => ({ value: k, label: DISPUTE_TYPES[k as DisputeType] }))}
                showSearch={{ filterOption: pinyinFilter }}
              />
            </Form.Item>
          </Space>
          <Form.List name="parties">
            {(parties, { add, remove }) => (
              <Form.Item label="当事人（姓名及联系电话，调解所需，不登记身份证号）" required>
                {parties.map((p, i) => (
                  <Space key={p.key} align="baseline" style={{ display: 'flex' }}>
                    <Form.Item
                      name={[p.name, 'name']}
                      rules={f.rules(['parties', p.name, 'name'], '当事人姓名')}
                    >
                      <Input
                        aria-label={`当事人${i + 1}姓名`}
                        placeholder="姓名"
                        style={{ width: 180 }}
                        count={f.count(['parties', p.name, 'name'])}
                      />
                    </Form.Item>
                    <Form.Item
                      name={[p.name, 'phone']}
                      rules={f.rules(['parties', p.name, 'phone'], '联系电话')}
                    >
                      <Input
                        aria-label={`当事人${i + 1}电话`}
                        placeholder="联系电话（可不填）"
                        style={{ width: 200 }}
                      />
                    </Form.Item>
                    {parties.length > 1 ? (
                      <MinusCircleOutlined aria-label={`删去当事人${i + 1}`} onClick={() => remove(p.name)} />
                    ) : null}
                  </Space>
                ))}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ name: '', phone: '' })}>
                  增加当事人
                </Button>
              </Form.Item>
            )}
          </Form.List>
          <Form.Item name="description" label="纠纷简要情况" rules={f.rules('description', '纠纷简要情况')}>
            <Input.TextArea
              aria-label="纠纷简要情况"
              rows={3}
              count={f.count('description')}
              placeholder="起因、争议焦点、当前情况"
            />
          </Form.Item>
          <Space size="large" align="start" wrap>
            <Form.Item name="mediator" label="调处人" rules={f.rules('mediator', '调处人')}>
              <Input
                aria-label="调处人"
                style={{ width: 240 }}
                count={f.count('mediator')}
                placeholder="如 司法所王某、村调委会"
              />
            </Form.Item>
            <Form.Item name="status" label="调处状态">
              <Select aria-label="调处状态" style={{ width: 140 }} options={options(DISPUTE_STATUSES)} />
            </Form.Item>
            {status === 'resolved' ? (
              <Form.Item
                name="resolvedOn"
                label="化解日期"
                required
                rules={f.rules('resolvedOn', '化解日期')}
                dependencies={['foundOn']}
              >
                <DatePicker aria-label="化解日期" disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
              </Form.Item>
            ) : null}
          </Space>
          <ResolutionField status={status} rows={2} form={f} />
        </Form>
      </div>
    </Modal>
  );
}

function StatusDialog({
  dispute,
  onClose,
  onSaved,
}: {
  dispute: DisputeView;
  onClose(): void;
  onSaved(): Promise<void>;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<StatusValues>();
  const status = Form.useWatch('status', form);
  const toInput = (v: StatusValues) => ({
    id: dispute.id,
    status: v.status,
    resolvedOn: v.status === 'resolved' ? day(v.resolvedOn) : null,
    resolution: v.resolution ?? '',
  });
  const f = schemaForm(disputeStatusInput, (v) => toInput(v as unknown as StatusValues));
  const { save, saving } = useFormSave(
    form,
    message,
    async (v) => {
      await call('disputes.setStatus', toInput(v));
      return `已改为“${DISPUTE_STATUSES[v.status]}”`;
    },
    onSaved,
  );
  return (
    <Modal
      open
      title={`调处状态：${dispute.parties.map((p) => p.name).join('、')}`}
      okText="保存（Ctrl+Enter）"
      cancelText="取消"
      confirmLoading={saving}
      onOk={save}
      onCancel={onClose}
      destroyOnHidden
    >
      <div onKeyDown={onCtrlEnter(save)}>
        <Form
          form={form}
          layout="vertical"
          initialValues={{
            status: dispute.status,
            resolvedOn: dispute.resolvedOn ? dayjs(dispute.resolvedOn) : dayjs(),
            resolution: dispute.resolution,
          }}
        >
          <Form.Item name="status" label="调处状态" rules={f.rules('status', '调处状态')}>
            <Select aria-label="新的调处状态" autoFocus options={options(DISPUTE_STATUSES)} />
          </Form.Item>
          {status === 'resolved' ? (
            // required once resolved: the contract's rule of an ending (the mark only is the screen's)
            <Form.Item name="resolvedOn" label="化解日期" required rules={f.rules('resolvedOn', '化解日期')}>
              <DatePicker
                aria-label="化解日期"
                disabledDate={(d) => d.isAfter(dayjs(), 'day') || d.isBefore(dayjs(dispute.foundOn), 'day')}
              />
            </Form.Item>
          ) : null}
          <ResolutionField status={status} rows={3} form={f} />
        </Form>
      </div>
    </Modal>
  );
}

/** How an ended dispute ended: the settlement, or where it was passed on and why (required then). */
function ResolutionField({
  status,
  rows,
  form,
}: {
  status: DisputeStatus | undefined;
  rows: number;
  form: SchemaForm;
}) {
  if (!ended(status)) return null;
  const name = status === 'resolved' ? '化解情况' : '移交去向及理由';
  // required once ended: the contract's rule of an ending says so and words it (the mark only is the screen's)
  return (
    <Form.Item name="resolution" label={name} required rules={form.rules('resolution', name)}>
      <Input.TextArea aria-label={name} rows={rows} count={form.count('resolution')} />
    </Form.Item>
  );
}
