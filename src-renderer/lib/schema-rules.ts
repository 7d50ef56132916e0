/**
 * A form's field rules, taken from the contract's zod schema rather than written again in the
 * screen: whether a field is required, its maximum length (shown as a counter that never cuts),
 * its choices, and every check the schema makes, cross-field refinements included. Each field's
 * rule parses the whole form as the services would and reports the issues at its own path, so
 * the message a clerk sees is the schema's own.
 */
import type { FormInstance, FormRule, InputProps } from 'antd';
import { z } from 'zod';

type Key = string | number;
export type FieldName = Key | readonly Key[];
export type FormValues = Record<string, unknown>;
type Verb = '请填写' | '请选择';

/** How a text input shows its length: the schema's maximum, counted as zod counts (code points), never cut. */
export type TextCount = NonNullable<InputProps['count']>;

export interface SchemaForm {
  /** neither optional, nullable nor defaulted in the schema */
  required(name: FieldName): boolean;
  /** the schema's maximum length of a text field */
  max(name: FieldName): number | undefined;
  /** the values of an enum field */
  options(name: FieldName): readonly string[] | undefined;
  /**
   * A text field's counter (`count` of Input and Input.TextArea), when the schema limits its
   * length. `narrow`: a field too narrow to hold the counter beside its text shows it only from
   * nine tenths of the maximum on.
   */
  count(name: FieldName, narrow?: boolean): TextCount | undefined;
  /**
   * The field's rules: required (for the mark) and one check that parses the whole form and
   * reports the schema's issue at this field. `label` words the message of a required field left
   * empty when the schema has none of its own: `${verb}${label}`, where the verb is 请填写 for text
   * with a maximum length and numbers, 请选择 otherwise (dates, ids) unless given.
   */
  rules(name: FieldName, label: string, verb?: Verb): FormRule[];
  /** the same check for a Form.List (whose rules cannot reach the form by themselves) */
  listRules(
    name: FieldName,
    label: string,
    form: FormInstance,
  ): { validator(rule: unknown, value: unknown): Promise<void> }[];
}

const pathOf = (name: FieldName): Key[] => (Array.isArray(name) ? [...(name as Key[])] : [name as Key]);

/** The schema without its optional, nullable, default and transform wrappers, and whether it may be left empty. */
function unwrap(schema: z.ZodType): { base: z.ZodType; optional: boolean } {
  let s = schema;
  let optional = false;
  for (;;) {
    if (s instanceof z.ZodOptional || s instanceof z.ZodNullable || s instanceof z.ZodDefault) {
      optional = true;
      s = s.unwrap() as z.ZodType;
    } else if (s instanceof z.ZodPipe) s = s.in as z.ZodType;
    else return { base: s, optional };
  }
}

/** The schema of the field at `path`, through objects and (by index) arrays. */
function fieldAt(schema: z.ZodType, path: Key[]): z.ZodType | undefined {
  let s: z.ZodType | undefined = schema;
  for (const key of path) {
    const { base } = unwrap(s);
    if (base instanceof z.ZodObject) s = (base.shape as Record<string, z.ZodType>)[String(key)];
    else if (base instanceof z.ZodArray && typeof key === 'number') s = base.element as z.ZodType;
    else return undefined;
    if (!s) return undefined;
  }
  return s;
}

const isEmpty = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
const samePath = (a: readonly PropertyKey[], b: Key[]) =>
  a.length === b.length && a.every((k, i) => String(k) === String(b[i]));

/** Code points, as zod's max length counts them. */
export const countChars = (text: string) => [...text].length;

/**
 * The object a discriminated union takes for one value of its key: `variantOf(caseStepInput,
 * 'requestReview')` is the 申请复查 step's schema.
 */
export function variantOf<O extends z.ZodObject>(union: z.ZodDiscriminatedUnion<O[]>, value: string): O {
  const key = union._zod.def.discriminator;
  const found = union.options.find((o) => {
    const tag = (o.shape as Record<string, z.ZodType>)[key];
    return tag instanceof z.ZodLiteral && tag.values.has(value);
  });
  if (!found) throw new Error(`no variant ${key}=${value}`);
  return found;
}

/**
 * The rules of a form whose values, turned by `toInput` into what the services are sent (dates
 * formatted, ids added), are checked by `schema`. `formPath` gives the form field an issue's path
 * names, where `toInput` moves values about (rows left out of a list).
 */
export function schemaForm(
  schema: z.ZodType,
  toInput: (values: FormValues) => unknown = (values) => values,
  formPath: (path: readonly PropertyKey[], values: FormValues) => readonly PropertyKey[] = (path) => path,
): SchemaForm {
  const base = (name: FieldName) => {
    const field = fieldAt(schema, pathOf(name));
    return field ? unwrap(field) : undefined;
  };
  const max = (name: FieldName) => {
    const b = base(name)?.base;
    return b instanceof z.ZodString ? (b.maxLength ?? undefined) : undefined;
  };
  const required = (name: FieldName) => {
    const b = base(name);
    return !!b && !b.optional;
  };
  /** The schema's refusal of the form's values at this field, thrown as the message to show. */
  const check = async (
    name: FieldName,
    label: string,
    form: Pick<FormInstance, 'getFieldsValue'>,
    value: unknown,
    verb?: Verb,
  ) => {
    const path = pathOf(name);
    const values = form.getFieldsValue(true) as FormValues;
    const result = schema.safeParse(toInput(values));
    if (result.success) return;
    const issue = result.error.issues.find((i) => samePath(formPath(i.path, values), path));
    if (!issue) return;
    const b = base(name)?.base;
    const typed = b instanceof z.ZodNumber || (b instanceof z.ZodString && b.maxLength !== null);
    // a type or format error of a field left empty ("expected string") says nothing to a clerk
    const unfilled = isEmpty(value) && (issue.code === 'invalid_type' || issue.code === 'invalid_format');
    throw new Error(unfilled ? `${verb ?? (typed ? '请填写' : '请选择')}${label}` : issue.message);
  };
  return {
    required,
    max,
    options(name) {
      const b = base(name)?.base;
      return b instanceof z.ZodEnum ? (b.options as string[]) : undefined;
    },
    count(name, narrow = false) {
      const m = max(name);
      if (m === undefined) return undefined;
      const show: TextCount['show'] = narrow
        ? ({ count }) => (count * 10 >= m * 9 ? `${count} / ${m}` : null)
        : true;
      return { show, max: m, strategy: countChars };
    },
    rules(name, label, verb) {
      return [
        (form) => ({
          required: required(name),
          validator: (_rule, value) => check(name, label, form, value, verb),
        }),
      ];
    },
    listRules(name, label, form) {
      return [{ validator: (_rule, value) => check(name, label, form, value) }];
    },
  };
}
