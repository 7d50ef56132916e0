/**
 * 日报告. A township produces the day's report in one click (today's or a chosen day's): what it
 * will say is shown first, a 零报告 when nothing new came in; issued reports are frozen and listed,
 * and go to the county with the next package. Issuing a day again asks first and keeps the earlier
 * report. The county sees a table of townships × days: who reported, zero reports, who did not.
 */
import { useCallback, useEffect, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Input,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import {
  CHANNELS,
  api,
  type DailyFigures,
  type DailyReportMatrix,
  type DailyReportPreview,
  type DailyReportView,
} from '../../src-main/contract';
import { call } from '../lib/api-client';
import { useApp } from '../lib/app-context';
import { useLoaded } from '../lib/use-loaded';
import { schemaForm } from '../lib/schema-rules';

/** the note's counter, from the contract: a longer note is refused by the services, never cut */
const noteCount = schemaForm(api['dailyReports.issue'].input).count('note');
import { showDateTime } from '../lib/format';

const today = () => dayjs().format('YYYY-MM-DD');

/** 来访 2批8人次、来信 1批1人次 */
function channelWords(f: DailyFigures): string {
  const parts = Object.entries(f.petitions.byChannel).map(
    ([c, v]) => `${CHANNELS[c as keyof typeof CHANNELS] ?? c} ${v.batches}批${v.persons}人次`,
  );
  return parts.length ? parts.join('、') : '—';
}

export function DailyReportScreen() {
  const { settings } = useApp();
  return settings.office.level === 'county' ? <CountyMatrix /> : <TownshipReports />;
}

function TownshipReports() {
  const { message, modal } = App.useApp();
  const [date, setDate] = useState(today());
  const [preview, setPreview] = useState<DailyReportPreview | null>(null);
  const [note, setNote] = useState('');
  const [reports, setReports] = useState<DailyReportView[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      const [p, list] = await Promise.all([
        call('dailyReports.preview', { date }),
        call('dailyReports.list', {}),
      ]);
      setPreview(p);
      setReports(list);
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    }
  }, [date]);
  useEffect(() => void load(), [load]);

  const issue = async (replace: boolean) => {
    setBusy(true);
    try {
      const r = await call('dailyReports.issue', { date, note, replace });
      message.success(`${r.date} ${r.zero ? '零报告' : '日报告'}已生成，将随下次数据交换报送县信访局`);
      setNote('');
      await load();
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const produce = () => {
    if (!preview?.issued) return void issue(false);
    const was = preview.issued;
    modal.confirm({
      title: `${date} 已上报过日报告`,
      content: `已于 ${showDateTime(was.issuedAt)} 由${was.issuedBy ?? '（未知）'}上报（${was.zero ? '零报告' : `信访 ${was.petitions.batches}批${was.petitions.persons}人次，纠纷 ${was.disputes.found} 件`}）。按当前台账重新生成将替换它；原报告仍保留在列表中，标为“已替换”。`,
      okText: '重新生成并替换',
      cancelText: '取消',
      onOk: () => issue(true),
    });
  };

  const f = preview?.figures;
  return (
    <div style={{ maxWidth: 1200 }}>
      <h2 className="screen-title">日报告</h2>
      {error ? <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} /> : null}
      <Card size="small" style={{ marginBottom: 16 }} data-testid="daily-produce">
        <Space wrap align="center" style={{ marginBottom: 12 }}>
          <span>报告日期</span>
          <DatePicker
            aria-label="报告日期"
            allowClear={false}
            value={dayjs(date)}
            disabledDate={(d: Dayjs) => d.isAfter(dayjs(), 'day')}
            onChange={(d: Dayjs | null) => d && setDate(d.format('YYYY-MM-DD'))}
          />
          {date !== today() ? <Button onClick={() => setDate(today())}>回到今天</Button> : null}
        </Space>
        {f ? (
          <Descriptions size="small" bordered column={2} style={{ marginBottom: 12 }}>
            <Descriptions.Item label="本日新收信访">
              {f.petitions.batches}批 {f.petitions.persons}人次
            </Descriptions.Item>
            <Descriptions.Item label="按形式">{channelWords(f)}</Descriptions.Item>
            <Descriptions.Item label="新排查矛盾纠纷">{f.disputes.found} 件</Descriptions.Item>
            <Descriptions.Item label="化解矛盾纠纷">{f.disputes.resolved} 件</Descriptions.Item>
            <Descriptions.Item label="报告类型" span={2}>
              {f.zero ? <Tag color="green">零报告</Tag> : <Tag color="blue">有新情况</Tag>}
              <Typography.Text type="secondary">
                以上为按当前台账统计的数字，生成后即固定，之后修改台账不影响已上报的内容。
              </Typography.Text>
            </Descriptions.Item>
          </Descriptions>
        ) : null}
        {preview?.issued ? (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 12 }}
            message={`${date} 的日报告已于 ${showDateTime(preview.issued.issuedAt)} 由${preview.issued.issuedBy ?? '（未知）'}生成`}
          />
        ) : null}
        <Space.Compact style={{ width: '100%', maxWidth: 760 }}>
          <Input
            aria-label="备注"
            placeholder="备注（可不填）"
            value={note}
            count={noteCount}
            onChange={(e) => setNote(e.target.value)}
            onPressEnter={produce}
          />
          <Button
            type="primary"
            loading={busy}
            disabled={!preview}
            onClick={produce}
            data-testid="produce-report"
          >
            {preview?.issued ? '重新生成' : date === today() ? '生成今日日报告' : `生成 ${date} 日报告`}
          </Button>
        </Space.Compact>
      </Card>
      <h3 style={{ fontSize: 15, margin: '0 0 8px' }}>已生成的日报告</h3>
      <Table<DailyReportView>
        size="small"
        rowKey="id"
        loading={!reports && !error}
        dataSource={reports ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
        locale={{ emptyText: '尚未生成日报告' }}
        rowClassName={(r) => (r.replacedBy ? 'muted' : '')}
        columns={[
          { title: '日期', dataIndex: 'date', width: 110 },
          {
            title: '类型',
            width: 100,
            render: (_, r) => (r.zero ? <Tag color="green">零报告</Tag> : <Tag color="blue">有新情况</Tag>),
          },
          {
            title: '新收信访',
            width: 120,
            render: (_, r) => `${r.petitions.batches}批 ${r.petitions.persons}人次`,
          },
          { title: '按形式', ellipsis: true, render: (_, r) => channelWords(r) },
          {
            title: '纠纷 排查/化解',
            width: 120,
            render: (_, r) => `${r.disputes.found} / ${r.disputes.resolved}`,
          },
          { title: '备注', dataIndex: 'note', ellipsis: true, render: (v: string) => v || '—' },
          { title: '生成人', dataIndex: 'issuedBy', width: 90, render: (v: string | null) => v ?? '—' },
          {
            title: '生成时间',
            width: 190,
            render: (_, r) => (
              <Space size={4}>
                {showDateTime(r.issuedAt)}
                {r.late ? <Tag>补报</Tag> : null}
                {r.replacedBy ? <Tag color="default">已替换</Tag> : null}
              </Space>
            ),
          },
        ]}
      />
    </div>
  );
}

