/**
 * The errors a person may meet, each carrying its exit code (DESIGN.md
 * section 4). Anything else that reaches the boundary in cli.ts is a bug.
 */
export class AttachError extends Error {
  constructor(
    message: string,
    readonly exitCode: 2 | 3 | 130,
    /** Extra lines printed after the message, e.g. the candidates of an ambiguous id. */
    readonly details: readonly string[] = [],
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Bad usage or bad input: exit 2. The message names the flag and what is allowed. */
export class UsageError extends AttachError {
  constructor(message: string, details: readonly string[] = []) {
    super(message, 2, details);
  }
}

/** The journal or config cannot be used safely; nothing was written: exit 3. */
export class JournalError extends AttachError {
  constructor(message: string, details: readonly string[] = []) {
    super(message, 3, details);
  }
}

/** The person stopped on purpose (Ctrl-C): exit 130. */
export class Cancelled extends AttachError {
  constructor(message = 'Nothing was saved.', details: readonly string[] = []) {
    super(message, 130, details);
  }
}

/** Prompts reject with this (from @inquirer/core) when Ctrl-C is pressed. */
export function isPromptCancel(error: unknown): boolean {
  return error instanceof Error && (error.name === 'ExitPromptError' || error.name === 'AbortPromptError');
}
