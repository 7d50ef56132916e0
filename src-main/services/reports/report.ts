/**
 * The statistics report (统计报表): the figures of the cases received in a period, beside the same
 * period a year before (同比) and the period just before (环比), broken down by channel, matter
 * type, category, village and responsible unit, a monthly trend, and in county mode a table of
 * the townships. Every value carries the register filter that lists the cases behind it.
 *
 * Whole months are read from report_cells (summed ahead), the days of a month covered in part
 * from case_facts; what depends on the report's day (duties now past due) from case_facts'
 * due-date columns, on their partial indexes (only cases with a duty still running are read).
 *
 * Over 400 lines because every section (figures, breakdowns, trend, ranking) reads the same
 * gathered period data; facts.ts, measures.ts, periods.ts and output.ts hold the rest.
 */
import {
  CHANNELS,
  MATTER_TYPES,
  REPORT_DIMS,
  REPORT_KINDS,
  type ApiParsed,
  type CaseFilter,
  type Report,
  type ReportBreakdownRow,
  type ReportDim,
  type ReportFigure,
  type ReportLinks,
  type ReportPeriod,
  type ReportSection,
  type ReportValue,
} from '../../contract';
import { REPORT_COUNTERS } from '../../../db/schema';
import type { Store } from '../database';
import { UserError } from '../errors';
import { nowLocal, todayLocal } from '../local-time';
import { requireOffice } from '../office';
import { disputeCounts } from '../disputes';
import { receptionCounts } from '../reception-days';
import { DIM_COLUMNS, zeroCounters, type Counters } from './facts';
import { FIGURE_SECTIONS, FIGURES, percent, type FigureDef, type Totals } from './measures';
import { monthsBetween, periodOf, previousPeriod, splitRange, yearOnYear } from './periods';

/** What a period's figures are computed from. */
interface PeriodData {
  /** every counter, per office */
  offices: (Counters & { office_id: string })[];
  /** 批次 and 人次 per breakdown key */
  keys: { dim: string; key: string; n: number; people: number }[];
  /** today-dependent counts per office */
  pending: Map<string, Pick<Totals, 'accept_pend_late' | 'reply_pend_late' | 'sup_pend_late' | 'overdue'>>;
}

const SUMS = REPORT_COUNTERS.map((c) => `sum(${c}) AS ${c}`).join(', ');

function gather(store: Store, from: string, to: string, asOf: string, officeId: string | null): PeriodData {
  const { sqlite } = store;
  const office = officeId ? ' AND office_id = ?' : '';
  const scope = officeId ? [officeId] : [];
  const split = splitRange(from, to);
  const offices: PeriodData['offices'] = [];
  const keys: PeriodData['keys'] = [];
  if (split.months) {
    const [first, last] = split.months;
    offices.push(
      ...(sqlite
        .prepare(
          `SELECT office_id, ${SUMS} FROM report_cells WHERE month >= ? AND month <= ? AND dim = 'all'${office} GROUP BY office_id`,
        )
        .all(first, last, ...scope) as PeriodData['offices']),
    );
    keys.push(
      ...(sqlite
        .prepare(
          `SELECT dim, key, sum(n) AS n, sum(people) AS people FROM report_cells WHERE month >= ? AND month <= ? AND dim <> 'all'${office} GROUP BY dim, key`,
        )
        .all(first, last, ...scope) as PeriodData['keys']),
    );
  }
  // each run of days on its own: a plain range the received-date index answers (rows of the
  // same office or key from two runs are added up by the readers below)
  for (const [a, b] of split.days) {
    const days = `received_on >= ? AND received_on <= ?${office}`;
    offices.push(
      ...(sqlite
        .prepare(`SELECT office_id, ${SUMS} FROM case_facts WHERE ${days} GROUP BY office_id`)
        .all(a, b, ...scope) as PeriodData['offices']),
    );
    const sql = Object.entries(DIM_COLUMNS)
      .map(
        ([dim, col]) =>
          `SELECT '${dim}' AS dim, ${col} AS key, count(*) AS n, sum(people) AS people FROM case_facts WHERE ${days} GROUP BY 2`,
      )
      .join(' UNION ALL ');
    keys.push(
      ...(sqlite
        .prepare(sql)
        .all(...Object.keys(DIM_COLUMNS).flatMap(() => [a, b, ...scope])) as PeriodData['keys']),
    );
  }

  const pending: PeriodData['pending'] = new Map();
  const at = (office: string) => {
    let p = pending.get(office);
    if (!p)
      pending.set(office, (p = { accept_pend_late: 0, reply_pend_late: 0, sup_pend_late: 0, overdue: 0 }));
    return p;
  };
  for (const [field, col] of [
    ['accept_pend_late', 'accept_pend_due'],
    ['reply_pend_late', 'reply_pend_due'],
    ['sup_pend_late', 'sup_pend_due'],
    ['overdue', 'duty_due'],
  ] as const) {
    const rows = sqlite
      .prepare(
        `SELECT office_id, count(*) AS n FROM case_facts WHERE received_on >= ? AND received_on <= ? AND ${col} < ?${office} GROUP BY office_id`,
      )
      .all(from, to, asOf, ...scope) as { office_id: string; n: number }[];
    for (const r of rows) at(r.office_id)[field] = r.n;
  }
  return { offices, keys, pending };
}

