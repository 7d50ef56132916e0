/**
 * 统计报表: the office's figures for a day, month, quarter, year or any range, beside 同比 and 环比,
 * with each rate's definition beside it, a monthly trend, breakdowns, and in county mode the
 * townships' table. Every figure opens the register filtered to the cases behind it.
 */
import { useEffect, useMemo, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Row,
  Segmented,
  Select,
  Space,
  Spin,
  Table,
  Tooltip,
  Typography,
} from 'antd';
import { FileExcelOutlined, PrinterOutlined, QuestionCircleOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import quarterOfYear from 'dayjs/plugin/quarterOfYear';
import {
  REPORT_KINDS,
  rankRows,
  type ApiInput,
  type CaseFilter,
  type Report,
  type ReportBreakdownRow,
  type ReportFigure,
  type ReportKind,
  type ReportSection,
  type ReportValue,
} from '../../src-main/contract';
import { call, saveFile } from '../lib/api-client';
import { useApp } from '../lib/app-context';
import { openCases, openDisputes } from '../lib/open-cases';
import { printHtml } from '../lib/print-html';
import { EChart } from '../components/EChart';

dayjs.extend(quarterOfYear);

const STATE_KEY = 'reports-period';

interface PeriodState {
  kind: ReportKind;
  from: string;
  to: string;
  officeId: string;
}

/** +12.5% / −3.0个百分点 / — */
export function changeText(v: number | null, rate: boolean): string {
  if (v === null) return '—';
  const sign = v > 0 ? '+' : v < 0 ? '−' : '';
  return `${sign}${Math.abs(v).toFixed(1)}${rate ? '个百分点' : '%'}`;
}

function valueText(v: ReportValue, rate: boolean): string {
  if (v.value === null) return '—';
  return rate ? `${v.value.toFixed(1)}%` : String(v.value);
}

/** A number that opens its cases. */
function CasesLink({
  filter,
  children,
  testId,
  title,
}: {
  filter: CaseFilter;
  children: React.ReactNode;
  testId?: string;
  title?: string;
}) {
  return (
    <Typography.Link
      data-testid={testId}
      title={title ?? '查看这些信访事项'}
      onClick={() => openCases(filter)}
    >
      {children}
    </Typography.Link>
  );
}

function FigureValue({
  f,
  which,
  report,
}: {
  f: ReportFigure;
  which: 'cur' | 'yoy' | 'mom';
  report: Report;
}) {
  const v = f[which];
  if (!f.links) {
    // a dispute figure: the ledger, by the same day, over the same period
    const p = report[which === 'cur' ? 'period' : which];
    const scope = report.scope ? [report.scope.officeId] : undefined;
    return (
      <Typography.Link
        data-testid={`fig-${f.key}-${which}`}
        title="查看这些矛盾纠纷"
        onClick={() =>
          f.disputes && openDisputes({ dateOf: f.disputes.dateOf, range: [p.from, p.to], officeId: scope })
        }
      >
        {valueText(v, false)}
      </Typography.Link>
    );
  }
  const links = f.links[which];
  if (!f.rate) {
    return (
      <CasesLink filter={links.value} testId={`fig-${f.key}-${which}`}>
        {valueText(v, false)}
      </CasesLink>
    );
  }
  return (
    <span data-testid={`fig-${f.key}-${which}`}>
      <CasesLink filter={links.den!} title="查看应计入的信访事项">
        {valueText(v, true)}
      </CasesLink>
      <Typography.Text type="secondary" style={{ marginLeft: 6, fontSize: 12 }}>
        （
        <CasesLink filter={links.num!} testId={`fig-${f.key}-${which}-num`} title="查看计入分子的信访事项">
          {v.num}
        </CasesLink>
        /
        <CasesLink filter={links.den!} testId={`fig-${f.key}-${which}-den`} title="查看计入分母的信访事项">
          {v.den}
        </CasesLink>
        ）
      </Typography.Text>
    </span>
  );
}

function FiguresTable({
  section,
  report,
}: {
  section: Extract<ReportSection, { kind: 'figures' }>;
  report: Report;
}) {
  return (
    <Card
      size="small"
      title={section.title}
      style={{ marginBottom: 12 }}
      data-testid={`section-${section.key}`}
    >
      <Table<ReportFigure>
        size="small"
        pagination={false}
        rowKey="key"
        dataSource={section.figures}
        columns={[
          { title: '指标', dataIndex: 'label', width: 150 },
          { title: '单位', dataIndex: 'unit', width: 56 },
          {
            title: report.period.label,
            key: 'cur',
            width: 130,
            render: (_, f) => <FigureValue f={f} which="cur" report={report} />,
          },
          {
            title: `同比（${report.yoy.label}）`,
            key: 'yoy',
            width: 150,
            render: (_, f) => <FigureValue f={f} which="yoy" report={report} />,
          },
          {
            title: '同比增减',
            key: 'yoyChange',
            width: 100,
            render: (_, f) => <Change v={f.yoyChange} rate={f.rate} />,
          },
          {
            title: `环比（${report.mom.label}）`,
            key: 'mom',
            width: 150,
            render: (_, f) => <FigureValue f={f} which="mom" report={report} />,
          },
          {
            title: '环比增减',
            key: 'momChange',
            width: 100,
            render: (_, f) => <Change v={f.momChange} rate={f.rate} />,
          },
          {
            title: '口径说明',
            key: 'definition',
            render: (_, f) =>
              f.definition ? (
                <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid={`def-${f.key}`}>
                  {f.definition}
                </Typography.Text>
              ) : null,
          },
        ]}
      />
    </Card>
  );
}

function Change({ v, rate }: { v: number | null; rate: boolean }) {
  return (
    <span style={{ color: v === null || v === 0 ? undefined : v > 0 ? '#cf1322' : '#389e0d' }}>
      {changeText(v, rate)}
    </span>
  );
}

function BreakdownCard({
  section,
  report,
}: {
  section: Extract<ReportSection, { kind: 'breakdown' }>;
  report: Report;
}) {
  const rows = section.rows.filter((r) => r.n || r.yoyN || r.momN);
  const top = rows.filter((r) => r.n).slice(0, 12);
  const pie = section.key === 'channel' || section.key === 'matter';
  const option = pie
    ? {
        tooltip: { trigger: 'item', formatter: '{b}：{c} 批次（{d}%）' },
        series: [
          {
            type: 'pie',
            radius: ['35%', '65%'],
            data: top.map((r) => ({ name: r.label, value: r.n })),
            label: { formatter: '{b} {c}' },
          },
        ],
      }
    : {
        tooltip: { trigger: 'axis' },
        grid: { left: 110, right: 20, top: 10, bottom: 20 },
        xAxis: { type: 'value', minInterval: 1 },
        yAxis: {
          type: 'category',
          inverse: true,
          data: top.map((r) => r.label),
          axisLabel: { width: 100, overflow: 'truncate' },
        },
        series: [
          {
            type: 'bar',
            name: '批次',
            data: top.map((r) => r.n),
            barMaxWidth: 18,
            itemStyle: { color: '#1677ff' },
          },
        ],
      };
  return (
    <Card
      size="small"
      title={section.title}
      style={{ marginBottom: 12 }}
      data-testid={`section-${section.key}`}
    >
      {top.length > 0 && (
        <EChart
          option={option}
          height={Math.max(180, pie ? 220 : top.length * 24 + 40)}
          onClick={(e) => openCases(top[e.dataIndex].links.cur)}
          testId={`chart-${section.key}`}
        />
      )}
      <Table<ReportBreakdownRow>
        size="small"
        pagination={false}
        rowKey="key"
        dataSource={rows}
        locale={{ emptyText: '本期无信访事项' }}
        columns={[
          { title: '名称', dataIndex: 'label', width: 150 },
          {
            title: section.nUnit,
            key: 'n',
            width: 70,
            render: (_, r) => (
              <CasesLink filter={r.links.cur} testId={`row-${section.key}-${r.key || 'none'}`}>
                {r.n}
              </CasesLink>
            ),
          },
          { title: section.peopleUnit, dataIndex: 'people', width: 70 },
          {
            title: '占比',
            key: 'share',
            width: 70,
            render: (_, r) => (r.share === null ? '—' : `${r.share.toFixed(1)}%`),
          },
          {
            title: `同比（${report.yoy.label}）`,
            key: 'yoy',
            width: 110,
            render: (_, r) => <CasesLink filter={r.links.yoy}>{r.yoyN}</CasesLink>,
          },
          {
            title: '同比增减',
            key: 'yoyChange',
            width: 90,
            render: (_, r) => <Change v={r.yoyChange} rate={false} />,
          },
          {
            title: `环比（${report.mom.label}）`,
            key: 'mom',
            width: 110,
            render: (_, r) => <CasesLink filter={r.links.mom}>{r.momN}</CasesLink>,
          },
          {
            title: '环比增减',
            key: 'momChange',
            width: 90,
            render: (_, r) => <Change v={r.momChange} rate={false} />,
          },
        ]}
      />
    </Card>
  );
}

function TrendCard({ section, asOf }: { section: Extract<ReportSection, { kind: 'trend' }>; asOf: string }) {
  // months after the report day have not happened: no point at 0, the line stops
  const now = (m: { month: string }, v: number) => (m.month > asOf.slice(0, 7) ? null : v);
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { top: 0, data: ['本期（批次）', '上年同月（批次）', '人次'] },
      grid: { left: 40, right: 40, top: 40, bottom: 28 },
      xAxis: {
        type: 'category',
        data: section.months.map(
          (m) => `${Number(m.month.slice(0, 4)) % 100}年${Number(m.month.slice(5))}月`,
        ),
      },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { name: '本期（批次）', type: 'line', data: section.months.map((m) => now(m, m.n)), symbolSize: 8 },
        {
          name: '上年同月（批次）',
          type: 'line',
          data: section.months.map((m) => m.prevN),
          lineStyle: { type: 'dashed' },
        },
        {
          name: '人次',
          type: 'bar',
          data: section.months.map((m) => now(m, m.people)),
          barMaxWidth: 28,
          itemStyle: { color: '#d6e4ff' },
        },
      ],
    }),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `now` is a new closure of asOf
    [section, asOf],
  );
  return (
    <Card size="small" title={section.title} style={{ marginBottom: 12 }} data-testid="section-trend">
      <EChart
        option={option}
        height={260}
        testId="chart-trend"
        onClick={(e) => e.seriesIndex !== 1 && openCases(section.months[e.dataIndex].link)}
      />
    </Card>
  );
}

