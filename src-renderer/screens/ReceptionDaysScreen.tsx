/**
 * 领导接访日: the month's schedule (date, hours, leader on duty, place) and for each day the
 * visits received within its hours, linked to their case screens, counted in 批次/人次.
 */
import { useState } from 'react';
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
import { PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import {
  STAFF_ROLES,
  receptionDayInput,
  type ReceivedCase,
  type ReceptionDayInput,
  type ReceptionDayView,
} from '../../src-main/contract';
import { call } from '../lib/api-client';
import { removeAndReload, useFormSave, useLoaded } from '../lib/use-loaded';
import { useApp } from '../lib/app-context';
import { label, showDateTime } from '../lib/format';
import { pinyinFilter } from '../lib/pinyin-filter';
import { href } from '../lib/router';
import { onCtrlEnter } from '../lib/keys';
import { schemaForm } from '../lib/schema-rules';

interface FormValues {
  date: Dayjs;
  startTime: string;
  endTime: string;
  leaderId: string;
  place?: string;
  note?: string;
}

export function ReceptionDaysScreen() {
  const { settings } = useApp();
  const { message } = App.useApp();
  const county = settings.office.level === 'county';
  const [month, setMonth] = useState(() => dayjs().startOf('month'));
  const [editing, setEditing] = useState<ReceptionDayView | 'new' | null>(null);

  const {
    value: days,
    error,
    reload: load,
  } = useLoaded(
    () =>
      call('receptionDays.list', {
        from: month.format('YYYY-MM-DD'),
        to: month.endOf('month').format('YYYY-MM-DD'),
      }),
    [month],
  );

  const remove = (d: ReceptionDayView) =>
    removeAndReload(() => call('receptionDays.remove', { id: d.id }), '已删除该接访日安排', load, message);

  const held = new Set((days ?? []).map((d) => `${d.officeId}/${d.date}`)).size;
  const batches = (days ?? []).reduce((n, d) => n + d.batches, 0);
  const persons = (days ?? []).reduce((n, d) => n + d.persons, 0);
  return (
    <div style={{ maxWidth: 1200 }}>
      <Space style={{ justifyContent: 'space-between', width: '100%', marginBottom: 8 }}>
        <h2 className="screen-title" style={{ margin: 0 }}>
          领导接访日
        </h2>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
          安排接访日
        </Button>
      </Space>
      <Space style={{ marginBottom: 10 }} wrap>
        <Button onClick={() => setMonth(month.subtract(1, 'month'))}>上月</Button>
        <DatePicker
          picker="month"
          aria-label="月份"
          allowClear={false}
          value={month}
          onChange={(m: Dayjs | null) => m && setMonth(m.startOf('month'))}
        />
        <Button onClick={() => setMonth(month.add(1, 'month'))}>下月</Button>
        <Typography.Text data-testid="reception-total">
          本月接访日 {held} 天，接待来访 {batches} 批 {persons} 人次
        </Typography.Text>
      </Space>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        每个接访日接待的事项按台账自动列出：接访时段内收到的“来访”事项。
      </Typography.Paragraph>
      {error ? <Alert type="error" showIcon message={error} style={{ marginBottom: 8 }} /> : null}
      <Table<ReceptionDayView>
        size="small"
        rowKey="id"
        loading={!days && !error}
        dataSource={days ?? []}
        pagination={false}
        locale={{ emptyText: '本月尚未安排接访日' }}
        expandable={{
          rowExpandable: (d) => d.cases.length > 0,
          expandedRowRender: (d) => <ReceivedCases cases={d.cases} />,
        }}
        columns={[
          {
            title: '日期',
            dataIndex: 'date',
            width: 130,
            render: (v: string) => `${v} ${dayjs(v).format('ddd')}`,
          },
          { title: '时间', width: 110, render: (_, d) => `${d.startTime}–${d.endTime}` },
          ...(county ? [{ title: '单位', dataIndex: 'office', width: 110 }] : []),
          { title: '接访领导', dataIndex: 'leader', width: 100, render: (v: string | null) => v ?? '—' },
          { title: '地点', dataIndex: 'place', width: 160, render: (v: string) => v || '—' },
          {
            title: '接待来访',
            width: 140,
            render: (_, d) =>
              d.batches ? (
                `${d.batches}批 ${d.persons}人次`
              ) : (
                <span className="muted">{d.date > dayjs().format('YYYY-MM-DD') ? '未到' : '无'}</span>
              ),
          },
          { title: '备注', dataIndex: 'note', ellipsis: true, render: (v: string) => v || '—' },
          {
            title: '操作',
            width: 110,
            render: (_, d) =>
              d.officeId === settings.office.id ? (
                <Space size="small">
                  <a onClick={() => setEditing(d)}>修改</a>
                  <Popconfirm
                    title="删除这个接访日安排？"
                    description="接待的事项仍在台账中，只是不再列在此接访日下。"
                    okText="删除"
                    okButtonProps={{ danger: true }}
                    cancelText="取消"
                    onConfirm={() => remove(d)}
                  >
                    <a>删除</a>
                  </Popconfirm>
                </Space>
              ) : null,
          },
        ]}
      />
      {editing ? (
        <ReceptionForm
          day={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={async () => {
            setEditing(null);
            await load();
          }}
        />
      ) : null}
    </div>
  );
}

function ReceivedCases({ cases }: { cases: ReceivedCase[] }) {
  return (
    <Table<ReceivedCase>
      size="small"
      rowKey="id"
      pagination={false}
      dataSource={cases}
      columns={[
        {
          title: '编号',
          dataIndex: 'caseNo',
          width: 200,
          render: (v: string, c) => <a href={href({ name: 'case', id: c.id })}>{v}</a>,
        },
        { title: '收到时间', dataIndex: 'receivedAt', width: 140, render: (v: string) => showDateTime(v) },
        { title: '信访人', dataIndex: 'petitioners', width: 150, render: (v: string) => v || '（匿名）' },
        { title: '人数', dataIndex: 'peopleCount', width: 60 },
        { title: '内容摘要', dataIndex: 'summary', ellipsis: true },
        {
          title: '状态',
          dataIndex: 'status',
          width: 100,
          render: (v: string) => <Tag>{label.status(v)}</Tag>,
        },
      ]}
    />
  );
}

function ReceptionForm({
  day,
  onClose,
  onSaved,
}: {
  day: ReceptionDayView | null;
  onClose(): void;
  onSaved(): Promise<void>;
}) {
  const { settings } = useApp();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  // leaders first: the duty is theirs, but a township may have listed its heads under another role
  const staff = [...settings.staff].sort((a, b) => Number(b.role === 'leader') - Number(a.role === 'leader'));

  const toInput = (v: FormValues): ReceptionDayInput => ({
    id: day?.id,
    date: v.date ? v.date.format('YYYY-MM-DD') : '',
    startTime: v.startTime,
    endTime: v.endTime,
    leaderId: v.leaderId,
    place: v.place ?? '',
    note: v.note ?? '',
  });
  // the contract's rules, 结束时间应晚于开始时间 among them
  const f = schemaForm(receptionDayInput, (v) => toInput(v as unknown as FormValues));

  const { save, saving } = useFormSave(
    form,
    message,
    async (v) => {
      await call('receptionDays.save', toInput(v));
      return '已保存接访日安排';
    },
    onSaved,
  );

  return (
    <Modal
      open
      title={day ? '修改接访日' : '安排接访日'}
      okText="保存（Ctrl+Enter）"
      cancelText="取消"
      confirmLoading={saving}
      onOk={save}
      onCancel={onClose}
      destroyOnHidden
      maskClosable={false}
    >
      <div onKeyDown={onCtrlEnter(() => void save())}>
        <Form<FormValues>
          form={form}
          layout="vertical"
          initialValues={
            day
              ? {
                  date: dayjs(day.date),
                  startTime: day.startTime,
                  endTime: day.endTime,
                  leaderId: day.leaderId,
                  place: day.place,
                  note: day.note,
                }
              : {
                  date: dayjs(),
                  startTime: '09:00',
                  endTime: '11:30',
                  place: '',
                  leaderId: staff[0]?.role === 'leader' ? staff[0].id : undefined,
                }
          }
        >
          <Form.Item name="date" label="接访日期" rules={f.rules('date', '接访日期')}>
            <DatePicker aria-label="接访日期" allowClear={false} autoFocus />
          </Form.Item>
          <Space align="start">
            <Form.Item name="startTime" label="开始时间" rules={f.rules('startTime', '开始时间', '请填写')}>
              <Input aria-label="开始时间" style={{ width: 110 }} placeholder="09:00" />
            </Form.Item>
            <Form.Item
              name="endTime"
              label="结束时间"
              rules={f.rules('endTime', '结束时间', '请填写')}
              dependencies={['startTime']}
            >
              <Input aria-label="结束时间" style={{ width: 110 }} placeholder="11:30" />
            </Form.Item>
          </Space>
          <Form.Item name="leaderId" label="接访领导" rules={f.rules('leaderId', '接访领导')}>
            <Select
              aria-label="接访领导"
              placeholder="选择值班领导"
              options={staff.map((s) => ({ value: s.id, label: `${s.name}（${STAFF_ROLES[s.role]}）` }))}
              showSearch={{ filterOption: pinyinFilter }}
            />
          </Form.Item>
          <Form.Item name="place" label="接访地点" rules={f.rules('place', '接访地点')}>
            <Input aria-label="接访地点" count={f.count('place')} placeholder="如 镇信访接待室" />
          </Form.Item>
          <Form.Item name="note" label="备注" rules={f.rules('note', '备注')}>
            <Input aria-label="接访备注" count={f.count('note')} />
          </Form.Item>
        </Form>
      </div>
    </Modal>
  );
}
