/**
 * 矛盾纠纷排查台账: disputes found by screening, filtered by status, village and date, added and
 * edited in a form (Ctrl+Enter saves), moved through their status, deleted after a confirmation.
 * The county sees every township's, read-only.
 */
import { useState } from 'react';
import { Alert, App, Button, DatePicker, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import {
  DISPUTE_STATUSES,
  DISPUTE_TYPES,
  type DisputeStatus,
  type DisputeView,
} from '../../src-main/contract';
import { call } from '../lib/api-client';
import { removeAndReload, useLoaded } from '../lib/use-loaded';
import { useApp } from '../lib/app-context';
import { options } from '../lib/format';
import { pinyinFilter } from '../lib/pinyin-filter';
import { DISPUTES_FILTER_KEY } from '../lib/open-cases';
import { DisputeForm } from './disputes/DisputeForm';
import { StatusDialog } from './disputes/StatusDialog';
import { ended } from './disputes/values';

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
