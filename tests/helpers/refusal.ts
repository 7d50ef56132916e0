/**
 * A call expected to be refused with a message for the user: returns the message, fails the test
 * if nothing was thrown or what was thrown is not a UserError.
 */
import { expect } from 'vitest';
import { UserError } from '../../src-main/services/errors';

export function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(UserError);
    return (e as Error).message;
  }
  throw new Error('expected a refusal');
}
