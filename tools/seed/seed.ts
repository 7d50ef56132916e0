/**
 * A generated register for demonstrations, tests and benchmarks: realistic petitions with
 * Chinese names, valid ID numbers of the office's county, phones, villages, categories,
 * channels, group visits, repeats and texts built from templates per category
 * (data.ts). The same seed number gives the same petitions (names, numbers, dates, texts);
 * row ids and query codes are random like every other row's.
 *
 * Every row is written through the mutation layer (`mutate` / `m.insert`), so the change log is
 * complete and the write guard is respected, in transactions of many cases each (createCase
 * one by one would take hours for a county's million cases). Case numbers, query codes, the
 * 'registered' event and the search index are made exactly as createCase makes them.
 */
import { rebuildClocks } from '../../src-main/services/work-list';
import { addCalendarDays, daysBetween } from '../../src-main/services/calendar';
import { foldEvents } from '../../src-main/services/workflow';
import { randomBytes, randomUUID } from 'node:crypto';
import {
  api,
  COLLECTIVE_FROM,
  MAX_REPRESENTATIVES,
  type Channel,
  type IntakeInput,
  type MatterType,
} from '../../src-main/api';
import type { Store } from '../../src-main/services/database';
import { mutate } from '../../src-main/services/mutation';
import { currentOfficeId, currentUserId, requireOffice, setupOffice } from '../../src-main/services/office';
import { getLocal, setLocal } from '../../src-main/services/local-state';
import { checkCharOf } from '../../src-main/services/id-number';
import { indexCase } from '../../src-main/services/search-index';
import { formatCaseNo, QUERY_CODE_ALPHABET } from '../../src-main/services/register';
import { DEFAULT_TOWNSHIP_UNITS } from '../../src-main/services/default-categories';
import { UserError } from '../../src-main/services/errors';
import * as D from './data';

// ---- a small seeded PRNG (sfc32, seeded by splitmix32) -----------------------------------

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    let s = seed >>> 0;
    const split = () => {
      s = (s + 0x9e3779b9) | 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = split();
    this.b = split();
    this.c = split();
    this.d = split();
    for (let i = 0; i < 15; i++) this.u32();
  }

  u32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** uniform in [0, 1) */
  next(): number {
    return this.u32() / 4294967296;
  }

  /** integer in [0, n) */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** integer in [lo, hi] */
  between(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }

  shuffle<T>(items: readonly T[]): T[] {
    const out = items.slice();
    for (let i = out.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      [out[i], out[j]] = [out[j], out[i]];
    }
    return out;
  }
}

/** Picks items with given relative weights. */
export class Weighted<T> {
  private readonly items: T[];
  private readonly cumulative: Float64Array;
  private readonly total: number;

  constructor(entries: readonly (readonly [T, number])[]) {
    this.items = entries.map((e) => e[0]);
    this.cumulative = new Float64Array(entries.length);
    let sum = 0;
    entries.forEach((e, i) => {
      sum += e[1];
      this.cumulative[i] = sum;
    });
    this.total = sum;
    if (!(sum > 0)) throw new Error('Weighted: no weight');
  }

  pick(rng: Rng): T {
    const x = rng.next() * this.total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cumulative[mid] > x) hi = mid;
      else lo = mid + 1;
    }
    return this.items[lo];
  }
}

// ---- people --------------------------------------------------------------------------------

const SURNAMES = new Weighted(D.SURNAMES);
const CHANNELS = new Weighted<Channel>([
  ['visit', 34],
  ['letter', 28],
  ['online', 18],
  ['phone', 10],
  ['referral', 6],
  ['proxy', 2],
  ['fax', 2],
]);
/** age bands of petitioners: [from, to, weight] */
const AGES = new Weighted<[number, number]>([
  [[18, 29], 8],
  [[30, 39], 14],
  [[40, 49], 20],
  [[50, 59], 25],
  [[60, 69], 20],
  [[70, 86], 13],
]);
const REPRESENTATIVES = new Weighted<number>([
  [1, 20],
  [2, 20],
  [3, 30],
  [4, 15],
  [5, 15],
]);
const OUTSIDE_ADDRESSES = [
  '杭州市西湖区文三路',
  '杭州市拱墅区湖墅南路',
  '杭州市萧山区城厢街道',
  '安徽省太和县城关镇',
  '河南省商水县',
];

/** Share of petitions by channel that carry the petitioner's ID number, and a phone. */
const ID_SHARE: Record<Channel, number> = {
  visit: 0.95,
  letter: 0.6,
  online: 0.92,
  phone: 0.4,
  fax: 0.5,
  referral: 0.85,
  proxy: 0.9,
};
const PHONE_SHARE: Record<Channel, number> = {
  visit: 0.88,
  letter: 0.7,
  online: 1,
  phone: 1,
  fax: 0.8,
  referral: 0.8,
  proxy: 0.95,
};
const ANONYMOUS_SHARE: Record<Channel, number> = {
  visit: 0,
  letter: 0.04,
  online: 0.02,
  phone: 0.03,
  fax: 0.05,
  referral: 0,
  proxy: 0,
};
const SKIP_LEVEL_SHARE: Record<Channel, number> = {
  visit: 0.01,
  letter: 0.003,
  online: 0.003,
  phone: 0.003,
  fax: 0.003,
  referral: 0.2,
  proxy: 0.003,
};
const REPEAT_SHARE = 0.12;

