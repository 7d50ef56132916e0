/**
 * The documents the law requires of a petition office (《信访工作条例》 2022), what each is drawn
 * from, and how it is numbered. Forms (送达回证, 登记表) carry no document number.
 */
import type { LetterKind, StepKind } from '../../contract';

export interface KindRule {
  /** 类别字 of the document number (机关代字 + this + 〔year〕 + n 号); null for forms */
  numberClass: string | null;
  /** the step whose event the letter is drawn from (the latest one of the case) */
  source: StepKind | null;
  /** a notice to the petitioner: issuing it records 书面告知 when that is still owed (Art. 23) */
  notifies: boolean;
  /** a form laid out as a table instead of running text */
  form: boolean;
  /** expected to stay on one page (GB/T 9704: 22 lines of 28 characters) */
  onePage: boolean;
  /** addressed to the petitioners, or to the unit named by the source step */
  to: 'petitioners' | 'unit' | 'none';
}

export const KIND_RULES: Record<LetterKind, KindRule> = {
  acceptNotice: {
    numberClass: '信受',
    source: 'accept',
    notifies: true,
    form: false,
    onePage: true,
    to: 'petitioners',
  },
  rejectNotice: {
    numberClass: '信不受',
    source: 'reject',
    notifies: true,
    form: false,
    onePage: true,
    to: 'petitioners',
  },
  notReacceptNotice: {
    numberClass: '信不再受',
    source: null,
    notifies: true,
    form: false,
    onePage: true,
    to: 'petitioners',
  },
  forwardNotice: {
    numberClass: '信转',
    source: 'forward',
    notifies: true,
    form: false,
    onePage: true,
    to: 'petitioners',
  },
  assignSheet: {
    numberClass: '信交',
    source: 'assign',
    notifies: false,
    form: false,
    onePage: true,
    to: 'unit',
  },
  extendNotice: {
    numberClass: '信延',
    source: 'extend',
    notifies: false,
    form: false,
    onePage: true,
    to: 'petitioners',
  },
  opinion: {
    numberClass: '信处',
    source: 'reply',
    notifies: false,
    form: false,
    onePage: false,
    to: 'petitioners',
  },
  superviseLetter: {
    numberClass: '信督',
    source: 'supervise',
    notifies: false,
    form: false,
    onePage: true,
    to: 'unit',
  },
  deliveryReceipt: {
    numberClass: null,
    source: null,
    notifies: false,
    form: true,
    onePage: true,
    to: 'none',
  },
  // the registration and its handling so far: as long as the case's history
  registerForm: { numberClass: null, source: null, notifies: false, form: true, onePage: false, to: 'none' },
  closingReport: {
    numberClass: '信结',
    source: 'close',
    notifies: false,
    form: false,
    onePage: false,
    to: 'none',
  },
};
