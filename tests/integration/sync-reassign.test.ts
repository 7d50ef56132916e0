/**
 * The county assigns (交办) a case on to another township: after the first township objects to
 * an assignment (Art. 23), or when it tries to with a township's own case. Real registers and
 * real package files between a county and two townships.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CaseFilter, Report, ReportFigure } from '../../src-main/contract';
import { call, callError, sampleIntake, updateInputOf, type Township } from '../helpers/store';
import { createCounty, createEnrolledTownship, exchange } from '../helpers/sync';

let county: Township;
let north: Township;
let south: Township;
let dir: string;

beforeEach(async () => {
  county = await createCounty();
  north = await createEnrolledTownship(county, '330102001', '示范镇');
  south = await createEnrolledTownship(county, '330102002', '南湖乡');
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'petition-reassign-'));
  // each township's first package carries its public key to the county
  exchange(north, county, dir);
  exchange(south, county, dir);
});
afterEach(() => {
  for (const t of [county, north, south]) t.cleanup();
  fs.rmSync(dir, { recursive: true, force: true });
});

const assign = (caseId: string, on: string, officeId: string) =>
  call(county.store, 'cases.step', {
    caseId,
    kind: 'assign',
    on,
    officeId,
    deadline: '2027-01-15',
    reportDue: '2027-01-15',
  });
const listed = async (t: Township, filter: CaseFilter) =>
  (await call(t.store, 'cases.list', { filter, limit: 50 })).rows.map((r) => r.id);
const figure = (r: Report, key: string): ReportFigure => {
  for (const s of r.sections)
    if (s.kind === 'figures') for (const f of s.figures) if (f.key === key) return f;
  throw new Error(`no figure ${key}`);
};
const monthOf = (t: Township) =>
  call(t.store, 'reports.get', { kind: 'month', from: '2026-11-01', asOf: '2026-11-30' });
const workItems = async (t: Township) => (await call(t.store, 'worklist.get', {})).items.map((i) => i.caseId);

describe('the county assigns a case on to another township', () => {
  it('after the first township objects: both learn where it went, and only the second keeps its duties and figures', async () => {
    const c = await call(
      county.store,
      'cases.create',
      sampleIntake({ receivedAt: '2026-11-02T09:00', villageId: undefined, peopleCount: 3 }),
    );
    await assign(c.id, '2026-11-03', '330102001');
    exchange(county, north, dir);
    expect(await workItems(north)).toContain(c.id);
    await call(north.store, 'cases.step', {
      caseId: c.id,
      kind: 'object',
      on: '2026-11-04',
      reason: '所反映事项不在本镇辖区',
    });
    exchange(north, county, dir);
    await assign(c.id, '2026-11-05', '330102002');
    exchange(county, north, dir);
    exchange(county, south, dir);

    // the first township's copy follows the case to the second one and leaves its work list
    expect(
      north.store.sqlite.prepare('SELECT assigned_office_id FROM cases WHERE id = ?').pluck().get(c.id),
    ).toBe('330102002');
    expect(await workItems(north)).not.toContain(c.id);
    // it keeps the record there, with no steps to take: they are the other township's now
    const inNorth = (await call(north.store, 'cases.get', { id: c.id })).workflow;
    expect([inNorth.allowed, inNorth.handledElsewhere]).toEqual([
      [],
      { officeId: '330102002', name: '南湖乡' },
    ]);
    expect((await call(north.store, 'settings.get', {})).townships.map((o) => o.name)).toEqual([
      '示范镇',
      '南湖乡',
    ]);
    const refused = await callError(north.store, 'cases.step', {
      caseId: c.id,
      kind: 'investigate',
      on: '2026-11-06',
      note: '走访',
    });
    expect(refused.message).toBe('县信访局已将此件交办南湖乡办理，本乡镇不再办理此件');
    // nor an edit, an attachment or a letter: each refused the same way, nothing written
    const logged = () => north.store.sqlite.prepare('SELECT count(*) FROM change_log').pluck().get();
    const before = logged();
    const detail = await call(north.store, 'cases.get', { id: c.id });
    const file = await call(north.store, 'attachments.upload', {
      fileName: '补充材料.pdf',
      mime: 'application/pdf',
      base64: Buffer.from('%PDF-1.4\n%%EOF\n').toString('base64'),
    });
    const draft = await call(north.store, 'letters.draft', { caseId: c.id, kind: 'registerForm' });
    for (const [method, input] of [
      ['cases.update', updateInputOf(detail, { summary: '改动摘要' })],
      ['attachments.add', { caseId: c.id, file }],
      [
        'letters.issue',
        { caseId: c.id, kind: 'registerForm', content: draft.content, issuedOn: '2026-11-06' },
      ],
    ] as const) {
      expect([method, (await callError(north.store, method, input)).message]).toEqual([
        method,
        '县信访局已将此件交办南湖乡办理，本乡镇不再办理此件',
      ]);
    }
    expect(logged()).toBe(before);
    // its register lists it as handed on, on screen and in the exported ledger
    expect(
      (await call(north.store, 'cases.list', { filter: {}, limit: 10 })).rows.map((r) => [
        r.id === c.id,
        r.office,
      ]),
    ).toEqual([[true, '南湖乡']]);
    const xlsx = new ExcelJS.Workbook();
    await xlsx.xlsx.load(
      Buffer.from(
        (await call(north.store, 'cases.exportXlsx', { filter: {} })).base64,
        'base64',
      ) as unknown as ArrayBuffer,
    );
    expect(xlsx.getWorksheet('信访台账')!.getRow(4).getCell(15).value).toBe('已改交（南湖乡）');
    const inSouth = (await call(south.store, 'cases.get', { id: c.id })).workflow;
    expect([inSouth.allowed.includes('investigate'), inSouth.handledElsewhere]).toEqual([true, null]);
    expect(await workItems(south)).toContain(c.id);
    expect((await call(south.store, 'cases.get', { id: c.id })).status).toBe('handling');
    // the county's work list names the township handling it, and narrows to one township
    const atCounty = await call(county.store, 'worklist.get', {});
    expect(atCounty.items.filter((i) => i.caseId === c.id).map((i) => [i.officeId, i.office])).toContainEqual(
      ['330102002', '南湖乡'],
    );
    const ofTownship = async (officeId: string) =>
      (await call(county.store, 'worklist.get', { scope: 'office', officeId })).items.map((i) => i.caseId);
    expect(await ofTownship('330102002')).toContain(c.id);
    expect(await ofTownship('330102001')).not.toContain(c.id);

    // figures: the second township's, at the county and in each township's own report
    const r = await monthOf(county);
    const ranking = r.sections.find((s) => s.kind === 'ranking');
    if (ranking?.kind !== 'ranking') throw new Error('no ranking');
    const row = (name: string) => ranking.rows.find((x) => x.name === name)!;
    expect([row('示范镇').values.n, row('南湖乡').values.n, row('南湖乡').values.people]).toEqual([0, 1, 3]);
    expect(await listed(county, row('示范镇').links.n)).toEqual([]);
    expect(await listed(county, row('南湖乡').links.n)).toEqual([c.id]);
    expect(await listed(county, { officeId: ['330102001'] })).toEqual([]);
    expect(await listed(county, { officeId: ['330102002'] })).toEqual([c.id]);
    for (const [t, n] of [
      [north, 0],
      [south, 1],
    ] as const) {
      const own = await monthOf(t);
      expect(figure(own, 'n').cur.value).toBe(n);
      expect(await listed(t, figure(own, 'n').links!.cur.value)).toEqual(n ? [c.id] : []);
    }
  });

  it('refuses to assign a township’s own case to another township, and lets it go to that township', async () => {
    const own = await call(north.store, 'cases.create', sampleIntake({ receivedAt: '2026-11-09T09:00' }));
    exchange(north, county, dir);
    const err = await callError(county.store, 'cases.step', {
      caseId: own.id,
      kind: 'assign',
      on: '2026-11-10',
      officeId: '330102002',
      deadline: '2027-01-15',
      reportDue: '2027-01-15',
    });
    expect(err.message).toBe(
      '此件由示范镇登记，只能交办给示范镇或本局的责任单位；应由其他乡镇办理的，请示范镇转送',
    );
    expect(err.field).toBe('officeId');
    expect(
      county.store.sqlite
        .prepare(`SELECT count(*) FROM case_events WHERE case_id = ? AND kind = 'assign'`)
        .pluck()
        .get(own.id),
    ).toBe(0);
    await assign(own.id, '2026-11-10', '330102001');
    exchange(county, north, dir);
    expect(
      north.store.sqlite.prepare('SELECT assigned_office_id FROM cases WHERE id = ?').pluck().get(own.id),
    ).toBe('330102001');
    expect(await workItems(north)).toContain(own.id);
  });
});
