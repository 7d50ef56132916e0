/**
 * Opens the register (台账) filtered to a list of cases, e.g. the cases behind a report figure.
 * The register keeps its filter in sessionStorage (RegisterScreen FILTER_KEY); this writes it there.
 */
import type { CaseFilter } from '../../src-main/api';
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
