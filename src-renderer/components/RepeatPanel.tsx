/**
 * Beside the intake form: earlier cases of the same petitioner (same ID number, or same name
 * and phone). The clerk marks the new petition 重复 of one of them, or leaves it 初信初访; when
 * the earlier case has been re-reviewed, the same facts and reasons are 不再受理 (Art. 36).
 */
import { useEffect, useState } from 'react';
import { Alert, Button, Card, Empty, List, Space, Tag } from 'antd';
import type { ApiInput, RepeatMatch } from '../../src-main/contract';
import { call } from '../lib/api-client';
import { label, showDateTime } from '../lib/format';
import type { PetitionerValues } from './case-form-values';

export function RepeatPanel({
  petitioners,
  repeatOf,
  notReaccepted = false,
  excludeCaseId,
  onMark,
}: {
  petitioners: PetitionerValues[];
  repeatOf: string | null | undefined;
  notReaccepted?: boolean;
  excludeCaseId?: string;
  /** the earlier case this one repeats (null: none), and whether it is recorded as 不再受理 */
  onMark(caseId: string | null, notReaccepted: boolean): void;
}) {
  const [matches, setMatches] = useState<RepeatMatch[]>([]);
  /** why the check could not be made: said in the panel, never shown as “no earlier case” */
  const [failed, setFailed] = useState<string | null>(null);
  // the petitioners to search for, as a string the effect can depend on: trimmed, an empty field
  // left out (JSON drops undefined), only those with a whole ID number or a name and phone
  const key = JSON.stringify(
    petitioners
      .map((p) => ({
        name: p?.name?.trim() || undefined,
        idNumber: p?.idNumber?.trim() || undefined,
        phone: p?.phone?.trim() || undefined,
      }))
      .filter((p) => p.idNumber?.length === 18 || (p.name && p.phone)),
  );

  useEffect(() => {
    const usable = JSON.parse(key) as ApiInput<'cases.findRepeats'>['petitioners'];
    if (usable.length === 0) {
      setMatches([]);
      setFailed(null);
      return;
    }
    // an answer for what the petitioners were before the clerk typed on is dropped, so the list
    // never shows another person's earlier cases to be marked as this one's
    let live = true;
    const timer = setTimeout(() => {
      call('cases.findRepeats', { petitioners: usable, excludeCaseId }).then(
        (m) => {
          if (!live) return;
          setMatches(m);
          setFailed(null);
        },
        (e: Error) => {
          if (!live) return;
          setMatches([]);
          setFailed(e.message);
        },
      );
    }, 300);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [key, excludeCaseId]);

  return (
    <Card
      size="small"
      title="重复信访检查"
      extra={
        repeatOf && notReaccepted ? (
          <Tag color="red">不再受理</Tag>
        ) : repeatOf ? (
          <Tag color="orange">已标为重复件</Tag>
        ) : (
          <Tag color="green">初信初访</Tag>
        )
      }
      style={{ marginBottom: 12 }}
      data-testid="repeat-panel"
    >
      {matches.some((m) => m.final) && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 8 }}
          data-testid="final-warning"
          message="此前事项已复核终结"
          description="对同一事实和理由提出的信访，不再受理（《信访工作条例》第三十六条）。如有新的事实和理由，请标为重复件。"
        />
      )}
      {failed ? (
        <Alert
          type="error"
          showIcon
          message="未能查找此前的信访事项"
          description={failed}
          data-testid="repeat-failed"
        />
      ) : matches.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="未发现此前登记的相同信访人" />
      ) : (
        <List
          size="small"
          dataSource={matches}
          renderItem={(m) => (
            // the buttons under the text, not beside it: the panel is narrow, the case number long
            <List.Item style={{ display: 'block' }}>
              <List.Item.Meta
                title={
                  <a href={`#/case/${m.id}`} target="_blank" rel="noreferrer">
                    {m.caseNo}
                  </a>
                }
                description={
                  <>
                    <div>{m.summary}</div>
                    <div className="muted">
                      {showDateTime(m.receivedAt)} · {m.petitioner} ·{' '}
                      {m.matchedBy === 'idNumber' ? '身份证号相同' : '姓名和电话相同'} ·{' '}
                      {label.status(m.status)}
                      {m.final && (
                        <Tag color="red" style={{ marginLeft: 6 }}>
                          已复核终结
                        </Tag>
                      )}
                    </div>
                  </>
                }
              />
              <Space size={8} style={{ marginTop: 6 }}>
                {repeatOf === m.id ? (
                  <Button size="small" onClick={() => onMark(null, false)}>
                    取消
                  </Button>
                ) : (
                  <>
                    <Button size="small" type="primary" ghost onClick={() => onMark(m.id, false)}>
                      标为重复
                    </Button>
                    {m.final && (
                      <Button
                        size="small"
                        danger
                        data-testid="mark-not-reaccepted"
                        onClick={() => onMark(m.id, true)}
                      >
                        不再受理
                      </Button>
                    )}
                  </>
                )}
              </Space>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