function addInto(into: Counters, row: Counters) {
  for (const c of REPORT_COUNTERS) into[c] += row[c];
}

/** The period's totals, of one office or of all. */
function totals(data: PeriodData, office?: string): Totals {
  const t: Totals = {
    ...zeroCounters(),
    accept_pend_late: 0,
    reply_pend_late: 0,
    sup_pend_late: 0,
    overdue: 0,
  };
  for (const r of data.offices) if (!office || r.office_id === office) addInto(t, r);
  for (const [o, p] of data.pending) {
    if (office && o !== office) continue;
    t.accept_pend_late += p.accept_pend_late;
    t.reply_pend_late += p.reply_pend_late;
    t.sup_pend_late += p.sup_pend_late;
    t.overdue += p.overdue;
  }
  return t;
}

/** The period's 批次 and 人次 per key of a breakdown. */
function byKey(data: PeriodData, dim: ReportDim): Map<string, { n: number; people: number }> {
  const out = new Map<string, { n: number; people: number }>();
  for (const r of data.keys) {
    if (r.dim !== dim) continue;
    const v = out.get(r.key) ?? { n: 0, people: 0 };
    v.n += r.n;
    v.people += r.people;
    out.set(r.key, v);
  }
  return out;
}

/** Percent change of a count (null when the earlier one is 0). */
export function change(cur: number, prev: number): number | null {
  return prev ? Math.round(((cur - prev) * 1000) / prev) / 10 : null;
}

function valueOf(def: FigureDef, t: Totals): ReportValue {
  if (!def.rate) return { value: def.value(t) };
  const num = def.num(t);
  const den = def.den(t);
  return { value: percent(num, den), num, den };
}

function linksOf(def: FigureDef, base: CaseFilter): ReportLinks {
  if (!def.rate) return { value: { ...base, ...def.link } };
  return {
    value: { ...base, ...def.denLink },
    num: { ...base, ...def.numLink },
    den: { ...base, ...def.denLink },
  };
}

export function figureOf(
  def: FigureDef,
  t: { cur: Totals; yoy: Totals; mom: Totals },
  base: { cur: CaseFilter; yoy: CaseFilter; mom: CaseFilter },
): ReportFigure {
  const cur = valueOf(def, t.cur);
  const yoy = valueOf(def, t.yoy);
  const mom = valueOf(def, t.mom);
  const diff = (prev: ReportValue) =>
    cur.value === null || prev.value === null
      ? null
      : def.rate
        ? Math.round((cur.value - prev.value) * 10) / 10
        : change(cur.value, prev.value);
  return {
    key: def.key,
    label: def.label,
    unit: def.rate ? '%' : def.unit,
    rate: def.rate,
    definition: def.rate ? def.definition : null,
    cur,
    yoy,
    mom,
    yoyChange: diff(yoy),
    momChange: diff(mom),
    links: { cur: linksOf(def, base.cur), yoy: linksOf(def, base.yoy), mom: linksOf(def, base.mom) },
    disputes: null,
  };
}

/**
 * What the ledgers beside the register add: disputes found and resolved by screening (each on its
 * own day), and the leaders' reception days with the visits received in their hours.
 */
