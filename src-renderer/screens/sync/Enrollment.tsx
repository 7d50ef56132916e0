/**
 * Enrollment: the county makes a township's enrollment file, the township joins the county
 * with it.
 */
import { useState } from 'react';
import { Alert, App, Button, Form, Input, Modal, Typography, Upload } from 'antd';
import { api } from '../../../src-main/contract';
import { call, readFileBase64, saveFile } from '../../lib/api-client';
import { schemaForm } from '../../lib/schema-rules';
import { useApp } from '../../lib/app-context';

/** Township: joining the county with the enrollment file the county made. */

const enroll = schemaForm(api['sync.enroll'].input);

export function JoinCounty({ onJoined }: { onJoined(): void }) {
  const { message, modal } = App.useApp();
  return (
    <Alert
      type="info"
      showIcon
      style={{ marginBottom: 16 }}
      message="本机尚未加入县信访局"
      description="请向县信访局索取本乡镇的登记文件（.xftz-enroll），导入后即可交换数据。"
      action={
        <Upload
          accept=".xftz-enroll"
          showUploadList={false}
          beforeUpload={async (file) => {
            try {
              const r = await call('sync.applyEnrollment', {
                fileName: file.name,
                base64: await readFileBase64(file),
              });
              modal.success({
                title: `已加入${r.county}`,
                content: `县信访局密钥指纹：${r.countyFingerprint}；本机密钥指纹：${r.ownFingerprint}。可与县信访局电话核对。`,
              });
              onJoined();
            } catch (e) {
              message.error((e as Error).message);
            }
            return false;
          }}
        >
          <Button type="primary">导入登记文件…</Button>
        </Upload>
      }
    />
  );
}

/** County: enrolling a township (or enrolling it again after a machine was replaced). */
export function EnrollTownship({ onEnrolled }: { onEnrolled(): void }) {
  const { session } = useApp();
  const { modal } = App.useApp();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ code: string; name: string }>();
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <Button onClick={() => setOpen(true)}>登记乡镇…</Button>
      <Modal
        open={open}
        title="登记乡镇"
        okText="制作登记文件"
        cancelText="取消"
        onCancel={() => setOpen(false)}
        destroyOnHidden
        onOk={async () => {
          // the form shows what is missing; nothing to send yet
          const v = await form.validateFields().catch(() => null);
          if (!v) return;
          try {
            const r = await call('sync.enroll', v);
            await saveFile(r.fileName, r.base64);
            setOpen(false);
            onEnrolled();
            modal.success({
              title: '登记文件已制作',
              content: `请把 ${r.fileName} 交给乡镇导入。本局密钥指纹：${r.fingerprint}`,
            });
          } catch (e) {
            setError((e as Error).message);
          }
        }}
      >
        <Typography.Paragraph type="secondary">
          乡镇更换电脑时再次登记即可：旧电脑的交换包将不再被接受，新电脑可从本局数据恢复。
        </Typography.Paragraph>
        {error ? <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} /> : null}
        <Form form={form} layout="vertical" initialValues={{ code: session.office?.id ?? '' }}>
          <Form.Item name="code" label="乡镇代码（9位）" rules={enroll.rules('code', '乡镇代码', '请填写')}>
            <Input />
          </Form.Item>
          <Form.Item name="name" label="乡镇名称" rules={enroll.rules('name', '乡镇名称')}>
            <Input count={enroll.count('name')} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
