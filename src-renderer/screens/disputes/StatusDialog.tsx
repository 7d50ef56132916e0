/** The dialog that moves a dispute through its status, with its ending once it has one. */
import { App, DatePicker, Form, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import {
  DISPUTE_STATUSES,
  disputeStatusInput,
  type DisputeStatus,
  type DisputeView,
} from '../../../src-main/contract';
import { call } from '../../lib/api-client';
import { useFormSave } from '../../lib/use-loaded';
import { options } from '../../lib/format';
import { onCtrlEnter } from '../../lib/keys';
import { schemaForm } from '../../lib/schema-rules';
import { ResolutionField } from './ResolutionField';
import { day } from './values';

interface StatusValues {
  status: DisputeStatus;
  resolvedOn?: Dayjs | null;
  resolution?: string;
}

export function StatusDialog({
  dispute,
  onClose,
  onSaved,
}: {
  dispute: DisputeView;
  onClose(): void;
  onSaved(): Promise<void>;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<StatusValues>();
  const status = Form.useWatch('status', form);
  const toInput = (v: StatusValues) => ({
    id: dispute.id,
    status: v.status,
    resolvedOn: v.status === 'resolved' ? day(v.resolvedOn) : null,
    resolution: v.resolution ?? '',
  });
  const f = schemaForm(disputeStatusInput, (v) => toInput(v as unknown as StatusValues));
  const { save, saving } = useFormSave(
    form,
    message,
    async (v) => {
      await call('disputes.setStatus', toInput(v));
      return `已改为“${DISPUTE_STATUSES[v.status]}”`;
    },
    onSaved,
  );
  return (
    <Modal
      open
      title={`调处状态：${dispute.parties.map((p) => p.name).join('、')}`}
      okText="保存（Ctrl+Enter）"
      cancelText="取消"
      confirmLoading={saving}
      onOk={save}
      onCancel={onClose}
      destroyOnHidden
    >
      <div onKeyDown={onCtrlEnter(save)}>
        <Form
          form={form}
          layout="vertical"
          initialValues={{
            status: dispute.status,
            resolvedOn: dispute.resolvedOn ? dayjs(dispute.resolvedOn) : dayjs(),
            resolution: dispute.resolution,
          }}
        >
          <Form.Item name="status" label="调处状态" rules={f.rules('status', '调处状态')}>
            <Select aria-label="新的调处状态" autoFocus options={options(DISPUTE_STATUSES)} />
          </Form.Item>
          {status === 'resolved' ? (
            // required once resolved: the contract's rule of an ending (the mark only is the screen's)
            <Form.Item name="resolvedOn" label="化解日期" required rules={f.rules('resolvedOn', '化解日期')}>
              <DatePicker
                aria-label="化解日期"
                disabledDate={(d) => d.isAfter(dayjs(), 'day') || d.isBefore(dayjs(dispute.foundOn), 'day')}
              />
            </Form.Item>
          ) : null}
          <ResolutionField status={status} rows={3} form={f} />
        </Form>
      </div>
    </Modal>
  );
}
