/**
 * A second process issuing letters into the same register (for the numbering tests): opens the
 * data folder, issues `count` 受理告知书 for the case, and prints each number as it is given.
 *   node --import tsx tests/helpers/issue-letters-worker.ts <dataDir> <caseId> <count>
 */
import { closeStore, openStore } from '../../src-main/services/database';
import { dispatch } from '../../src-main/handlers';
import { todayLocal } from '../../src-main/services/local-time';
import type { LetterDraft } from '../../src-main/api';

const [dataDir, caseId, count] = process.argv.slice(2);
const store = openStore({ dataDir });
try {
  for (let i = 0; i < Number(count); i++) {
    const draft = await dispatch(store, 'letters.draft', { caseId, kind: 'acceptNotice' });
    if (!draft.ok) throw new Error(draft.error.message);
    const { content } = draft.value as LetterDraft;
    const issued = await dispatch(store, 'letters.issue', { caseId, kind: 'acceptNotice', content, issuedOn: todayLocal() });
    if (!issued.ok) throw new Error(issued.error.message);
    process.stdout.write(`issued ${(issued.value as { docNo: string }).docNo}\n`);
  }
} finally {
  closeStore(store);
}
