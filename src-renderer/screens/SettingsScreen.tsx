/** 设置: the office, villages, responsible units, staff, the content classification, letter templates and how deadlines are counted. */
import { useState } from 'react';
import {
  App,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  Modal,
  Popconfirm,
  Select,
  Space,
  Table,
  Tabs,
  Tree,
} from 'antd';
import {
  STAFF_ROLES,
  categoryInput,
  officeInput,
  staffInput,
  unitInput,
  type Staff,
} from '../../src-main/contract';
import { call } from '../lib/api-client';
import { useApp } from '../lib/app-context';
import { options } from '../lib/format';
import { schemaForm } from '../lib/schema-rules';
import { VillagesEditor } from '../components/VillagesEditor';
import { NamedListEditor } from '../components/NamedListEditor';
import { DeadlineSettings } from '../components/DeadlineSettings';
import { CalendarEditor } from '../components/CalendarEditor';
import { LetterTemplates } from '../components/LetterTemplates';

const office = schemaForm(officeInput);
const staff = schemaForm(staffInput);
const category = schemaForm(categoryInput);

export function SettingsScreen() {
  const { settings, setSettings } = useApp();
  return (
    <div style={{ maxWidth: 1000 }}>
      <h2 className="screen-title">设置</h2>
      <Card>
        <Tabs
          items={[
            { key: 'office', label: '单位', children: <OfficeTab /> },
            {
              key: 'villages',
              label: `村/社区（${settings.villages.length}）`,
              children: <VillagesEditor />,
            },
            {
              key: 'units',
              label: '责任单位',
              children: (
                <NamedListEditor
                  items={settings.units}
                  noun="责任单位"
                  count={schemaForm(unitInput).count('name')}
                  onSave={async (u) => setSettings(await call('settings.saveUnit', u))}
                  onRemove={async (id) => setSettings(await call('settings.remove', { kind: 'unit', id }))}
                />
              ),
            },
            { key: 'staff', label: '工作人员', children: <StaffTab /> },
            { key: 'categories', label: '内容分类', children: <CategoriesTab /> },
            { key: 'letters', label: '文书模板', children: <LetterTemplates /> },
            {
              key: 'deadlines',
              label: '期限计算',
              children: (
                <>
                  <DeadlineSettings />
                  <Card size="small" title="节假日和调休">
                    <CalendarEditor />
                  </Card>
                </>
              ),
            },
          ]}
        />
      </Card>
    </div>
  );
}

function OfficeTab() {
  const { settings, setSettings, session, reload } = useApp();
  const { message } = App.useApp();
  const [name, setName] = useState(settings.office.name);
  return (
    <>
      <Descriptions column={1} bordered size="small" style={{ marginBottom: 16 }}>
        <Descriptions.Item label="使用方式">
          {settings.office.level === 'township' ? '乡镇（街道）信访办' : '县（区）信访局'}
        </Descriptions.Item>
        <Descriptions.Item label="单位代码">{settings.office.id}</Descriptions.Item>
        <Descriptions.Item label="本机编号">{session.installationId}</Descriptions.Item>
        <Descriptions.Item label="数据文件夹">{session.dataDir}</Descriptions.Item>
      </Descriptions>
      <Space.Compact style={{ width: 420 }}>
        <Input
          aria-label="单位名称"
          value={name}
          onChange={(e) => setName(e.target.value)}
          count={office.count('name')}
        />
        <Button
          type="primary"
          disabled={!name.trim() || name === settings.office.name}
          onClick={async () => {
            try {
              setSettings(await call('settings.saveOffice', { name }));
              await reload();
              message.success('单位名称已保存');
            } catch (e) {
              message.error((e as Error).message);
            }
          }}
        >
          保存单位名称
        </Button>
      </Space.Compact>
      <p className="muted" style={{ marginTop: 16 }}>
        备份：关闭本程序后，复制整个数据文件夹即可完整备份；恢复时把备份的文件夹复制回原位置。
      </p>
    </>
  );
}

