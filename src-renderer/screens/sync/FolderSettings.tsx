import { App, Button, Card, Col, Form, Input, InputNumber, Row, Space, Switch } from 'antd';
import { syncSettingsInput, type SyncOverview, type SyncSettings } from '../../../src-main/contract';
import { call, folderPicker } from '../../lib/api-client';
import { schemaForm } from '../../lib/schema-rules';

const f = schemaForm(syncSettingsInput);

/** 交换设置: the outbox and inbox folders, export on exit, pick-up at start, the reminder. */
export function FolderSettings({
  settings,
  onSaved,
}: {
  settings: SyncSettings;
  onSaved(o: SyncOverview): void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<SyncSettings>();
  return (
    <Card size="small" title="交换设置">
      <Form
        form={form}
        layout="vertical"
        initialValues={settings}
        onFinish={async (v) => {
          try {
            onSaved(await call('sync.saveSettings', v));
            message.success('交换设置已保存');
          } catch (e) {
            message.error((e as Error).message);
          }
        }}
      >
        <FolderField
          form={form}
          name="outbox"
          label="发出文件夹（导出的交换包写到这里，可设为U盘或共享文件夹）"
        />
        <FolderField form={form} name="inbox" label="收件文件夹（对方发来的交换包放在这里）" />
        <Row gutter={12}>
          <Col span={8}>
            <Form.Item name="exportOnExit" label="关闭程序时自动导出" valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="pickUpAtStart" label="启动时提示待导入的包" valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item
              name="remindAfterDays"
              label="超过几天未交换时提醒"
              rules={f.rules('remindAfterDays', '提醒天数')}
            >
              <InputNumber addonAfter="天" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Button type="primary" htmlType="submit">
          保存
        </Button>
      </Form>
    </Card>
  );
}

/** A folder path: typed, or (in the Electron window) chosen with the system's folder picker. */
function FolderField({
  form,
  name,
  label,
}: {
  form: ReturnType<typeof Form.useForm<SyncSettings>>[0];
  name: 'inbox' | 'outbox';
  label: string;
}) {
  const pick = folderPicker();
  const what = name === 'inbox' ? '收件文件夹' : '发出文件夹';
  return (
    <Form.Item label={label} required>
      <Space.Compact style={{ width: '100%' }}>
        <Form.Item name={name} noStyle rules={f.rules(name, what)}>
          <Input aria-label={what} count={f.count(name)} />
        </Form.Item>
        {pick ? (
          <Button
            onClick={async () => {
              const chosen = await pick(`选择${what}`, form.getFieldValue(name) as string);
              if (chosen) form.setFieldValue(name, chosen);
            }}
          >
            选择…
          </Button>
        ) : null}
      </Space.Compact>
    </Form.Item>
  );
}
