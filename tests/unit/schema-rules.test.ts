/**
 * The form adapter against the real contract schemas: what a screen learns of a field (required,
 * maximum length, choices) and the messages its rules give, cross-field refinements included.
 */
import { describe, expect, it } from 'vitest';
import type { FormInstance, FormRule } from 'antd';
import {
  MAX_EXTENSION_DAYS,
  REJECT_ROUTES,
  SATISFACTION,
  caseStepInput,
  disputeInput,
  intakeInput,
  receptionDayInput,
} from '../../src-main/contract';
import { schemaForm, variantOf, type FieldName, type FormValues } from '../../src-renderer/lib/schema-rules';
import {
  emptyCaseForm,
  formPathOf,
  toIntakeInput,
  type CaseFormValues,
} from '../../src-renderer/components/case-form-values';

/** What a field's rules say of these form values: the message of the first refusal, or null. */
async function check(rules: FormRule[], values: FormValues, name: FieldName): Promise<string | null> {
  const form = { getFieldsValue: () => values } as unknown as FormInstance;
  const path = Array.isArray(name) ? name : [name];
  const value = path.reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], values);
  for (const r of rules) {
    const rule = typeof r === 'function' ? r(form) : r;
    try {
      await rule.validator?.(rule, value, () => undefined);
    } catch (e) {
      return (e as Error).message;
    }
  }
  return null;
}

const review = schemaForm(variantOf(caseStepInput, 'requestReview'));
const reviewValues = (over: FormValues = {}): FormValues => ({
  caseId: 'c1',
  kind: 'requestReview',
  on: '2026-11-20',
  body: '县人民政府',
  ...over,
});

describe('schemaForm on a step of caseStepInput', () => {
  it('reads required, maximum length and counter from the schema', () => {
    expect(review.required('body')).toBe(true);
    expect(review.required('on')).toBe(true);
    // defaulted to '': not required
    expect(review.required('note')).toBe(false);
    expect(review.max('body')).toBe(60);
    expect(review.max('note')).toBe(4000);
    expect(review.count('note')).toMatchObject({ show: true, max: 4000 });
    // the counter counts as zod does: a character outside the BMP is one
    expect(review.count('note')?.strategy?.('𠀀字')).toBe(2);
    // a narrow field shows its counter only near the maximum
    const narrow = review.count('body', true)?.show;
    expect(typeof narrow === 'function' && narrow({ value: '', count: 53, maxLength: 60 })).toBe(null);
    expect(typeof narrow === 'function' && narrow({ value: '', count: 54, maxLength: 60 })).toBe('54 / 60');
    expect(review.max('on')).toBeUndefined();
    expect(review.count('on')).toBeUndefined();
  });

  it('refuses a text over its maximum with how much was typed, in the schema’s words', async () => {
    const values = reviewValues({ note: '查'.repeat(10_000) });
    expect(await check(review.rules('note', '复查请求'), values, 'note')).toBe(
      '复查请求最多 4000 字，已输入 10000 字',
    );
    expect(
      await check(review.rules('note', '复查请求'), reviewValues({ note: '查'.repeat(4000) }), 'note'),
    ).toBe(null);
    // another field's problem is not this field's
    expect(await check(review.rules('body', '复查机关'), values, 'body')).toBe(null);
  });

  it('says what is missing: the schema’s message for an empty text, the label for a field never filled', async () => {
    expect(await check(review.rules('body', '复查机关'), reviewValues({ body: '  ' }), 'body')).toBe(
      '请填写复查机关',
    );
    expect(await check(review.rules('body', '复查机关'), reviewValues({ body: undefined }), 'body')).toBe(
      '请填写复查机关',
    );
    expect(await check(review.rules('on', '申请日期'), reviewValues({ on: undefined }), 'on')).toBe(
      '请选择申请日期',
    );
    const rule = review.rules('body', '复查机关')[0];
    expect(typeof rule === 'function' && rule({} as FormInstance).required).toBe(true);
  });

  it('gives enum choices, and the enum’s own message', async () => {
    const reject = schemaForm(variantOf(caseStepInput, 'reject'));
    expect(reject.options('route')).toEqual(Object.keys(REJECT_ROUTES));
    expect(reject.required('route')).toBe(true);
    const values = { caseId: 'c1', kind: 'reject', on: '2026-11-20', reason: '不属于信访事项' };
    expect(await check(reject.rules('route', '告知途径'), values, 'route')).toBe('请选择告知途径');
    const followUp = schemaForm(variantOf(caseStepInput, 'followUp'));
    expect(followUp.required('satisfaction')).toBe(false);
    expect(followUp.options('satisfaction')).toEqual(Object.keys(SATISFACTION));
  });

  it('checks numbers against the statutory limit', async () => {
    const extend = schemaForm(variantOf(caseStepInput, 'extend'));
    const values = {
      caseId: 'c1',
      kind: 'extend',
      on: '2026-11-20',
      reason: '情况复杂',
      approvedBy: '王镇长',
    };
    expect(
      await check(extend.rules('days', '延期天数'), { ...values, days: MAX_EXTENSION_DAYS }, 'days'),
    ).toBe(null);
    expect(
      await check(extend.rules('days', '延期天数'), { ...values, days: MAX_EXTENSION_DAYS + 1 }, 'days'),
    ).toBe(`延期不得超过${MAX_EXTENSION_DAYS}日（《信访工作条例》第三十四条）`);
    expect(await check(extend.rules('days', '延期天数'), values, 'days')).toBe('请填写延期天数');
  });
});