interface VillageRef {
  id: string;
  name: string;
  community: boolean;
}

interface Person {
  name: string;
  gender: 'male' | 'female';
  age: number;
  idNumber: string | null;
  birthDate: string | null;
  regionCode: string | null;
  phone: string | null;
  address: string | null;
  village: VillageRef | null;
  /** 3组 or 12幢 */
  group: string;
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));
/** A Date's local day as 2026-11-22. */
const localDay = (d: Date) => `${d.getFullYear()}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())}`;
const daysIn = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

function givenName(rng: Rng, gender: 'male' | 'female', birthYear: number): string {
  const male = gender === 'male';
  if (birthYear < 1965 && rng.chance(0.35)) return rng.pick(male ? D.OLD_MALE_NAMES : D.OLD_FEMALE_NAMES);
  if (birthYear > 1985 && rng.chance(0.35)) return rng.pick(male ? D.YOUNG_MALE_NAMES : D.YOUNG_FEMALE_NAMES);
  const chars = male ? D.MALE_CHARS : D.FEMALE_CHARS;
  return rng.chance(0.3) ? rng.pick(chars) : rng.pick(chars) + rng.pick(chars);
}

export function randomName(
  rng: Rng,
  gender: 'male' | 'female' = rng.chance(0.5) ? 'male' : 'female',
  birthYear = 1970,
): string {
  return SURNAMES.pick(rng) + givenName(rng, gender, birthYear);
}

/** A valid 18-digit ID number (GB 11643) for a birth date, region and gender. */
export function makeIdNumber(
  rng: Rng,
  regionCode: string,
  y: number,
  m: number,
  d: number,
  gender: 'male' | 'female',
): string {
  const seq = rng.between(0, 498) * 2 + (gender === 'male' ? 1 : 2);
  const first17 = `${regionCode}${y}${pad2(m)}${pad2(d)}${String(seq).padStart(3, '0')}`;
  return first17 + checkCharOf(first17);
}

export function randomMobile(rng: Rng): string {
  return rng.pick(D.MOBILE_PREFIXES) + String(rng.int(100_000_000)).padStart(8, '0');
}

// ---- texts ---------------------------------------------------------------------------------

interface TextContext {
  rng: Rng;
  year: number;
  village: string;
  group: string;
  age: number | null;
  units: string[];
  /** per-case memo, so a neighbour or a company is the same person throughout a petition */
  memo: Map<string, string>;
}

type Slot = (c: TextContext) => string;
type Compiled = (string | Slot)[];

const memo =
  (key: string, make: (c: TextContext) => string): Slot =>
  (c) => {
    let v = c.memo.get(key);
    if (v === undefined) {
      v = make(c);
      c.memo.set(key, v);
    }
    return v;
  };

function amount(rng: Rng): string {
  if (rng.chance(0.5)) return `${(rng.between(10, 350) / 10).toString()}万元`;
  return `${rng.between(2, 60) * 1000 + rng.between(0, 9) * 100}元`;
}

const SLOTS: Record<string, Slot> = {
  村: (c) => c.village,
  组: (c) => c.group,
  邻: memo('邻', (c) => randomName(c.rng)),
  年: (c) => `${c.year - c.rng.between(1, 6)}年`,
  今年: (c) => String(c.year),
  月: (c) => `${c.rng.between(2, 18)}个月`,
  金额: (c) => amount(c.rng),
  小额: (c) => `${c.rng.between(3, 90) * 100}元`,
  亩: (c) => `${(c.rng.between(3, 40) / 10).toString()}亩`,
  平: (c) => `${c.rng.between(20, 220)}平方米`,
  户: (c) => String(c.rng.between(3, 40)),
  口: (c) => String(c.rng.between(2, 7)),
  天: (c) => String(c.rng.between(3, 60)),
  次: (c) => `${c.rng.between(2, 6)}次`,
  岁: (c) => String(c.age ?? c.rng.between(55, 82)),
  公司: memo('公司', (c) => `${c.rng.pick(D.COMPANY_BRANDS)}${c.rng.pick(D.COMPANY_TRADES)}有限公司`),
  干部: memo('干部', (c) => c.rng.pick(D.OFFICIALS)),
  单位: memo('单位', (c) => c.rng.pick(c.units)),
  路: memo('路', (c) => c.rng.pick(D.ROADS)),
};

function compile(template: string): Compiled {
  const parts: Compiled = [];
  for (const piece of template.split(/(\{[^}]+\})/)) {
    if (!piece) continue;
    const m = /^\{(.+)\}$/.exec(piece);
    if (m) {
      const slot = SLOTS[m[1]];
      if (!slot) throw new Error(`seed template: unknown slot {${m[1]}}`);
      parts.push(slot);
    } else parts.push(piece);
  }
  return parts;
}

function fill(parts: Compiled, c: TextContext): string {
  let s = '';
  for (const p of parts) s += typeof p === 'string' ? p : p(c);
  return s;
}

