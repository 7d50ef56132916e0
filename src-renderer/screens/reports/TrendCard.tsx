/** The monthly trend: this period's cases beside the same month a year before, and people. */
import { useMemo } from 'react';
import { Card } from 'antd';
import type { ReportSection } from '../../../src-main/contract';
import { openCases } from '../../lib/open-cases';
import { EChart } from '../../components/EChart';

export function TrendCard({
  section,
  asOf,
}: {
  section: Extract<ReportSection, { kind: 'trend' }>;
  asOf: string;
}) {
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
