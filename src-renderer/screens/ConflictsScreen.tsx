/**
 * 冲突处理: fields two offices changed at the same time. Every version is shown with who wrote it
 * where and when; a person settles each one by choosing a version (or writing the right value),
 * and the settlement syncs like any other change.
 */
import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Card, Empty, Input, Space, Table, Tag, Typography } from 'antd';
import type { Conflict } from '../../src-main/contract';
import { call } from '../lib/api-client';
import { href } from '../lib/router';
import dayjs from 'dayjs';

/** The wall time inside a hybrid logical clock stamp (`<ISO time>-<counter>-<node>`), in local time. */
const stampTime = (hlc: string) => dayjs(hlc.slice(0, 24)).format('YYYY-MM-DD HH:mm');

export function ConflictsScreen() {
  const { message } = App.useApp();
  const [conflicts, setConflicts] = useState<Conflict[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [own, setOwn] = useState<Record<string, string>>({});

  const load = useCallback(async () => {
    try {
      setConflicts(await call('conflicts.list', {}));
    } catch (e) {
      setError((e as Error).message);
    }
  }, []);
  useEffect(() => void load(), [load]);

  const keyOf = (c: Conflict) => `${c.tbl}/${c.rowId}/${c.field}`;
  const settle = async (c: Conflict, value: unknown) => {
    setBusy(keyOf(c));
    try {
      setConflicts(await call('conflicts.settle', { tbl: c.tbl, rowId: c.rowId, field: c.field, value }));
      message.success(`已确认“${c.label}”，下次交换时同步给对方`);
    } catch (e) {
      message.error((e as Error).message);
      await load();
    } finally {
      setBusy(null);
    }
  };

  if (error) return <Alert type="error" showIcon message="无法读取冲突" description={error} />;
  if (!conflicts) return null;
  return (
    <div style={{ maxWidth: 1100 }}>
      <h2 className="screen-title">冲突处理</h2>
      <Typography.Paragraph type="secondary">
        同一项内容在两个单位同时被修改时，两个版本都会保留：台账暂按较晚的版本显示，请逐项核实后确认正确的内容。确认后的内容会在下次交换时同步给对方。
      </Typography.Paragraph>
      {conflicts.length === 0 ? (
        <Card>
          <Empty description="没有待处理的冲突" />
        </Card>
      ) : (
        conflicts.map((c) => {
          const text = typeof c.versions[0]?.value === 'string' || c.versions[0]?.value === null;
          return (
            <Card
              key={keyOf(c)}
              size="small"
              style={{ marginBottom: 12 }}
              data-testid="conflict"
              title={
                <Space>
                  <span>{c.label}</span>
                  {c.caseNo ? (
                    <a href={href({ name: 'case', id: c.caseId! })}>
                      {c.caseNo}
                      {c.caseSummary ? `（${c.caseSummary}）` : ''}
                    </a>
                  ) : null}
                </Space>
              }
            >
              <Table
                size="small"
                rowKey="hlc"
                pagination={false}
                dataSource={c.versions}
                columns={[
                  {
                    title: '内容',
                    dataIndex: 'shown',
                    render: (v: string, _r, i) => (
                      <span style={{ whiteSpace: 'pre-wrap' }}>
                        {v}
                        {i === 0 ? (
                          <Tag color="blue" style={{ marginLeft: 8 }}>
                            当前显示
                          </Tag>
                        ) : null}
                      </span>
                    ),
                  },
                  { title: '修改单位', dataIndex: 'office', width: 140 },
                  {
                    title: '修改人',
                    dataIndex: 'actorName',
                    width: 90,
                    render: (v: string | null) => v ?? '—',
                  },
                  { title: '修改时间', dataIndex: 'hlc', width: 140, render: (v: string) => stampTime(v) },
                  {
                    title: '',
                    width: 100,
                    render: (_, v) => (
                      <Button
                        size="small"
                        type="primary"
                        ghost
                        loading={busy === keyOf(c)}
                        onClick={() => settle(c, v.value)}
                      >
                        采用此版本
                      </Button>
                    ),
                  },
                ]}
              />
              {text ? (
                <Space.Compact style={{ width: '100%', marginTop: 8 }}>
                  <Input
                    placeholder="两个版本都不对时，在此填写正确内容"
                    value={own[keyOf(c)] ?? ''}
                    onChange={(e) => setOwn({ ...own, [keyOf(c)]: e.target.value })}
                  />
                  <Button
                    disabled={!own[keyOf(c)]?.trim()}
                    loading={busy === keyOf(c)}
                    onClick={() => settle(c, own[keyOf(c)].trim())}
                  >
                    采用填写的内容
                  </Button>
                </Space.Compact>
              ) : null}
            </Card>
          );
        })
      )}
    </div>
  );
}