interface CompiledTopic {
  matter: MatterType;
  summaries: Compiled[];
  details: Compiled[];
  demands: Compiled[];
}

interface CategoryChoice {
  id: string;
  topics: Weighted<CompiledTopic>;
}

const compileTopic = (t: D.Topic): CompiledTopic => ({
  matter: t.matter,
  summaries: t.summaries.map(compile),
  details: t.details.map(compile),
  demands: t.demands.map(compile),
});
const ASIDES = D.ASIDES.map(compile);
const CLOSINGS: Record<MatterType, string[]> = D.CLOSINGS;
const ANONYMOUS_INTROS = [
  '我是{村}的一名群众，因担心打击报复不便署名，现反映如下问题：',
  '匿名来信反映：',
  '一名不愿透露姓名的{村}群众反映：',
].map(compile);

// ---- received dates ------------------------------------------------------------------------

/** Days of the span with weights (weekdays busy, weekends quiet, the register growing). */
class Calendar {
  readonly days: string[] = [];
  readonly years: number[] = [];
  private readonly cumulative: number[] = [];
  private pointer = 0;
  readonly total: number;

  constructor(today: Date, years: number) {
    const end = new Date(today.getFullYear(), today.getMonth(), today.getDate());
    const start = new Date(end.getFullYear() - years, end.getMonth(), end.getDate() + 1);
    const span = Math.round((end.getTime() - start.getTime()) / 86_400_000) + 1;
    let sum = 0;
    for (let d = new Date(start), i = 0; d <= end; d.setDate(d.getDate() + 1), i++) {
      const weekday = d.getDay() !== 0 && d.getDay() !== 6;
      sum += (weekday ? 1 : 0.12) * (1 + (0.3 * i) / span);
      this.days.push(`${d.getFullYear()}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())}`);
      this.years.push(d.getFullYear());
      this.cumulative.push(sum);
    }
    this.total = sum;
  }

  /** Index of the day at fraction u of the span; u must not decrease between calls. */
  dayAt(u: number): number {
    const x = u * this.total;
    while (this.pointer < this.cumulative.length - 1 && this.cumulative[this.pointer] <= x) this.pointer++;
    return this.pointer;
  }
}

const hhmm = (minutes: number) => `${pad2(Math.floor(minutes / 60))}:${pad2(minutes % 60)}`;
const CADRE_POSTS = ['党支部书记', '村委会主任', '调解委员', '网格员'];
const CADRE_NAMES = ['王建华', '李国强', '张秀兰', '陈志明', '刘红梅', '周立新'];

/**
 * The cadre who filed a 代理 petition, picked from the case's own figures so the generator's
 * random sequence (and every register generated before) stays the same.
 */
function proxyCadre(village: string, n: number): string {
  return `${village}${CADRE_POSTS[n % CADRE_POSTS.length]} ${CADRE_NAMES[Math.floor(n / CADRE_POSTS.length) % CADRE_NAMES.length]}`;
}

/** Minutes of the day a petition of each channel arrives: [from, to]. */
const HOURS: Record<Channel, [number, number]> = {
  visit: [510, 1020],
  letter: [540, 990],
  online: [420, 1380],
  phone: [480, 1050],
  fax: [540, 960],
  referral: [540, 1020],
  proxy: [540, 990],
};

// ---- the generator -------------------------------------------------------------------------

interface GenPetitioner {
  person: Person;
  representative: boolean;
}

export interface GeneratedCase {
  channel: Channel;
  /** 代理: the village cadre who filed it */
  proxyBy: string | null;
  receivedAt: string;
  registeredAt: string;
  year: number;
  matterType: MatterType;
  categoryId: string;
  summary: string;
  content: string;
  villageId: string | null;
  peopleCount: number;
  jointly: boolean;
  anonymous: boolean;
  skipLevel: boolean;
  repeatOf: string | null;
  petitioners: GenPetitioner[];
}

interface PoolEntry {
  caseId: string;
  person: Person;
  category: CategoryChoice;
  topic: CompiledTopic;
  receivedAt: string;
}

const POOL_SIZE = 50_000;

/** One follow-up step of a generated case: its kind, the day it happened, its data. */
interface GeneratedStep {
  kind: string;
  on: string;
  data: Record<string, unknown>;
}

const REPLY_OUTCOMES_SEEN = ['support', 'explain', 'notSupport'] as const;
const SATISFACTION_SEEN = ['satisfied', 'satisfied', 'basically', 'unsatisfied', 'none'] as const;

/**
 * A plausible follow-up history for a generated case, by its age on `today`: recent petitions
 * wait for acceptance, those of the last weeks are being handled, older ones were answered and
 * closed, and a few were left behind (overdue, as real registers have). Picked from the case's
 * own figures, not from the generator's random sequence, so registers generated before this
 * existed keep their cases.
 */
