/**
 * Opens the list behind a report figure: the register (台账) filtered to its cases, or the dispute
 * ledger filtered to its disputes. Each screen keeps its filter in sessionStorage; this writes it there.
 */
import type { CaseFilter } from '../../src-main/contract';
import { navigate } from './router';

export const REGISTER_FILTER_KEY = 'register-filter';

export function openCases(filter: CaseFilter): void {
  const state = {
    status: filter.status,
    channel: filter.channel,
    matterType: filter.matterType,
    categoryId: filter.categoryId,
    villageId: filter.villageId,
    officeId: filter.officeId,
    flags: filter.flags,
    unitId: filter.unitId,
    measure: filter.measure,
    asOf: filter.measure ? filter.asOf : undefined,
    range: filter.from || filter.to ? [filter.from ?? '', filter.to ?? ''] : null,
  };
  sessionStorage.setItem(REGISTER_FILTER_KEY, JSON.stringify(state));
  navigate({ name: 'register' });
}

export const DISPUTES_FILTER_KEY = 'disputes-filter';

/** The dispute ledger's filter as its screen keeps it. */
export interface DisputesFilterState {
  status?: string[];
  villageId?: string[];
  officeId?: string[];
  range?: [string, string] | null;
  /** the range is of the day resolved (the 化解 figure), not the day found */
  dateOf?: 'found' | 'resolved';
}

export function openDisputes(filter: DisputesFilterState): void {
  sessionStorage.setItem(DISPUTES_FILTER_KEY, JSON.stringify(filter));
  navigate({ name: 'disputes' });
}
