/**
 * A second process issuing letters into the same register (for the numbering and correction
 * tests): opens the data folder, prints `ready`, waits for a line on its standard input (so that
 * the test can release several workers at the same moment), then issues `count` 受理告知书 for
 * the case, each a correction of `replacesId` when given. Before each it prints `issuing`, after
 * it `issued <number>`, or `refused <reason>` and stops with exit code 1.
 *   node --import tsx tests/helpers/issue-letters-worker.ts <dataDir> <caseId> <count> [replacesId]
 */
import { createInterface } from 'node:readline';
import { closeStore } from '../../src-main/services/database';
import { openRegister } from '../../src-main/services/open-register';
import { dispatch } from '../../src-main/handlers';
import { todayLocal } from '../../src-main/services/local-time';
import type { IssuedLetter, LetterDraft } from '../../src-main/contract';

const [dataDir, caseId, count, replacesId] = process.argv.slice(2);
const store = openRegister({ dataDir });
try {
  const input = createInterface({ input: process.stdin });
  process.stdout.write('ready\n');
  // released by a line, or by the test closing the pipe
  await new Promise((resolve) => input.once('line', resolve).once('close', resolve));
  input.close();
  for (let i = 0; i < Number(count); i++) {
    const draft = await dispatch(store, 'letters.draft', { caseId, kind: 'acceptNotice' });
    if (!draft.ok) throw new Error(draft.error.message);
    const { content } = draft.value as LetterDraft;
    process.stdout.write('issuing\n');
    const issued = await dispatch(store, 'letters.issue', {
      caseId,
      kind: 'acceptNotice',
      content,
      issuedOn: todayLocal(),
      replacesId,
    });
    if (!issued.ok) {
      process.stdout.write(`refused ${issued.error.message}\n`);
      process.exitCode = 1;
      break;
    }
    process.stdout.write(`issued ${(issued.value as IssuedLetter).docNo}\n`);
  }
} finally {
  closeStore(store);
}
