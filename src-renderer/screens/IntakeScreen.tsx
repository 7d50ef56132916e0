/**
 * 登记: one screen, fast from the keyboard (Tab through the fields, Ctrl+Enter saves). The form
 * is saved as a draft while the clerk types, so a crash or power cut loses nothing.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { Alert, App, Button, Col, Form, Modal, Popconfirm, Result, Row, Space, Typography } from 'antd';
import { ApiError, call } from '../lib/api-client';
import { navigate } from '../lib/router';
import { CaseForm } from '../components/CaseForm';
import { RepeatPanel } from '../components/RepeatPanel';
import { AttachmentPicker } from '../components/AttachmentPicker';
import {
  emptyCaseForm,
  fieldPath,
  fromDraft,
  toDraft,
  toIntakeInput,
  type CaseFormValues,
} from '../components/case-form-values';

const DRAFT = 'intake';

export function IntakeScreen() {
  const { message } = App.useApp();
  const [form] = Form.useForm<CaseFormValues>();
  const [draftState, setDraftState] = useState<'idle' | 'saving' | 'saved' | 'failed'>('idle');
  const [draftSavedAt, setDraftSavedAt] = useState<string | null>(null);
  const [restored, setRestored] = useState<string | null>(null);
  const [saved, setSaved] = useState<{ id: string; caseNo: string; queryCode: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [loaded, setLoaded] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const petitioners = Form.useWatch('petitioners', form) ?? [];
  const repeatOf = Form.useWatch('repeatOf', form);
  const notReaccepted = Form.useWatch((v: CaseFormValues) => !!v.notReaccepted, { form, preserve: true });
  const attachments = Form.useWatch('attachments', form) ?? [];

  useEffect(() => {
    call('drafts.get', { form: DRAFT })
      .then((d) => {
        if (d && d.data) {
          form.setFieldsValue(fromDraft(d.data));
          setRestored(d.savedAt);
        } else form.setFieldsValue(emptyCaseForm());
      })
      .catch(() => form.setFieldsValue(emptyCaseForm()))
      .finally(() => setLoaded(true));
    return () => clearTimeout(timer.current);
  }, [form]);

  /** counts the form's changes: a save answered after the clerk typed on does not say 已保存 */
  const edits = useRef(0);
  /** the draft's writes, one after another, so an older one never lands over a newer one */
  const writes = useRef<Promise<unknown>>(Promise.resolve());
  const queueWrite = (write: () => Promise<unknown>) => (writes.current = writes.current.then(write, write));

  const saveDraft = useCallback(() => {
    clearTimeout(timer.current);
    const edit = ++edits.current;
    setDraftState('saving');
    timer.current = setTimeout(() => {
      void queueWrite(() =>
        call('drafts.save', { form: DRAFT, data: toDraft(form.getFieldsValue(true)) }).then(
          (r) => {
            if (edit !== edits.current) return;
            setDraftState('saved');
            setDraftSavedAt(r.savedAt);
          },
          () => {
            if (edit === edits.current) setDraftState('failed');
          },
        ),
      );
    }, 400);
  }, [form]);

  const reset = async () => {
    clearTimeout(timer.current);
    edits.current++;
    form.resetFields();
    form.setFieldsValue(emptyCaseForm());
    setRestored(null);
    setDraftState('idle');
    await queueWrite(() => call('drafts.clear', { form: DRAFT }).catch(() => undefined));
  };

  const submit = async () => {
    try {
      await form.validateFields();
    } catch {
      message.error('登记信息有误，请按红色提示修改');
      return;
    }
    setBusy(true);
    try {
      const result = await call('cases.create', toIntakeInput(form.getFieldsValue(true)));
      setSaved(result);
      await reset();
    } catch (e) {
      if (e instanceof ApiError && e.field) {
        form.setFields([{ name: fieldPath(e.field) as never, errors: [e.message] }]);
        form.scrollToField(fieldPath(e.field) as never);
      }
      message.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div
      onKeyDown={(e) => {
        if ((e.ctrlKey || e.metaKey) && (e.key === 'Enter' || e.key === 's')) {
          e.preventDefault();
          void submit();
        }
      }}
    >
      <Row justify="space-between" align="middle">
        <h2 className="screen-title">信访事项登记</h2>
        <Typography.Text type="secondary" data-testid="draft-status">
          {draftState === 'saving' && '正在保存草稿…'}
          {draftState === 'saved' &&
            draftSavedAt &&
            `草稿已自动保存 ${new Date(draftSavedAt).toLocaleTimeString('zh-CN')}`}
          {draftState === 'failed' && <span style={{ color: '#b71c1c' }}>草稿保存失败，请尽快保存登记</span>}
        </Typography.Text>
      </Row>
      {restored && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          message={`已恢复上次未保存的登记草稿（${new Date(restored).toLocaleString('zh-CN')}）`}
          action={
            <Popconfirm
              title="放弃草稿？"
              description="草稿中的内容将被删除。"
              okText="放弃"
              cancelText="取消"
              onConfirm={reset}
            >
              <Button size="small">放弃草稿</Button>
            </Popconfirm>
          }
          closable
          onClose={() => setRestored(null)}
        />
      )}
      {loaded && (
        <Row gutter={16} wrap={false}>
          <Col flex="auto" style={{ minWidth: 0 }}>
            <CaseForm form={form} onValuesChange={saveDraft} />
          </Col>
          <Col flex="340px">
            <div style={{ position: 'sticky', top: 0 }}>
              <RepeatPanel
                petitioners={petitioners}
                repeatOf={repeatOf}
                notReaccepted={notReaccepted}
                onMark={(id, final) => {
                  form.setFieldsValue({ repeatOf: id, notReaccepted: final });
                  saveDraft();
                }}
              />
              <AttachmentPicker
                value={attachments}
                onChange={(v) => {
                  form.setFieldValue('attachments', v);
                  saveDraft();
                }}
              />
              <Space orientation="vertical" style={{ width: '100%' }}>
                <Button type="primary" size="large" block loading={busy} onClick={submit}>
                  保存登记（Ctrl+Enter）
                </Button>
                <Popconfirm
                  title="清空表单？"
                  description="已填写的内容和草稿将被删除。"
                  okText="清空"
                  cancelText="取消"
                  onConfirm={reset}
                >
                  <Button block>清空表单</Button>
                </Popconfirm>
              </Space>
            </div>
          </Col>
        </Row>
      )}
      <Modal open={!!saved} footer={null} closable={false} width={520}>
        {saved && (
          <Result
            status="success"
            title="登记成功"
            subTitle={
              <div style={{ fontSize: 16, color: '#333', lineHeight: 2 }}>
                <div>
                  信访编号：<strong data-testid="saved-case-no">{saved.caseNo}</strong>
                </div>
                <div>
                  查询码：
                  <strong data-testid="saved-query-code" style={{ letterSpacing: 2 }}>
                    {saved.queryCode}
                  </strong>
                  <span className="muted">（请告知信访人，用于查询办理进度）</span>
                </div>
              </div>
            }
            extra={[
              <Button key="next" type="primary" autoFocus onClick={() => setSaved(null)}>
                继续登记
              </Button>,
              <Button key="open" onClick={() => (setSaved(null), navigate({ name: 'case', id: saved.id }))}>
                查看详情
              </Button>,
            ]}
          />
        )}
      </Modal>
    </div>
  );
}