function historyOf(receivedAt: string, seq: number, anonymous: boolean, today: string): GeneratedStep[] {
  const received = receivedAt.slice(0, 10);
  const age = daysBetween(received, today);
  const h = (seq * 2654435761) % 1000;
  const steps: GeneratedStep[] = [];
  const add = (kind: string, on: string, data: Record<string, unknown>) => {
    if (on > today) return false;
    steps.push({ kind, on, data });
    return true;
  };
  // a tenth of those older than two weeks are left undecided: the overdue items of a work list
  if (age < 10 || (age >= 14 && h < 100 && age < 120)) return steps;
  const accepted = addCalendarDays(received, 1 + (h % 6));
  if (!add('accept', accepted, { note: '' })) return steps;
  if (!anonymous)
    add('notify', addCalendarDays(accepted, h % 3), { method: h % 2 ? 'mail' : 'inPerson', note: '' });
  // of the last months' cases, a twentieth are still being handled, some past their reply date
  if (h >= 100 && h < 150 && age < 150) return steps;
  const replied = addCalendarDays(accepted, 20 + (h % 38));
  const outcome = REPLY_OUTCOMES_SEEN[h % 3];
  if (
    !add('reply', replied, {
      outcome,
      request: '按信访请求',
      facts: '经调查核实',
      basis: '相关法律法规和政策规定',
    })
  )
    return steps;
  const delivered = addCalendarDays(replied, 1 + (h % 4));
  if (
    !add('deliver', delivered, { method: h % 2 ? 'mail' : 'inPerson', receivedOn: delivered, recipient: '' })
  )
    return steps;
  add('evaluate', addCalendarDays(delivered, 3), { satisfaction: SATISFACTION_SEEN[h % 5], note: '' });
  add('close', addCalendarDays(delivered, 5 + (h % 10)), {
    findings: '已查明',
    actions: '已按处理意见办理',
    resolved: outcome !== 'notSupport',
  });
  return steps;
}

class CaseGenerator {
  private readonly rng: Rng;
  private readonly calendar: Calendar;
  private readonly villages: Weighted<VillageRef> | null;
  private readonly categories: Weighted<CategoryChoice>;
  private readonly pool: PoolEntry[] = [];
  private poolNext = 0;
  private index = 0;
  private readonly nowDay: string;
  private readonly nowMinutes: number;

  constructor(
    seed: number,
    private readonly total: number,
    today: Date,
    years: number,
    private readonly office: { id: string; name: string },
    villages: VillageRef[],
    categories: { id: string; name: string }[],
    private readonly units: string[],
  ) {
    this.rng = new Rng(seed);
    this.calendar = new Calendar(today, years);
    this.nowDay = this.calendar.days[this.calendar.days.length - 1];
    this.nowMinutes = today.getHours() * 60 + today.getMinutes();
    // villages differ in size; the weights come from the seed too
    this.villages = villages.length
      ? new Weighted(villages.map((v) => [v, 1 + this.rng.int(5)] as const))
      : null;
    if (categories.length === 0) throw new Error('no content categories');
    this.categories = new Weighted(
      categories.map((c) => {
        const texts = D.CATEGORY_TEXTS[c.name] ?? D.GENERIC_TEXTS;
        const topics = new Weighted(texts.topics.map((t) => [compileTopic(t), t.weight] as const));
        return [{ id: c.id, topics }, texts.weight] as const;
      }),
    );
  }

  private person(channel: Channel, year: number, village: VillageRef | null): Person {
    const rng = this.rng;
    const gender = rng.chance(0.58) ? 'male' : 'female';
    const [lo, hi] = AGES.pick(rng);
    const age = rng.between(lo, hi);
    const y = year - age;
    const m = rng.between(1, 12);
    const d = rng.between(1, daysIn(y, m));
    const name = SURNAMES.pick(rng) + givenName(rng, gender, y);
    const region = rng.chance(0.85) ? this.office.id.slice(0, 6) : rng.pick(D.OTHER_REGION_CODES);
    const withId = rng.chance(ID_SHARE[channel]);
    const idNumber = withId ? makeIdNumber(rng, region, y, m, d, gender) : null;
    const phone = rng.chance(PHONE_SHARE[channel]) ? randomMobile(rng) : null;
    const home = village && rng.chance(0.97) ? village : null;
    let group = '';
    let address: string | null;
    if (home?.community) {
      group = `${rng.between(1, 30)}幢`;
      address = `${this.office.name}${home.name}${group}${rng.between(1, 4)}单元${rng.between(1, 18)}0${rng.between(1, 4)}室`;
    } else if (home) {
      group = `${rng.between(1, 12)}组`;
      address = `${this.office.name}${home.name}${group}${rng.between(1, 120)}号`;
    } else {
      address = rng.pick(OUTSIDE_ADDRESSES);
    }
    if (rng.chance(0.05)) address = null;
    return {
      name,
      gender,
      age,
      idNumber,
      birthDate: idNumber ? `${y}-${pad2(m)}-${pad2(d)}` : null,
      regionCode: idNumber ? region : null,
      phone,
      address,
      village: home,
      group,
    };
  }