function CountyMatrix() {
  const [range, setRange] = useState<[string, string]>(() => [
    dayjs().subtract(6, 'day').format('YYYY-MM-DD'),
    today(),
  ]);
  const { value: matrix, error } = useLoaded(
    () => call('dailyReports.matrix', { from: range[0], to: range[1] }),
    [range],
  );

  const cell = (r: DailyReportView | undefined, day: string) => {
    // the day's report is due by its end: today is still open
    if (!r)
      return day > today() ? (
        <span className="muted">—</span>
      ) : day === today() ? (
        <Tag>待报</Tag>
      ) : (
        <Tag color="red">未报</Tag>
      );
    const words = r.zero
      ? '零报告'
      : [
          r.petitions.batches ? `${r.petitions.batches}批${r.petitions.persons}人` : '',
          r.disputes.found ? `纠纷${r.disputes.found}` : '',
        ]
          .filter(Boolean)
          .join(' ');
    return (
      <Tooltip
        title={`${r.issuedBy ?? ''} ${showDateTime(r.issuedAt)} 生成；信访 ${channelWords(r)}；纠纷排查 ${r.disputes.found} 件、化解 ${r.disputes.resolved} 件${r.note ? `；${r.note}` : ''}`}
      >
        <Tag color={r.zero ? 'green' : 'blue'}>
          {words}
          {r.late ? '（补）' : ''}
        </Tag>
      </Tooltip>
    );
  };

  return (
    <div>
      <h2 className="screen-title">各乡镇日报告上报情况</h2>
      <Space style={{ marginBottom: 10 }} wrap>
        <DatePicker.RangePicker
          aria-label="日期范围"
          allowClear={false}
          value={[dayjs(range[0]), dayjs(range[1])]}
          onChange={(v) => v?.[0] && v[1] && setRange([v[0].format('YYYY-MM-DD'), v[1].format('YYYY-MM-DD')])}
        />
        <Typography.Text type="secondary">
          乡镇的日报告随其交换包到达；尚未导入的交换包中的报告在此显示为“未报”。
        </Typography.Text>
      </Space>
      {error ? <Alert type="error" showIcon message={error} style={{ marginBottom: 8 }} /> : null}
      <Table
        size="small"
        rowKey="id"
        bordered
        scroll={{ x: 'max-content' }}
        pagination={false}
        loading={!matrix && !error}
        dataSource={matrix?.townships ?? []}
        locale={{ emptyText: '尚未登记乡镇' }}
        columns={[
          { title: '乡镇', dataIndex: 'name', fixed: 'left', width: 120 },
          {
            title: '未报天数',
            dataIndex: 'missing',
            width: 80,
            fixed: 'left',
            render: (n: number) => (n ? <Typography.Text type="danger">{n}</Typography.Text> : 0),
          },
          ...(matrix?.days ?? []).map((day) => ({
            title: `${day.slice(5)} ${dayjs(day).format('dd')}`,
            key: day,
            width: 96,
            render: (_: unknown, t: DailyReportMatrix['townships'][number]) => cell(t.reports[day], day),
          })),
        ]}
      />
    </div>
  );
}
