import { describe, expect, it } from 'vitest';
import { rankRows } from '../../src-main/contract';

const rows = [
  { officeId: '1', name: '甲', values: { n: 8, rate: 75 } },
  { officeId: '2', name: '乙', values: { n: 2, rate: null } },
  { officeId: '3', name: '丙', values: { n: 8, rate: 90 } },
  { officeId: '4', name: '丁', values: { n: 17, rate: 75 } },
  { officeId: '5', name: '戊', values: { n: 8, rate: 100 } },
];
const ranked = (by: string, rate: boolean) => rankRows(rows, by, rate).map((r) => `${r.rank}${r.name}`);

describe('township ranking', () => {
  it('ranks a count fewest first, equal counts sharing a rank', () => {
    expect(ranked('n', false)).toEqual(['1乙', '2甲', '2丙', '2戊', '5丁']);
  });
  it('ranks a rate highest first, a township without one last', () => {
    expect(ranked('rate', true)).toEqual(['1戊', '2丙', '3甲', '3丁', '5乙']);
  });
});