function RankingCard({ section }: { section: Extract<ReportSection, { kind: 'ranking' }> }) {
  const [by, setBy] = useState('n');
  const col = section.columns.find((c) => c.key === by)!;
  const sorted = rankRows(section.rows, by, col.rate);
  return (
    <Card
      size="small"
      title={section.title}
      style={{ marginBottom: 12 }}
      data-testid="section-ranking"
      extra={
        <Space>
          排名依据
          <Select
            aria-label="排名依据"
            value={by}
            style={{ width: 160 }}
            onChange={setBy}
            options={section.columns.map((c) => ({ value: c.key, label: `${c.label}（${c.unit}）` }))}
          />
          <Typography.Text type="secondary" data-testid="ranking-order">
            {col.rate ? '高者在前' : '少者在前'}
          </Typography.Text>
        </Space>
      }
    >
      <Table
        size="small"
        pagination={false}
        rowKey="officeId"
        dataSource={sorted}
        columns={[
          { title: '排名', key: 'rank', width: 56, dataIndex: 'rank' },
          { title: '乡镇（街道）', dataIndex: 'name' },
          ...section.columns.map((c) => ({
            title: (
              <span>
                {c.label}
                <br />（{c.unit}）
                {c.definition && (
                  <Tooltip title={c.definition}>
                    <QuestionCircleOutlined style={{ marginLeft: 4 }} />
                  </Tooltip>
                )}
              </span>
            ),
            key: c.key,
            width: 96,
            render: (_: unknown, r: (typeof sorted)[number]) => (
              <CasesLink filter={r.links[c.key]} testId={`rank-${r.officeId}-${c.key}`}>
                {r.values[c.key] === null
                  ? '—'
                  : c.rate
                    ? `${r.values[c.key]!.toFixed(1)}%`
                    : r.values[c.key]}
              </CasesLink>
            ),
          })),
        ]}
      />
    </Card>
  );
}