  /** The next case, in order of receipt. `caseIdOf` is set by the writer after insert. */
  next(): GeneratedCase & { poolEntry?: Omit<PoolEntry, 'caseId'> } {
    const rng = this.rng;
    const i = this.index++;
    const dayIdx = this.calendar.dayAt(Math.min((i + rng.next()) / this.total, 1));
    const day = this.calendar.days[dayIdx];
    const year = this.calendar.years[dayIdx];

    let channel = CHANNELS.pick(rng);
    const anonymous = rng.chance(ANONYMOUS_SHARE[channel]);
    const skipLevel = rng.chance(SKIP_LEVEL_SHARE[channel]);
    let repeat: PoolEntry | null = null;
    if (!anonymous && this.pool.length > 0 && rng.chance(REPEAT_SHARE)) {
      repeat = this.pool[rng.int(this.pool.length)];
    }
    const groupVisit = !anonymous && !repeat && channel === 'visit' && rng.chance(0.05);
    const smallGroup = !anonymous && !repeat && !groupVisit && channel === 'visit' && rng.chance(0.08);
    const jointly =
      !anonymous &&
      !repeat &&
      (channel === 'letter' ? rng.chance(0.05) : channel === 'online' && rng.chance(0.01));

    // time of receipt and of registration
    const [from, to] = HOURS[channel];
    let minutes = rng.between(from, to);
    if (day === this.nowDay) minutes = Math.min(minutes, this.nowMinutes);
    if (repeat && repeat.receivedAt.startsWith(day)) {
      // a repeat comes after the petition it repeats, also on the same day
      const before = Number(repeat.receivedAt.slice(11, 13)) * 60 + Number(repeat.receivedAt.slice(14, 16));
      if (minutes <= before) minutes = Math.min(before + rng.between(1, 30), 1439);
    }
    const receivedAt = `${day}T${hhmm(minutes)}`;
    let regDay = dayIdx;
    let regMinutes: number;
    if ((channel === 'letter' || channel === 'referral' || channel === 'fax') && rng.chance(0.4)) {
      regDay = Math.min(dayIdx + rng.between(1, 2), this.calendar.days.length - 1);
      regMinutes = rng.between(540, 1020);
    } else {
      regMinutes = Math.min(minutes + rng.between(5, 120), 1439);
    }
    if (this.calendar.days[regDay] === this.nowDay) regMinutes = Math.min(regMinutes, this.nowMinutes);
    let registeredAt = `${this.calendar.days[regDay]}T${hhmm(regMinutes)}`;
    if (registeredAt < receivedAt) registeredAt = receivedAt;

    // where, what, who
    const category = repeat?.category ?? this.categories.pick(rng);
    const topic = repeat?.topic ?? category.topics.pick(rng);
    const village = repeat
      ? repeat.person.village
      : this.villages && rng.chance(0.97)
        ? this.villages.pick(rng)
        : null;
    const petitioners: GenPetitioner[] = [];
    let peopleCount = 1;
    if (repeat) {
      petitioners.push({ person: repeat.person, representative: false });
    } else if (groupVisit) {
      peopleCount = COLLECTIVE_FROM + Math.floor(26 * rng.next() ** 2);
      const reps = Math.min(REPRESENTATIVES.pick(rng), MAX_REPRESENTATIVES);
      for (let k = 0; k < reps; k++)
        petitioners.push({ person: this.person(channel, year, village), representative: true });
    } else if (smallGroup) {
      peopleCount = rng.between(2, 4);
      for (let k = 0; k < peopleCount; k++)
        petitioners.push({ person: this.person(channel, year, village), representative: false });
    } else if (jointly) {
      const signers = rng.between(2, 6);
      peopleCount = signers + (rng.chance(0.3) ? rng.between(1, 10) : 0);
      for (let k = 0; k < signers; k++)
        petitioners.push({ person: this.person(channel, year, village), representative: false });
    } else if (!anonymous) {
      petitioners.push({ person: this.person(channel, year, village), representative: false });
    }
    if (repeat && channel === 'fax') channel = 'letter';

    const first = petitioners[0]?.person;
    const ctx: TextContext = {
      rng,
      year,
      village: village?.name ?? this.office.name,
      group: first?.group || (village?.community ? `${rng.between(1, 30)}幢` : `${rng.between(1, 12)}组`),
      age: first ? first.age : null,
      units: this.units,
      memo: new Map(),
    };

    // summary
    let summary = fill(rng.pick(topic.summaries), ctx);
    if (repeat) summary = `再次${summary}`;
    else if (groupVisit) summary = `${ctx.village}群众${peopleCount}人集体来访，${summary}`;
    else if (jointly) summary = `${petitioners.length}人联名${summary}`;

    // content
    let content: string;
    if (anonymous) content = fill(rng.pick(ANONYMOUS_INTROS), ctx);
    else if (groupVisit) {
      const names = petitioners.map((p) => p.person.name).join('、');
      content = `${ctx.village}${ctx.group}群众${peopleCount}人集体来访，${petitioners.length > 1 ? `推选${names}为代表` : `由${names}作为代表`}，反映如下问题：`;
    } else if (smallGroup) content = `${first!.name}等${peopleCount}人来访，反映：`;
    else if (jointly) content = `我们是${ctx.village}的${petitioners.length}户村民，现联名反映如下问题：`;
    else content = this.intro(channel, first!);

    const details = topic.details;
    const keep = details.length <= 2 ? details : details.filter(() => rng.chance(0.7));
    let body = '';
    for (const s of keep.length >= 2 ? keep : details.slice(0, 2)) body += fill(s, ctx);
    if (repeat)
      body += `此前已于${repeat.receivedAt.slice(0, 4)}年${Number(repeat.receivedAt.slice(5, 7))}月${Number(repeat.receivedAt.slice(8, 10))}日反映过此事，但问题至今没有解决。`;
    if (!groupVisit && !jointly && !anonymous && rng.chance(0.35)) body += fill(rng.pick(ASIDES), ctx);
    body += fill(rng.pick(topic.demands), ctx);
    body += rng.pick(CLOSINGS[topic.matter]);
    if (groupVisit || jointly || smallGroup) body = body.replaceAll('本人', '我们');
    content += body;
    if (jointly)
      content += `联名人：${petitioners.map((p) => p.person.name).join('、')}${peopleCount > petitioners.length ? '等' : ''}。`;

    const generated: GeneratedCase & { poolEntry?: Omit<PoolEntry, 'caseId'> } = {
      channel,
      proxyBy: channel === 'proxy' ? proxyCadre(ctx.village, content.length + year) : null,
      receivedAt,
      registeredAt,
      year,
      matterType: topic.matter,
      categoryId: category.id,
      summary,
      content,
      villageId: village?.id ?? null,
      peopleCount,
      jointly,
      anonymous,
      skipLevel,
      repeatOf: repeat?.caseId ?? null,
      petitioners,
    };
    if (petitioners.length === 1 && !anonymous)
      generated.poolEntry = { person: petitioners[0].person, category, topic, receivedAt };
    return generated;
  }

