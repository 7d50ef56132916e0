/**
 * zod's own words for a refusal a schema does not spell out: Chinese for every issue kind, with
 * no type name, key, pattern or internal value in them (zod's zh-CN locale says "期望 string").
 */
import { expect, it } from 'vitest';
import { z } from 'zod';
import '../../src-main/contract';
import { chineseIssueMessage } from '../../src-main/contract/zod-chinese';

const messageOf = (schema: z.ZodType, input: unknown) => {
  const r = schema.safeParse(input);
  expect(r.success).toBe(false);
  return r.error!.issues[0].message;
};

it.each([
  ['invalid_type, missing', z.object({ name: z.string() }), { name: null }, '请填写此项'],
  ['invalid_type, undefined', z.object({ name: z.string() }), {}, '请填写此项'],
  ['invalid_type, wrong type', z.object({ name: z.string() }), { name: 42 }, '格式不正确'],
  ['invalid_type, instance', z.date(), 'today', '格式不正确'],
  ['too_big, text', z.string().max(40), '访'.repeat(41), '最多 40 字'],
  ['too_big, list', z.array(z.string()).max(200), Array(201).fill('a'), '最多 200 项'],
  ['too_big, number', z.number().max(500), 501, '不能大于 500'],
  ['too_big, exclusive', z.number().lt(5), 5, '应小于 5'],
  ['too_small, empty text', z.string().min(1), '', '请填写此项'],
  ['too_small, text', z.string().min(6), '访', '至少 6 字'],
  ['too_small, empty list', z.array(z.string()).min(1), [], '请至少填写一项'],
  ['too_small, number', z.number().int().min(0), -1, '不能小于 0'],
  ['too_small, date', z.date().min(new Date('2020-01-01')), new Date('2019-01-01'), '不能早于 2020-01-01'],
  ['not an integer', z.number().int(), 1.5, '格式不正确'],
  ['invalid_format, regex', z.string().regex(/^\d{9}$/), 'abc', '格式不正确'],
  ['invalid_format, email', z.email(), 'x', '格式不正确'],
  ['not_multiple_of', z.number().multipleOf(5), 7, '应为 5 的整数倍'],
  [
    'unrecognized_keys',
    z.strictObject({ a: z.string() }),
    { a: 'x', secretKey: 1 },
    '含有本版本不认识的内容，请重新启动程序后再试',
  ],
  [
    'invalid_union',
    z.union([z.object({ ids: z.array(z.string()) }), z.object({ draft: z.string() })]),
    { x: 1 },
    '格式不正确',
  ],
  ['invalid_value, enum', z.enum(['rest', 'work']), 'holiday', '请从所列选项中选择'],
  ['invalid_value, literal', z.literal('assign'), 'teleport', '取值不正确'],
  ['invalid_key', z.record(z.string().min(2), z.string()), { c: 'x' }, '内容有误'],
  ['custom', z.string().refine(() => false), 'x', '输入有误'],
] as [string, z.ZodType, unknown, string][])('%s', (_kind, schema, input, expected) => {
  const message = messageOf(schema, input);
  expect(message).toBe(expected);
  expect(message).not.toMatch(/[A-Za-z]/);
});

it('keeps a message a schema spells out itself', () => {
  expect(messageOf(z.string().min(1, '请填写单位名称'), '')).toBe('请填写单位名称');
});

it('says an invalid element without naming its container', () => {
  expect(
    chineseIssueMessage({ code: 'invalid_element', origin: 'map', key: 'a', issues: [], input: 'a' }),
  ).toBe('内容有误');
});
