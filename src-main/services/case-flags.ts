/**
 * The flags of a case (集体, 初/重, 联名, 匿名, 越级): worked out from a case's fields, and the
 * same conditions as SQL for the register's filter. Keep the two in step.
 */
import type { Flag } from '../contract';
import { COLLECTIVE_FROM } from '../contract';

export function flagsOf(c: {
  peopleCount: number;
  repeatOf: string | null;
  jointly: boolean;
  anonymous: boolean;
  skipLevel: boolean;
}): Flag[] {
  const flags: Flag[] = [];
  if (c.peopleCount >= COLLECTIVE_FROM) flags.push('collective');
  flags.push(c.repeatOf ? 'repeat' : 'first');
  if (c.jointly) flags.push('jointly');
  if (c.anonymous) flags.push('anonymous');
  if (c.skipLevel) flags.push('skipLevel');
  return flags;
}

/** Each flag as a condition on the cases table (aliased c). */
export const FLAG_SQL: Record<Flag, string> = {
  collective: `c.people_count >= ${COLLECTIVE_FROM}`,
  first: 'c.repeat_of IS NULL',
  repeat: 'c.repeat_of IS NOT NULL',
  jointly: 'c.jointly = 1',
  anonymous: 'c.anonymous = 1',
  skipLevel: 'c.skip_level = 1',
};
