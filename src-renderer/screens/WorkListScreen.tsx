/**
 * 待办: every running duty of every open case, most urgent first, grouped by when it falls due
 * (已逾期, 今日到期, 本周, 以后). The four counts at the top double as quick filters; the scope
 * switches between the whole office, the current user's cases and one unit's. ↑/↓ move between
 * rows, Enter opens the case.
 *
 * Over 400 lines because the list, its grouping, the quick filters and the keyboard paging are
 * one piece of state; a split would pass it through every part.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import {
  App,
  Button,
  Card,
  Empty,
  Pagination,
  Segmented,
  Select,
  Space,
  Statistic,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table';
import type { WorkItem, WorkList } from '../../src-main/contract';
import { call } from '../lib/api-client';
import { useApp } from '../lib/app-context';
import { deadlineColor, deadlineWords, label } from '../lib/format';
import { pinyinFilter } from '../lib/pinyin-filter';
import { href, navigate } from '../lib/router';

type Scope = 'all' | 'mine' | 'unit' | 'office';
type Bucket = WorkItem['bucket'];
/** a quick filter: one of the buckets, or everything within the warning days */
type Quick = 'overdue' | 'today' | 'week' | 'warning' | null;

const SCOPE_KEY = 'work-scope';
const PAGE_SIZE = 50;

const BUCKETS: { key: Bucket; title: string; color: string }[] = [
  { key: 'overdue', title: '已逾期', color: '#cf1322' },
  { key: 'today', title: '今日到期', color: '#d46b08' },
  { key: 'week', title: '本周到期', color: '#1677ff' },
  { key: 'later', title: '以后到期', color: '#595959' },
];

/** A bucket's heading inside the table, or one duty. */
type Row =
  | { type: 'group'; key: string; bucket: Bucket; count: number; continued: boolean }
  | { type: 'item'; key: string; item: WorkItem; index: number };

const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'];
const weekday = (date: string) => WEEKDAYS[new Date(`${date}T12:00:00Z`).getUTCDay()];

