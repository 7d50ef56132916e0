/**
 * 文书 of a case: the letters issued (print, Word, correct), and drafting a new one. A draft is
 * drawn from the case and the office's template, edited here with its pages beside it, and then
 * issued: from that moment its text and number are fixed; a correction is a new letter.
 *
 * Over 400 lines because the list, the letter dialog and the issued letter's view share the
 * case's letters and their reloading; the pages themselves come from the services.
 */
import { useEffect, useMemo, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Dropdown,
  Form,
  Input,
  List,
  Modal,
  Row,
  Select,
  Space,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { FileTextOutlined, PrinterOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import {
  DELIVERY_METHODS,
  LETTER_KINDS,
  letterIssueInput,
  type CaseDetail,
  type CaseLetter,
  type IssuedLetter,
  type LetterContent,
  type LetterDraft,
} from '../../src-main/contract';
import { call, pdfSaver, saveFile } from '../lib/api-client';
import { printHtml } from '../lib/print-html';
import { options } from '../lib/format';
import { schemaForm } from '../lib/schema-rules';
import { LetterPreview } from './LetterPreview';

type Kind = keyof typeof LETTER_KINDS;

export function LettersCard({
  c,
  onChanged,
  readOnly = false,
}: {
  c: CaseDetail;
  onChanged(): void;
  readOnly?: boolean;
}) {
  const { message } = App.useApp();
  const [letters, setLetters] = useState<CaseLetter[]>([]);
  const [editing, setEditing] = useState<{ draft: LetterDraft; replaces: IssuedLetter | null } | null>(null);
  const [viewing, setViewing] = useState<IssuedLetter | null>(null);

  const load = () =>
    call('letters.list', { caseId: c.id }).then(setLetters, (e: Error) => message.error(e.message));
  // the case's steps decide which letters can be drawn: reload when it changes
  // eslint-disable-next-line react-hooks/exhaustive-deps -- `load` is a new closure each render
  useEffect(() => void load(), [c]);

  const startDraft = async (kind: Kind, replaces: IssuedLetter | null = null) => {
    try {
      // a 送达回证 delivers the case's 处理意见书 in force: the server picks it
      const draft = await call('letters.draft', { caseId: c.id, kind });
      // a correction starts from the text as issued
      if (replaces) draft.content = { ...replaces.content, docNo: null, date: draft.content.date };
      setEditing({ draft, replaces });
    } catch (e) {
      message.warning((e as Error).message);
    }
  };

  const print = async (ids: string[]) => {
    try {
      await printHtml((await call('letters.html', { ids })).html);
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  const savePdf = pdfSaver();
  const saveAsPdf = async (l: IssuedLetter) => {
    try {
      const saved = await savePdf!(
        `${l.docNo ?? `${l.content.title}-${l.issuedOn}`}.pdf`,
        (await call('letters.html', { ids: [l.id] })).html,
      );
      if (saved) message.success(`已存为 ${saved}`);
    } catch (e) {
      message.error((e as Error).message);
    }
  };

  return (
    <Card
      size="small"
      title={`文书（${letters.length}）`}
      style={{ marginBottom: 12 }}
      data-testid="letters-card"
      extra={
        !readOnly && (
          <Dropdown
            trigger={['click']}
            menu={{
              items: (Object.keys(LETTER_KINDS) as Kind[]).map((k) => ({ key: k, label: LETTER_KINDS[k] })),
              onClick: (e) => startDraft(e.key as Kind),
            }}
          >
            <Button size="small" icon={<FileTextOutlined />} data-testid="new-letter">
              出具文书
            </Button>
          </Dropdown>
        )
      }
    >
      <List
        size="small"
        dataSource={letters}
        locale={{ emptyText: '尚未出具文书' }}
        renderItem={(l) => (
          <List.Item
            data-testid="letter-item"
            actions={[
              <a key="view" onClick={() => setViewing(l)}>
                查看
              </a>,
              <a key="print" onClick={() => print([l.id])}>
                打印
              </a>,
              !l.replacedBy && (
                <a key="fix" onClick={() => startDraft(l.kind as Kind, l)}>
                  更正
                </a>
              ),
            ].filter(Boolean)}
          >
            <Space size={4} wrap>
              <span>{l.content.title}</span>
              {l.docNo ? <Typography.Text type="secondary">{l.docNo}</Typography.Text> : null}
              <Typography.Text type="secondary">{l.issuedOn}</Typography.Text>
              {l.replacedBy ? <Tag>已更正</Tag> : null}
              {l.replacesId ? <Tag color="orange">更正件</Tag> : null}
              {l.delivery ? (
                <Tooltip
                  title={`${DELIVERY_METHODS[l.delivery.method as keyof typeof DELIVERY_METHODS] ?? l.delivery.method}，${l.delivery.recipient || '信访人'}签收`}
                >
                  <Tag color="green">{l.delivery.receivedOn} 已送达</Tag>
                </Tooltip>
              ) : null}
            </Space>
          </List.Item>
        )}
      />
      {editing ? (
        <LetterDialog
          draft={editing.draft}
          replaces={editing.replaces}
          onClose={() => setEditing(null)}
          onIssued={(l) => {
            setEditing(null);
            void load();
            onChanged();
            setViewing(l);
            message.success(`已出具${l.content.title}${l.docNo ? `（${l.docNo}）` : ''}`);
          }}
        />
      ) : null}
      {viewing ? (
        <IssuedLetterView
          letter={viewing}
          onClose={() => setViewing(null)}
          onPrint={() => print([viewing.id])}
          onSavePdf={savePdf ? () => saveAsPdf(viewing) : null}
        />
      ) : null}
    </Card>
  );
}

interface Values {
  title: string;
  addressee: string;
  body: string;
  signature: string;
  issuedOn: Dayjs;
  notifyMethod?: keyof typeof DELIVERY_METHODS;
  rows?: string[];
}

function contentOf(v: Values, draft: LetterDraft): Omit<LetterContent, 'docNo' | 'date'> {
  return {
    title: v.title ?? '',
    addressee: v.addressee?.trim() || null,
    paragraphs: (v.body ?? '')
      .split('\n')
      .map((p) => p.trim())
      .filter(Boolean),
    signature: v.signature ?? '',
    rows: draft.content.rows
      ? draft.content.rows.map(([label], i) => [label, v.rows?.[i] ?? ''] as [string, string])
      : null,
  };
}

/** The form field an issue of the letter names: the content's fields sit at the form's top level. */
function formPathOf(path: readonly PropertyKey[]): readonly PropertyKey[] {
  if (path[0] !== 'content') return path;
  if (path[1] === 'paragraphs') return ['body'];
  if (path[1] === 'rows') return ['rows', path[2]];
  return path.slice(1);
}

/** Editing a draft with its pages beside it, then issuing it. */
function LetterDialog({
  draft,
  replaces,
  onClose,
  onIssued,
}: {
  draft: LetterDraft;
  replaces: IssuedLetter | null;
  onClose(): void;
  onIssued(l: IssuedLetter): void;
}) {
  const { modal } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [html, setHtml] = useState<string | null>(null);
  /** the number the letter would be given on the chosen date (the server's prediction) */
  const [number, setNumber] = useState<string | null>(draft.nextNumber);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const initial: Values = useMemo(
    () => ({
      title: draft.content.title,
      addressee: draft.content.addressee ?? '',
      body: draft.content.paragraphs.join('\n'),
      signature: draft.content.signature,
      issuedOn: dayjs(),
      notifyMethod: draft.notifies ? 'inPerson' : undefined,
      rows: draft.content.rows?.map(([, v]) => v),
    }),
    [draft],
  );
  const values = Form.useWatch([], form) as Values | undefined;
  const issueOf = (v: Values) => ({
    caseId: draft.caseId,
    kind: draft.kind,
    content: contentOf(v, draft),
    issuedOn: v.issuedOn?.format('YYYY-MM-DD'),
    replacesId: replaces?.id ?? null,
    notifyMethod: draft.notifies && !replaces ? v.notifyMethod : undefined,
  });
  // the contract's rules of a letter; the body's own rule below is the screen's (forms have none)
  const f = schemaForm(letterIssueInput, (v) => issueOf(v as unknown as Values), formPathOf);
  // the pages as they would print on the chosen date: the server writes the date and the number
  const pages = (v: Values) =>
    call('letters.html', {
      draft: contentOf(v, draft),
      kind: draft.kind,
      issuedOn: (v.issuedOn ?? dayjs()).format('YYYY-MM-DD'),
    });

  // the pages follow the text, a moment after typing stops
  useEffect(() => {
    const v = values ?? initial;
    let live = true; // an answer for text since changed is dropped
    const timer = setTimeout(() => {
      pages(v).then(
        (r) => {
          if (!live) return;
          setHtml(r.html);
          setNumber(r.nextNumber ?? null);
        },
        () => undefined,
      );
    }, 300);
    return () => {
      live = false;
      clearTimeout(timer);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `pages` is a new closure each render
  }, [values, initial, draft]);

  const issue = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    // the number for the date chosen, asked now: the preview may not have caught up yet
    let predicted: string | null;
    try {
      predicted = (await pages(v)).nextNumber ?? null;
    } catch (e) {
      setError((e as Error).message);
      return;
    }
    setNumber(predicted);
    const ok = await modal.confirm({
      title: `出具${v.title}？`,
      content: `出具后将${predicted ? `编为 ${predicted}（以实际出具为准），` : ''}文书内容固定，不能再修改；如有错误，只能另行出具更正件。`,
      okText: '出具',
      cancelText: '返回修改',
    });
    if (!ok) return;
    setBusy(true);
    setError(null);
    try {
      const issued = await call('letters.issue', {
        ...issueOf(v),
        issuedOn: v.issuedOn.format('YYYY-MM-DD'),
      });
      onIssued(issued);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      width={1120}
      title={`${replaces ? '更正' : '出具'}${draft.kindLabel}`}
      onCancel={onClose}
      maskClosable={false}
      footer={[
        <Button key="cancel" onClick={onClose}>
          取消
        </Button>,
        <Button key="ok" type="primary" loading={busy} onClick={issue} data-testid="issue-letter">
          出具{number ? `（${number}）` : ''}
        </Button>,
      ]}
    >
      {replaces ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          message={`此件将更正 ${replaces.docNo ?? replaces.content.title}（${replaces.issuedOn}），原文书保留不变`}
        />
      ) : null}
      {error ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          message={error}
          data-testid="letter-error"
        />
      ) : null}
      <Row gutter={16}>
        <Col flex="1">
          <Form form={form} layout="vertical" initialValues={initial} data-testid="letter-form">
            <Form.Item name="title" label="标题" rules={f.rules(['content', 'title'], '标题')}>
              <Input count={f.count(['content', 'title'])} />
            </Form.Item>
            {draft.content.addressee !== null || !draft.content.rows ? (
              <Form.Item name="addressee" label="主送" rules={f.rules(['content', 'addressee'], '主送')}>
                <Input count={f.count(['content', 'addressee'])} placeholder="如：张三：" />
              </Form.Item>
            ) : null}
            {draft.content.rows ? (
              draft.content.rows.map(([label], i) => (
                <Form.Item
                  key={label}
                  name={['rows', i]}
                  label={label}
                  style={{ marginBottom: 8 }}
                  rules={f.rules(['rows', i], label)}
                >
                  <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} />
                </Form.Item>
              ))
            ) : (
              <Form.Item
                name="body"
                label="正文（每行一段；以“一、”开头的段落为黑体小标题）"
                rules={[
                  { required: true, whitespace: true, message: '请填写正文' },
                  ...f.rules('body', '正文'),
                ]}
              >
                <Input.TextArea autoSize={{ minRows: 10, maxRows: 22 }} />
              </Form.Item>
            )}
            <Row gutter={12}>
              <Col span={10}>
                <Form.Item name="signature" label="落款" rules={f.rules(['content', 'signature'], '落款')}>
                  <Input count={f.count(['content', 'signature'])} />
                </Form.Item>
              </Col>
              <Col span={7}>
                <Form.Item name="issuedOn" label="成文日期" rules={f.rules('issuedOn', '成文日期')}>
                  <DatePicker
                    style={{ width: '100%' }}
                    allowClear={false}
                    disabledDate={(d) => d.isAfter(dayjs(), 'day')}
                  />
                </Form.Item>
              </Col>
              {draft.notifies && !replaces ? (
                <Col span={7}>
                  <Form.Item
                    name="notifyMethod"
                    label="告知方式"
                    extra="出具即记录书面告知"
                    rules={f.rules('notifyMethod', '告知方式')}
                  >
                    <Select options={options(DELIVERY_METHODS)} />
                  </Form.Item>
                </Col>
              ) : null}
            </Row>
          </Form>
        </Col>
        <Col flex="440px">
          <LetterPreview html={html} width={440} testId="letter-preview" />
        </Col>
      </Row>
    </Modal>
  );
}

/** An issued letter as printed; in the Electron window 存为 PDF has its own button, in the browser the print dialog offers it. */
function IssuedLetterView({
  letter,
  onClose,
  onPrint,
  onSavePdf,
}: {
  letter: IssuedLetter;
  onClose(): void;
  onPrint(): void;
  onSavePdf: (() => void) | null;
}) {
  const { message } = App.useApp();
  const [html, setHtml] = useState<string | null>(null);
  useEffect(() => {
    call('letters.html', { ids: [letter.id] }).then(
      (r) => setHtml(r.html),
      (e: Error) => message.error(e.message),
    );
  }, [letter.id, message]);
  return (
    <Modal
      open
      width={620}
      title={`${letter.content.title}${letter.docNo ? `　${letter.docNo}` : ''}`}
      onCancel={onClose}
      footer={[
        <Button
          key="docx"
          onClick={async () => {
            try {
              const f = await call('letters.docx', { id: letter.id });
              await saveFile(f.fileName, f.base64);
            } catch (e) {
              message.error((e as Error).message);
            }
          }}
        >
          下载 Word
        </Button>,
        onSavePdf ? (
          <Button key="pdf" onClick={onSavePdf}>
            存为 PDF
          </Button>
        ) : null,
        <Button
          key="print"
          type="primary"
          icon={<PrinterOutlined />}
          onClick={onPrint}
          data-testid="print-letter"
        >
          {onSavePdf ? '打印' : '打印 / 存为 PDF'}
        </Button>,
      ]}
    >
      <Typography.Paragraph type="secondary">
        {letter.issuedOn} 出具{letter.issuedBy ? `，经办人 ${letter.issuedBy}` : ''}。出具后的文书不再改动。
      </Typography.Paragraph>
      <LetterPreview html={html} width={572} testId="issued-preview" />
    </Modal>
  );
}