function ledgerSection(
  store: Store,
  periods: { cur: ReportPeriod; yoy: ReportPeriod; mom: ReportPeriod },
  officeId: string | null,
  base: { cur: CaseFilter; yoy: CaseFilter; mom: CaseFilter },
): ReportSection {
  const counts = (p: ReportPeriod) => {
    const range = { from: p.from, to: p.to, ...(officeId ? { officeId } : {}) };
    return { ...disputeCounts(store, range), ...receptionCounts(store, range) };
  };
  const c = { cur: counts(periods.cur), yoy: counts(periods.yoy), mom: counts(periods.mom) };
  type Count = keyof typeof c.cur;
  const reception = (which: 'cur' | 'yoy' | 'mom'): ReportLinks => ({
    value: { ...base[which], measure: 'reception' },
  });
  const figure = (
    key: Count,
    label: string,
    unit: string,
    definition: string,
    open: Pick<ReportFigure, 'links' | 'disputes'>,
  ): ReportFigure => ({
    key: `ledger-${key}`,
    label,
    unit,
    rate: false,
    definition,
    cur: { value: c.cur[key] },
    yoy: { value: c.yoy[key] },
    mom: { value: c.mom[key] },
    yoyChange: change(c.cur[key], c.yoy[key]),
    momChange: change(c.cur[key], c.mom[key]),
    ...open,
  });
  const visits = {
    links: { cur: reception('cur'), yoy: reception('yoy'), mom: reception('mom') },
    disputes: null,
  };
  return {
    kind: 'figures',
    key: 'ledgers',
    title: '矛盾纠纷排查与领导接访',
    figures: [
      figure('found', '排查发现矛盾纠纷', '件', '按发现日期统计（矛盾纠纷排查台账）', {
        links: null,
        disputes: { dateOf: 'found' },
      }),
      figure('resolved', '化解矛盾纠纷', '件', '按化解日期统计，现仍为“已化解”的纠纷', {
        links: null,
        disputes: { dateOf: 'resolved' },
      }),
      figure('days', '领导接访日', '天', '期间内安排的接访日（每个单位每天计一天）', visits),
      figure('batches', '领导接访', '批次', '接访日接访时段内收到的来访事项', visits),
      figure('persons', '领导接访', '人次', '上述来访事项的人数之和', visits),
    ],
  };
}

/** Names of the keys of each breakdown, in the order they are listed. */
function keyLabels(store: Store, dim: ReportDim): Map<string, string> {
  const { sqlite } = store;
  const rows = (sql: string) =>
    new Map((sqlite.prepare(sql).all() as { id: string; name: string }[]).map((r) => [r.id, r.name]));
  switch (dim) {
    case 'channel':
      return new Map(Object.entries(CHANNELS));
    case 'matter':
      return new Map(Object.entries(MATTER_TYPES));
    case 'category':
      return rows(
        `SELECT c.id, CASE WHEN p.name IS NULL THEN c.name ELSE p.name || '／' || c.name END AS name
         FROM categories c LEFT JOIN categories p ON p.id = c.parent_id ORDER BY coalesce(p.sort, c.sort), p.id IS NOT NULL, c.sort`,
      );
    case 'village':
      return rows('SELECT id, name FROM villages ORDER BY office_id, sort');
    case 'unit':
      return rows('SELECT id, name FROM units ORDER BY sort');
  }
}

const NONE_LABELS: Record<ReportDim, string> = {
  channel: '未填写',
  matter: '未填写',
  category: '未分类',
  village: '未填写村（社区）',
  unit: '未确定责任单位',
};

/** The register filter field a breakdown key goes in. */
function dimFilter(dim: ReportDim, key: string): CaseFilter {
  switch (dim) {
    case 'channel':
      return { channel: [key] };
    case 'matter':
      return { matterType: [key] };
    case 'category':
      return { categoryId: [key] };
    case 'village':
      return { villageId: [key] };
    case 'unit':
      return { unitId: [key] };
  }
}

