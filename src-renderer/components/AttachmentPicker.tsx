/** Scanned letters and photos: each file is uploaded to the content-addressed store at once. */
import { App, Button, Card, List, Upload } from 'antd';
import { PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import type { AttachmentRef } from '../../src-main/contract';
import { call, readFileBase64 } from '../lib/api-client';

/** Uploads a picked file to the content-addressed store; the ref names it by hash. */
export async function uploadFile(file: File): Promise<AttachmentRef> {
  return call('attachments.upload', {
    fileName: file.name,
    mime: file.type || 'application/octet-stream',
    base64: await readFileBase64(file),
  });
}

/** A button that uploads picked scans or photos one by one and hands each stored ref on. */
export function UploadButton({
  label,
  onUploaded,
}: {
  label: string;
  onUploaded(ref: AttachmentRef): Promise<void> | void;
}) {
  const { message } = App.useApp();
  return (
    <Upload
      multiple
      accept="image/*,.pdf"
      showUploadList={false}
      beforeUpload={async (file) => {
        try {
          await onUploaded(await uploadFile(file));
        } catch (e) {
          message.error((e as Error).message);
        }
        return false;
      }}
    >
      <Button size="small" icon={<UploadOutlined />}>
        {label}
      </Button>
    </Upload>
  );
}

export const formatSize = (n: number) =>
  n > 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`;

export function AttachmentPicker({
  value,
  onChange,
  title = '附件（扫描件、照片）',
}: {
  value: AttachmentRef[];
  onChange(v: AttachmentRef[]): void;
  title?: string;
}) {
  return (
    <Card
      size="small"
      title={title}
      style={{ marginBottom: 12 }}
      extra={
        <UploadButton
          label="选择文件"
          onUploaded={(ref) => onChange([...value.filter((a) => a.sha256 !== ref.sha256), ref])}
        />
      }
    >
      {value.length === 0 ? (
        <span className="muted">无</span>
      ) : (
        <List
          size="small"
          dataSource={value}
          renderItem={(a) => (
            <List.Item
              actions={[
                <a key="rm" onClick={() => onChange(value.filter((x) => x !== a))}>
                  移除
                </a>,
              ]}
            >
              <PaperClipOutlined /> {a.fileName} <span className="muted">{formatSize(a.size)}</span>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
