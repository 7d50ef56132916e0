/** 修改登记信息: the case's registration in the intake form, in a drawer, saved as an update. */
import { useEffect, useState } from 'react';
import { App, Button, Drawer, Form, Space } from 'antd';
import type { CaseDetail } from '../../../src-main/contract';
import { ApiError, call } from '../../lib/api-client';
import { CaseForm } from '../../components/CaseForm';
import { fieldPath, fromCase, toIntakeInput, type CaseFormValues } from '../../components/case-form-values';

export function EditDrawer({
  c,
  open,
  onClose,
  onSaved,
}: {
  c: CaseDetail;
  open: boolean;
  onClose(): void;
  onSaved(c: CaseDetail): void;
}) {
  const [form] = Form.useForm<CaseFormValues>();
  const [busy, setBusy] = useState(false);
  const { message } = App.useApp();
  useEffect(() => {
    if (open) form.setFieldsValue(fromCase(c));
  }, [open, c, form]);

  const save = async () => {
    try {
      await form.validateFields();
    } catch {
      return;
    }
    setBusy(true);
    try {
      const { attachments: _attachments, ...input } = toIntakeInput(form.getFieldsValue(true));
      onSaved(await call('cases.update', { id: c.id, ...input }));
    } catch (e) {
      if (e instanceof ApiError && e.field)
        form.setFields([{ name: fieldPath(e.field) as never, errors: [e.message] }]);
      message.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Drawer
      title={`修改登记信息 ${c.caseNo}`}
      open={open}
      onClose={onClose}
      size={1100}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>取消</Button>
          <Button type="primary" loading={busy} onClick={save}>
            保存修改
          </Button>
        </Space>
      }
    >
      <CaseForm form={form} />
    </Drawer>
  );
}