  private intro(channel: Channel, p: Person): string {
    const who = p.address
      ? `${p.name}，${p.gender === 'male' ? '男' : '女'}，${p.age}岁，住${p.address}。`
      : `${p.name}，${p.gender === 'male' ? '男' : '女'}，${p.age}岁。`;
    switch (channel) {
      case 'visit':
        return `${who}来访反映：`;
      case 'letter':
        return `本人${who}`;
      case 'online':
        return `${p.name}通过网上信访平台反映：`;
      case 'phone':
        return `来电人${p.name}反映：`;
      case 'fax':
        return `${p.name}来传真反映：`;
      case 'referral':
        return `上级信访部门转送${p.name}的信访事项，反映：`;
      case 'proxy':
        return `${p.name}委托代理人代为反映：`;
    }
  }

  remember(caseId: string, entry: Omit<PoolEntry, 'caseId'>): void {
    const e = { caseId, ...entry };
    if (this.pool.length < POOL_SIZE) this.pool.push(e);
    else {
      this.pool[this.poolNext] = e;
      this.poolNext = (this.poolNext + 1) % POOL_SIZE;
    }
  }
}

// ---- query codes, as createCase makes them -------------------------------------------------

class QueryCodes {
  private buf: Buffer = Buffer.alloc(0);
  private pos = 0;

  next(): string {
    let code = '';
    const n = QUERY_CODE_ALPHABET.length;
    const limit = 256 - (256 % n); // rejection sampling keeps every character equally likely
    while (code.length < 8) {
      if (this.pos >= this.buf.length) {
        this.buf = randomBytes(64 * 1024);
        this.pos = 0;
      }
      const b = this.buf[this.pos++];
      if (b < limit) code += QUERY_CODE_ALPHABET[b % n];
    }
    return code;
  }
}

// ---- office set-up -------------------------------------------------------------------------

export const SEED_OFFICE = { code: '330102001', name: '清波街道' };

function villageList(rng: Rng, prefix: string): { code: string; name: string }[] {
  const out: { code: string; name: string }[] = [];
  const names = new Set<string>();
  rng
    .shuffle(D.COMMUNITY_NAMES)
    .slice(0, 6)
    .forEach((n, i) => {
      names.add(`${n}社区`);
      out.push({ code: `${prefix}${String(i + 1).padStart(3, '0')}`, name: `${n}社区` });
    });
  const rural = [
    ...rng
      .shuffle(D.VILLAGE_SURNAMES)
      .slice(0, 7)
      .map((s) => `${s}家村`),
    ...rng.shuffle(D.VILLAGE_NAMES).map((n) => `${n}村`),
  ];
  let k = 0;
  for (const n of rural) {
    if (k >= 14) break;
    if (names.has(n)) continue;
    names.add(n);
    out.push({ code: `${prefix}${String(201 + k).padStart(3, '0')}`, name: n });
    k++;
  }
  return out;
}

/** local_state key set when the office itself was made by the generator (a demo register). */
const SEEDED_KEY = 'seeded_office';

/** True when this register's office was made by the generator, so it holds only generated data. */
export function isGeneratedRegister(store: Store): boolean {
  return getLocal(store, SEEDED_KEY) !== undefined;
}

export interface SeedOfficeResult {
  officeCreated: boolean;
  villagesCreated: number;
}

/**
 * Makes sure there is an office with villages: a township (330102001 清波街道) with staff if the
 * store has none, and ~20 villages/communities under the office code if the office has none.
 */
