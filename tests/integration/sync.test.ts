/**
 * Sync by file between townships and the county, on real registers, real enrollment files and
 * real package files in a folder.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, countOf, sampleIntake, type Township } from '../helpers/store';
import { createCounty, createEnrolledTownship, exchange, exportTo, importFile } from '../helpers/sync';
import { syncStatus } from '../../src-main/services/sync/exchange';
import { todayLocal } from '../../src-main/services/local-time';

let county: Township;
let town: Township;
let dir: string;
const open: Township[] = [];

beforeEach(async () => {
  county = await createCounty();
  town = await createEnrolledTownship(county);
  open.push(county, town);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'petition-outbox-'));
});
afterEach(() => {
  open.splice(0).forEach((t) => t.cleanup());
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('township to county and back', () => {
  it('carries a case up, a supervision down, and never applies a package twice', async () => {
    const c = await call(town.store, 'cases.create', sampleIntake({ summary: '土地承包纠纷' }));
    const out = exportTo(town, county, dir);
    expect(out.fileName).toMatch(/^信访交换包_示范镇_至_示范县信访局_\d{8}_第1号\.xftz$/);

    const preview = importFile(county.store, out.file, { preview: true });
    expect(preview.summary.newCases).toEqual([c.id]);
    expect(countOf(county.store, 'cases')).toBe(0);

    const first = importFile(county.store, out.file);
    expect(first.summary.newCases).toEqual([c.id]);
    const atCounty = await call(county.store, 'cases.get', { id: c.id });
    expect(atCounty.summary).toBe('土地承包纠纷');
    expect(() => importFile(county.store, out.file)).toThrow(/已于 .* 导入过，未作任何改动/);

    const today = todayLocal();
    await call(county.store, 'cases.step', { caseId: c.id, kind: 'supervise', on: today, deadline: today, content: '请于今日内答复' });
    const back = exchange(county, town, dir);
    expect(back.summary.events).toEqual({ supervise: 1 });
    expect(back.summary.updatedCases).toEqual([c.id]);
    const atTown = await call(town.store, 'cases.get', { id: c.id });
    expect(atTown.events.map((e) => e.kind)).toContain('supervise');
    const work = await call(town.store, 'worklist.get', {});
    expect(work.items.some((i) => i.caseId === c.id && i.deadline.kind === 'supervision')).toBe(true);

    // the county confirmed everything: the township's next package carries nothing old
    const again = exportTo(town, county, dir);
    expect(again.operations).toBe(0);
    expect(syncStatus(town.store).peers[0].unconfirmed).toBe(0);
  });
});