function breakdown(
  store: Store,
  dim: ReportDim,
  data: { cur: PeriodData; yoy: PeriodData; mom: PeriodData },
  base: { cur: CaseFilter; yoy: CaseFilter; mom: CaseFilter },
): ReportSection {
  const cur = byKey(data.cur, dim);
  const yoy = byKey(data.yoy, dim);
  const mom = byKey(data.mom, dim);
  const labels = keyLabels(store, dim);
  const total = [...cur.values()].reduce((s, v) => s + v.n, 0);
  const keys = new Set([...cur.keys(), ...yoy.keys(), ...mom.keys()]);
  // the dictionary's order for the fixed lists, else the busiest first
  const order = dim === 'channel' || dim === 'matter' ? [...labels.keys()] : [];
  const rows: ReportBreakdownRow[] = [...keys]
    .map((key) => {
      const c = cur.get(key) ?? { n: 0, people: 0 };
      const y = yoy.get(key)?.n ?? 0;
      const m = mom.get(key)?.n ?? 0;
      return {
        key,
        label: key === '' ? NONE_LABELS[dim] : (labels.get(key) ?? '（已删除）'),
        n: c.n,
        people: c.people,
        share: percent(c.n, total),
        yoyN: y,
        momN: m,
        yoyChange: change(c.n, y),
        momChange: change(c.n, m),
        links: {
          cur: { ...base.cur, ...dimFilter(dim, key) },
          yoy: { ...base.yoy, ...dimFilter(dim, key) },
          mom: { ...base.mom, ...dimFilter(dim, key) },
        },
      };
    })
    .sort((a, b) =>
      order.length
        ? order.indexOf(a.key) - order.indexOf(b.key)
        : b.n - a.n || a.label.localeCompare(b.label, 'zh'),
    );
  return { kind: 'breakdown', key: dim, title: REPORT_DIMS[dim], nUnit: '批次', peopleUnit: '人次', rows };
}

/** Month by month, for the months ending with the period's (a year's own twelve), beside a year before. */
function trend(store: Store, period: ReportPeriod, officeId: string | null, base: CaseFilter): ReportSection {
  const last = period.to.slice(0, 7);
  const y = Number(last.slice(0, 4));
  const first =
    period.kind === 'year'
      ? `${y}-01`
      : period.kind === 'range' && period.from.slice(0, 7) < monthsBack(last, 11)
        ? maxMonth(period.from.slice(0, 7), monthsBack(last, 35))
        : monthsBack(last, 11);
  const months = monthsBetween(first, last);
  const prevFirst = `${Number(first.slice(0, 4)) - 1}${first.slice(4)}`;
  const rows = store.sqlite
    .prepare(
      `SELECT month, sum(n) AS n, sum(people) AS people FROM report_cells WHERE dim = 'all' AND month >= ? AND month <= ?${officeId ? ' AND office_id = ?' : ''} GROUP BY month`,
    )
    .all(prevFirst, last, ...(officeId ? [officeId] : [])) as { month: string; n: number; people: number }[];
  const by = new Map(rows.map((r) => [r.month, r]));
  return {
    kind: 'trend',
    key: 'trend',
    title: '月度趋势（按收到月份）',
    months: months.map((month) => {
      const p = periodOf('month', `${month}-01`);
      return {
        month,
        n: by.get(month)?.n ?? 0,
        people: by.get(month)?.people ?? 0,
        prevN: by.get(`${Number(month.slice(0, 4)) - 1}${month.slice(4)}`)?.n ?? 0,
        link: { ...base, from: p.from, to: p.to },
      };
    }),
  };
}

