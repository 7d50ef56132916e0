/**
 * Typed wrappers for the letters tests: a step of a case (on today unless given), a draft, and a
 * letter issued from its draft (optionally edited) on today.
 *
 *   const { step, draft, issue } = lettersOn(() => t.store);
 *   await step(caseId, { kind: 'accept' });
 *   const letter = await issue(caseId, 'acceptNotice', { notifyMethod: 'mail' });
 */
import type {
  ApiInput,
  CaseStepInput,
  IssuedLetter,
  LetterContent,
  LetterDraft,
  LETTER_KINDS,
} from '../../src-main/contract';
import type { Store } from '../../src-main/services/database';
import { todayLocal } from '../../src-main/services/local-time';
import { call } from './store';

export type LetterKind = keyof typeof LETTER_KINDS;

/** A step without its case, `on` defaulting to today (Omit distributed over the union of step kinds). */
export type StepOf = CaseStepInput extends infer U
  ? U extends { on: string }
    ? Omit<U, 'caseId' | 'on'> & { on?: string }
    : never
  : never;

export interface IssueOptions extends Partial<
  Omit<ApiInput<'letters.issue'>, 'caseId' | 'kind' | 'content'>
> {
  /** changes the clerk makes to the draft before issuing */
  edit?: (c: LetterContent) => LetterContent;
  /** a 送达回证: the letter it delivers */
  forLetterId?: string;
}

export function lettersOn(store: () => Store, today = todayLocal()) {
  const step = (caseId: string, s: StepOf) =>
    call(store(), 'cases.step', { caseId, on: today, ...s } as CaseStepInput);
  const draft = (caseId: string, kind: LetterKind, forLetterId?: string): Promise<LetterDraft> =>
    call(store(), 'letters.draft', { caseId, kind, forLetterId });
  const issue = async (caseId: string, kind: LetterKind, opts: IssueOptions = {}): Promise<IssuedLetter> => {
    const { edit = (c) => c, forLetterId, ...rest } = opts;
    const d = await draft(caseId, kind, forLetterId);
    return call(store(), 'letters.issue', {
      caseId,
      kind,
      content: edit(d.content),
      issuedOn: today,
      ...rest,
    });
  };
  return { step, draft, issue };
}
