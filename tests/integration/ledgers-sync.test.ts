/**
 * The ledgers travel like the register: a township's disputes, daily reports and reception days
 * reach the county in its next package, the county sees which townships reported which days, and
 * a replaced township machine gets its ledgers back from the county. Real registers, real
 * enrollment files, real package files.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, callError, createTownship, sampleIntake, SETUP, type Township } from '../helpers/store';
import { createCounty, createEnrolledTownship, exchange, exportTo, importFile } from '../helpers/sync';
import { applyEnrollment, createEnrollment } from '../../src-main/services/sync/enrollment';
import { disputeCounts } from '../../src-main/services/disputes';
import { receptionCounts } from '../../src-main/services/reception-days';

const DAY = '2026-11-20';
const NEXT = '2026-11-21';

let county: Township;
let town: Township;
let other: Township;
let dir: string;
const open_: Township[] = [];

beforeEach(async () => {
  county = await createCounty();
  town = await createEnrolledTownship(county);
  other = await createEnrolledTownship(county, '330102002', '示范乡');
  open_.push(county, town, other);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'petition-ledgers-'));
});
afterEach(() => {
  open_.splice(0).forEach((t) => t.cleanup());
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('ledgers by file', () => {
  it('carries disputes, daily reports and reception days up to the county', async () => {
    const d = await call(town.store, 'disputes.save', {
      foundOn: DAY,
      villageId: town.village('东村'),
      parties: [{ name: '钱大', phone: '13811112222' }],
      kind: 'land',
      description: '承包地边界争议',
      mediator: '司法所',
    });
    const visit = await call(
      town.store,
      'cases.create',
      sampleIntake({ receivedAt: `${DAY}T09:30`, peopleCount: 2, petitioners: [], anonymous: true }),
    );
    await call(town.store, 'receptionDays.save', {
      date: DAY,
      startTime: '09:00',
      endTime: '11:30',
      leaderId: town.staff('赵领导'),
      place: '镇信访接待室',
    });
    const report = await call(town.store, 'dailyReports.issue', { date: DAY });
    await call(other.store, 'dailyReports.issue', { date: NEXT }); // a zero report from the other township

    const preview = importFile(county.store, exportTo(town, county, dir).file, { preview: true });
    expect(preview.summary.ledgers).toEqual({ disputes: 1, daily_reports: 1, reception_days: 1 });
    expect((await call(county.store, 'disputes.list', {})).total).toBe(0); // a preview writes nothing

    const up = exchange(town, county, dir);
    expect(up.summary.ledgers).toEqual({ disputes: 1, daily_reports: 1, reception_days: 1 });
    exchange(other, county, dir);

    // the county holds the township's disputes, with the township and village named
    const disputes = await call(county.store, 'disputes.list', { filter: { officeId: ['330102001'] } });
    expect(disputes.rows.map((r) => [r.id, r.office, r.village, r.parties[0].phone])).toEqual([
      [d.id, '示范镇', '东村', '138****2222'],
    ]);
    expect(disputeCounts(county.store, { from: DAY, to: DAY, officeId: '330102001' })).toEqual({
      found: 1,
      resolved: 0,
    });
    expect(disputeCounts(county.store, { from: DAY, to: DAY, officeId: '330102002' })).toEqual({
      found: 0,
      resolved: 0,
    });
    // the county cannot edit a township's dispute
    expect(
      (await callError(county.store, 'disputes.setStatus', { id: d.id, status: 'mediating' })).message,
    ).toBe('只能修改本单位排查的矛盾纠纷');

    // which townships reported which days, zero reports included
    const matrix = await call(county.store, 'dailyReports.matrix', { from: DAY, to: NEXT });
    expect(matrix.days).toEqual([DAY, NEXT]);
    expect(matrix.townships.map((t) => [t.name, Object.keys(t.reports), t.missing])).toEqual([
      ['示范镇', [DAY], 1],
      ['示范乡', [NEXT], 1],
    ]);
    expect(matrix.townships[0].reports[DAY]).toMatchObject({
      id: report.id,
      zero: false,
      petitions: { batches: 1, persons: 2 },
      disputes: { found: 1, resolved: 0 },
      issuedBy: '王登记',
    });
    expect(matrix.townships[1].reports[NEXT]).toMatchObject({ zero: true, office: '示范乡' });

    // the reception day, with the visit received, as the township sees it
    const [day] = await call(county.store, 'receptionDays.list', { from: DAY, to: DAY });
    expect(day).toMatchObject({ office: '示范镇', leader: '赵领导', batches: 1, persons: 2 });
    expect(day.cases.map((c) => c.id)).toEqual([visit.id]);
    expect(receptionCounts(county.store, { from: DAY, to: DAY })).toEqual({
      days: 1,
      batches: 1,
      persons: 2,
    });

    // a later change, and a report issued again, ride in the next package; nothing is lost
    await call(town.store, 'disputes.setStatus', {
      id: d.id,
      status: 'resolved',
      resolvedOn: NEXT,
      resolution: '双方签订调解协议',
    });
    const again = await call(town.store, 'dailyReports.issue', { date: DAY, replace: true });
    const next = exchange(town, county, dir);
    expect(next.summary.ledgers).toEqual({ disputes: 1, daily_reports: 1 });
    expect((await call(county.store, 'disputes.get', { id: d.id })).status).toBe('resolved');
    expect(disputeCounts(county.store, { from: NEXT, to: NEXT })).toEqual({ found: 0, resolved: 1 });
    const after = await call(county.store, 'dailyReports.matrix', { from: DAY, to: DAY });
    expect(after.townships[0].reports[DAY].id).toBe(again.id);
    expect(after.townships[0].reports[DAY].replacesId).toBe(report.id);
    expect(county.store.sqlite.prepare('SELECT count(*) AS n FROM daily_reports').get()).toEqual({ n: 3 });
  });

  it('gives a replaced township machine its ledgers back, and no other township receives them', async () => {
    const d = await call(town.store, 'disputes.save', {
      foundOn: DAY,
      parties: [{ name: '钱大' }],
      kind: 'neighbor',
      description: '噪音',
      mediator: '',
    });
    await call(town.store, 'dailyReports.issue', { date: DAY });
    exchange(town, county, dir);
    exchange(other, county, dir); // the other township's first package: the county may now write to it

    const down = exchange(county, other, dir);
    expect(down.summary.ledgers).toEqual({});
    expect((await call(other.store, 'disputes.list', {})).total).toBe(0);

    const fresh = await createTownship({
      ...SETUP,
      villages: [],
      staff: [{ name: '新电脑管理员', role: 'admin' }],
    });
    open_.push(fresh);
    applyEnrollment(
      fresh.store,
      createEnrollment(county.store, { id: '330102001', name: '示范镇' }, null).bytes,
    );
    importFile(county.store, exportTo(fresh, county, dir).file);
    const back = exchange(county, fresh, dir);
    expect(back.summary.ledgers).toEqual({ disputes: 1, daily_reports: 1 });
    expect((await call(fresh.store, 'disputes.get', { id: d.id })).description).toBe('噪音');
    expect((await call(fresh.store, 'dailyReports.preview', { date: DAY })).issued?.zero).toBe(false);
  });
});
