/** A breakdown of the period's cases (by channel, matter, category...): chart and table. */
import { Card, Table } from 'antd';
import type { Report, ReportBreakdownRow, ReportSection } from '../../../src-main/contract';
import { openCases } from '../../lib/open-cases';
import { EChart } from '../../components/EChart';
import { CasesLink, Change } from './cells';

export function BreakdownCard({
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
