import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RepeatMatch } from '../../src-main/contract';
import {
  IDS,
  call,
  callError,
  countOf,
  createTownship,
  sampleIntake,
  samplePetitioner,
  type Township,
} from '../helpers/store';

let t: Township;
beforeEach(async () => {
  t = await createTownship();
});
afterEach(() => t.cleanup());

const find = (
  petitioners: { name?: string; idNumber?: string; phone?: string }[],
  excludeCaseId?: string,
): Promise<RepeatMatch[]> => call(t.store, 'cases.findRepeats', { petitioners, excludeCaseId });

describe('repeat detection', () => {
  let earlier: { id: string; caseNo: string };
  let other: { id: string; caseNo: string };
  beforeEach(async () => {
    earlier = await call(
      t.store,
      'cases.create',
      sampleIntake({
        receivedAt: '2026-03-01T09:00',
        summary: '反映土地承包纠纷',
        petitioners: [samplePetitioner({ name: '张三', idNumber: IDS.maleX, phone: '+86 138 0013 8000' })],
      }),
    );
    other = await call(
      t.store,
      'cases.create',
      sampleIntake({
        receivedAt: '2026-04-01T09:00',
        summary: '申请低保',
        petitioners: [samplePetitioner({ name: '李四', idNumber: IDS.standardX, phone: '13911112222' })],
      }),
    );
  });

  it('finds an earlier case by ID number alone, whatever the name and phone', async () => {
    const r = await find([{ name: '张叁', idNumber: IDS.maleX }]);
    expect(r).toHaveLength(1);
    expect(r[0]).toMatchObject({
      id: earlier.id,
      caseNo: earlier.caseNo,
      matchedBy: 'idNumber',
      petitioner: '张三',
      summary: '反映土地承包纠纷',
      status: 'registered',
    });
  });

  it('matches an ID number typed with a lowercase x', async () => {
    const r = await find([{ idNumber: '11010519491231002x' }]);
    expect(r.map((m) => m.id)).toEqual([other.id]);
  });

  it('finds an earlier case by name and phone, the phone compared normalized', async () => {
    // stored from "+86 138 0013 8000"
    for (const phone of ['13800138000', '138 0013 8000', '+8613800138000']) {
      const r = await find([{ name: '张三', phone }]);
      expect(
        r.map((m) => [m.id, m.matchedBy]),
        phone,
      ).toEqual([[earlier.id, 'namePhone']]);
    }
    expect(t.store.sqlite.prepare('SELECT phone FROM petitioners WHERE case_id = ?').get(earlier.id)).toEqual(
      { phone: '13800138000' },
    );
  });

  it('matches a landline whether or not it was written with a hyphen', async () => {
    const landline = await call(
      t.store,
      'cases.create',
      sampleIntake({
        receivedAt: '2026-06-01T09:00',
        petitioners: [samplePetitioner({ name: '曾红', idNumber: '', phone: '0571-88886666' })],
      }),
    );
    for (const phone of ['0571-88886666', '057188886666', '0571 8888 6666', '(0571)88886666']) {
      expect(
        (await find([{ name: '曾红', phone }])).map((m) => m.id),
        phone,
      ).toEqual([landline.id]);
    }
    expect(await find([{ name: '曾红', phone: '0571-88886667' }])).toEqual([]);
  });

  it('does not match by name alone, nor by phone alone, nor by name with another phone', async () => {
    expect(await find([{ name: '张三' }])).toEqual([]);
    expect(await find([{ phone: '13800138000' }])).toEqual([]);
    expect(await find([{ name: '张三', phone: '13800138001' }])).toEqual([]);
    expect(await find([{ name: '王五', phone: '13800138000' }])).toEqual([]);
    expect(await find([{ name: '张三', idNumber: IDS.female1990 }])).toEqual([]);
  });

  it('ignores an incomplete ID number', async () => {
    expect(await find([{ idNumber: IDS.maleX.slice(0, 17) }])).toEqual([]);
  });

  it('checks every petitioner of the new petition, newest case first, each case once', async () => {
    const third = await call(
      t.store,
      'cases.create',
      sampleIntake({
        receivedAt: '2026-05-01T09:00',
        petitioners: [samplePetitioner({ name: '张三', idNumber: IDS.maleX, phone: '13800138000' })],
      }),
    );
    const r = await find([
      { name: '张三', idNumber: IDS.maleX, phone: '13800138000' },
      { name: '李四', phone: '13911112222' },
    ]);
    expect(r.map((m) => m.id)).toEqual([third.id, other.id, earlier.id]);
    expect(r.find((m) => m.id === other.id)!.matchedBy).toBe('namePhone');
    expect(r.find((m) => m.id === earlier.id)!.matchedBy).toBe('idNumber');
  });

  it('leaves out the case being edited (excludeCaseId)', async () => {
    expect((await find([{ idNumber: IDS.maleX }], earlier.id)).map((m) => m.id)).toEqual([]);
    expect((await find([{ idNumber: IDS.maleX }], other.id)).map((m) => m.id)).toEqual([earlier.id]);
  });

  it('does not find a petitioner removed from a case by an edit', async () => {
    const d = await call(t.store, 'cases.get', { id: other.id });
    await call(t.store, 'cases.update', {
      id: other.id,
      channel: d.channel,
      receivedAt: d.receivedAt,
      matterType: d.matterType,
      summary: d.summary,
      peopleCount: 1,
      petitioners: [samplePetitioner({ name: '王五', idNumber: IDS.female1985X, phone: '13700000000' })],
    });
    expect(await find([{ idNumber: IDS.standardX }])).toEqual([]);
    expect((await find([{ idNumber: IDS.female1985X }])).map((m) => m.id)).toEqual([other.id]);
  });

  it('marks a case repeat of an earlier one: flag 重复 instead of 初信初访', async () => {
    const first = await call(t.store, 'cases.get', { id: earlier.id });
    expect(first.flags).toContain('first');
    expect(first.flags).not.toContain('repeat');
    expect(first.repeatOf).toBeNull();

    const again = await call(t.store, 'cases.create', sampleIntake({ repeatOf: earlier.id }));
    const d = await call(t.store, 'cases.get', { id: again.id });
    expect(d.repeatOf).toEqual({ id: earlier.id, caseNo: earlier.caseNo });
    expect(d.flags).toContain('repeat');
    expect(d.flags).not.toContain('first');
    expect(d.events[0]).toMatchObject({ kind: 'registered', data: { repeatOf: earlier.id } });

    const list = await call(t.store, 'cases.list', {});
    expect(list.rows.find((r) => r.id === again.id)!.flags).toContain('repeat');
    expect(list.rows.find((r) => r.id === earlier.id)!.flags).toContain('first');
    expect(
      (await call(t.store, 'cases.list', { filter: { flags: ['repeat'] } })).rows.map((r) => r.id),
    ).toEqual([again.id]);
    expect((await call(t.store, 'cases.list', { filter: { flags: ['first'] } })).total).toBe(2);
  });

  it('marks and unmarks repeat through an edit', async () => {
    const d = await call(t.store, 'cases.get', { id: other.id });
    const input = {
      id: other.id,
      channel: d.channel,
      receivedAt: d.receivedAt,
      matterType: d.matterType,
      summary: d.summary,
      content: d.content,
      peopleCount: d.peopleCount,
      petitioners: d.petitioners.map((p) => ({
        id: p.id,
        name: p.name,
        idNumber: p.idNumber ?? undefined,
        phone: p.phone ?? undefined,
        address: p.address ?? undefined,
      })),
    };
    const marked = await call(t.store, 'cases.update', { ...input, repeatOf: earlier.id });
    expect(marked.flags).toContain('repeat');
    expect(marked.events.at(-1)).toMatchObject({
      kind: 'edited',
      data: { changes: [{ field: 'repeatOf', before: null, after: earlier.id }] },
    });
    const unmarked = await call(t.store, 'cases.update', { ...input, repeatOf: null });
    expect(unmarked.flags).toContain('first');
    expect(unmarked.repeatOf).toBeNull();
  });

  it('refuses a repeatOf that names no case, or the case itself, and saves nothing', async () => {
    const before = { cases: countOf(t.store, 'cases'), log: countOf(t.store, 'change_log') };
    const err = await callError(t.store, 'cases.create', sampleIntake({ repeatOf: 'no-such-case' }));
    expect(err).toMatchObject({ message: '所标记的原信访事项不存在', field: 'repeatOf' });
    expect(err.internal).toBeUndefined();

    const d = await call(t.store, 'cases.get', { id: other.id });
    const self = await callError(t.store, 'cases.update', {
      id: other.id,
      channel: d.channel,
      receivedAt: d.receivedAt,
      matterType: d.matterType,
      summary: d.summary,
      peopleCount: 1,
      repeatOf: other.id,
      petitioners: [{ id: d.petitioners[0].id, name: d.petitioners[0].name }],
    });
    expect(self).toMatchObject({ message: '不能把事项标为自身的重复件', field: 'repeatOf' });
    expect(countOf(t.store, 'cases')).toBe(before.cases);
    expect(countOf(t.store, 'change_log')).toBe(before.log);
  });
});