describe('schemaForm with cross-field refinements', () => {
  const dispute = schemaForm(disputeInput);
  const disputeValues = (over: FormValues = {}): FormValues => ({
    foundOn: '2026-11-10',
    parties: [{ name: '张三' }],
    kind: 'neighbor',
    description: '宅基地界址争议',
    status: 'resolved',
    resolution: '双方签订调解协议',
    resolvedOn: '2026-11-12',
    ...over,
  });

  it('reports the dispute ending rule on 化解日期, even while other fields are still empty', async () => {
    const rules = dispute.rules('resolvedOn', '化解日期');
    expect(dispute.required('resolvedOn')).toBe(false);
    expect(await check(rules, disputeValues(), 'resolvedOn')).toBe(null);
    expect(await check(rules, disputeValues({ resolvedOn: '2026-11-09' }), 'resolvedOn')).toBe(
      '化解日期不能早于发现日期',
    );
    expect(
      await check(rules, disputeValues({ resolvedOn: '2026-11-09', description: '' }), 'resolvedOn'),
    ).toBe('化解日期不能早于发现日期');
    expect(await check(rules, disputeValues({ resolvedOn: null }), 'resolvedOn')).toBe(
      '已化解的纠纷请填写化解日期',
    );
    expect(
      await check(
        dispute.rules('resolution', '移交去向及理由'),
        disputeValues({ status: 'referred', resolution: '' }),
        'resolution',
      ),
    ).toBe('请填写移交去向及理由');
  });

  it('reaches a field of a list by its full path', async () => {
    expect(dispute.required(['parties', 0, 'name'])).toBe(true);
    expect(dispute.max(['parties', 0, 'name'])).toBe(30);
    expect(dispute.required(['parties', 0, 'phone'])).toBe(false);
    expect(
      await check(
        dispute.rules(['parties', 1, 'name'], '当事人姓名'),
        disputeValues({ parties: [{ name: '张三' }, { name: '' }] }),
        ['parties', 1, 'name'],
      ),
    ).toBe('请填写当事人姓名');
  });

  it('reports 结束时间应晚于开始时间 on the end time', async () => {
    const reception = schemaForm(receptionDayInput);
    const values = { date: '2026-11-20', startTime: '11:00', endTime: '09:00', leaderId: 'l1' };
    expect(await check(reception.rules('endTime', '结束时间'), values, 'endTime')).toBe(
      '结束时间应晚于开始时间',
    );
    expect(await check(reception.rules('startTime', '开始时间'), values, 'startTime')).toBe(null);
    expect(
      await check(reception.rules('endTime', '结束时间'), { ...values, leaderId: undefined }, 'endTime'),
    ).toBe('结束时间应晚于开始时间');
    expect(
      await check(reception.rules('endTime', '结束时间'), { ...values, endTime: '12:00' }, 'endTime'),
    ).toBe(null);
  });
});

describe('schemaForm on the intake form', () => {
  const intake = schemaForm(
    intakeInput,
    (v) => toIntakeInput(v as CaseFormValues),
    (path, v) => formPathOf(path, v as CaseFormValues),
  );
  const values = (over: CaseFormValues = {}): FormValues =>
    ({
      ...emptyCaseForm(),
      matterType: 'claim',
      summary: '反映宅基地界址纠纷',
      ...over,
    }) as FormValues;

  it('names a petitioner’s field by its row on the form, blank rows left out of the input', async () => {
    // anonymous: the blank first row is not sent, so the second row is the input's first
    const v = values({ anonymous: true, petitioners: [{}, { phone: '13600136000' }] });
    expect(await check(intake.rules(['petitioners', 1, 'name'], '姓名'), v, ['petitioners', 1, 'name'])).toBe(
      '请填写信访人姓名',
    );
    expect(await check(intake.rules(['petitioners', 0, 'name'], '姓名'), v, ['petitioners', 0, 'name'])).toBe(
      null,
    );
    expect(
      await check(
        intake.rules(['petitioners', 1, 'idNumber'], '身份证号'),
        { ...v, petitioners: [{}, { name: '张三', idNumber: '330102198001011230' }] },
        ['petitioners', 1, 'idNumber'],
      ),
    ).toMatch(/校验/);
  });

  it('reports the people rules of the contract on their fields', async () => {
    const v = values({ peopleCount: 1, petitioners: [{ name: '张三' }, { name: '李四' }] });
    expect(await check(intake.rules('peopleCount', '人数'), v, 'peopleCount')).toBe(
      '人数（1）少于登记的信访人数（2）',
    );
    const none = values({ petitioners: [{}] });
    const form = { getFieldsValue: () => none } as unknown as FormInstance;
    await expect(
      intake.listRules('petitioners', '信访人', form)[0].validator(null, none.petitioners),
    ).rejects.toThrow('请至少登记一名信访人（匿名信访请勾选“匿名”）');
    expect(intake.count('summary')).toMatchObject({ max: 200 });
    expect(intake.count(['petitioners', 0, 'address'])).toMatchObject({ max: 100 });
  });
});
