/**
 * Generated cases, in order of receipt: channel, dates, category and topic, petitioners (one,
 * a group visit, a joint letter, or none when anonymous), repeats of earlier petitions, and
 * their summary and content.
 */
import { COLLECTIVE_FROM, MAX_REPRESENTATIVES, type Channel, type MatterType } from '../../src-main/contract';
import { Calendar, hhmm } from './calendar';
import * as D from './data';
import { makePerson, type Person, type VillageRef } from './people';
import { Rng, Weighted } from './random';
import {
  ANONYMOUS_INTROS,
  ASIDES,
  CLOSINGS,
  compileTopic,
  fill,
  introOf,
  type CompiledTopic,
  type TextContext,
} from './texts';

const CHANNELS = new Weighted<Channel>([
  ['visit', 34],
  ['letter', 28],
  ['online', 18],
  ['phone', 10],
  ['referral', 6],
  ['proxy', 2],
  ['fax', 2],
]);
const REPRESENTATIVES = new Weighted<number>([
  [1, 20],
  [2, 20],
  [3, 30],
  [4, 15],
  [5, 15],
]);
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

interface CategoryChoice {
  id: string;
  topics: Weighted<CompiledTopic>;
}

export class CaseGenerator {
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
        petitioners.push({
          person: makePerson(rng, this.office, channel, year, village),
          representative: true,
        });
    } else if (smallGroup) {
      peopleCount = rng.between(2, 4);
      for (let k = 0; k < peopleCount; k++)
        petitioners.push({
          person: makePerson(rng, this.office, channel, year, village),
          representative: false,
        });
    } else if (jointly) {
      const signers = rng.between(2, 6);
      peopleCount = signers + (rng.chance(0.3) ? rng.between(1, 10) : 0);
      for (let k = 0; k < signers; k++)
        petitioners.push({
          person: makePerson(rng, this.office, channel, year, village),
          representative: false,
        });
    } else if (!anonymous) {
      petitioners.push({
        person: makePerson(rng, this.office, channel, year, village),
        representative: false,
      });
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
    else content = introOf(channel, first!);

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

  remember(caseId: string, entry: Omit<PoolEntry, 'caseId'>): void {
    const e = { caseId, ...entry };
    if (this.pool.length < POOL_SIZE) this.pool.push(e);
    else {
      this.pool[this.poolNext] = e;
      this.poolNext = (this.poolNext + 1) % POOL_SIZE;
    }
  }
}