export function ensureSeedOffice(store: Store, seed = 1): SeedOfficeResult {
  const rng = new Rng(seed ^ 0x5eed);
  if (!currentOfficeId(store)) {
    const villages = villageList(rng, SEED_OFFICE.code);
    const staff = [
      { name: randomName(rng, 'female', 1985), role: 'clerk' as const },
      { name: randomName(rng, 'male', 1990), role: 'clerk' as const },
      { name: randomName(rng, 'male', 1978), role: 'handler' as const },
      { name: randomName(rng, 'female', 1982), role: 'handler' as const },
      { name: randomName(rng, 'male', 1970), role: 'leader' as const },
      { name: randomName(rng, 'male', 1988), role: 'admin' as const },
    ].map((s) => ({ ...s, phone: randomMobile(rng) }));
    setupOffice(
      store,
      api['setup.create'].input.parse({
        level: 'township',
        code: SEED_OFFICE.code,
        name: SEED_OFFICE.name,
        villages,
        units: DEFAULT_TOWNSHIP_UNITS.map((name) => ({ name })),
        staff,
      }),
    );
    setLocal(store, SEEDED_KEY, JSON.stringify({ seed, at: new Date().toISOString() }));
    return { officeCreated: true, villagesCreated: villages.length };
  }
  const office = requireOffice(store);
  const has = store.sqlite
    .prepare('SELECT 1 FROM villages WHERE office_id = ? AND deleted = 0 LIMIT 1')
    .get(office.id);
  if (has) return { officeCreated: false, villagesCreated: 0 };
  const prefix = office.id.length === 9 ? office.id : `${office.id}001`;
  const villages = villageList(rng, prefix);
  mutate(store, { actor: currentUserId(store) }, (m) => {
    villages.forEach((v, i) =>
      m.insert('villages', { id: randomUUID(), officeId: office.id, code: v.code, name: v.name, sort: i }),
    );
  });
  return { officeCreated: false, villagesCreated: villages.length };
}

// ---- the bulk writer -----------------------------------------------------------------------

interface SeedContext {
  office: { id: string; name: string };
  actor: string | null;
  villages: VillageRef[];
  categories: { id: string; name: string }[];
  units: string[];
}

function seedContext(store: Store): SeedContext {
  const office = requireOffice(store);
  const { sqlite } = store;
  const villages = (
    sqlite
      .prepare('SELECT id, name FROM villages WHERE office_id = ? AND deleted = 0 ORDER BY sort, code')
      .all(office.id) as { id: string; name: string }[]
  ).map((v) => ({ ...v, community: v.name.endsWith('社区') }));
  // leaves of the classification: children, and headings without children
  const categories = sqlite
    .prepare(
      `SELECT c.id, c.name FROM categories c WHERE c.deleted = 0
       AND NOT EXISTS (SELECT 1 FROM categories k WHERE k.parent_id = c.id AND k.deleted = 0) ORDER BY c.sort, c.name`,
    )
    .all() as { id: string; name: string }[];
  if (categories.length === 0) throw new UserError('本单位没有内容分类，无法生成信访事项');
  const units = (
    sqlite
      .prepare('SELECT name FROM units WHERE office_id = ? AND deleted = 0 ORDER BY sort')
      .all(office.id) as { name: string }[]
  ).map((u) => u.name);
  return {
    office,
    actor: currentUserId(store),
    villages,
    categories,
    units: units.length ? units : DEFAULT_TOWNSHIP_UNITS,
  };
}

/** The fields a generated case gives both an intake form and a stored case. */
function caseFields(g: GeneratedCase) {
  const {
    channel,
    receivedAt,
    matterType,
    categoryId,
    summary,
    content,
    villageId,
    peopleCount,
    jointly,
    anonymous,
    skipLevel,
  } = g;
  return {
    channel,
    receivedAt,
    matterType,
    categoryId,
    summary,
    content,
    villageId,
    peopleCount,
    jointly,
    anonymous,
    skipLevel,
  };
}

/**
 * Realistic intake forms as the screen would send them (unparsed api input of cases.create),
 * for tests and the intake benchmark. Received dates fall within the last year.
 */
export function sampleIntakes(store: Store, count: number, seed = 1, today = new Date()): IntakeInput[] {
  const ctx = seedContext(store);
  const gen = new CaseGenerator(seed, count, today, 1, ctx.office, ctx.villages, ctx.categories, ctx.units);
  const out: IntakeInput[] = [];
  for (let i = 0; i < count; i++) {
    const g = gen.next();
    out.push({
      ...caseFields(g),
      proxyBy: g.proxyBy ?? undefined,
      repeatOf: null,
      petitioners: g.petitioners.map(({ person: p, representative }) => ({
        name: p.name,
        idNumber: p.idNumber ?? '',
        phone: p.phone ?? '',
        address: p.address ?? '',
        villageId: p.village?.id ?? null,
        representative,
      })),
      attachments: [],
    });
  }
  return out;
}

