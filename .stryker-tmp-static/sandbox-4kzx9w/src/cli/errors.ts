// @ts-nocheck
// Failures carry a kind; the CLI maps kinds to exit codes and messages in one place (main.ts).

export interface FieldProblem {
  /** Dotted path such as relay.port or mailboxes.0.password. */
  path: string;
  message: string;
}

/** Bad command line: unknown flag, missing argument. Exit 2. */
export class UsageError extends Error {
  readonly kind = 'usage' as const;
  constructor(message: string, readonly hint?: string) {
    super(message);
  }
}

/** Invalid input data (answers file, a typed value). Exit 2, one line per problem. */
export class InputError extends Error {
  readonly kind = 'input' as const;
  constructor(readonly source: string, readonly problems: FieldProblem[]) {
    super(`${source}: ${problems.length} problem${problems.length === 1 ? '' : 's'}`);
  }
}

/** Something failed while working on a host. Exit 1. */
export class WorkError extends Error {
  readonly kind = 'work' as const;
  constructor(message: string, readonly details: { step?: string; target?: string; stderrTail?: string; logPath?: string; advice?: string } = {}) {
    super(message);
  }
}

/** The user pressed Ctrl-C or Esc on the first screen. Exit 130. */
export class InterruptedError extends Error {
  readonly kind = 'interrupted' as const;
  constructor(message = 'interrupted') {
    super(message);
  }
}

export const EXIT = { ok: 0, failure: 1, usage: 2, interrupted: 130 } as const;
