/** The report's figures beside 同比 and 环比, each rate with its definition. */
import { Card, Table, Typography } from 'antd';
import type { Report, ReportFigure, ReportSection } from '../../../src-main/contract';
import { openDisputes } from '../../lib/open-cases';
import { CasesLink, Change } from './cells';
import { valueText } from './format';

/** One figure of the period, 同比 or 环比: its cases (or disputes) open on a click. */
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

export function FiguresTable({
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
