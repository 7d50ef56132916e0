/**
 * The import summary the command line prints names every kind of timeline record in Chinese,
 * the ones registration and edits add included, and never prints a kind's internal key.
 */
import { expect, it } from 'vitest';
import { describeImport } from '../../src-main/cli';
import { eventKindLabel, type ImportReport } from '../../src-main/contract';

const report = (events: Record<string, number>) =>
  ({
    from: { officeId: 'o1', name: '示范镇' },
    seq: 1,
    createdAt: '2026-03-02T09:00:00',
    summary: {
      received: 15_000,
      fresh: 15_000,
      newCases: [],
      updatedCases: [],
      deletedCases: 0,
      events,
      settings: {},
      conflicts: 0,
      deferred: 0,
      clockAheadMinutes: 0,
    },
    files: 0,
    missingPackages: [],
    previousDiffers: false,
    senderSchemaNewer: false,
    preview: false,
    deletions: 0,
    cases: [],
  }) as unknown as ImportReport;

it('prints the timeline records an import brings by their Chinese names', () => {
  const text = describeImport(report({ registered: 15_000, edited: 3, assign: 2, attached: 1, issued: 4 }));
  expect(text).toContain('办理记录：登记 15,000、修改登记 3、交办 2、添加附件 1、出具文书 4');
  expect(text).not.toMatch(/registered|edited|attached|issued/);
});

it('calls a kind of a newer version 其他记录, never by its key', () => {
  expect(eventKindLabel('someFutureStep')).toBe('其他记录');
  expect(eventKindLabel('toString')).toBe('其他记录');
  expect(describeImport(report({ someFutureStep: 2 }))).toContain('办理记录：其他记录 2');
});