function defaultState(): PeriodState {
  const saved = sessionStorage.getItem(STATE_KEY);
  if (saved) return JSON.parse(saved) as PeriodState;
  const last = dayjs().subtract(1, 'month').startOf('month');
  return {
    kind: 'month',
    from: last.format('YYYY-MM-DD'),
    to: last.endOf('month').format('YYYY-MM-DD'),
    officeId: '',
  };
}

export function ReportsScreen() {
  const { settings } = useApp();
  const { message } = App.useApp();
  const county = settings.office.level === 'county';
  const [state, setState] = useState<PeriodState>(defaultState);
  const [report, setReport] = useState<Report | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [busy, setBusy] = useState<'print' | 'xlsx' | null>(null);

  const update = (patch: Partial<PeriodState>) => {
    const next = { ...state, ...patch };
    sessionStorage.setItem(STATE_KEY, JSON.stringify(next));
    setState(next);
  };

  const input: ApiInput<'reports.get'> = useMemo(
    () => ({
      kind: state.kind,
      from: state.from,
      to: state.kind === 'range' ? state.to : undefined,
      officeId: state.officeId || undefined,
    }),
    [state],
  );

  useEffect(() => {
    let live = true;
    setLoading(true);
    call('reports.get', input).then(
      (r) => {
        if (!live) return;
        setReport(r);
        setError(null);
        setLoading(false);
      },
      (e: Error) => {
        if (!live) return;
        setError(e.message);
        setLoading(false);
      },
    );
    return () => {
      live = false;
    };
  }, [input]);

  const picker = state.kind === 'day' ? 'date' : state.kind === 'range' ? 'date' : state.kind;
  const print = async () => {
    setBusy('print');
    try {
      const { html } = await call('reports.html', input);
      await printHtml(html);
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setBusy(null);
    }
  };
  const exportXlsx = async () => {
    setBusy('xlsx');
    try {
      const file = await call('reports.xlsx', input);
      const where = await saveFile(file.fileName, file.base64);
      if (where) message.success(`已导出：${where}`);
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setBusy(null);
    }
  };

  return (
    <div>
      <Space style={{ justifyContent: 'space-between', width: '100%', marginBottom: 8 }} wrap>
        <h2 className="screen-title" style={{ margin: 0 }}>
          统计报表
        </h2>
        <Space wrap>
          <Segmented
            aria-label="报表周期"
            value={state.kind}
            options={(Object.keys(REPORT_KINDS) as ReportKind[]).map((k) => ({
              value: k,
              label: { day: '日', month: '月', quarter: '季', year: '年', range: '自定义' }[k],
            }))}
            onChange={(k) => update({ kind: k as ReportKind })}
          />
          {state.kind === 'range' ? (
            <DatePicker.RangePicker
              aria-label="统计区间"
              value={[dayjs(state.from), dayjs(state.to)]}
              allowClear={false}
              onChange={(v: [Dayjs | null, Dayjs | null] | null) =>
                v?.[0] && v[1] && update({ from: v[0].format('YYYY-MM-DD'), to: v[1].format('YYYY-MM-DD') })
              }
            />
          ) : (
            <DatePicker
              aria-label="统计期间"
              picker={picker as 'date' | 'month' | 'quarter' | 'year'}
              value={dayjs(state.from)}
              allowClear={false}
              onChange={(d: Dayjs | null) => d && update({ from: d.format('YYYY-MM-DD') })}
            />
          )}
          {county && (
            <Select
              aria-label="乡镇"
              style={{ width: 150 }}
              value={state.officeId}
              onChange={(v: string) => update({ officeId: v })}
              options={[
                { value: '', label: '全县' },
                ...settings.townships.map((o) => ({ value: o.id, label: o.name })),
              ]}
            />
          )}
          <Button icon={<PrinterOutlined />} loading={busy === 'print'} disabled={!report} onClick={print}>
            打印 / PDF
          </Button>
          <Button
            icon={<FileExcelOutlined />}
            loading={busy === 'xlsx'}
            disabled={!report}
            onClick={exportXlsx}
          >
            导出 Excel
          </Button>
        </Space>
      </Space>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
      {report && (
        <Spin spinning={loading}>
          <Typography.Paragraph data-testid="report-heading" style={{ marginBottom: 12 }}>
            <Typography.Text strong style={{ fontSize: 16 }}>
              {report.title}
            </Typography.Text>
            <Typography.Text style={{ marginLeft: 12 }}>统计期间：{report.period.label}</Typography.Text>
            <Typography.Text type="secondary" style={{ marginLeft: 12 }}>
              同比：{report.yoy.label}；环比：{report.mom.label}
              。统计口径：按收到日期统计该期间登记的信访事项，办理情况截至 {report.asOf}
              。点击数字可查看对应的信访事项。
            </Typography.Text>
          </Typography.Paragraph>
          {report.sections
            .filter((s) => s.kind === 'figures')
            .map((s) => (
              <FiguresTable
                key={s.key}
                section={s as Extract<ReportSection, { kind: 'figures' }>}
                report={report}
              />
            ))}
          {report.sections.map((s) =>
            s.kind === 'trend' ? <TrendCard key={s.key} section={s} asOf={report.asOf} /> : null,
          )}
          <Row gutter={12}>
            {report.sections.map((s) =>
              s.kind === 'breakdown' ? (
                <Col key={s.key} xs={24} xl={12}>
                  <BreakdownCard section={s} report={report} />
                </Col>
              ) : null,
            )}
          </Row>
          {report.sections.map((s) =>
            s.kind === 'ranking' ? <RankingCard key={s.key} section={s} /> : null,
          )}
        </Spin>
      )}
      {!report && !error && <Spin style={{ display: 'block', margin: 60 }} />}
    </div>
  );
}
