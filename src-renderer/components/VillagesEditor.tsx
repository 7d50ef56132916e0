/** The office's villages/communities: add, rename, remove, and import from .xlsx/.csv with a preview. */
import { useState } from 'react';
import { App, Button, Form, Input, Modal, Popconfirm, Space, Table, Tag, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { villageInput, type ImportPreviewRow, type Village } from '../../src-main/contract';
import { call, readFileBase64 } from '../lib/api-client';
import { useApp } from '../lib/app-context';
import { schemaForm } from '../lib/schema-rules';

const f = schemaForm(villageInput);

export function VillagesEditor() {
  const { settings, setSettings } = useApp();
  const { message } = App.useApp();
  const [editing, setEditing] = useState<Partial<Village> | null>(null);
  const [preview, setPreview] = useState<{
    file: { fileName: string; base64: string };
    rows: ImportPreviewRow[];
  } | null>(null);
  const [form] = Form.useForm<{ code: string; name: string }>();

  const save = async () => {
    const values = await form.validateFields().catch(() => null);
    if (!values) return; // the form shows what is missing
    try {
      setSettings(await call('settings.saveVillage', { ...values, id: editing?.id }));
      setEditing(null);
      message.success('已保存');
    } catch (e) {
      form.setFields([{ name: 'code', errors: [(e as Error).message] }]);
    }
  };

  const pickFile = async (file: File) => {
    try {
      const picked = { fileName: file.name, base64: await readFileBase64(file) };
      setPreview({ file: picked, rows: await call('villages.previewImport', picked) });
    } catch (e) {
      message.error((e as Error).message);
    }
    return false;
  };

  const applyImport = async () => {
    if (!preview) return;
    try {
      const r = await call('villages.applyImport', preview.file);
      setSettings(await call('settings.get', {}));
      setPreview(null);
      message.success(`导入完成：新增 ${r.added} 个，更新 ${r.updated} 个，跳过有误的 ${r.skipped} 行`);
    } catch (e) {
      message.error((e as Error).message);
    }
  };

  const code = settings.office.id;
  const bad = preview?.rows.filter((r) => r.error).length ?? 0;
  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        <Button
          type="primary"
          onClick={() => {
            form.setFieldsValue({ code: settings.office.level === 'township' ? code : '', name: '' });
            setEditing({});
          }}
        >
          添加村/社区
        </Button>
        <Upload accept=".xlsx,.csv" showUploadList={false} beforeUpload={pickFile}>
          <Button icon={<UploadOutlined />}>从 Excel / CSV 导入</Button>
        </Upload>
        <span className="muted">表格第一列为12位统计代码，第二列为名称（可带“代码”“名称”表头）</span>
      </Space>
      <Table<Village>
        size="small"
        rowKey="id"
        dataSource={settings.villages}
        pagination={{ pageSize: 15, hideOnSinglePage: true }}
        columns={[
          { title: '统计代码', dataIndex: 'code', width: 180 },
          { title: '名称', dataIndex: 'name' },
          {
            title: '操作',
            width: 140,
            render: (_, v) => (
              <Space>
                <a
                  onClick={() => {
                    form.setFieldsValue(v);
                    setEditing(v);
                  }}
                >
                  修改
                </a>
                <Popconfirm
                  title={`停用“${v.name}”？`}
                  description="已登记的事项仍显示该村名称。"
                  okText="停用"
                  cancelText="取消"
                  onConfirm={async () =>
                    setSettings(await call('settings.remove', { kind: 'village', id: v.id }))
                  }
                >
                  <a>停用</a>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      <Modal
        title={editing?.id ? '修改村/社区' : '添加村/社区'}
        open={!!editing}
        onOk={save}
        onCancel={() => setEditing(null)}
        okText="保存"
        cancelText="取消"
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={save}>
          <Form.Item name="code" label="12位统计代码" rules={f.rules('code', '村/社区代码', '请填写')}>
            <Input autoFocus />
          </Form.Item>
          <Form.Item name="name" label="名称" rules={f.rules('name', '名称')}>
            <Input count={f.count('name')} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        width={720}
        title={`导入预览：${preview?.file.fileName ?? ''}`}
        open={!!preview}
        onCancel={() => setPreview(null)}
        onOk={applyImport}
        okText={`导入 ${(preview?.rows.length ?? 0) - bad} 行`}
        okButtonProps={{ disabled: !preview || preview.rows.length === bad }}
        cancelText="取消"
      >
        {bad > 0 && (
          <p style={{ color: '#b71c1c' }}>有 {bad} 行有误，将被跳过；请修改文件后重新导入这些行。</p>
        )}
        <Table<ImportPreviewRow>
          size="small"
          rowKey="line"
          dataSource={preview?.rows}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          columns={[
            { title: '行号', dataIndex: 'line', width: 60 },
            { title: '代码', dataIndex: 'code', width: 150 },
            { title: '名称', dataIndex: 'name' },
            {
              title: '检查结果',
              dataIndex: 'error',
              render: (e: string | null) =>
                e ? <Tag color="red">{e}</Tag> : <Tag color="green">可导入</Tag>,
            },
          ]}
        />
      </Modal>
    </>
  );
}