function StaffTab() {
  const { settings, setSettings } = useApp();
  const { message } = App.useApp();
  const [editing, setEditing] = useState<Partial<Staff> | null>(null);
  const [form] = Form.useForm<Staff>();
  const save = async () => {
    const values = await form.validateFields().catch(() => null);
    if (!values) return; // the form shows what is missing
    try {
      setSettings(
        await call('settings.saveStaff', {
          ...values,
          id: editing?.id,
          unitId: values.unitId ?? null,
          phone: values.phone ?? '',
        }),
      );
      setEditing(null);
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  return (
    <>
      <Button
        type="primary"
        style={{ marginBottom: 12 }}
        onClick={() => {
          form.setFieldsValue({ name: '', role: 'handler', unitId: null, phone: '' });
          setEditing({});
        }}
      >
        添加工作人员
      </Button>
      <Table<Staff>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={settings.staff}
        columns={[
          { title: '姓名', dataIndex: 'name' },
          { title: '角色', dataIndex: 'role', render: (r: Staff['role']) => STAFF_ROLES[r] },
          {
            title: '所在单位',
            dataIndex: 'unitId',
            render: (u: string | null) => settings.units.find((x) => x.id === u)?.name ?? '',
          },
          { title: '电话', dataIndex: 'phone' },
          {
            title: '操作',
            width: 140,
            render: (_, s) => (
              <Space>
                <a onClick={() => (form.setFieldsValue(s), setEditing(s))}>修改</a>
                <Popconfirm
                  title={`停用“${s.name}”？`}
                  okText="停用"
                  cancelText="取消"
                  onConfirm={async () => {
                    try {
                      setSettings(await call('settings.remove', { kind: 'staff', id: s.id }));
                    } catch (e) {
                      message.error((e as Error).message);
                    }
                  }}
                >
                  <a>停用</a>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      <Modal
        title={editing?.id ? '修改工作人员' : '添加工作人员'}
        open={!!editing}
        onOk={save}
        onCancel={() => setEditing(null)}
        okText="保存"
        cancelText="取消"
        destroyOnHidden
      >
        <Form form={form} layout="vertical">
          <Form.Item name="name" label="姓名" rules={staff.rules('name', '姓名')}>
            <Input count={staff.count('name')} autoFocus />
          </Form.Item>
          <Form.Item name="role" label="角色" rules={staff.rules('role', '角色')}>
            <Select options={options(STAFF_ROLES)} />
          </Form.Item>
          <Form.Item name="unitId" label="所在单位">
            <Select allowClear options={settings.units.map((u) => ({ value: u.id, label: u.name }))} />
          </Form.Item>
          <Form.Item name="phone" label="电话" rules={staff.rules('phone', '电话')}>
            <Input />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

function CategoriesTab() {
  const { settings, setSettings } = useApp();
  const { message } = App.useApp();
  const [selected, setSelected] = useState<string | null>(null);
  const [name, setName] = useState('');
  const cat = settings.categories.find((c) => c.id === selected);
  const run = async (fn: () => Promise<void>) => {
    try {
      await fn();
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  const tree = settings.categories
    .filter((c) => !c.parentId)
    .map((p) => ({
      key: p.id,
      title: p.name,
      children: settings.categories
        .filter((c) => c.parentId === p.id)
        .map((c) => ({ key: c.id, title: c.name })),
    }));
  return (
    <div style={{ display: 'flex', gap: 24 }}>
      <Tree
        treeData={tree}
        style={{ width: 320, maxHeight: 480, overflow: 'auto' }}
        selectedKeys={selected ? [selected] : []}
        onSelect={(k) => (
          setSelected((k[0] as string) ?? null),
          setName(settings.categories.find((c) => c.id === k[0])?.name ?? '')
        )}
      />
      <Space orientation="vertical" style={{ flex: 1 }}>
        <span className="muted">选中分类后可改名、停用或在其下增加子类；不选时增加一级分类。</span>
        <Input
          aria-label="分类名称"
          value={name}
          onChange={(e) => setName(e.target.value)}
          count={category.count('name')}
          placeholder="分类名称"
        />
        <Space>
          <Button
            type="primary"
            disabled={!name.trim()}
            onClick={() =>
              run(async () => {
                setSettings(
                  await call('settings.saveCategory', {
                    name,
                    parentId: cat ? (cat.parentId ?? cat.id) : null,
                  }),
                );
                setName('');
              })
            }
          >
            {cat
              ? `在“${cat.parentId ? settings.categories.find((c) => c.id === cat.parentId)?.name : cat.name}”下增加`
              : '增加一级分类'}
          </Button>
          {cat && (
            <>
              <Button
                disabled={!name.trim() || name === cat.name}
                onClick={() =>
                  run(async () =>
                    setSettings(
                      await call('settings.saveCategory', { id: cat.id, name, parentId: cat.parentId }),
                    ),
                  )
                }
              >
                改名
              </Button>
              <Popconfirm
                title={`停用分类“${cat.name}”？`}
                description="已登记事项的分类不受影响。"
                okText="停用"
                cancelText="取消"
                onConfirm={() =>
                  run(
                    async () => (
                      setSettings(await call('settings.remove', { kind: 'category', id: cat.id })),
                      setSelected(null)
                    ),
                  )
                }
              >
                <Button danger>停用</Button>
              </Popconfirm>
            </>
          )}
        </Space>
      </Space>
    </div>
  );
}
