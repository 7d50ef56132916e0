/**
 * 批量打印文书: every letter issued on a day (of one kind, or all), printed in one job, each on
 * its own sheet and exactly as issued. E.g. all 受理告知书 issued today, to post in one go.
 */
import { useEffect, useState } from 'react';
import { App, Button, DatePicker, Modal, Select, Space, Table } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { LETTER_KINDS, type IssuedLetter, type LetterKind } from '../../src-main/contract';
import { call, pdfSaver } from '../lib/api-client';
import { options } from '../lib/format';
import { printHtml } from '../lib/print-html';

type Row = IssuedLetter & { caseNo: string };

export function BatchPrintButton() {
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [day, setDay] = useState<Dayjs>(dayjs());
  const [kind, setKind] = useState<LetterKind | undefined>(undefined);
  const [rows, setRows] = useState<Row[]>([]);
  const [selected, setSelected] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!open) return;
    let live = true; // the list of the day and kind chosen last, whatever answers first
    call('letters.issuedOn', { on: day.format('YYYY-MM-DD'), kind }).then(
      (r) => {
        if (!live) return;
        setRows(r);
        // corrected letters are not sent again
        setSelected(r.filter((l) => !l.replacedBy).map((l) => l.id));
      },
      (e: Error) => live && message.error(e.message),
    );
    return () => {
      live = false;
    };
  }, [open, day, kind, message]);

  const savePdf = pdfSaver();
  /** the selected letters in one job: to the printer, or (Electron) into one PDF file */
  const output = async (to: 'printer' | 'pdf') => {
    setBusy(true);
    try {
      const { html } = await call('letters.html', { ids: selected });
      if (to === 'printer') await printHtml(html);
      else {
        const saved = await savePdf!(
          `文书-${day.format('YYYY-MM-DD')}${kind ? `-${LETTER_KINDS[kind]}` : ''}.pdf`,
          html,
        );
        if (saved) message.success(`已存为 ${saved}`);
      }
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button icon={<PrinterOutlined />} onClick={() => setOpen(true)}>
        批量打印文书
      </Button>
      <Modal
        open={open}
        width={760}
        title="批量打印文书"
        onCancel={() => setOpen(false)}
        footer={[
          <Button key="close" onClick={() => setOpen(false)}>
            关闭
          </Button>,
          savePdf ? (
            <Button key="pdf" disabled={!selected.length} loading={busy} onClick={() => output('pdf')}>
              存为 PDF
            </Button>
          ) : null,
          <Button
            key="print"
            type="primary"
            icon={<PrinterOutlined />}
            disabled={!selected.length}
            loading={busy}
            onClick={() => output('printer')}
            data-testid="batch-print"
          >
            打印所选 {selected.length} 份
          </Button>,
        ]}
      >
        <Space style={{ marginBottom: 12 }}>
          <span>出具日期</span>
          <DatePicker value={day} allowClear={false} onChange={(d) => d && setDay(d)} />
          <Select
            allowClear
            placeholder="全部文书"
            style={{ width: 220 }}
            value={kind}
            onChange={setKind}
            options={options(LETTER_KINDS)}
            aria-label="文书种类"
          />
        </Space>
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          scroll={{ y: 360 }}
          dataSource={rows}
          locale={{ emptyText: '当日没有出具的文书' }}
          rowSelection={{ selectedRowKeys: selected, onChange: (keys) => setSelected(keys as string[]) }}
          columns={[
            { title: '文书', render: (_, l) => l.content.title },
            { title: '文号', dataIndex: 'docNo', render: (v: string | null) => v ?? '—' },
            { title: '信访编号', dataIndex: 'caseNo' },
            { title: '', width: 70, render: (_, l) => (l.replacedBy ? '已更正' : '') },
          ]}
        />
      </Modal>
    </>
  );
}
