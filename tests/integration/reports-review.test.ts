/**
 * Report rules found wrong in review, each on its own small register.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Report, ReportFigure } from '../../src-main/contract';
import { call, createTownship, sampleIntake, type Township } from '../helpers/store';
import { getLocal } from '../../src-main/services/local-state';
import { FACTS_VERSION } from '../../src-main/services/reports/facts';
import { rebuildFactsIfStale } from '../../src-main/services/work-list';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCounty, createEnrolledTownship, exchange } from '../helpers/sync';

let t: Township | null = null;
afterEach(() => {
  t?.cleanup();
  t = null;
});

function figure(r: Report, key: string): ReportFigure {
  for (const s of r.sections)
    if (s.kind === 'figures') for (const f of s.figures) if (f.key === key) return f;
  throw new Error(`no figure ${key}`);
}

describe('参评率 and 满意率', () => {
  it('count only evaluations of a delivered handling opinion: a case closed after 不予受理 and then evaluated adds to neither side', async () => {
    t = await createTownship();
    const reply = {
      kind: 'reply',
      on: '2026-02-10',
      outcome: 'support',
      request: '请求',
      facts: '事实',
      basis: '依据',
    } as const;
    // delivered, not evaluated
    const a = await call(t.store, 'cases.create', sampleIntake({ receivedAt: '2026-01-05T09:00' }));
    for (const s of [
      { kind: 'accept', on: '2026-01-06' },
      reply,
      { kind: 'deliver', on: '2026-02-12', method: 'inPerson', receivedOn: '2026-02-12' },
    ] as const) {
      await call(t.store, 'cases.step', { ...s, caseId: a.id });
    }
    // not accepted, closed, then evaluated: there is no handling opinion delivered to evaluate
    const b = await call(t.store, 'cases.create', sampleIntake({ receivedAt: '2026-01-06T09:00' }));
    for (const s of [
      { kind: 'reject', on: '2026-01-07', reason: '属诉讼范围', route: 'litigation' },
      { kind: 'close', on: '2026-01-10', findings: '查明', actions: '处理', resolved: false },
      { kind: 'evaluate', on: '2026-01-11', satisfaction: 'satisfied' },
    ] as const) {
      await call(t.store, 'cases.step', { ...s, caseId: b.id });
    }
    const r = await call(t.store, 'reports.get', { kind: 'month', from: '2026-01-01', asOf: '2026-03-31' });
    expect(figure(r, 'evalRate').cur).toEqual({ value: 0, num: 0, den: 1 });
    expect(figure(r, 'satRate').cur).toEqual({ value: null, num: 0, den: 0 });
    // the click-through agrees: no case behind 已评价
    const listed = await call(t.store, 'cases.list', {
      filter: figure(r, 'evalRate').links!.cur.num!,
      limit: 10,
    });
    expect(listed.rows).toEqual([]);
  });
});

describe('report facts of an older version', () => {
  it('are rebuilt at start when the rules that wrote them changed', async () => {
    t = await createTownship();
    const c = await call(t.store, 'cases.create', sampleIntake({ receivedAt: '2026-01-05T09:00' }));
    expect(getLocal(t.store, 'report_facts_version')).toBe(FACTS_VERSION);
    // as an older version wrote it: an evaluation counted without a delivered opinion
    t.store.sqlite.prepare('UPDATE case_facts SET satisfied = 1 WHERE case_id = ?').run(c.id);
    t.store.sqlite.prepare(`UPDATE report_cells SET satisfied = 1 WHERE dim = 'all'`).run();
    t.store.sqlite.prepare(`UPDATE local_state SET value = '1' WHERE key = 'report_facts_version'`).run();
    rebuildFactsIfStale(t.store);
    expect(
      t.store.sqlite.prepare('SELECT satisfied FROM case_facts WHERE case_id = ?').pluck().get(c.id),
    ).toBe(0);
    const r = await call(t.store, 'reports.get', { kind: 'month', from: '2026-01-01', asOf: '2026-03-31' });
    expect(figure(r, 'satRate').cur).toEqual({ value: null, num: 0, den: 0 });
    expect(getLocal(t.store, 'report_facts_version')).toBe(FACTS_VERSION);
  });
});

describe('a settled conflict on the holiday calendar', () => {
  it('moves the clocks and the report figures like any change of the calendar', async () => {
    const county = await createCounty();
    const town = await createEnrolledTownship(county);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'review-conflict-'));
    try {
      // received 01-05: acceptance due 01-20, or 01-21 when 01-20 is a day of rest; decided 01-21
      const c = await call(
        town.store,
        'cases.create',
        sampleIntake({ receivedAt: '2026-01-05T09:00', anonymous: true, petitioners: [] }),
      );
      await call(town.store, 'cases.step', { kind: 'accept', on: '2026-01-21', caseId: c.id });
      exchange(town, county, dir);
      // the county and the township write the same day of the calendar each its own way
      await call(town.store, 'settings.saveCalendarDay', {
        date: '2026-01-20',
        kind: 'work',
        note: '镇：正常上班',
      });
      await call(county.store, 'settings.saveCalendarDay', {
        date: '2026-01-20',
        kind: 'rest',
        note: '县：调休',
      });
      exchange(county, town, dir);
      const conflict = (await call(town.store, 'conflicts.list', {})).find(
        (k) => k.tbl === 'calendar_days' && k.field === 'kind',
      );
      expect(conflict).toBeDefined();
      const current = town.store.sqlite
        .prepare(`SELECT kind FROM calendar_days WHERE id = '2026-01-20'`)
        .pluck()
        .get() as string;
      const settled = current === 'rest' ? 'work' : 'rest';
      await call(town.store, 'conflicts.settle', {
        tbl: conflict!.tbl,
        rowId: conflict!.rowId,
        field: conflict!.field,
        value: settled,
      });
      const r = await call(town.store, 'reports.get', {
        kind: 'month',
        from: '2026-01-01',
        asOf: '2026-03-31',
      });
      expect(figure(r, 'acceptRate').cur).toEqual(
        settled === 'rest' ? { value: 100, num: 1, den: 1 } : { value: 0, num: 0, den: 1 },
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
      town.cleanup();
      county.cleanup();
    }
  });
});

describe('日报告 at the county', () => {
  it('finds the report that replaces another through an index, not a scan of every report for each row', async () => {
    t = await createTownship();
    const plan = (sql: string) =>
      (t!.store.sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map(
        (r) => r.detail,
      );
    // the two correlated lookups dailyReportMatrix and listDailyReports make for every report
    const replacedBy = plan(
      'SELECT (SELECT r.id FROM daily_reports r WHERE r.replaces_id = d.id ORDER BY r.issued_at DESC LIMIT 1) FROM daily_reports d',
    );
    const current = plan(
      `SELECT d.id FROM daily_reports d WHERE d.report_date BETWEEN '2026-01-01' AND '2026-02-28' AND NOT EXISTS (SELECT 1 FROM daily_reports r WHERE r.replaces_id = d.id)`,
    );
    for (const p of [replacedBy, current]) {
      expect(p.some((d) => d.includes('daily_reports_replaces'))).toBe(true);
      expect(p.some((d) => /^SCAN r\b/.test(d))).toBe(false);
    }
  });
});
