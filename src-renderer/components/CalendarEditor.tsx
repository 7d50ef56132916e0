/**
 * The office's own holiday table: statutory holidays (休息日) and 调休 make-up working days the
 * shipped calendar does not know yet (a new year's schedule, published by the State Council's
 * General Office each autumn or winter) or gets wrong. Entries win over the shipped calendar.
 */
import { useMemo, useState } from 'react';
import {
  Alert,
  App,
  Button,
  DatePicker,
  Input,
  Popconfirm,
  Radio,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { calendarDayInput, type Settings } from '../../src-main/contract';
import { call } from '../lib/api-client';
import { useApp } from '../lib/app-context';
import { schemaForm } from '../lib/schema-rules';

/** the note's counter: a longer note is refused by the services with the contract's message, never cut */
const noteCount = schemaForm(calendarDayInput).count('note');

type CalendarDay = Settings['calendar']['days'][number];
type Kind = CalendarDay['kind'];

const KINDS: Record<Kind, string> = { rest: '休息日', work: '调休上班日' };
const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'];
const weekday = (date: string) => `星期${WEEKDAYS[new Date(`${date}T12:00:00Z`).getUTCDay()]}`;

/** [2004, 2005, …, 2026] → "2004—2026年"; gaps are listed: "2004—2010、2012—2026年" */
function yearRanges(years: number[]): string {
  const sorted = [...new Set(years)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    parts.push(i === j ? String(sorted[i]) : `${sorted[i]}—${sorted[j]}`);
    i = j + 1;
  }
  return `${parts.join('、')}年`;
}

export function CalendarEditor() {
  const { settings, setSettings } = useApp();
  const { message } = App.useApp();
  const [date, setDate] = useState<Dayjs | null>(null);
  const [kind, setKind] = useState<Kind>('rest');
  const [note, setNote] = useState('');
  const [saving, setSaving] = useState(false);

  const { days, knownYears } = settings.calendar;
  const thisYear = dayjs().year();
  const lastKnown = knownYears.length ? Math.max(...knownYears) : null;
  const entriesIn = (year: number) => days.filter((d) => d.date.startsWith(`${year}-`)).length;
  const sorted = useMemo(
    () => [...days].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0)),
    [days],
  );

  const dateText = date?.format('YYYY-MM-DD') ?? null;
  const existing = dateText ? days.find((d) => d.date === dateText) : undefined;
  const weekend = date ? date.day() === 0 || date.day() === 6 : false;

  const add = async () => {
    if (!dateText) {
      message.warning('请选择日期');
      return;
    }
    setSaving(true);
    try {
      setSettings(await call('settings.saveCalendarDay', { date: dateText, kind, note: note.trim() }));
      message.success(`${existing ? '已更新' : '已录入'} ${dateText} ${KINDS[kind]}`);
      setDate(null);
      setNote('');
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setSaving(false);
    }
  };

  const remove = async (d: CalendarDay) => {
    try {
      setSettings(await call('settings.removeCalendarDay', { date: d.date }));
      message.success(`已删除 ${d.date}`);
    } catch (e) {
      message.error((e as Error).message);
    }
  };

  const alerts = (() => {
    const out: React.ReactNode[] = [];
    const known = knownYears.length ? yearRanges(knownYears) : '无';
    const from = lastKnown === null ? thisYear : lastKnown + 1;
    out.push(
      <Alert
        key="known"
        type="info"
        showIcon
        data-testid="calendar-known-years"
        title={`内置节假日安排：${known}。${from}年及以后的法定节假日和调休，请在国务院办公厅发布通知后在下表录入。`}
      />,
    );
    for (const year of [thisYear, thisYear + 1]) {
      if (knownYears.includes(year)) continue;
      const n = entriesIn(year);
      out.push(
        <Alert
          key={year}
          type={year === thisYear ? 'error' : n ? 'info' : 'warning'}
          showIcon
          data-testid="calendar-missing-year"
          title={`内置日历没有${year}年的节假日安排${n ? `（下表已录入${year}年 ${n} 天，请核对是否完整）` : ''}`}
          description={
            year === thisYear
              ? `今年的期限目前只把周六、周日当作休息日，遇法定节假日或调休上班日会算错。请按国务院办公厅关于${year}年部分节假日安排的通知，在下表逐日录入放假日期和调休上班日期。`
              : `国务院办公厅通常在每年10月至12月公布下一年的节假日安排。公布后请在下表逐日录入${year}年的放假日期和调休上班日期；未录入前，到期日落在${year}年的期限只按周末顺延，可能算错。`
          }
        />,
      );
    }
    return out;
  })();

  return (
    <div>
      <Space orientation="vertical" size={8} style={{ width: '100%', marginBottom: 12 }}>
        {alerts}
      </Space>
      <Space wrap align="start" style={{ marginBottom: 4 }}>
        <DatePicker
          aria-label="日期"
          data-testid="calendar-add-date"
          placeholder="选择或输入日期"
          value={date}
          onChange={(d) => setDate(d)}
          style={{ width: 160 }}
        />
        <Radio.Group
          aria-label="类型"
          data-testid="calendar-add-kind"
          optionType="button"
          value={kind}
          onChange={(e) => setKind(e.target.value as Kind)}
          options={[
            { value: 'rest', label: KINDS.rest },
            { value: 'work', label: KINDS.work },
          ]}
        />
        <Input
          aria-label="说明"
          data-testid="calendar-add-note"
          placeholder="说明，如：元旦"
          count={noteCount}
          style={{ width: 220 }}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          onPressEnter={() => void add()}
        />
        <Button type="primary" data-testid="calendar-add-submit" loading={saving} onClick={() => void add()}>
          {existing ? '更新' : '添加'}
        </Button>
      </Space>
      <div style={{ minHeight: 22, marginBottom: 8 }}>
        {date && (
          <Typography.Text
            type={
              existing || (kind === 'work' && !weekend) || (kind === 'rest' && weekend)
                ? 'warning'
                : 'secondary'
            }
            style={{ fontSize: 13 }}
          >
            {dateText} 是{weekday(dateText!)}
            {kind === 'work' && !weekend && '；调休上班日通常是周六或周日'}
            {kind === 'rest' && weekend && '；周末本就按休息日计算，除非是更正，无需录入'}
            {existing &&
              `；表中已有此日（${KINDS[existing.kind]}${existing.note ? `，${existing.note}` : ''}），保存将覆盖`}
          </Typography.Text>
        )}
      </div>
      <Table<CalendarDay>
        size="small"
        rowKey="date"
        dataSource={sorted}
        pagination={
          sorted.length > 20
            ? { pageSize: 20, showSizeChanger: false, showTotal: (t) => `共 ${t} 天` }
            : false
        }
        locale={{ emptyText: '尚未录入。内置日历已知年份的节假日无需录入。' }}
        onRow={(d) =>
          ({ 'data-testid': 'calendar-day', 'data-date': d.date }) as React.HTMLAttributes<HTMLElement>
        }
        columns={[
          { title: '日期', dataIndex: 'date', width: 180, render: (d: string) => `${d}（${weekday(d)}）` },
          {
            title: '类型',
            dataIndex: 'kind',
            width: 120,
            render: (k: Kind) => <Tag color={k === 'rest' ? 'red' : 'blue'}>{KINDS[k]}</Tag>,
          },
          { title: '说明', dataIndex: 'note', render: (n: string) => n || <span className="muted">—</span> },
          {
            title: '操作',
            width: 90,
            render: (_, d) => (
              <Popconfirm
                title={`删除 ${d.date}？`}
                description="删除后该日按内置日历（或周末）计算。"
                okText="删除"
                cancelText="取消"
                onConfirm={() => remove(d)}
              >
                <a data-testid="calendar-day-remove">删除</a>
              </Popconfirm>
            ),
          },
        ]}
      />
    </div>
  );
}