export function WorkListScreen() {
  const { settings, session } = useApp();
  const { message } = App.useApp();
  // where the clerk was, so coming back from a case returns to the same scope, filter and page
  const saved = useMemo(
    () =>
      JSON.parse(sessionStorage.getItem(SCOPE_KEY) ?? '{}') as {
        scope?: Scope;
        unitId?: string;
        officeId?: string;
        quick?: Quick;
        page?: number;
      },
    [],
  );
  const county = settings.office.level === 'county';
  const [scope, setScope] = useState<Scope>(
    saved.scope === 'office' && !county ? 'all' : (saved.scope ?? 'all'),
  );
  const [unitId, setUnitId] = useState<string | undefined>(saved.unitId);
  const [officeId, setOfficeId] = useState<string | undefined>(saved.officeId);
  const [data, setData] = useState<WorkList | null>(null);
  const [loading, setLoading] = useState(false);
  const [quick, setQuick] = useState<Quick>(saved.quick ?? null);
  const [page, setPage] = useState(saved.page ?? 1);
  const [active, setActive] = useState(0);
  const generation = useRef(0);
  const tableRef = useRef<HTMLDivElement>(null);

  const me = session.currentUser;
  const unitKnown = !unitId || settings.units.some((u) => u.id === unitId);
  const officeKnown = !officeId || settings.townships.some((o) => o.id === officeId);
  const ready =
    scope === 'all' ||
    (scope === 'mine' && !!me) ||
    (scope === 'unit' && !!unitId && unitKnown) ||
    (scope === 'office' && !!officeId && officeKnown);

  const load = useCallback(async () => {
    const gen = ++generation.current;
    if (!ready) {
      setData(null);
      setLoading(false);
      return;
    }
    setLoading(true);
    try {
      const w = await call(
        'worklist.get',
        scope === 'unit' ? { scope, unitId } : scope === 'office' ? { scope, officeId } : { scope },
      );
      if (gen === generation.current) setData(w);
    } catch (e) {
      if (gen === generation.current) message.error((e as Error).message);
    } finally {
      if (gen === generation.current) setLoading(false);
    }
    // me: another current user means another 我的
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [scope, unitId, officeId, ready, message, me?.id]);

  useEffect(() => {
    void load();
  }, [load]);
  useEffect(
    () => sessionStorage.setItem(SCOPE_KEY, JSON.stringify({ scope, unitId, officeId, quick, page })),
    [scope, unitId, officeId, quick, page],
  );

  const filtered = useMemo(() => {
    const items = data?.items ?? [];
    if (!quick) return items;
    if (quick === 'warning') return items.filter((i) => i.deadline.state === 'warning');
    return items.filter((i) => i.bucket === quick);
  }, [data, quick]);

  // most urgent first: bucket order, then the service's order (due date, then case number)
  const ordered = useMemo(() => {
    const rank = (b: Bucket) => BUCKETS.findIndex((x) => x.key === b);
    return filtered
      .map((item, i) => ({ item, i }))
      .sort((a, b) => rank(a.item.bucket) - rank(b.item.bucket) || a.i - b.i)
      .map((x) => x.item);
  }, [filtered]);

  const bucketCounts = useMemo(() => {
    const n: Record<Bucket, number> = { overdue: 0, today: 0, week: 0, later: 0 };
    for (const i of ordered) n[i.bucket]++;
    return n;
  }, [ordered]);

  const pageCount = Math.max(1, Math.ceil(ordered.length / PAGE_SIZE));
  const currentPage = Math.min(page, pageCount);
  const pageItems = ordered.slice((currentPage - 1) * PAGE_SIZE, currentPage * PAGE_SIZE);

  const rows = useMemo(() => {
    const out: Row[] = [];
    let last: Bucket | null = null;
    pageItems.forEach((item, index) => {
      if (item.bucket !== last) {
        last = item.bucket;
        out.push({
          type: 'group',
          key: `group-${item.bucket}`,
          bucket: item.bucket,
          count: bucketCounts[item.bucket],
          continued:
            index === 0 &&
            currentPage > 1 &&
            ordered[(currentPage - 1) * PAGE_SIZE - 1]?.bucket === item.bucket,
        });
      }
      out.push({
        type: 'item',
        key: `${item.caseId}:${item.deadline.kind}:${item.deadline.refId ?? ''}`,
        item,
        index,
      });
    });
    return out;
  }, [pageItems, bucketCounts, currentPage, ordered]);

  // keep the highlighted row on the page
  useEffect(() => setActive((a) => Math.min(a, Math.max(0, pageItems.length - 1))), [pageItems.length]);

  const open = (item: WorkItem) => navigate({ name: 'case', id: item.caseId });
  /** after a filter or scope change, ↑/↓/Enter go to the list again (not to the control clicked) */
  const focusList = () => setTimeout(() => tableRef.current?.focus({ preventScroll: true }), 0);
  const pick = (q: Quick) => (setQuick(q), setPage(1), setActive(0), focusList());

  // ↑/↓/Enter anywhere on the screen except inside a field, a menu or a button
  const keys = useRef({ active, pageItems, currentPage, pageCount });
  keys.current = { active, pageItems, currentPage, pageCount };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey || e.ctrlKey || e.metaKey || e.defaultPrevented) return;
      const t = e.target as HTMLElement | null;
      if (
        t?.closest(
          'input, textarea, select, button, a, [contenteditable="true"], .ant-select, .ant-segmented, .ant-pagination, .ant-modal, .ant-dropdown, [role="button"]',
        )
      )
        return;
      const { active: a, pageItems: items, currentPage: p, pageCount: pc } = keys.current;
      if (!items.length) return;
      if (e.key === 'ArrowDown') {
        e.preventDefault();
        if (a < items.length - 1) setActive(a + 1);
        else if (p < pc) {
          setPage(p + 1);
          setActive(0);
        }
      } else if (e.key === 'ArrowUp') {
        e.preventDefault();
        if (a > 0) setActive(a - 1);
        else if (p > 1) {
          setPage(p - 1);
          setActive(PAGE_SIZE - 1);
        }
      } else if (e.key === 'Enter' && items[a]) {
        e.preventDefault();
        open(items[a]);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  useEffect(() => {
    tableRef.current?.querySelector(`tr[data-index="${active}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [active, currentPage]);

  const warnDays = data?.warnDays ?? settings.deadlines.warnDays;
  const columns: ColumnsType<Row> = [
    {
      title: '期限',
      key: 'label',
      width: 128,
      onCell: (r) => (r.type === 'group' ? { colSpan: county ? 9 : 8 } : {}),
      render: (_, r) =>
        r.type === 'group' ? (
          <span style={{ fontWeight: 600, color: BUCKETS.find((b) => b.key === r.bucket)?.color }}>
            {BUCKETS.find((b) => b.key === r.bucket)?.title}
            <span className="muted" style={{ fontWeight: 400, marginInlineStart: 8 }}>
              {r.count} 项{r.continued ? '（续上页）' : ''}
            </span>
          </span>
        ) : (
          r.item.deadline.label
        ),
    },
    {
      title: '到期日',
      key: 'due',
      width: 128,
      onCell: (r) => (r.type === 'group' ? { colSpan: 0 } : {}),
      render: (_, r) =>
        r.type === 'item' && (
          <Tooltip title={r.item.deadline.note ?? `自 ${r.item.deadline.start} 起算（首日不计）`}>
            {r.item.deadline.due}
            <span className="muted"> 周{weekday(r.item.deadline.due)}</span>
          </Tooltip>
        ),
    },
    {
      title: '剩余',
      key: 'left',
      width: 100,
      onCell: (r) => (r.type === 'group' ? { colSpan: 0 } : {}),
      render: (_, r) => {
        if (r.type !== 'item') return null;
        const color = deadlineColor(r.item.deadline);
        return (
          <span style={{ color, fontWeight: color ? 600 : undefined }}>{deadlineWords(r.item.deadline)}</span>
        );
      },
    },
    {
      title: '事项编号',
      key: 'caseNo',
      width: 176,
      onCell: (r) => (r.type === 'group' ? { colSpan: 0 } : {}),
      render: (_, r) =>
        r.type === 'item' && (
          <a href={href({ name: 'case', id: r.item.caseId })} onClick={(e) => e.stopPropagation()}>
            {r.item.caseNo}
          </a>
        ),
    },
    {
      title: '信访人',
      key: 'petitioners',
      width: 120,
      ellipsis: true,
      onCell: (r) => (r.type === 'group' ? { colSpan: 0 } : {}),
      render: (_, r) => r.type === 'item' && (r.item.petitioners || <span className="muted">（匿名）</span>),
    },
    {
      title: '摘要',
      key: 'summary',
      ellipsis: { showTitle: true },
      onCell: (r) => (r.type === 'group' ? { colSpan: 0 } : {}),
      render: (_, r) => r.type === 'item' && r.item.summary,
    },
    {
      title: '状态',
      key: 'status',
      width: 96,
      onCell: (r) => (r.type === 'group' ? { colSpan: 0 } : {}),
      render: (_, r) =>
        r.type === 'item' && <Tag style={{ marginInlineEnd: 0 }}>{label.status(r.item.status)}</Tag>,
    },
    // county: the township handling each case
    ...(county
      ? [
          {
            title: '乡镇',
            key: 'office',
            width: 96,
            ellipsis: true,
            onCell: (r: Row) => (r.type === 'group' ? { colSpan: 0 } : {}),
            render: (_: unknown, r: Row) =>
              r.type === 'item' &&
              (r.item.officeId === settings.office.id ? <span className="muted">本局</span> : r.item.office),
          },
        ]
      : []),
    {
      title: '责任单位/承办人',
      key: 'unit',
      width: 170,
      ellipsis: true,
      onCell: (r) => (r.type === 'group' ? { colSpan: 0 } : {}),
      render: (_, r) => {
        if (r.type !== 'item') return null;
        const text = [r.item.unit, r.item.handler].filter(Boolean).join(' / ');
        // a township's own case is handled there, not waiting for the county's 交办
        return (
          text || <span className="muted">{r.item.officeId === settings.office.id ? '未交办' : '—'}</span>
        );
      },
    },
  ];

  const counts = data?.counts;
  const cards: {
    key: Exclude<Quick, null>;
    title: string;
    value: number | undefined;
    color?: string;
    hint: string;
  }[] = [
    {
      key: 'overdue',
      title: '已逾期',
      value: counts?.overdue,
      color: '#cf1322',
      hint: '到期日已过仍未办理的期限',
    },
    {
      key: 'today',
      title: '今日到期',
      value: counts?.today,
      color: counts?.today ? '#d46b08' : undefined,
      hint: '今天是最后一天',
    },
    { key: 'week', title: '本周到期', value: counts?.week, hint: '明天至本周日到期' },
    {
      key: 'warning',
      title: `${warnDays}天内提醒`,
      value: counts?.warning,
      color: counts?.warning ? '#d46b08' : undefined,
      hint: `${warnDays}天内（含今天）到期、尚未逾期`,
    },
  ];

  return (
    <div style={{ maxWidth: 1400 }}>
      <style>{`
        .work-table .work-row { cursor: pointer; }
        .work-table .work-row-active > td { background: #fff1f0 !important; }
        .work-table .work-group > td { background: #fafafa !important; padding-top: 6px !important; padding-bottom: 6px !important; }
        .work-card.ant-card { cursor: pointer; }
        .work-card.work-card-on.ant-card { border-color: #b71c1c; box-shadow: 0 0 0 1px #b71c1c inset; }
      `}</style>
      <Space style={{ justifyContent: 'space-between', width: '100%', marginBottom: 12 }} wrap>
        <h2 className="screen-title" style={{ margin: 0 }}>
          待办事项
        </h2>
        <Space wrap>
          <Segmented<Scope>
            aria-label="范围"
            value={scope}
            onChange={(v) => (setScope(v), setData(null), pick(null))}
            options={[
              { value: 'all', label: '全部' },
              { value: 'mine', label: '我的' },
              { value: 'unit', label: '按单位' },
              ...(county ? [{ value: 'office' as const, label: '按乡镇' }] : []),
            ]}
          />
          {scope === 'office' && (
            <Select
              aria-label="乡镇"
              placeholder="选择乡镇"
              style={{ width: 160 }}
              value={officeKnown ? officeId : undefined}
              onChange={(v: string) => (setOfficeId(v), setData(null), pick(null))}
              options={settings.townships.map((o) => ({ value: o.id, label: o.name }))}
              showSearch={{ filterOption: pinyinFilter }}
              notFoundContent="尚未登记乡镇"
            />
          )}
          {scope === 'unit' && (
            <Select
              aria-label="责任单位"
              placeholder="选择责任单位"
              style={{ width: 200 }}
              value={unitKnown ? unitId : undefined}
              onChange={(v: string) => (setUnitId(v), setData(null), pick(null))}
              options={settings.units.map((u) => ({ value: u.id, label: u.name }))}
              showSearch={{ filterOption: pinyinFilter }}
              notFoundContent="尚未设置责任单位"
            />
          )}
          <Button icon={<ReloadOutlined />} loading={loading} onClick={() => void load()} disabled={!ready}>
            刷新
          </Button>
        </Space>
      </Space>

      <div
        style={{
          display: 'grid',
          gridTemplateColumns: 'repeat(4, minmax(150px, 1fr))',
          gap: 12,
          marginBottom: 12,
        }}
      >
        {cards.map((c) => (
          <Card
            key={c.key}
            size="small"
            hoverable
            className={`work-card${quick === c.key ? ' work-card-on' : ''}`}
            data-testid={`work-count-${c.key}`}
            role="button"
            aria-pressed={quick === c.key}
            tabIndex={0}
            onClick={() => pick(quick === c.key ? null : c.key)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' || e.key === ' ') {
                e.preventDefault();
                e.stopPropagation();
                pick(quick === c.key ? null : c.key);
              }
            }}
          >
            <Statistic
              title={
                <Space size={4}>
                  {c.title}
                  {quick === c.key && <Tag color="red">筛选中</Tag>}
                </Space>
              }
              value={c.value ?? '—'}
              groupSeparator=""
              suffix={c.value === undefined ? undefined : '项'}
              styles={{ content: { color: c.value === undefined ? '#bfbfbf' : c.color, fontWeight: 600 } }}
            />
            <div className="muted" style={{ fontSize: 12 }}>
              {c.hint}
            </div>
          </Card>
        ))}
      </div>

      <Space style={{ justifyContent: 'space-between', width: '100%', marginBottom: 8 }} wrap>
        <Typography.Text type="secondary" style={{ display: 'inline-block', minHeight: 24 }}>
          {data && (
            <>
              今天 {data.today}（星期{weekday(data.today)}）· 期限按
              {settings.deadlines.dayCount === 'working' ? '工作日' : '自然日'}计算 ·{' '}
              {quick
                ? `筛选“${cards.find((c) => c.key === quick)?.title}”：${ordered.length} 项 / 共 ${data.total} 项`
                : `共 ${data.total} 项`}
              {data.total > data.items.length && `（列出最紧急的 ${data.items.length} 项）`}
              {quick && (
                <Button type="link" size="small" onClick={() => pick(null)}>
                  显示全部
                </Button>
              )}
            </>
          )}
        </Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          ↑/↓ 选择，回车打开事项
        </Typography.Text>
      </Space>

      <div ref={tableRef} tabIndex={-1} style={{ outline: 'none' }}>
        <Table<Row>
          className="work-table"
          size="small"
          rowKey="key"
          tableLayout="fixed"
          loading={loading}
          pagination={false}
          dataSource={rows}
          columns={columns}
          locale={{
            emptyText: (
              <Empty
                image={Empty.PRESENTED_IMAGE_SIMPLE}
                description={
                  !ready
                    ? scope === 'mine'
                      ? '请先在右上角选择当前工作人员'
                      : scope === 'office'
                        ? '请选择乡镇'
                        : '请选择责任单位'
                    : loading && !data
                      ? '正在查询…'
                      : quick
                        ? '没有符合条件的待办事项'
                        : '暂无待办事项'
                }
              />
            ),
          }}
          rowClassName={(r) =>
            r.type === 'group' ? 'work-group' : `work-row${r.index === active ? ' work-row-active' : ''}`
          }
          onRow={(r) =>
            r.type === 'group'
              ? {}
              : ({
                  'data-testid': 'work-row',
                  'data-case-no': r.item.caseNo,
                  'data-kind': r.item.deadline.kind,
                  'data-bucket': r.item.bucket,
                  'data-index': r.index,
                  onClick: () => open(r.item),
                } as React.HTMLAttributes<HTMLElement>)
          }
        />
      </div>
      {ordered.length > PAGE_SIZE && (
        <Pagination
          style={{ marginTop: 12, justifyContent: 'flex-end' }}
          current={currentPage}
          pageSize={PAGE_SIZE}
          total={ordered.length}
          showSizeChanger={false}
          showTotal={(t) => `共 ${t} 项`}
          onChange={(p) => (
            setPage(p),
            setActive(0),
            tableRef.current?.closest('.app-main')?.scrollTo({ top: 0 }),
            focusList()
          )}
        />
      )}
    </div>
  );
}
