/**
 * The one contract between the screens and the services: every method's name, its input schema
 * (zod, validated in main before any service runs) and its output type, with the vocabulary, the
 * shared fields and the pure rules (ID numbers, phones, ranking) both sides apply. The renderer
 * imports it for types, labels and form-side checks; it holds no service code and imports none.
 */
import type { z } from 'zod';
// zod's refusals in Chinese, in main and the renderer alike (before any schema is used)
import './zod-chinese';
import { casesMethods } from './cases';
import { ledgersMethods } from './ledgers';
import { lettersMethods } from './letters';
import { reportsMethods } from './reports';
import { settingsMethods } from './settings';
import { stepsMethods } from './steps';
import { syncMethods } from './sync';

export * from './vocabulary';
export * from './fields';
export * from './method';
export * from './id-number';
export * from './phone';
export * from './ranking';
export * from './bridge';
export * from './settings';
export * from './cases';
export * from './steps';
export * from './letters';
export * from './reports';
export * from './sync';
export * from './ledgers';
export * from './limits';

export const api = {
  ...settingsMethods,
  ...casesMethods,
  ...stepsMethods,
  ...lettersMethods,
  ...reportsMethods,
  ...syncMethods,
  ...ledgersMethods,
} as const;

export type Api = typeof api;
export type ApiMethod = keyof Api;
export type ApiInput<M extends ApiMethod> = z.input<Api[M]['input']>;
export type ApiParsed<M extends ApiMethod> = z.output<Api[M]['input']>;
export type ApiOutput<M extends ApiMethod> = Api[M]['output'];
