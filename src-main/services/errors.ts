/**
 * An error a person can act on: its message is Chinese and says what is wrong and what to do.
 * Everything else is a defect, reported as an internal error.
 */
export class UserError extends Error {
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'UserError';
  }
}
