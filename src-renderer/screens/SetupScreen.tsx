/** First run: the office (township or county), its staff, then its villages and responsible units. */
import { useState } from 'react';
import { App, Button, Card, Form, Input, Radio, Select, Space, Steps } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { STAFF_ROLES, setupInput, unitInput, type SetupInput } from '../../src-main/contract';
import { call, ApiError } from '../lib/api-client';
import { useAppMaybe, useApp } from '../lib/app-context';
import { options } from '../lib/format';
import { VillagesEditor } from '../components/VillagesEditor';
import { NamedListEditor } from '../components/NamedListEditor';
import { schemaForm } from '../lib/schema-rules';

/** What the first step sends: the office and its staff, villages and units come after. */
const setupOf = (values: SetupInput): SetupInput => ({ ...values, villages: [], units: [] });
const f = schemaForm(setupInput, (v) => setupOf(v as unknown as SetupInput));

export function SetupScreen({ onStarted, onDone }: { onStarted(): void; onDone(): void }) {
  const { session } = useAppMaybe();
  const [step, setStep] = useState(session.setupDone ? 1 : 0);
  return (
    <div style={{ maxWidth: 880, margin: '32px auto', padding: '0 16px' }}>
      <h1 style={{ fontSize: 24, marginBottom: 4 }}>乡镇信访台账 · 首次设置</h1>
      <p className="muted" style={{ marginTop: 0 }}>
        以下内容以后都可以在“设置”中修改。
      </p>
      <Steps
        current={step}
        style={{ margin: '20px 0' }}
        items={[{ title: '单位与人员' }, { title: '村/社区' }, { title: '责任单位' }]}
      />
      <Card>
        {step === 0 && <OfficeStep onStarting={onStarted} onCreated={() => setStep(1)} />}
        {step === 1 && (
          <>
            <VillagesEditor />
            <Space style={{ marginTop: 16 }}>
              <Button type="primary" onClick={() => setStep(2)}>
                下一步
              </Button>
            </Space>
          </>
        )}
        {step === 2 && <UnitsStep onDone={onDone} onBack={() => setStep(1)} />}
      </Card>
    </div>
  );
}

function OfficeStep({ onStarting, onCreated }: { onStarting(): void; onCreated(): void }) {
  const { reload } = useAppMaybe();
  const { message } = App.useApp();
  const [form] = Form.useForm<SetupInput>();
  const level = Form.useWatch('level', form) ?? 'township';
  const [busy, setBusy] = useState(false);

  const submit = async (values: SetupInput) => {
    setBusy(true);
    try {
      await call('setup.create', setupOf(values));
      onStarting();
      await reload(); // the next steps need the new office's settings
      onCreated();
    } catch (e) {
      if (e instanceof ApiError && e.field) {
        form.setFields([
          {
            name: e.field.split('.').map((k) => (/^\d+$/.test(k) ? Number(k) : k)) as never,
            errors: [e.message],
          },
        ]);
      } else message.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form
      form={form}
      layout="vertical"
      onFinish={submit}
      initialValues={{ level: 'township', staff: [{ name: '', role: 'clerk' }] }}
      style={{ maxWidth: 560 }}
    >
      <Form.Item name="level" label="本机使用方式">
        <Radio.Group
          optionType="button"
          buttonStyle="solid"
          options={[
            { value: 'township', label: '乡镇（街道）信访办' },
            { value: 'county', label: '县（区）信访局' },
          ]}
        />
      </Form.Item>
      <Form.Item
        name="code"
        label={
          level === 'township' ? '乡镇代码（9位：县级区划代码6位 + 乡镇3位）' : '县级行政区划代码（6位）'
        }
        rules={f.rules('code', '单位代码', '请填写')}
        dependencies={['level']}
      >
        <Input placeholder={level === 'township' ? '例如 330102001' : '例如 330102'} autoFocus />
      </Form.Item>
      <Form.Item name="name" label="单位名称" rules={f.rules('name', '单位名称')}>
        <Input
          count={f.count('name')}
          placeholder={level === 'township' ? '例如 清波街道' : '例如 上城区信访局'}
        />
      </Form.Item>
      <Form.List name="staff">
        {(fields, { add, remove }) => (
          <Form.Item label="工作人员（第一位为本机当前使用人）" required>
            {fields.map((field, i) => (
              <Space key={field.key} align="baseline" style={{ display: 'flex' }}>
                <Form.Item name={[field.name, 'name']} rules={f.rules(['staff', field.name, 'name'], '姓名')}>
                  <Input
                    placeholder="姓名"
                    aria-label={`工作人员${i + 1}姓名`}
                    style={{ width: 180 }}
                    count={f.count(['staff', field.name, 'name'])}
                  />
                </Form.Item>
                <Form.Item name={[field.name, 'role']} rules={f.rules(['staff', field.name, 'role'], '角色')}>
                  <Select style={{ width: 120 }} options={options(STAFF_ROLES)} />
                </Form.Item>
                {fields.length > 1 && <MinusCircleOutlined onClick={() => remove(field.name)} />}
              </Space>
            ))}
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ name: '', role: 'handler' })}>
              增加工作人员
            </Button>
          </Form.Item>
        )}
      </Form.List>
      <Button type="primary" htmlType="submit" loading={busy}>
        保存并继续
      </Button>
    </Form>
  );
}

function UnitsStep({ onDone, onBack }: { onDone(): void; onBack(): void }) {
  const { settings, setSettings } = useApp();
  return (
    <>
      <p className="muted" style={{ marginTop: 0 }}>
        承办信访事项的责任单位，已预置常见站所，可增删改名。
      </p>
      <NamedListEditor
        items={settings.units}
        noun="责任单位"
        count={schemaForm(unitInput).count('name')}
        onSave={async (u) => setSettings(await call('settings.saveUnit', u))}
        onRemove={async (id) => setSettings(await call('settings.remove', { kind: 'unit', id }))}
      />
      <Space style={{ marginTop: 16 }}>
        <Button onClick={onBack}>上一步</Button>
        <Button type="primary" onClick={onDone}>
          完成设置，开始登记
        </Button>
      </Space>
    </>
  );
}
