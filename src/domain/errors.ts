/**
 * Typed application errors. A `UserError` is the user's mistake or environment (missing file, bad CSV,
 * unreachable server): the CLI prints its one-line message and exits non-zero, without a stack trace.
 */
export class AppError extends Error {
  constructor(
    message: string,
    readonly code: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

export class UserError extends AppError {}

/** Bad input with a location: `file:line: message`. */
export class InputError extends UserError {
  constructor(
    readonly file: string,
    readonly line: number | null,
    detail: string,
    code = 'bad-input',
  ) {
    super(`${file}${line === null ? '' : `:${line}`}: ${detail}`, code);
  }
}

export class DatabaseUnavailableError extends UserError {}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
