/**
 * Beside the intake form: earlier cases of the same petitioner (same ID number, or same name
 * and phone). The clerk marks the new petition 重复 of one of them, or leaves it 初信初访.
 */
import { useEffect, useState } from 'react';
import { Button, Card, Empty, List, Tag } from 'antd';
import type { RepeatMatch } from '../../src-main/api';
import { call } from '../lib/api-client';
import { label, showDateTime } from '../lib/format';
import type { PetitionerValues } from './case-form-values';

export function RepeatPanel({
  petitioners,
  repeatOf,
  excludeCaseId,
  onMark,
}: {
  petitioners: PetitionerValues[];
  repeatOf: string | null | undefined;
  excludeCaseId?: string;
  onMark(caseId: string | null): void;
}) {
  const [matches, setMatches] = useState<RepeatMatch[]>([]);
  const key = JSON.stringify(petitioners.map((p) => [p?.name?.trim(), p?.idNumber?.trim(), p?.phone?.trim()]));

  useEffect(() => {
    const query = JSON.parse(key) as [string?, string?, string?][];
    const usable = query.filter(([name, id, phone]) => (id && id.length === 18) || (name && phone));
    if (usable.length === 0) {
      setMatches([]);
      return;
    }
    const timer = setTimeout(() => {
      call('cases.findRepeats', { petitioners: usable.map(([name, idNumber, phone]) => ({ name, idNumber, phone })), excludeCaseId })
        .then(setMatches)
        .catch(() => setMatches([]));
    }, 300);
    return () => clearTimeout(timer);
  }, [key, excludeCaseId]);

  return (
    <Card
      size="small"
      title="重复信访检查"
      extra={repeatOf ? <Tag color="orange">已标为重复件</Tag> : <Tag color="green">初信初访</Tag>}
      style={{ marginBottom: 12 }}
      data-testid="repeat-panel"
    >
      {matches.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="未发现此前登记的相同信访人" />
      ) : (
        <List
          size="small"
          dataSource={matches}
          renderItem={(m) => (
            <List.Item
              actions={[
                repeatOf === m.id ? (
                  <Button key="undo" size="small" onClick={() => onMark(null)}>
                    取消
                  </Button>
                ) : (
                  <Button key="mark" size="small" type="primary" ghost onClick={() => onMark(m.id)}>
                    标为重复
                  </Button>
                ),
              ]}
            >
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
                      {showDateTime(m.receivedAt)} · {m.petitioner} · {m.matchedBy === 'idNumber' ? '身份证号相同' : '姓名和电话相同'} · {label.status(m.status)}
                    </div>
                  </>
                }
              />
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
