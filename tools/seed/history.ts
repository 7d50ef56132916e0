/**
 * Workflow histories of generated cases: the follow-up steps a case of a given age has been
 * through (accepted, notified, replied, delivered, evaluated, closed), or is still waiting for.
 */
import { addCalendarDays, daysBetween } from '../../src-main/services/calendar';

/** One follow-up step of a generated case: its kind, the day it happened, its data. */
export interface GeneratedStep {
  kind: string;
  on: string;
  data: Record<string, unknown>;
}

const REPLY_OUTCOMES_SEEN = ['support', 'explain', 'notSupport'] as const;
const SATISFACTION_SEEN = ['satisfied', 'satisfied', 'basically', 'unsatisfied', 'none'] as const;

/**
 * A plausible follow-up history for a generated case, by its age on `today`: recent petitions
 * wait for acceptance, those of the last weeks are being handled, older ones were answered and
 * closed, and a few were left behind (overdue, as real registers have). Picked from the case's
 * own figures, not from the generator's random sequence, so registers generated before this
 * existed keep their cases.
 */
export function historyOf(
  receivedAt: string,
  seq: number,
  anonymous: boolean,
  today: string,
): GeneratedStep[] {
  const received = receivedAt.slice(0, 10);
  const age = daysBetween(received, today);
  const h = (seq * 2654435761) % 1000;
  const steps: GeneratedStep[] = [];
  const add = (kind: string, on: string, data: Record<string, unknown>) => {
    if (on > today) return false;
    steps.push({ kind, on, data });
    return true;
  };
  // a tenth of those older than two weeks are left undecided: the overdue items of a work list
  if (age < 10 || (age >= 14 && h < 100 && age < 120)) return steps;
  const accepted = addCalendarDays(received, 1 + (h % 6));
  if (!add('accept', accepted, { note: '' })) return steps;
  if (!anonymous)
    add('notify', addCalendarDays(accepted, h % 3), { method: h % 2 ? 'mail' : 'inPerson', note: '' });
  // of the last months' cases, a twentieth are still being handled, some past their reply date
  if (h >= 100 && h < 150 && age < 150) return steps;
  const replied = addCalendarDays(accepted, 20 + (h % 38));
  const outcome = REPLY_OUTCOMES_SEEN[h % 3];
  if (
    !add('reply', replied, {
      outcome,
      request: '按信访请求',
      facts: '经调查核实',
      basis: '相关法律法规和政策规定',
    })
  )
    return steps;
  const delivered = addCalendarDays(replied, 1 + (h % 4));
  if (
    !add('deliver', delivered, { method: h % 2 ? 'mail' : 'inPerson', receivedOn: delivered, recipient: '' })
  )
    return steps;
  add('evaluate', addCalendarDays(delivered, 3), { satisfaction: SATISFACTION_SEEN[h % 5], note: '' });
  add('close', addCalendarDays(delivered, 5 + (h % 10)), {
    findings: '已查明',
    actions: '已按处理意见办理',
    resolved: outcome !== 'notSupport',
  });
  return steps;
}
