/**
 * 统计报表: the office's figures for a day, month, quarter, year or any range, beside 同比 and 环比,
 * with each rate's definition beside it, a monthly trend, breakdowns, and in county mode the
 * townships' table. Every figure opens the register filtered to the cases behind it.
 */
import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Col, DatePicker, Row, Segmented, Select, Space, Spin, Typography } from 'antd';
import { FileExcelOutlined, PrinterOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import quarterOfYear from 'dayjs/plugin/quarterOfYear';
import {
  REPORT_KINDS,
  type ApiInput,
  type Report,
  type ReportKind,
  type ReportSection,
} from '../../src-main/contract';
import { call, saveFile } from '../lib/api-client';
import { useApp } from '../lib/app-context';
import { printHtml } from '../lib/print-html';
import { BreakdownCard } from './reports/BreakdownCard';
import { FiguresTable } from './reports/FiguresTable';
import { RankingCard } from './reports/RankingCard';
import { TrendCard } from './reports/TrendCard';

dayjs.extend(quarterOfYear);

const STATE_KEY = 'reports-period';

interface PeriodState {
  kind: ReportKind;
  from: string;
  to: string;
  officeId: string;
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
