/**
 * The register as a virtualized table: only the rows on screen are in the DOM, and rows are
 * fetched from the services a page at a time as they scroll into view, so 100,000 cases (or a
 * county's million) scroll as smoothly as ten. Arrow keys move between rows, Enter opens one.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { Empty, Tag, Tooltip } from 'antd';
import type { CaseFilter, CaseRow } from '../../src-main/contract';
import { call } from '../lib/api-client';
import { useApp } from '../lib/app-context';
import { FLAG_COLORS, label, showDateTime } from '../lib/format';

const PAGE = 100;
const ROW_HEIGHT = 38;

const COLUMNS: {
  key: string;
  title: string;
  width: number;
  grow?: boolean;
  render: (r: CaseRow) => React.ReactNode;
}[] = [
  { key: 'caseNo', title: '信访编号', width: 168, render: (r) => r.caseNo },
  { key: 'receivedAt', title: '收到时间', width: 124, render: (r) => showDateTime(r.receivedAt) },
  { key: 'channel', title: '形式', width: 72, render: (r) => label.channel(r.channel) },
  {
    key: 'petitioners',
    title: '信访人',
    width: 110,
    render: (r) => r.petitioners || <span className="muted">（匿名）</span>,
  },
  { key: 'idNumber', title: '身份证号', width: 150, render: (r) => r.idNumber },
  { key: 'phone', title: '电话', width: 100, render: (r) => r.phone },
  { key: 'village', title: '村/社区', width: 90, render: (r) => r.village },
  { key: 'matterType', title: '性质', width: 70, render: (r) => label.matterType(r.matterType) },
  { key: 'category', title: '分类', width: 84, render: (r) => r.category },
  { key: 'summary', title: '内容摘要', width: 160, grow: true, render: (r) => r.summary },
  {
    key: 'flags',
    title: '标记',
    width: 100,
    render: (r) =>
      r.flags.map((f) => (
        <Tag key={f} color={FLAG_COLORS[f]} style={{ marginInlineEnd: 4 }}>
          {label.flag(f)}
        </Tag>
      )),
  },
  { key: 'status', title: '状态', width: 64, render: (r) => label.status(r.status) },
];
/** county mode: the township handling a case stands where a township shows its village */
const COUNTY_COLUMNS = COLUMNS.map((c) =>
  c.key === 'village' ? { key: 'office', title: '乡镇', width: 100, render: (r: CaseRow) => r.office } : c,
);
/** a township's list: a case the county assigned on to another township says so in place of its status */
const townshipColumns = (own: string) =>
  COLUMNS.map((c) =>
    c.key === 'status'
      ? {
          ...c,
          render: (r: CaseRow) =>
            r.officeId !== own ? (
              <Tooltip title={`县信访局已将此件交办${r.office ?? r.officeId}办理`}>
                <span className="muted">已改交</span>
              </Tooltip>
            ) : (
              label.status(r.status)
            ),
        }
      : c,
  );
const widthOf = (columns: typeof COLUMNS) => columns.reduce((s, c) => s + c.width, 0);
/** the summary column takes whatever width the window has left */
const cellStyle = (c: (typeof COLUMNS)[number]) =>
  c.grow ? { flex: `1 0 ${c.width}px` } : { width: c.width };

export function CaseTable({
  filter,
  county = false,
  onOpen,
  onTotal,
}: {
  filter: CaseFilter;
  county?: boolean;
  onOpen(id: string): void;
  onTotal(n: number | null, error?: string): void;
}) {
  const { settings } = useApp();
  const ownColumns = useMemo(() => townshipColumns(settings.office.id), [settings.office.id]);
  const columns = county ? COUNTY_COLUMNS : ownColumns;
  const scrollRef = useRef<HTMLDivElement>(null);
  const pages = useRef(new Map<number, CaseRow[] | 'loading'>());
  const generation = useRef(0);
  const [total, setTotal] = useState<number | null>(null);
  const [, setTick] = useState(0);
  const filterKey = JSON.stringify(filter);

  const load = useCallback(
    (page: number) => {
      if (pages.current.has(page)) return;
      pages.current.set(page, 'loading');
      const gen = generation.current;
      call('cases.list', { filter: JSON.parse(filterKey) as CaseFilter, offset: page * PAGE, limit: PAGE })
        .then((res) => {
          if (gen !== generation.current) return;
          pages.current.set(page, res.rows);
          setTotal(res.total);
          onTotal(res.total);
          setTick((t) => t + 1);
        })
        .catch((e: Error) => {
          if (gen !== generation.current) return;
          pages.current.delete(page);
          onTotal(null, e.message);
        });
    },
    [filterKey, onTotal],
  );

  useEffect(() => {
    generation.current += 1;
    pages.current = new Map();
    setTotal(null);
    scrollRef.current?.scrollTo({ top: 0 });
    load(0);
  }, [load]);

  const virtualizer = useVirtualizer({
    count: total ?? 0,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();

  useEffect(() => {
    if (!items.length) return;
    const first = Math.floor(items[0].index / PAGE);
    const last = Math.floor(items[items.length - 1].index / PAGE);
    for (let p = first; p <= last; p++) load(p);
    // fetch the next page before it scrolls into view
    if (total !== null && (last + 1) * PAGE < total) load(last + 1);
  }, [items, load, total]);

  const rowAt = (i: number): CaseRow | undefined => {
    const page = pages.current.get(Math.floor(i / PAGE));
    return Array.isArray(page) ? page[i % PAGE] : undefined;
  };

  const focusRow = (i: number) => {
    if (total === null || i < 0 || i >= total) return;
    virtualizer.scrollToIndex(i);
    requestAnimationFrame(() =>
      scrollRef.current?.querySelector<HTMLElement>(`[data-index="${i}"]`)?.focus(),
    );
  };

  return (
    <div
      ref={scrollRef}
      style={{
        flex: 1,
        minHeight: 0,
        overflow: 'auto',
        background: '#fff',
        border: '1px solid #e5e5e5',
        borderRadius: 6,
      }}
      data-testid="case-table"
    >
      <div style={{ minWidth: widthOf(columns) }}>
        <div
          className="vt-row vt-head"
          style={{ height: ROW_HEIGHT, position: 'sticky', top: 0, zIndex: 1 }}
          role="row"
        >
          {columns.map((c) => (
            <div key={c.key} className="vt-cell" style={cellStyle(c)} role="columnheader">
              {c.title}
            </div>
          ))}
        </div>
        {total === 0 && <Empty style={{ padding: 40 }} description="没有符合条件的信访事项" />}
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {items.map((item) => {
            const r = rowAt(item.index);
            return (
              <div
                key={item.key}
                data-index={item.index}
                className="vt-row"
                role="row"
                tabIndex={0}
                style={{
                  position: 'absolute',
                  top: 0,
                  left: 0,
                  right: 0,
                  height: ROW_HEIGHT,
                  transform: `translateY(${item.start}px)`,
                }}
                onClick={() => r && onOpen(r.id)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter' && r) onOpen(r.id);
                  else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
                    e.preventDefault();
                    focusRow(item.index + (e.key === 'ArrowDown' ? 1 : -1));
                  }
                }}
              >
                {r ? (
                  columns.map((c) => (
                    <div
                      key={c.key}
                      className="vt-cell"
                      style={cellStyle(c)}
                      title={c.grow ? r.summary : undefined}
                    >
                      {c.render(r)}
                    </div>
                  ))
                ) : (
                  <div className="vt-cell muted">加载中…</div>
                )}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
