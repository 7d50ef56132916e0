/**
 * Taking a step of a case: checked against the state folded from its events (services/
 * workflow.ts), recorded as an event with the case's status, in one transaction (whose mutate
 * brings the work-list clocks and report facts along).
 */
import { randomUUID } from 'node:crypto';
import type { CaseStatus, CaseStep } from '../contract';
import type { Store } from './database';
import { mutate, type Mutator } from './mutation';
import { UserError } from './errors';
import { nowLocal } from './local-time';
import type { DeadlineRules } from './deadlines';
import { requireHandledHere } from './handling-office';
import { requireOffice } from './office';
import { reconsiderPassedOver } from './sync/enrollment';
import { caseState, nextState, type WorkflowState } from './workflow';

interface CaseHead {
  id: string;
  received_at: string;
  status: CaseStatus;
  deleted: number;
}

/**
 * Records one step: checks it against the state folded from the events, appends the event and
 * keeps cases.status in step, in one transaction.
 */
export function takeStep(
  store: Store,
  step: CaseStep,
  actor: string | null,
  rules: DeadlineRules,
): WorkflowState {
  return mutate(store, { actor }, (m) => recordStep(store, m, step, rules).state);
}

/**
 * The same inside a change already under way (issuing a letter records its step in the same
 * transaction as the letter). Returns the state after the step and the event's id.
 */
export function recordStep(
  store: Store,
  m: Mutator,
  step: CaseStep,
  rules: DeadlineRules,
): { state: WorkflowState; eventId: string } {
  const head = store.sqlite
    .prepare('SELECT id, received_at, status, deleted FROM cases WHERE id = ?')
    .get(step.caseId) as CaseHead | undefined;
  if (!head || head.deleted) throw new UserError('信访事项不存在或已删除');
  checkReferences(store, step);
  requireHandledHere(store, step.caseId);
  const before = caseState(store, step.caseId);
  const eventId = randomUUID();
  const after = nextState(before, step, { receivedOn: head.received_at.slice(0, 10) }, rules, eventId);
  const { caseId, kind, ...data } = step;
  m.insert('case_events', {
    id: eventId,
    caseId,
    kind,
    at: nowLocal(),
    actor: m.actor,
    data: JSON.stringify(data),
    hlc: m.stamp(),
  });
  // one write of the case (only what changed is written): its status kept in step, and an
  // assignment to a township, which makes the case concern it (the next package carries it whole)
  m.update('cases', caseId, {
    status: after.status,
    assignedOfficeId: step.kind === 'assign' && step.officeId ? step.officeId : undefined,
  });
  if (step.kind === 'assign' && step.officeId) reconsiderPassedOver(store, step.officeId);
  return { state: after, eventId };
}

/** The 送达回证 a 送达 step names: this case's, in force, and not yet tied to another 送达. */
function checkReturnedReceipt(store: Store, caseId: string, receiptId: string): void {
  const r = store.sqlite
    .prepare(
      `SELECT case_id AS caseId, kind, (SELECT 1 FROM documents x WHERE x.replaces_id = d.id) AS replaced FROM documents d WHERE id = ?`,
    )
    .get(receiptId) as { caseId: string; kind: string; replaced: 1 | null } | undefined;
  if (!r || r.kind !== 'deliveryReceipt') throw new UserError('所选送达回证不存在，请重新选择', 'receiptId');
  if (r.caseId !== caseId) throw new UserError('所选送达回证不属于此件信访事项', 'receiptId');
  if (r.replaced) throw new UserError('所选送达回证已更正，请选择更正后的回证', 'receiptId');
  const tied = store.sqlite
    .prepare(
      `SELECT 1 FROM case_events WHERE case_id = ? AND kind = 'deliver' AND json_extract(data, '$.receiptId') = ?`,
    )
    .get(caseId, receiptId);
  if (tied) throw new UserError('此送达回证已登记过送达', 'receiptId');
}

/** Units, staff, leaders and letters named by a step must exist. */
function checkReferences(store: Store, step: CaseStep) {
  const has = (table: string, id: string) =>
    !!store.sqlite.prepare(`SELECT 1 FROM ${table} WHERE id = ? AND deleted = 0`).get(id);
  if ('unitId' in step && step.unitId && !has('units', step.unitId))
    throw new UserError('所选责任单位不存在，请重新选择');
  if ('handlerId' in step && step.handlerId && !has('staff', step.handlerId))
    throw new UserError('所选承办人不存在，请重新选择');
  if (step.kind === 'assign' && step.officeId) {
    const own = requireOffice(store);
    const township = store.sqlite
      .prepare(`SELECT parent_id AS parent FROM offices WHERE id = ? AND level = 'township' AND deleted = 0`)
      .get(step.officeId) as { parent: string | null } | undefined;
    if (own.level !== 'county') throw new UserError('只有县信访局可以交办给乡镇');
    if (!township || township.parent !== own.id)
      throw new UserError('所选乡镇不是本县已登记的乡镇，请重新选择');
    // a township's own case travels only in its own signed packages, and the county relays those
    // to no other township: assigned elsewhere, the case would reach it without its register entry
    const registrar = store.sqlite
      .prepare(
        'SELECT c.office_id AS id, o.name FROM cases c LEFT JOIN offices o ON o.id = c.office_id WHERE c.id = ?',
      )
      .get(step.caseId) as { id: string; name: string | null } | undefined;
    if (registrar && registrar.id !== own.id && registrar.id !== step.officeId)
      throw new UserError(
        `此件由${registrar.name ?? registrar.id}登记，只能交办给${registrar.name ?? '登记它的乡镇'}或本局的责任单位；应由其他乡镇办理的，请${registrar.name ?? '该乡镇'}转送`,
        'officeId',
      );
  }
  if (step.kind === 'deliver' && step.receiptId) checkReturnedReceipt(store, step.caseId, step.receiptId);
  if (step.kind === 'takeCharge') {
    const leader = store.sqlite
      .prepare('SELECT role FROM staff WHERE id = ? AND deleted = 0')
      .get(step.leaderId) as { role: string } | undefined;
    if (!leader) throw new UserError('所选包案领导不存在，请重新选择');
  }
}
