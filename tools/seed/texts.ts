/**
 * Petition texts: the templates of data.ts compiled once, their slots filled per case (the
 * village, a neighbour, a sum, a company...) so a petition reads the same throughout.
 */
import type { Channel, MatterType } from '../../src-main/contract';
import * as D from './data';
import { randomName, type Person } from './people';
import type { Rng } from './random';

export interface TextContext {
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

export function fill(parts: Compiled, c: TextContext): string {
  let s = '';
  for (const p of parts) s += typeof p === 'string' ? p : p(c);
  return s;
}

export interface CompiledTopic {
  matter: MatterType;
  summaries: Compiled[];
  details: Compiled[];
  demands: Compiled[];
}

export const compileTopic = (t: D.Topic): CompiledTopic => ({
  matter: t.matter,
  summaries: t.summaries.map(compile),
  details: t.details.map(compile),
  demands: t.demands.map(compile),
});
export const ASIDES = D.ASIDES.map(compile);
export const CLOSINGS: Record<MatterType, string[]> = D.CLOSINGS;
export const ANONYMOUS_INTROS = [
  '我是{村}的一名群众，因担心打击报复不便署名，现反映如下问题：',
  '匿名来信反映：',
  '一名不愿透露姓名的{村}群众反映：',
].map(compile);

/** The opening of a petition one person brought by `channel`. */
export function introOf(channel: Channel, p: Person): string {
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
