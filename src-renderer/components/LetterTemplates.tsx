/**
 * 设置 → 文书模板: the office's 机关代字 for document numbers, and the wording of each letter with
 * its variables listed and the letter laid out beside it (filled with a sample case). A template
 * the services refuse (an unknown variable, too long for one page) says why and is not saved.
 */
import { useEffect, useState } from 'react';
import { Alert, App, Button, Col, Form, Input, List, Popconfirm, Row, Space, Tag, Typography } from 'antd';
import { LETTER_VARIABLES, api, type TemplateView } from '../../src-main/contract';
import { ApiError, call } from '../lib/api-client';
import { schemaForm } from '../lib/schema-rules';

/** 机关代字's counter, from the contract: a longer one is refused by the services, never cut */
const prefixCount = schemaForm(api['letters.savePrefix'].input).count('prefix');
import { LetterPreview } from './LetterPreview';

const SOURCE_TAGS: Record<TemplateView['source'], [string, string]> = {
  office: ['本单位模板', 'blue'],
  county: ['县信访局下发', 'purple'],
  default: ['默认模板', 'default'],
};

export function LetterTemplates() {
  const { message } = App.useApp();
  const [templates, setTemplates] = useState<TemplateView[]>([]);
  const [kind, setKind] = useState<string | null>(null);
  const [prefix, setPrefix] = useState<{ prefix: string; saved: boolean } | null>(null);
  useEffect(() => {
    call('letters.templates', {}).then(
      (t) => {
        setTemplates(t);
        setKind((k) => k ?? t[0]?.kind ?? null);
      },
      (e: Error) => message.error(e.message),
    );
    call('letters.prefix', {}).then(setPrefix, () => undefined);
  }, [message]);
  const current = templates.find((t) => t.kind === kind) ?? null;

  return (
    <>
      {prefix ? <PrefixForm prefix={prefix} onSaved={setPrefix} /> : null}
      <Row gutter={16} style={{ marginTop: 12 }}>
        <Col span={6}>
          <List
            size="small"
            bordered
            dataSource={templates}
            renderItem={(t) => (
              <List.Item
                onClick={() => setKind(t.kind)}
                style={{ cursor: 'pointer', background: t.kind === kind ? '#fff1f0' : undefined }}
                data-testid={`template-${t.kind}`}
              >
                <Space direction="vertical" size={0}>
                  <span>{t.kindLabel}</span>
                  <Tag color={SOURCE_TAGS[t.source][1]}>{SOURCE_TAGS[t.source][0]}</Tag>
                </Space>
              </List.Item>
            )}
          />
        </Col>
        <Col span={18}>
          {current ? (
            <TemplateEditor
              key={`${current.kind}-${current.source}`}
              template={current}
              onSaved={(t) => {
                setTemplates((all) => all.map((x) => (x.kind === t.kind ? t : x)));
                message.success(`已保存${t.kindLabel}模板`);
              }}
            />
          ) : null}
        </Col>
      </Row>
    </>
  );
}

function PrefixForm({
  prefix,
  onSaved,
}: {
  prefix: { prefix: string; saved: boolean };
  onSaved(p: { prefix: string; saved: boolean }): void;
}) {
  const { message } = App.useApp();
  const [value, setValue] = useState(prefix.saved ? prefix.prefix : '');
  return (
    <Space align="center" wrap>
      <span>机关代字：</span>
      <Input
        style={{ width: 140 }}
        value={value}
        placeholder={prefix.prefix}
        count={prefixCount}
        onChange={(e) => setValue(e.target.value)}
        aria-label="机关代字"
      />
      <Button
        onClick={async () => {
          try {
            onSaved(await call('letters.savePrefix', { prefix: value }));
            message.success('已保存机关代字，此后出具的文书使用新的文号');
          } catch (e) {
            message.error((e as Error).message);
          }
        }}
      >
        保存
      </Button>
      <Typography.Text type="secondary">
        文号示例：{value || prefix.prefix}信受〔{new Date().getFullYear()}〕1号。已出具的文书文号不变。
      </Typography.Text>
    </Space>
  );
}

function TemplateEditor({ template, onSaved }: { template: TemplateView; onSaved(t: TemplateView): void }) {
  const [form] = Form.useForm<{ title: string; body: string }>();
  const values = Form.useWatch([], form) as { title: string; body: string } | undefined;
  const [html, setHtml] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const v = values ?? template;
    let live = true; // an answer for text since changed is dropped: no fixed problem comes back
    const timer = setTimeout(() => {
      call('letters.previewTemplate', { kind: template.kind, title: v.title ?? '', body: v.body ?? '' }).then(
        (r) => {
          if (!live) return;
          setHtml(r.html);
          setProblem(null);
        },
        (e: Error) => live && setProblem(e.message),
      );
    }, 300);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [values, template]);

  const save = async () => {
    setBusy(true);
    try {
      onSaved(await call('letters.saveTemplate', { kind: template.kind, ...form.getFieldsValue() }));
      setProblem(null);
    } catch (e) {
      setProblem((e as Error).message);
      if (e instanceof ApiError && (e.field === 'title' || e.field === 'body'))
        form.setFields([{ name: e.field, errors: [e.message] }]);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Row gutter={16}>
      <Col flex="1">
        <Form form={form} layout="vertical" initialValues={{ title: template.title, body: template.body }}>
          {/* a title too long for two lines is refused by the services with its length, never cut */}
          <Form.Item name="title" label="标题">
            <Input />
          </Form.Item>
          <Form.Item name="body" label="正文（每行一段；{{变量}} 出具时替换为本件的内容）">
            <Input.TextArea autoSize={{ minRows: 12, maxRows: 24 }} data-testid="template-body" />
          </Form.Item>
        </Form>
        {problem ? (
          <Alert
            type="error"
            showIcon
            message={problem}
            style={{ marginBottom: 12 }}
            data-testid="template-problem"
          />
        ) : null}
        <Space>
          <Button type="primary" loading={busy} onClick={save}>
            保存模板
          </Button>
          {template.source === 'office' ? (
            <Popconfirm
              title="恢复为县信访局下发或默认的模板？"
              okText="恢复"
              cancelText="取消"
              onConfirm={async () => onSaved(await call('letters.resetTemplate', { kind: template.kind }))}
            >
              <Button>恢复默认</Button>
            </Popconfirm>
          ) : null}
        </Space>
        <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
          可用变量：
          {Object.entries(LETTER_VARIABLES).map(([v, meaning]) => (
            <Tag key={v} title={meaning} style={{ marginBottom: 4 }}>{`{{${v}}}`}</Tag>
          ))}
        </Typography.Paragraph>
      </Col>
      <Col flex="360px">
        <Typography.Text type="secondary">按示例信访事项排版预览</Typography.Text>
        <LetterPreview html={html} width={360} testId="template-preview" />
      </Col>
    </Row>
  );
}
