/**
 * A problem the learner can fix (a wrong kata name, a missing argument, a refused reveal).
 * The CLI prints its message as one line and exits non-zero, never with a stack trace.
 */
export class UserError extends Error {
  override name = 'UserError'
  constructor(
    message: string,
    /** 2 for a malformed command line, 1 for everything else. */
    readonly exitCode = 1,
  ) {
    super(message)
  }
}
