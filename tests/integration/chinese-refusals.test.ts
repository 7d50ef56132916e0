/**
 * A guard for the rule that every message a clerk can see is Simplified Chinese: a table of bad
 * inputs, each walked through `dispatch` as the screens send them, and every refusal read back.
 * A message may hold Chinese, digits and punctuation only (no Latin letter: no type name, field
 * key, enum value, English error text or stack), so the next English message fails here.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ApiMethod } from '../../src-main/contract';
import { callError, createTownship, sampleIntake, samplePetitioner, type Township } from '../helpers/store';

/**
 * Latin letters a refusal may hold, each in the words around it: the ID-number hint names the
 * letter O that clerks type for the digit 0.
 */
const ALLOWED_TOKENS = ['0与O混淆'];
const isChinese = (message: string) =>
  /^[^A-Za-z]*$/.test(ALLOWED_TOKENS.reduce((m, token) => m.split(token).join(''), message));

let deep: unknown = '张三';
for (let i = 0; i < 20_000; i++) deep = { petitioners: [deep] };
const long = (n: number) => '访'.repeat(n);

const BAD_INPUTS: [ApiMethod, unknown][] = [
  // wrong types and missing values at every depth (zod's invalid_type)
  ['cases.create', null],
  ['cases.create', sampleIntake({ summary: null as never })],
  ['cases.create', sampleIntake({ summary: 42 as never })],
  ['cases.create', sampleIntake({ petitioners: null as never })],
  ['cases.create', sampleIntake({ petitioners: [null as never] })],
  ['cases.create', sampleIntake({ petitioners: [samplePetitioner({ name: null as never })] })],
  [
    'cases.create',
    sampleIntake({ petitioners: [samplePetitioner(), samplePetitioner({ idNumber: 7 as never })] }),
  ],
  ['cases.create', sampleIntake({ petitioners: [samplePetitioner({ phone: {} as never })] })],
  ['cases.get', { id: null }],
  ['cases.get', { id: 12 }],
  ['cases.get', {}],
  ['cases.list', { limit: 'many' }],
  ['cases.list', { limit: 1.5 }],
  ['cases.list', { limit: Number.NaN }],
  ['cases.list', { filter: 'all' }],
  // too big, too small (limits said in Chinese)
  ['cases.create', sampleIntake({ summary: long(100_000) })],
  ['cases.create', sampleIntake({ petitioners: [] })],
  ['cases.list', { limit: 0 }],
  ['cases.list', { limit: 100_000 }],
  ['cases.list', { offset: -1 }],
  ['settings.saveDeadlines', { dayCount: 'working', warnDays: 999 }],
  ['settings.saveDeadlines', { dayCount: 'working', warnDays: '三' }],
  ['settings.saveOffice', { name: '' }],
  ['settings.saveOffice', { name: long(500) }],
  ['settings.saveOffice', { name: null }],
  // formats, enum values, unions
  ['cases.create', sampleIntake({ receivedAt: '2026-13-45' })],
  ['cases.create', sampleIntake({ receivedAt: 'yesterday' })],
  ['cases.create', sampleIntake({ channel: 'telegram' as never })],
  ['cases.create', sampleIntake({ petitioners: [samplePetitioner({ idNumber: '110105194912310021' })] })],
  ['reports.get', { kind: 'weekly', from: '2026-03-01' }],
  ['reports.get', { kind: 'month', from: 'March' }],
  ['settings.saveCalendarDay', { date: '2026-02-30', kind: 'holiday' }],
  ['letters.html', { ids: [] }],
  ['letters.html', { something: 'else' }],
  ['letters.html', null],
  ['sync.import', { source: { url: 'http://example.org' }, preview: true }],
  ['sync.import', { source: null, preview: 'yes' }],
  ['cases.step', { caseId: 'x', kind: 'teleport', on: '2026-03-01' }],
  ['cases.step', { kind: null }],
  ['worklist.get', { scope: 'everyone' }],
  // inputs that are not objects at all (a cross-field check once threw a TypeError on them)
  ['cases.create', 'intake'],
  ['cases.create', []],
  ['cases.update', 42],
  ['disputes.save', 'dispute'],
  // rows that do not exist, refused by the services
  ['cases.get', { id: 'no-such-case' }],
  ['attachments.read', { id: 'no-such-file' }],
  ['disputes.get', { id: 'no-such-dispute' }],
  ['disputes.save', { foundOn: null, parties: 7 }],
  ['conflicts.settle', { tbl: 'cases', rowId: 'x', field: 'summary', value: deep }],
  ['settings.saveStaff', { name: null, role: 'admin' }],
  // drafts: too large, nested too deep
  ['drafts.save', { form: 'intake', data: { summary: long(2 * 1024 * 1024 + 1) } }],
  ['drafts.save', { form: 'intake', data: deep }],
  ['drafts.save', { form: '', data: {} }],
  ['drafts.get', { form: null }],
];

let t: Township;
beforeAll(async () => {
  t = await createTownship();
});
afterAll(() => t.cleanup());

it.each(BAD_INPUTS.map(([method, input], i) => [i, method, input] as const))(
  'refuses bad input #%i to %s in Chinese words only',
  async (_i, method, input) => {
    const err = await callError(t.store, method, input);
    expect(isChinese(err.message), err.message).toBe(true);
    // a refusal of the clerk's input says what is wrong, not the generic reference number
    expect(err.message).not.toMatch(/错误编号/);
  },
);
