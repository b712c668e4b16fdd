/**
 * The kinds of failure the CLI reports, each with its exit code: `Usage` (2: wrong flags or arguments, the
 * message says what to type instead), `Validation` (1: the input breaks a rule), `Failure` (1: something
 * could not be done, e.g. a file could not be read or the cluster did not converge).
 */
export type CliErrorKind = 'Usage' | 'Validation' | 'Failure';

const brand = Symbol.for('@score-orchestrator/cli/error');

/** Exit codes of `score-orchestrator`. */
export const ExitCode = {
  Ok: 0,
  Failure: 1,
  Usage: 2,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/**
 * The one base error of the CLI: a `kind` that decides the exit code, `cause` chaining, and a brand that
 * survives two copies of the package. `cli.ts` prints its message (and, for `Usage`, a pointer to `--help`).
 */
export class CliError extends Error {
  readonly [brand] = true;

  constructor(
    readonly kind: CliErrorKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'CliError';
  }

  /** The process exit code for this error. */
  get exitCode(): ExitCode {
    return this.kind === 'Usage' ? ExitCode.Usage : ExitCode.Failure;
  }

  /** Whether `err` is a CLI error (of `kind`, when given), also from another copy of the package. */
  static is(err: unknown, kind?: CliErrorKind): err is CliError {
    if (typeof err !== 'object' || err === null || (err as Record<symbol, unknown>)[brand] !== true)
      return false;
    return kind === undefined || (err as CliError).kind === kind;
  }
}

/** Shorthand for a usage error. */
export function usageError(message: string): CliError {
  return new CliError('Usage', message);
}

/** Renders any thrown value as one line, for messages of the form "failed to <verb> <object>: <cause>". */
export function describeCause(err: unknown): string {
  const message = (err as { message?: unknown } | null)?.message;
  return typeof message === 'string' ? message : String(err);
}
