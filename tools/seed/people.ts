/**
 * Generated people: names by the share of each surname, valid ID numbers of a region, mobile
 * numbers and addresses, as petitioners of each channel give them.
 */
import { checkCharOf, type Channel } from '../../src-main/contract';
import { daysIn, pad2 } from './calendar';
import * as D from './data';
import { Rng, Weighted } from './random';

const SURNAMES = new Weighted(D.SURNAMES);
/** age bands of petitioners: [from, to, weight] */
const AGES = new Weighted<[number, number]>([
  [[18, 29], 8],
  [[30, 39], 14],
  [[40, 49], 20],
  [[50, 59], 25],
  [[60, 69], 20],
  [[70, 86], 13],
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

export interface VillageRef {
  id: string;
  name: string;
  community: boolean;
}

export interface Person {
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

/** A petitioner of a case received by `channel` in `year`, living in `village` (mostly). */
export function makePerson(
  rng: Rng,
  office: { id: string; name: string },
  channel: Channel,
  year: number,
  village: VillageRef | null,
): Person {
  const gender = rng.chance(0.58) ? 'male' : 'female';
  const [lo, hi] = AGES.pick(rng);
  const age = rng.between(lo, hi);
  const y = year - age;
  const m = rng.between(1, 12);
  const d = rng.between(1, daysIn(y, m));
  const name = SURNAMES.pick(rng) + givenName(rng, gender, y);
  const region = rng.chance(0.85) ? office.id.slice(0, 6) : rng.pick(D.OTHER_REGION_CODES);
  const withId = rng.chance(ID_SHARE[channel]);
  const idNumber = withId ? makeIdNumber(rng, region, y, m, d, gender) : null;
  const phone = rng.chance(PHONE_SHARE[channel]) ? randomMobile(rng) : null;
  const home = village && rng.chance(0.97) ? village : null;
  let group = '';
  let address: string | null;
  if (home?.community) {
    group = `${rng.between(1, 30)}幢`;
    address = `${office.name}${home.name}${group}${rng.between(1, 4)}单元${rng.between(1, 18)}0${rng.between(1, 4)}室`;
  } else if (home) {
    group = `${rng.between(1, 12)}组`;
    address = `${office.name}${home.name}${group}${rng.between(1, 120)}号`;
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
