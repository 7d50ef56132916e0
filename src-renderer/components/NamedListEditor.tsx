/** A plain list of names with add, rename and remove: responsible units. */
import { useState } from 'react';
import { App, Button, Input, Popconfirm, Space, Table, type InputProps } from 'antd';

export interface NamedItem {
  id: string;
  name: string;
}

export function NamedListEditor({
  items,
  noun,
  onSave,
  onRemove,
  count,
}: {
  items: NamedItem[];
  noun: string;
  /** the name's counter, from the contract's schema; a longer name is refused by the services, never cut */
  count?: InputProps['count'];
  onSave(item: { id?: string; name: string }): Promise<void>;
  onRemove(id: string): Promise<void>;
}) {
  const { message } = App.useApp();
  const [adding, setAdding] = useState('');
  const [editing, setEditing] = useState<{ id: string; name: string } | null>(null);

  const run = async (fn: () => Promise<void>) => {
    try {
      await fn();
    } catch (e) {
      message.error((e as Error).message);
    }
  };

  return (
    <>
      <Space.Compact style={{ marginBottom: 12, width: 420 }}>
        <Input
          placeholder={`新${noun}名称，回车添加`}
          count={count}
          value={adding}
          onChange={(e) => setAdding(e.target.value)}
          onPressEnter={() =>
            adding.trim() && run(async () => (await onSave({ name: adding.trim() }), setAdding('')))
          }
        />
        <Button
          type="primary"
          disabled={!adding.trim()}
          onClick={() => run(async () => (await onSave({ name: adding.trim() }), setAdding('')))}
        >
          添加
        </Button>
      </Space.Compact>
      <Table<NamedItem>
        size="small"
        rowKey="id"
        dataSource={items}
        pagination={false}
        columns={[
          {
            title: '名称',
            dataIndex: 'name',
            render: (name: string, item) =>
              editing?.id === item.id ? (
                <Input
                  autoFocus
                  count={count}
                  value={editing.name}
                  onChange={(e) => setEditing({ id: item.id, name: e.target.value })}
                  onPressEnter={() => run(async () => (await onSave(editing), setEditing(null)))}
                  onBlur={() => setEditing(null)}
                />
              ) : (
                name
              ),
          },
          {
            title: '操作',
            width: 140,
            render: (_, item) => (
              <Space>
                <a onClick={() => setEditing(item)}>改名</a>
                <Popconfirm
                  title={`停用“${item.name}”？`}
                  okText="停用"
                  cancelText="取消"
                  onConfirm={() => run(() => onRemove(item.id))}
                >
                  <a>停用</a>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
    </>
  );
}
