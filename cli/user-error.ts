/**
 * A problem the user can fix (unknown stack, invalid config, unreadable artifact): `hdh` prints
 * its one paragraph and exits 2, never a stack trace. Anything else is a bug and keeps its trace.
 */
export class UserError extends Error {
  /** What to do about it, one or two sentences. */
  readonly fix: string;

  constructor(problem: string, fix: string) {
    super(problem);
    this.name = "UserError";
    this.fix = fix;
  }

  /** The paragraph printed on stderr. */
  describe(): string {
    return `hdh: ${this.message}\n${this.fix}`;
  }
}

/** Exit codes are a contract with CI: 0 compliant, 1 mandatory violations, 2 bad input. */
export const exitCodes = {
  compliant: 0,
  mandatoryViolations: 1,
  badInput: 2,
} as const;
