/** The form that registers or edits a dispute (Ctrl+Enter saves), its rules from the contract. */
import { useEffect } from 'react';
import { App, Button, DatePicker, Form, Input, Modal, Select, Space } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import {
  DISPUTE_STATUSES,
  DISPUTE_TYPES,
  disputeInput,
  type DisputeInput,
  type DisputeStatus,
  type DisputeType,
  type DisputeView,
} from '../../../src-main/contract';
import { call } from '../../lib/api-client';
import { useFormSave } from '../../lib/use-loaded';
import { useApp } from '../../lib/app-context';
import { options } from '../../lib/format';
import { pinyinFilter } from '../../lib/pinyin-filter';
import { onCtrlEnter } from '../../lib/keys';
import { schemaForm } from '../../lib/schema-rules';
import { ResolutionField } from './ResolutionField';
import { day, ended } from './values';

interface FormValues {
  foundOn: Dayjs;
  villageId?: string | null;
  parties: { name: string; phone?: string }[];
  kind: DisputeInput['kind'];
  description: string;
  mediator?: string;
  status: DisputeStatus;
  resolvedOn?: Dayjs | null;
  resolution?: string;
}

/** The form's values as the services are sent them (and the contract checks them). */
const disputeOf =
  (id: string | undefined) =>
  (v: FormValues): DisputeInput => ({
    id,
    foundOn: day(v.foundOn) ?? '',
    villageId: v.villageId ?? null,
    parties: (v.parties ?? []).map((p) => ({ name: p?.name ?? '', phone: p?.phone || undefined })),
    kind: v.kind,
    description: v.description ?? '',
    mediator: v.mediator ?? '',
    status: v.status,
    resolvedOn: ended(v.status) ? day(v.resolvedOn) : null,
    resolution: ended(v.status) ? (v.resolution ?? '') : '',
  });

export function DisputeForm({
  dispute,
  onClose,
  onSaved,
}: {
  dispute: DisputeView | null;
  onClose(): void;
  onSaved(): Promise<void>;
}) {
  const { settings } = useApp();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const status = Form.useWatch('status', form);

  // the form needs the phones whole: the list masks them
  useEffect(() => {
    if (!dispute) return;
    // a dispute opened before this one and answering late must not fill this one's form
    let live = true;
    call('disputes.get', { id: dispute.id }).then(
      (d) =>
        live &&
        form.setFieldsValue({
          foundOn: dayjs(d.foundOn),
          villageId: d.villageId,
          parties: d.parties.map((p) => ({ name: p.name, phone: p.phone ?? '' })),
          kind: d.kind,
          description: d.description,
          mediator: d.mediator,
          status: d.status,
          resolvedOn: d.resolvedOn ? dayjs(d.resolvedOn) : null,
          resolution: d.resolution,
        }),
      (e: Error) => live && message.error(e.message),
    );
    return () => {
      live = false;
    };
  }, [dispute, form, message]);

  const toInput = disputeOf(dispute?.id);
  // the field rules, the dispute's ending among them, are the contract's
  const f = schemaForm(disputeInput, (v) => toInput(v as unknown as FormValues));

  const { save, saving } = useFormSave(
    form,
    message,
    async (v) => {
      await call('disputes.save', toInput(v));
      return dispute ? '已保存修改' : '已登记，将随下次数据交换报送';
    },
    onSaved,
  );

  return (
    <Modal
      open
      width={720}
      title={dispute ? '编辑矛盾纠纷' : '登记矛盾纠纷'}
      okText="保存（Ctrl+Enter）"
      cancelText="取消"
      confirmLoading={saving}
      onOk={save}
      onCancel={onClose}
      maskClosable={false}
      destroyOnHidden
    >
      <div onKeyDown={onCtrlEnter(save)}>
        <Form<FormValues>
          form={form}
          layout="vertical"
          initialValues={{ foundOn: dayjs(), parties: [{ name: '', phone: '' }], status: 'pending' }}
          requiredMark
        >
          <Space size="large" align="start" wrap>
            <Form.Item name="foundOn" label="发现日期" rules={f.rules('foundOn', '发现日期')}>
              <DatePicker
                aria-label="发现日期"
                allowClear={false}
                disabledDate={(d) => d.isAfter(dayjs(), 'day')}
                autoFocus
              />
            </Form.Item>
            <Form.Item name="villageId" label="村/社区">
              <Select
                aria-label="村/社区"
                allowClear
                style={{ width: 180 }}
                placeholder="选择村/社区"
                options={settings.villages.map((v) => ({ value: v.id, label: v.name }))}
                showSearch={{ filterOption: pinyinFilter }}
              />
            </Form.Item>
            <Form.Item name="kind" label="纠纷类型" rules={f.rules('kind', '纠纷类型')}>
              <Select
                aria-label="纠纷类型"
                style={{ width: 160 }}
                placeholder="选择类型"
                options={f
                  .options('kind')
                  ?.map((k) => ({ value: k, label: DISPUTE_TYPES[k as DisputeType] }))}
                showSearch={{ filterOption: pinyinFilter }}
              />
            </Form.Item>
          </Space>
          <Form.List name="parties">
            {(parties, { add, remove }) => (
              <Form.Item label="当事人（姓名及联系电话，调解所需，不登记身份证号）" required>
                {parties.map((p, i) => (
                  <Space key={p.key} align="baseline" style={{ display: 'flex' }}>
                    <Form.Item
                      name={[p.name, 'name']}
                      rules={f.rules(['parties', p.name, 'name'], '当事人姓名')}
                    >
                      <Input
                        aria-label={`当事人${i + 1}姓名`}
                        placeholder="姓名"
                        style={{ width: 180 }}
                        count={f.count(['parties', p.name, 'name'])}
                      />
                    </Form.Item>
                    <Form.Item
                      name={[p.name, 'phone']}
                      rules={f.rules(['parties', p.name, 'phone'], '联系电话')}
                    >
                      <Input
                        aria-label={`当事人${i + 1}电话`}
                        placeholder="联系电话（可不填）"
                        style={{ width: 200 }}
                      />
                    </Form.Item>
                    {parties.length > 1 ? (
                      <MinusCircleOutlined aria-label={`删去当事人${i + 1}`} onClick={() => remove(p.name)} />
                    ) : null}
                  </Space>
                ))}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ name: '', phone: '' })}>
                  增加当事人
                </Button>
              </Form.Item>
            )}
          </Form.List>
          <Form.Item name="description" label="纠纷简要情况" rules={f.rules('description', '纠纷简要情况')}>
            <Input.TextArea
              aria-label="纠纷简要情况"
              rows={3}
              count={f.count('description')}
              placeholder="起因、争议焦点、当前情况"
            />
          </Form.Item>
          <Space size="large" align="start" wrap>
            <Form.Item name="mediator" label="调处人" rules={f.rules('mediator', '调处人')}>
              <Input
                aria-label="调处人"
                style={{ width: 240 }}
                count={f.count('mediator')}
                placeholder="如 司法所王某、村调委会"
              />
            </Form.Item>
            <Form.Item name="status" label="调处状态">
              <Select aria-label="调处状态" style={{ width: 140 }} options={options(DISPUTE_STATUSES)} />
            </Form.Item>
            {status === 'resolved' ? (
              <Form.Item
                name="resolvedOn"
                label="化解日期"
                required
                rules={f.rules('resolvedOn', '化解日期')}
                dependencies={['foundOn']}
              >
                <DatePicker aria-label="化解日期" disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
              </Form.Item>
            ) : null}
          </Space>
          <ResolutionField status={status} rows={2} form={f} />
        </Form>
      </div>
    </Modal>
  );
}
