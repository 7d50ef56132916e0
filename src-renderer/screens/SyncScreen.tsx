/**
 * 数据交换: exchanging the register with the county (or, in county mode, with each township) by
 * package files. Status and reminder, export with progress, import with a preview first, the
 * inbox/outbox folders, enrollment, and the record of every exchange.
 *
 * This file holds the screen's state and its export and import; the parts it shows are in
 * sync/: the peers, the inbox, the records, the settings, enrollment and the import preview.
 */
import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Card, Col, Descriptions, Modal, Progress, Row, Typography } from 'antd';
import type { ImportReport, ProgressReport, SyncOverview } from '../../src-main/contract';
import { call } from '../lib/api-client';
import { useApp } from '../lib/app-context';
import { JoinCounty } from './sync/Enrollment';
import { ExchangeRecords } from './sync/ExchangeRecords';
import { FolderSettings } from './sync/FolderSettings';
import { bytesText } from './sync/format';
import { ImportPreview } from './sync/ImportPreview';
import { InboxCard, type Source } from './sync/InboxCard';
import { PeersCard } from './sync/PeersCard';
import { Reminders } from './sync/Reminders';

const INBOX_POLL_MS = 10_000;

export function SyncScreen() {
  const { session, reload } = useApp();
  const { message, modal } = App.useApp();
  const [overview, setOverview] = useState<SyncOverview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [work, setWork] = useState<{ title: string; p: ProgressReport | null } | null>(null);
  const [preview, setPreview] = useState<{ source: Source; report: ImportReport } | null>(null);

  const refresh = useCallback(async () => {
    try {
      setOverview(await call('sync.status', {}));
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    }
  }, []);
  // a USB drive plugged in or a package copied in while the screen is open shows up on its own
  useEffect(() => {
    void refresh();
    const timer = setInterval(() => void refresh(), INBOX_POLL_MS);
    window.addEventListener('focus', refresh);
    return () => {
      clearInterval(timer);
      window.removeEventListener('focus', refresh);
    };
  }, [refresh]);

  const county = session.office?.level === 'county';
  const countyPeer = overview?.peers.find((p) => p.level === 'county');

  /** Runs long work with the progress dialog; the error, if any, is shown and nothing else happens. */
  const withProgress = async <T,>(
    title: string,
    run: (onProgress: (p: ProgressReport) => void) => Promise<T>,
  ): Promise<T | null> => {
    setWork({ title, p: null });
    try {
      return await run((p) => setWork({ title, p }));
    } catch (e) {
      modal.error({ title: `${title}未完成`, content: (e as Error).message });
      return null;
    } finally {
      setWork(null);
    }
  };

  const exportTo = async (to?: string) => {
    const done = await withProgress('导出交换包', (onProgress) =>
      call('sync.export', { to }, { onProgress }),
    );
    if (!done) return;
    await refresh();
    modal.success({
      title: '交换包已导出',
      width: 560,
      content: (
        <>
          {done.map((r) => (
            <p key={r.fileName} data-testid="exported-package">
              {r.fileName}（{r.operations} 项变更{r.files ? `，${r.files} 个附件` : ''}，{bytesText(r.bytes)}
              ）
            </p>
          ))}
          <Typography.Text type="secondary">
            已写入发出文件夹 {overview?.settings.outbox}
            。请把文件拷到U盘或共享文件夹交给对方；也可以点“另存为”保存到其他位置。
          </Typography.Text>
        </>
      ),
    });
  };

  const previewImport = async (source: Source) => {
    const report = await withProgress('检查交换包', (onProgress) =>
      call('sync.import', { source, preview: true }, { onProgress }),
    );
    if (report) setPreview({ source, report });
  };

  const applyImport = async () => {
    if (!preview) return;
    const { source, report: seen } = preview;
    setPreview(null);
    const report = await withProgress('导入交换包', (onProgress) =>
      call('sync.import', { source, preview: false, confirmDeletions: seen.deletions > 0 }, { onProgress }),
    );
    if (!report) return;
    await Promise.all([refresh(), reload()]);
    message.success(
      `已导入${report.from.name}第 ${report.seq} 号交换包：新增 ${report.summary.newCases.length} 件，更新 ${report.summary.updatedCases.length} 件`,
    );
  };

  if (error)
    return (
      <Alert
        type="error"
        showIcon
        message="无法读取交换状态"
        description={error}
        action={<Button onClick={refresh}>重试</Button>}
      />
    );
  if (!overview) return null;

  return (
    <div style={{ maxWidth: 1100 }}>
      <h2 className="screen-title">数据交换</h2>
      <Reminders overview={overview} county={county} />

      {!county && !countyPeer ? <JoinCounty onJoined={refresh} /> : null}

      <Row gutter={16}>
        <Col span={15}>
          <PeersCard
            overview={overview}
            county={county}
            countyPeer={countyPeer}
            onExport={exportTo}
            onEnrolled={refresh}
            onRevoked={setOverview}
          />
        </Col>
        <Col span={9}>
          <InboxCard overview={overview} onRefresh={refresh} onPreview={previewImport} />
        </Col>
      </Row>

      <ExchangeRecords history={overview.history} />

      <Row gutter={16} style={{ marginTop: 16 }}>
        <Col span={14}>
          <FolderSettings settings={overview.settings} onSaved={setOverview} />
        </Col>
        <Col span={10}>
          <Card size="small" title="本机">
            <Descriptions size="small" column={1}>
              <Descriptions.Item label="单位">
                {overview.office.name}（{overview.office.id}）
              </Descriptions.Item>
              <Descriptions.Item label="密钥指纹">
                <Typography.Text code copyable>
                  {overview.fingerprint}
                </Typography.Text>
              </Descriptions.Item>
            </Descriptions>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              首次交换时可与对方电话核对指纹，确认交换包确由本单位发出。
            </Typography.Text>
          </Card>
        </Col>
      </Row>

      <Modal
        open={!!work}
        title={work?.title}
        footer={null}
        closable={false}
        maskClosable={false}
        keyboard={false}
      >
        <p>{work?.p?.stage ?? '正在准备…'}</p>
        <Progress
          percent={work?.p && work.p.total ? Math.floor((work.p.done / work.p.total) * 100) : 0}
          status="active"
        />
        <Typography.Text type="secondary">请勿关闭程序或拔出U盘。</Typography.Text>
      </Modal>

      {preview ? (
        <ImportPreview report={preview.report} onCancel={() => setPreview(null)} onApply={applyImport} />
      ) : null}
    </div>
  );
}