function monthsBack(month: string, n: number): string {
  const total = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 - n;
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}`;
}
const maxMonth = (a: string, b: string) => (a > b ? a : b);

/** The county's table of its townships: the main figures of each, for the period. */
const RANKING_COLUMNS: {
  key: string;
  label: string;
  unit: string;
  def?: FigureDef;
  value?: (t: Totals) => number;
  link?: CaseFilter;
}[] = [
  { key: 'n', label: '信访总量', unit: '批次', value: (t) => t.n, link: {} },
  { key: 'people', label: '信访总量', unit: '人次', value: (t) => t.people, link: {} },
  {
    key: 'collective',
    label: '集体信访',
    unit: '批次',
    value: (t) => t.collective,
    link: { flags: ['collective'] },
  },
  { key: 'repeat', label: '重复信访', unit: '批次', value: (t) => t.repeat, link: { flags: ['repeat'] } },
  {
    key: 'skipLevel',
    label: '越级信访',
    unit: '批次',
    value: (t) => t.skip_level,
    link: { flags: ['skipLevel'] },
  },
  { key: 'acceptRate', label: '及时受理率', unit: '%', def: FIGURES.acceptRate },
  { key: 'replyRate', label: '按期办结率', unit: '%', def: FIGURES.replyRate },
  { key: 'satRate', label: '满意率', unit: '%', def: FIGURES.satRate },
  { key: 'resolveRate', label: '化解率', unit: '%', def: FIGURES.resolveRate },
  { key: 'overdue', label: '当前逾期', unit: '件', value: (t) => t.overdue, link: { measure: 'overdue' } },
];

function ranking(store: Store, data: PeriodData, period: ReportPeriod, asOf: string): ReportSection {
  const own = requireOffice(store);
  const townships = store.sqlite
    .prepare(
      `SELECT id, name FROM offices WHERE level = 'township' AND deleted = 0 AND (parent_id = ? OR parent_id IS NULL) ORDER BY id`,
    )
    .all(own.id) as { id: string; name: string }[];
  return {
    kind: 'ranking',
    key: 'ranking',
    title: '各乡镇（街道）情况',
    columns: RANKING_COLUMNS.map((c) => ({
      key: c.key,
      label: c.label,
      unit: c.unit,
      rate: !!c.def,
      definition: c.def?.rate ? c.def.definition : null,
    })),
    rows: townships.map((o) => {
      const t = totals(data, o.id);
      const base: CaseFilter = { from: period.from, to: period.to, officeId: [o.id], asOf };
      const values: Record<string, number | null> = {};
      const links: Record<string, CaseFilter> = {};
      for (const c of RANKING_COLUMNS) {
        if (c.def?.rate) {
          values[c.key] = percent(c.def.num(t), c.def.den(t));
          links[c.key] = { ...base, ...c.def.denLink };
        } else {
          values[c.key] = c.value!(t);
          links[c.key] = { ...base, ...c.link };
        }
      }
      return { officeId: o.id, name: o.name, values, links };
    }),
  };
}

export function buildReport(store: Store, input: ApiParsed<'reports.get'>): Report {
  const office = requireOffice(store);
  let scope: Report['scope'] = null;
  if (input.officeId) {
    const o = store.sqlite
      .prepare(`SELECT id, name FROM offices WHERE id = ? AND level = 'township' AND deleted = 0`)
      .get(input.officeId) as { id: string; name: string } | undefined;
    if (office.level !== 'county' || !o) throw new UserError('所选乡镇不存在，请重新选择');
    scope = { officeId: o.id, name: o.name };
  }
  const asOf = input.asOf ?? todayLocal();
  const period = periodOf(input.kind, input.from, input.to);
  const yoy = yearOnYear(period);
  const mom = previousPeriod(period);
  // a township reports the cases it handles: one the county assigned on to another township is
  // that township's (report facts count a case under the office handling it)
  const officeId = scope?.officeId ?? (office.level === 'county' ? null : office.id);

  const cache = new Map<string, PeriodData>();
  const dataOf = (p: ReportPeriod) => {
    const k = `${p.from}/${p.to}`;
    let d = cache.get(k);
    if (!d) cache.set(k, (d = gather(store, p.from, p.to, asOf, officeId)));
    return d;
  };
  const data = { cur: dataOf(period), yoy: dataOf(yoy), mom: dataOf(mom) };
  const t = { cur: totals(data.cur), yoy: totals(data.yoy), mom: totals(data.mom) };
  const filterOf = (p: ReportPeriod): CaseFilter => ({
    from: p.from,
    to: p.to,
    asOf,
    ...(officeId ? { officeId: [officeId] } : {}),
  });
  const base = { cur: filterOf(period), yoy: filterOf(yoy), mom: filterOf(mom) };

  const sections: ReportSection[] = FIGURE_SECTIONS.map((s) => ({
    kind: 'figures',
    key: s.key,
    title: s.title,
    figures: s.figures.map((f) => figureOf(f, t, base)),
  }));
  sections.push(ledgerSection(store, { cur: period, yoy, mom }, officeId, base));
  sections.push(trend(store, period, officeId, base.cur));
  const dims: ReportDim[] =
    office.level === 'county' && !scope
      ? ['channel', 'matter', 'category']
      : ['channel', 'matter', 'category', 'village', 'unit'];
  for (const dim of dims) sections.push(breakdown(store, dim, data, base));
  if (office.level === 'county' && !scope) sections.push(ranking(store, data.cur, period, asOf));

  const name = scope ? `${office.name}（${scope.name}）` : office.name;
  return {
    title: `${name}信访工作${REPORT_KINDS[period.kind] === '自定义' ? '统计表' : REPORT_KINDS[period.kind]}`,
    officeName: office.name,
    scope,
    period,
    yoy,
    mom,
    asOf,
    generatedAt: nowLocal(),
    sections,
  };
}
