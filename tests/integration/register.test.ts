import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getTableConfig } from 'drizzle-orm/sqlite-core';
import { SYNCED_TABLES } from '../../db/schema';
import { maskIdNumber, type CaseFilter, type CaseUpdateInput } from '../../src-main/contract';
import { defaultMigrationsFolder } from '../../src-main/services/database';
import {
  IDS,
  TOWNSHIP_CODE,
  call,
  callError,
  countOf,
  createTempStore,
  createTownship,
  sampleIntake,
  samplePetitioner,
  updateInputOf,
  type TempStore,
  type Township,
} from '../helpers/store';
import { SAMPLE_ORDER, addSampleCases, type SampleRegister } from '../helpers/register';

describe('migrations from an empty database', () => {
  let t: TempStore;
  beforeEach(() => {
    t = createTempStore();
  });
  afterEach(() => t.cleanup());

  const journal = JSON.parse(
    fs.readFileSync(path.join(defaultMigrationsFolder(), 'meta', '_journal.json'), 'utf8'),
  ) as {
    entries: { tag: string; when: number }[];
  };
  const applied = (t: TempStore) =>
    t.store.sqlite.prepare('SELECT hash, created_at FROM __drizzle_migrations ORDER BY created_at').all() as {
      hash: string;
      created_at: number;
    }[];
  const tables = (t: TempStore) =>
    (
      t.store.sqlite.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as {
        name: string;
      }[]
    ).map((r) => r.name);

  it('creates every table of the schema and the search index in a new file', () => {
    expect(fs.existsSync(path.join(t.dir, 'register.db'))).toBe(true);
    const names = tables(t);
    for (const table of Object.values(SYNCED_TABLES)) expect(names).toContain(getTableConfig(table).name);
    for (const local of ['local_state', 'change_log', 'drafts', 'audit_log', 'case_search'])
      expect(names).toContain(local);
    // the register is empty and no office is set up yet
    expect(countOf(t.store, 'cases')).toBe(0);
    expect(countOf(t.store, 'change_log')).toBe(0);
  });

  it('records each migration of the journal exactly once', () => {
    expect(journal.entries.length).toBeGreaterThanOrEqual(2);
    const rows = applied(t);
    expect(rows.map((r) => Number(r.created_at))).toEqual(journal.entries.map((e) => e.when));
    expect(new Set(rows.map((r) => r.hash)).size).toBe(rows.length);
  });

  it('opens for power cuts: WAL and synchronous=FULL', () => {
    expect(t.store.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(t.store.sqlite.pragma('synchronous', { simple: true })).toBe(2);
  });

  it('reopening applies nothing again and keeps the data and the installation id', async () => {
    const before = { migrations: applied(t), installation: t.store.installationId };
    await call(t.store, 'setup.create', {
      level: 'township',
      code: TOWNSHIP_CODE,
      name: '示范镇',
      units: [{ name: '司法所' }],
      staff: [{ name: '王登记', role: 'clerk' }],
    });
    const created = await call(t.store, 'cases.create', sampleIntake());
    const schemaBefore = t.store.sqlite
      .prepare('SELECT type, name, sql FROM sqlite_master ORDER BY name')
      .all();
    t.reopen();
    t.reopen();
    expect(applied(t)).toEqual(before.migrations);
    expect(t.store.installationId).toBe(before.installation);
    expect(t.store.sqlite.prepare('SELECT type, name, sql FROM sqlite_master ORDER BY name').all()).toEqual(
      schemaBefore,
    );
    expect((await call(t.store, 'session.get', {})).office?.name).toBe('示范镇');
    expect((await call(t.store, 'cases.get', { id: created.id })).caseNo).toBe(created.caseNo);
    expect((await call(t.store, 'cases.list', { filter: { q: '土地' } })).total).toBe(1);
  });
});

describe('the register: intake, list and search', () => {
  let t: Township;
  let cases: SampleRegister;
  beforeEach(async () => {
    t = await createTownship();
    cases = await addSampleCases(t);
  });
  afterEach(() => t.cleanup());

  const ids = async (filter: CaseFilter) => {
    const list = await call(t.store, 'cases.list', { filter, limit: 500 });
    expect(list.total, JSON.stringify(filter)).toBe(list.rows.length);
    return list.rows.map((r) => r.id);
  };
  /** sample keys of a filter's result, in list order */
  const keys = async (filter: CaseFilter) => {
    const byId = new Map(Object.entries(cases).map(([k, c]) => [c.id, k]));
    return (await ids(filter)).map((id) => byId.get(id));
  };
  /** the update input that leaves a case as it is */
  const editInput = async (id: string): Promise<CaseUpdateInput> =>
    updateInputOf(await call(t.store, 'cases.get', { id }));

  it('registers a group visit of 6 with its 3 representatives and what the ID numbers say', async () => {
    const b = await call(t.store, 'cases.get', { id: cases.B.id });
    expect(b).toMatchObject({
      caseNo: `${TOWNSHIP_CODE}-2026-00002`,
      officeId: TOWNSHIP_CODE,
      channel: 'visit',
      receivedAt: '2026-03-31T23:59',
      matterType: 'claim',
      categoryId: t.category('土地征收'),
      villageId: t.village('西村'),
      peopleCount: 6,
      status: 'registered',
      registeredBy: '王登记',
      repeatOf: null,
    });
    expect(b.flags).toEqual(['collective', 'first']);
    expect(b.petitioners.map((p) => [p.name, p.representative])).toEqual([
      ['单伟', true],
      ['曾国强', true],
      ['刘洋', true],
    ]);
    expect(b.petitioners[0]).toMatchObject({
      idNumber: IDS.female1990,
      gender: 'female',
      birthDate: '1990-03-07',
      regionCode: '330102',
      phone: '13911112222',
    });
    expect(b.petitioners[1]).toMatchObject({
      idNumber: IDS.nanjingX,
      gender: 'male',
      birthDate: '1970-06-15',
      regionCode: '320102',
      phone: '0571-88886666',
    });
    expect(b.petitioners[2]).toMatchObject({
      idNumber: null,
      gender: null,
      birthDate: null,
      phone: null,
      address: null,
    }); // left blank
    expect(b.events).toHaveLength(1);
    expect(b.events[0]).toMatchObject({
      kind: 'registered',
      actor: '王登记',
      data: { channel: 'visit', repeatOf: null },
    });
    expect(b.queryCode).toMatch(/^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{8}$/);
  });

  it('stores an ID number typed with lowercase x in upper case, and a phone normalized', async () => {
    const r = await call(
      t.store,
      'cases.create',
      sampleIntake({
        petitioners: [samplePetitioner({ idNumber: '11010519491231002x', phone: '+86 139 0000 1111' })],
      }),
    );
    const d = await call(t.store, 'cases.get', { id: r.id });
    expect(d.petitioners[0]).toMatchObject({
      idNumber: '11010519491231002X',
      gender: 'female',
      phone: '13900001111',
    });
  });

  it('records who filed a 代理 petition, and asks for it', async () => {
    expect((await callError(t.store, 'cases.create', sampleIntake({ channel: 'proxy' }))).message).toBe(
      '代理信访请填写代理人（如村干部姓名及职务）',
    );
    const r = await call(
      t.store,
      'cases.create',
      sampleIntake({ channel: 'proxy', proxyBy: '东村党支部书记 周明' }),
    );
    expect((await call(t.store, 'cases.get', { id: r.id })).proxyBy).toBe('东村党支部书记 周明');
    // another channel keeps no proxy
    const v = await call(t.store, 'cases.create', sampleIntake({ channel: 'visit', proxyBy: '不应保存' }));
    expect((await call(t.store, 'cases.get', { id: v.id })).proxyBy).toBeNull();
  });

  it('lists newest received first, with totals independent of paging', async () => {
    expect(await keys({})).toEqual([...SAMPLE_ORDER]);
    const page1 = await call(t.store, 'cases.list', { limit: 2 });
    expect(page1.total).toBe(5);
    expect(page1.rows.map((r) => r.id)).toEqual([cases.D.id, cases.C.id]);
    const page3 = await call(t.store, 'cases.list', { limit: 2, offset: 4 });
    expect(page3.total).toBe(5);
    expect(page3.rows.map((r) => r.id)).toEqual([cases.A.id]);
    const filtered = await call(t.store, 'cases.list', { filter: { q: '土地' }, limit: 1 });
    expect(filtered.total).toBe(3);
    expect(filtered.rows).toHaveLength(1);
  });

  it('pages a filtered list without losing or repeating a case when many share a received minute', async () => {
    const village = t.village('西村');
    const categories = [t.category('土地承包'), null];
    for (let i = 0; i < 24; i++) {
      const c = await call(
        t.store,
        'cases.create',
        sampleIntake({
          villageId: village,
          categoryId: categories[i % 2],
          receivedAt: i < 20 ? '2026-11-18T10:00' : '2026-11-19T08:00',
          summary: `同一时间来信${i}`,
        }),
      );
      if (i % 3 === 0) await call(t.store, 'cases.step', { caseId: c.id, kind: 'accept', on: '2026-11-20' });
    }
    for (const filter of [
      { villageId: [village] },
      { villageId: [village], status: ['registered'] },
      { status: ['registered', 'handling'] },
      { categoryId: [t.category('土地承包')] },
    ]) {
      const all = await call(t.store, 'cases.list', { filter, limit: 500 });
      const paged: string[] = [];
      for (let offset = 0; offset < all.total; offset += 5)
        paged.push(
          ...(await call(t.store, 'cases.list', { filter, limit: 5, offset })).rows.map((r) => r.id),
        );
      expect(paged, JSON.stringify(filter)).toEqual(all.rows.map((r) => r.id));
      expect(new Set(paged).size).toBe(all.total);
      const received = all.rows.map((r) => r.receivedAt);
      expect(received).toEqual([...received].sort().reverse()); // newest received first
    }
  });

  it('shows list rows with masked ID numbers and phones only', async () => {
    const list = await call(t.store, 'cases.list', {});
    const b = list.rows.find((r) => r.id === cases.B.id)!;
    expect(b).toMatchObject({
      caseNo: cases.B.caseNo,
      petitioners: '单伟、曾国强、刘洋',
      idNumber: '330102********4562',
      phone: '139****2222',
      village: '西村',
      category: '土地征收',
      peopleCount: 6,
      flags: ['collective', 'first'],
      status: 'registered',
    });
    const d = list.rows.find((r) => r.id === cases.D.id)!;
    expect(d).toMatchObject({ petitioners: '', idNumber: '', phone: '', village: null });
    const text = JSON.stringify(list);
    for (const full of [
      IDS.female1990,
      IDS.nanjingX,
      IDS.standardX,
      IDS.maleX,
      '13911112222',
      '13800138000',
      '13700001111',
      '88886666',
    ]) {
      expect(text).not.toContain(full);
    }
    expect(text).toContain(maskIdNumber(IDS.maleX));
  });

  describe('search', () => {
    it('finds a two-character content word (土地)', async () => {
      expect(await keys({ q: '土地' })).toEqual(['B', 'E', 'A']);
      expect(await keys({ q: '路灯' })).toEqual(['C']);
    });

    it('finds a four-character word only where it stands whole', async () => {
      expect(await keys({ q: '征收补偿' })).toEqual(['B']);
      expect(await keys({ q: '土地承包' })).toEqual(['E', 'A']);
      expect(await keys({ q: '承包征收' })).toEqual([]);
    });

    it('finds a petitioner by name, and a representative by pinyin initials', async () => {
      expect(await keys({ q: '李四' })).toEqual(['C']);
      expect(await keys({ q: '张三' })).toEqual(['E', 'A']);
      expect(await keys({ q: 'sw' })).toEqual(['B']); // 单伟, surname read shàn
      expect(await keys({ q: 'ZGQ' })).toEqual(['B']); // 曾国强, surname read zēng
      expect(await keys({ q: 'dw' })).toEqual([]);
    });

    it('finds by full ID number (also with lowercase x), by phone, by case number and by query code', async () => {
      expect(await keys({ q: IDS.nanjingX })).toEqual(['B']);
      expect(await keys({ q: IDS.nanjingX.toLowerCase() })).toEqual(['B']);
      expect(await keys({ q: IDS.maleX })).toEqual(['E', 'A']);
      expect(await keys({ q: '13911112222' })).toEqual(['B']);
      expect(await keys({ q: '0571-88886666' })).toEqual(['B']);
      expect(await keys({ q: cases.C.caseNo })).toEqual(['C']);
      expect(await keys({ q: cases.D.queryCode })).toEqual(['D']);
      expect(await keys({ q: cases.D.queryCode.toLowerCase() })).toEqual(['D']);
    });

    it('finds nothing for a word that is not there, and survives FTS syntax in the box', async () => {
      expect(await keys({ q: '拆迁' })).toEqual([]);
      expect(await keys({ q: '"土地' })).toEqual(['B', 'E', 'A']);
      expect(await keys({ q: 'NEAR(土地' })).toEqual([]);
      const r = await call(t.store, 'cases.list', { filter: { q: '*"()' } });
      expect(r).toEqual({ total: 0, rows: [] });
    });
  });

  describe('filters', () => {
    it('by status', async () => {
      expect(await keys({ status: ['registered'] })).toEqual([...SAMPLE_ORDER]);
      expect(await keys({ status: ['closed'] })).toEqual([]);
    });

    it('by channel', async () => {
      expect(await keys({ channel: ['visit'] })).toEqual(['B', 'A']);
      expect(await keys({ channel: ['letter', 'online'] })).toEqual(['D', 'C']);
      expect(await keys({ channel: ['phone'] })).toEqual(['E']);
    });

    it('by matter type', async () => {
      expect(await keys({ matterType: ['suggestion'] })).toEqual(['C']);
      expect(await keys({ matterType: ['accusation'] })).toEqual(['D']);
      expect(await keys({ matterType: ['claim'] })).toEqual(['B', 'E', 'A']);
    });

    it('by category', async () => {
      expect(await keys({ categoryId: [t.category('土地征收')] })).toEqual(['B']);
      expect(await keys({ categoryId: [t.category('土地承包'), t.category('低保救助')] })).toEqual([
        'E',
        'A',
      ]);
    });

    it('by village', async () => {
      expect(await keys({ villageId: [t.village('东村')] })).toEqual(['E', 'A']);
      expect(await keys({ villageId: [t.village('西村'), t.village('南山社区')] })).toEqual(['C', 'B']);
    });

    it('by date range, the “to” date counted whole', async () => {
      expect(await keys({ from: '2026-03-31', to: '2026-03-31' })).toEqual(['B']); // received 23:59
      expect(await keys({ to: '2026-03-31' })).toEqual(['B', 'E', 'A']);
      expect(await keys({ from: '2026-04-01' })).toEqual(['D', 'C']); // C received 00:00
      expect(await keys({ from: '2026-03-11', to: '2026-04-01' })).toEqual(['C', 'B', 'E']);
      expect(await keys({ from: '2026-06-01' })).toEqual([]);
    });

    it('by flags', async () => {
      expect(await keys({ flags: ['collective'] })).toEqual(['B']);
      expect(await keys({ flags: ['repeat'] })).toEqual(['E']);
      expect(await keys({ flags: ['first'] })).toEqual(['D', 'C', 'B', 'A']);
      expect(await keys({ flags: ['jointly'] })).toEqual(['C']);
      expect(await keys({ flags: ['anonymous'] })).toEqual(['D']);
      expect(await keys({ flags: ['skipLevel'] })).toEqual(['D']);
      expect(await keys({ flags: ['first', 'collective'] })).toEqual(['B']);
      expect(await keys({ flags: ['repeat', 'collective'] })).toEqual([]);
    });

    it('combines search and filters', async () => {
      expect(await keys({ q: '土地', villageId: [t.village('东村')] })).toEqual(['E', 'A']);
      expect(await keys({ q: '土地', channel: ['phone'], from: '2026-03-15' })).toEqual(['E']);
      expect(await keys({ q: '土地', flags: ['collective'], matterType: ['suggestion'] })).toEqual([]);
    });

    it('gives the same rows in the same order whether the search index or the case table answers', async () => {
      // status 'registered' holds for every sample case but makes the list read the case table
      const dates: Pick<CaseFilter, 'from' | 'to'>[] = [
        {},
        { from: '2026-04-01' },
        { to: '2026-03-31' },
        { from: '2026-03-31', to: '2026-04-01' },
      ];
      for (const q of ['土地', '反映', 'zs', '2026']) {
        for (const d of dates) {
          const viaIndex = await ids({ q, ...d });
          expect(viaIndex, JSON.stringify({ q, ...d })).toEqual(
            await ids({ q, ...d, status: ['registered'] }),
          );
        }
      }
      const all = await ids({ q: '反映' });
      const paged = [];
      for (let offset = 0; offset < all.length; offset += 2) {
        paged.push(
          ...(await call(t.store, 'cases.list', { filter: { q: '反映' }, offset, limit: 2 })).rows.map(
            (r) => r.id,
          ),
        );
      }
      expect(paged).toEqual(all);
    });

    it('follows an edit of the received time in search order and date ranges', async () => {
      const before = await ids({ q: '土地' });
      const last = before[before.length - 1];
      const input = await editInput(last);
      await call(t.store, 'cases.update', { ...input, receivedAt: '2026-11-01T08:00' });
      const after = await ids({ q: '土地' });
      expect(after[0]).toBe(last);
      expect(await ids({ q: '土地', from: '2026-11-01', to: '2026-11-01' })).toEqual([last]);
      expect(await ids({ q: '土地', to: '2026-10-31' })).not.toContain(last);
    });

    it('shows the flags of each row', async () => {
      const rows = (await call(t.store, 'cases.list', {})).rows;
      const flags = Object.fromEntries(rows.map((r) => [r.caseNo, r.flags]));
      expect(flags[cases.C.caseNo]).toEqual(['first', 'jointly']);
      expect(flags[cases.D.caseNo]).toEqual(['first', 'anonymous', 'skipLevel']);
      expect(flags[cases.E.caseNo]).toEqual(['repeat']);
    });
  });

  describe('editing', () => {
    it('records an edited event with before and after, and the search index follows', async () => {
      const input = await editInput(cases.A.id);
      const updated = await call(t.store, 'cases.update', {
        ...input,
        summary: '反映宅基地审批迟迟未办',
        content: '信访人申请建房审批，半年未获答复。',
        petitioners: [{ ...input.petitioners[0], phone: '13700137000' }],
      });
      expect(updated.summary).toBe('反映宅基地审批迟迟未办');
      expect(updated.events.map((e) => e.kind)).toEqual(['registered', 'edited']);
      const edited = updated.events[1];
      expect(edited.actor).toBe('王登记');
      expect(edited.data.changes).toEqual([
        {
          field: 'summary',
          label: '内容摘要',
          before: '反映土地承包合同到期未续签',
          after: '反映宅基地审批迟迟未办',
        },
        {
          field: 'content',
          label: '信访内容',
          before: cases.A.input.content,
          after: '信访人申请建房审批，半年未获答复。',
        },
        { field: 'phone', label: '电话', petitioner: '张三', before: '13800138000', after: '13700137000' },
      ]);
      expect(await keys({ q: '土地' })).toEqual(['B', 'E']); // the old word no longer finds A
      expect(await keys({ q: '宅基地' })).toEqual(['A']);
      expect(await keys({ q: '13700137000' })).toEqual(['A']);
      expect(await keys({ q: '13800138000' })).toEqual(['E']);
    });

    it('records added and removed petitioners and reindexes their names', async () => {
      const input = await editInput(cases.C.id);
      const updated = await call(t.store, 'cases.update', {
        ...input,
        petitioners: [
          input.petitioners[0],
          samplePetitioner({ name: '赵六', idNumber: IDS.female1985X, phone: '13655556666' }),
        ],
      });
      expect(updated.petitioners.map((p) => p.name)).toEqual(['李四', '赵六']);
      expect(updated.events.at(-1)!.data.changes).toEqual([
        { field: 'petitioner', label: '增加信访人', before: null, after: '赵六' },
        { field: 'petitioner', label: '删除信访人', before: '王五', after: null },
      ]);
      expect(await keys({ q: '王五' })).toEqual([]);
      expect(await keys({ q: '赵六' })).toEqual(['C']);
      expect(await keys({ q: 'zl' })).toEqual(['C']);
      // the removed petitioner is a tombstone, not a deleted row
      expect(t.store.sqlite.prepare(`SELECT deleted FROM petitioners WHERE name = '王五'`).get()).toEqual({
        deleted: 1,
      });
    });

    it('moves a case between filters when its fields change', async () => {
      const input = await editInput(cases.A.id);
      await call(t.store, 'cases.update', {
        ...input,
        villageId: t.village('西村'),
        receivedAt: '2026-04-02T10:00',
        peopleCount: 5,
      });
      expect(await keys({ villageId: [t.village('东村')] })).toEqual(['E']);
      expect(await keys({ flags: ['collective'] })).toEqual(['A', 'B']);
      expect(await keys({ from: '2026-04-01' })).toEqual(['D', 'A', 'C']);
      // the case number keeps the sequence it was given
      expect((await call(t.store, 'cases.get', { id: cases.A.id })).caseNo).toBe(cases.A.caseNo);
    });
  });

  describe('validation', () => {
    const unchanged = () => {
      const snapshot = {
        cases: countOf(t.store, 'cases'),
        petitioners: countOf(t.store, 'petitioners'),
        log: countOf(t.store, 'change_log'),
        search: countOf(t.store, 'case_search'),
      };
      return () =>
        expect({
          cases: countOf(t.store, 'cases'),
          petitioners: countOf(t.store, 'petitioners'),
          log: countOf(t.store, 'change_log'),
          search: countOf(t.store, 'case_search'),
        }).toEqual(snapshot);
    };
    const chinese = /[\u4e00-\u9fa5]/;

    it('a bad ID number comes back in Chinese with its field path and saves nothing', async () => {
      const check = unchanged();
      const err = await callError(
        t.store,
        'cases.create',
        sampleIntake({
          petitioners: [
            samplePetitioner(),
            samplePetitioner({ name: '李四', idNumber: '110105194912310012' }),
          ],
        }),
      );
      expect(err.field).toBe('petitioners.1.idNumber');
      expect(err.message).toMatch(/身份证号校验位不符/);
      expect(err.internal).toBeUndefined();
      check();
    });

    it('other bad fields come back in Chinese with their paths', async () => {
      const check = unchanged();
      const cases: [unknown, string, RegExp][] = [
        [sampleIntake({ summary: '  ' }), 'summary', /请填写内容摘要/],
        [{ ...sampleIntake(), channel: 'pigeon' }, 'channel', /请选择信访形式/],
        [{ ...sampleIntake(), matterType: undefined }, 'matterType', /请选择事项性质/],
        [sampleIntake({ receivedAt: '2026/11/20 09:30' }), 'receivedAt', /时间格式应为/],
        [sampleIntake({ receivedAt: '2099-01-01T09:00' }), 'receivedAt', /收到时间不能晚于今天/],
        [{ ...sampleIntake(), peopleCount: '三' }, 'peopleCount', /人数应为数字/],
        [sampleIntake({ peopleCount: 0 }), 'peopleCount', /人数至少为1/],
        [sampleIntake({ petitioners: [] }), 'petitioners', /请至少登记一名信访人/],
        [
          sampleIntake({
            peopleCount: 1,
            petitioners: [samplePetitioner(), samplePetitioner({ name: '李四' })],
          }),
          'peopleCount',
          /少于登记的信访人数/,
        ],
        [
          sampleIntake({ petitioners: [samplePetitioner({ phone: '1380013800' })] }),
          'petitioners.0.phone',
          /手机号应为11位/,
        ],
        [
          sampleIntake({ petitioners: [samplePetitioner({ name: '' })] }),
          'petitioners.0.name',
          /请填写信访人姓名/,
        ],
        [
          sampleIntake({ petitioners: [samplePetitioner({ idNumber: '330102851010002' })] }),
          'petitioners.0.idNumber',
          /15位/,
        ],
        [sampleIntake({ categoryId: 'no-such-category' }), 'categoryId', /内容分类不存在/],
        [sampleIntake({ villageId: 'no-such-village' }), 'villageId', /村\/社区不存在/],
      ];
      for (const [input, field, message] of cases) {
        const err = await callError(t.store, 'cases.create', input);
        expect(err.field, String(message)).toBe(field);
        expect(err.message).toMatch(message);
        expect(err.message).toMatch(chinese);
      }
      check();
    });

    it('refuses more than five representatives of a group (Art. 20), accepts five', async () => {
      const check = unchanged();
      const reps = (n: number) =>
        Array.from({ length: n }, (_, i) =>
          samplePetitioner({ name: `代表${i + 1}`, idNumber: '', phone: '', representative: true }),
        );
      const err = await callError(
        t.store,
        'cases.create',
        sampleIntake({ peopleCount: 30, petitioners: reps(6) }),
      );
      expect(err.field).toBe('petitioners');
      expect(err.message).toBe('多人走访推选代表不超过5人（《信访工作条例》第二十条），现为6人');
      check();
      // the same rule holds for an edit
      const input = await editInput(cases.B.id);
      const editErr = await callError(t.store, 'cases.update', {
        ...input,
        peopleCount: 30,
        petitioners: reps(6),
      });
      expect(editErr.message).toMatch(/第二十条/);
      check();

      const ok = await call(t.store, 'cases.create', sampleIntake({ peopleCount: 30, petitioners: reps(5) }));
      expect(
        (await call(t.store, 'cases.get', { id: ok.id })).petitioners.filter((p) => p.representative),
      ).toHaveLength(5);
    });

    it('an anonymous petition needs no petitioner', async () => {
      const r = await call(t.store, 'cases.create', sampleIntake({ anonymous: true, petitioners: [] }));
      expect((await call(t.store, 'cases.get', { id: r.id })).flags).toContain('anonymous');
    });

    it('refuses an edit of a case that does not exist, in Chinese', async () => {
      const input = await editInput(cases.A.id);
      const err = await callError(t.store, 'cases.update', { ...input, id: 'no-such-case' });
      expect(err.message).toBe('该信访事项不存在或已删除');
    });
  });
});