export interface SeedOptions {
  /** how many cases to add */
  cases: number;
  /** the same seed gives the same petitions; default 1 */
  seed?: number;
  /** received dates spread over this many years up to today; default 5 */
  years?: number;
  /** cases per transaction; default 5000 */
  batchSize?: number;
  /** the last day of the span (and the clock for "today"); default now */
  today?: Date;
  /** called after each transaction */
  onProgress?: (done: number, total: number) => void;
}

export interface SeedResult extends SeedOfficeResult {
  cases: number;
  petitioners: number;
  repeats: number;
  collective: number;
  ms: number;
}

export function seedCases(store: Store, opts: SeedOptions): SeedResult {
  const started = performance.now();
  const seed = opts.seed ?? 1;
  const total = Math.max(0, Math.floor(opts.cases));
  const batchSize = Math.max(1, opts.batchSize ?? 5000);
  const setup = ensureSeedOffice(store, seed);
  const { office, actor, villages, categories, units } = seedContext(store);
  const { sqlite } = store;
  const gen = new CaseGenerator(
    seed,
    total,
    opts.today ?? new Date(),
    opts.years ?? 5,
    office,
    villages,
    categories,
    units,
  );
  const today = localDay(opts.today ?? new Date());
  const codes = new QueryCodes();
  const codeTaken = sqlite.prepare('SELECT 1 FROM cases WHERE query_code = ?');
  const maxSeq = sqlite.prepare('SELECT max(seq) AS s FROM cases WHERE office_id = ? AND year = ?');
  const rowidOf = sqlite.prepare('SELECT rowid AS rid FROM cases WHERE id = ?');

  // a bigger page cache for the bulk load: the random-keyed indexes outgrow the default 2 MB
  const cacheBefore = sqlite.pragma('cache_size', { simple: true }) as number;
  sqlite.pragma('cache_size = -262144');
  const result: SeedResult = { ...setup, cases: 0, petitioners: 0, repeats: 0, collective: 0, ms: 0 };
  try {
    while (result.cases < total) {
      const n = Math.min(batchSize, total - result.cases);
      mutate(store, { actor, officeId: office.id }, (m) => {
        // the year's last sequence, read inside the transaction as createCase does
        const seqs = new Map<number, number>();
        for (let k = 0; k < n; k++) {
          const g = gen.next();
          let seq = seqs.get(g.year);
          if (seq === undefined) seq = (maxSeq.get(office.id, g.year) as { s: number | null }).s ?? 0;
          seq += 1;
          seqs.set(g.year, seq);
          const id = randomUUID();
          const caseNo = formatCaseNo(office.id, g.year, seq);
          let queryCode = codes.next();
          while (codeTaken.get(queryCode)) queryCode = codes.next();
          const history = historyOf(g.receivedAt, seq, g.anonymous, today);
          const status = foldEvents(
            history.map((e, i) => ({ id: String(i), kind: e.kind, data: e.data })),
          ).status;
          m.insert('cases', {
            id,
            officeId: office.id,
            caseNo,
            year: g.year,
            seq,
            queryCode,
            registeredBy: actor,
            registeredAt: g.registeredAt,
            status,
            ...caseFields(g),
            proxyBy: g.proxyBy,
            repeatOf: g.repeatOf,
          });
          g.petitioners.forEach(({ person: p, representative }, i) =>
            m.insert('petitioners', {
              id: randomUUID(),
              caseId: id,
              sort: i,
              name: p.name,
              idNumber: p.idNumber,
              gender: p.idNumber ? p.gender : null,
              birthDate: p.birthDate,
              regionCode: p.regionCode,
              phone: p.phone,
              address: p.address,
              villageId: p.village?.id ?? null,
              representative,
            }),
          );
          m.insert('case_events', {
            id: randomUUID(),
            caseId: id,
            kind: 'registered',
            at: g.registeredAt,
            actor: m.actor,
            data: JSON.stringify({ channel: g.channel, repeatOf: g.repeatOf }),
            hlc: m.stamp(),
          });
          for (const step of history) {
            m.insert('case_events', {
              id: randomUUID(),
              caseId: id,
              kind: step.kind,
              at: `${step.on}T10:00`,
              actor: m.actor,
              data: JSON.stringify({ on: step.on, ...step.data }),
              hlc: m.stamp(),
            });
          }
          const { rid } = rowidOf.get(id) as { rid: number };
          indexCase(store, rid, {
            receivedAt: g.receivedAt,
            caseNo,
            queryCode,
            summary: g.summary,
            content: g.content,
            petitioners: g.petitioners.map(({ person: p }) => ({
              name: p.name,
              idNumber: p.idNumber,
              phone: p.phone,
              address: p.address,
            })),
          });
          if (g.poolEntry) gen.remember(id, g.poolEntry);
          result.petitioners += g.petitioners.length;
          if (g.repeatOf) result.repeats++;
          if (g.peopleCount >= COLLECTIVE_FROM) result.collective++;
        }
      });
      result.cases += n;
      opts.onProgress?.(result.cases, total);
    }
    // the new cases' acceptance and notice clocks, for the work list
    rebuildClocks(store);
  } finally {
    sqlite.pragma(`cache_size = ${Number(cacheBefore)}`);
  }
  result.ms = performance.now() - started;
  return result;
}
