/** County mode: the townships ranked by a figure of the clerk's choice. */
import { useState } from 'react';
import { Card, Select, Space, Table, Tooltip, Typography } from 'antd';
import { QuestionCircleOutlined } from '@ant-design/icons';
import { rankRows, type ReportSection } from '../../../src-main/contract';
import { CasesLink } from './cells';

export function RankingCard({ section }: { section: Extract<ReportSection, { kind: 'ranking' }> }) {
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
