/**
 * The kinds of failure the testing package reports.
 *
 * - `Configuration`: the environment or options are wrong; the message says how to fix it.
 * - `Build`: `go build` of a pinned binary failed.
 * - `Start`: a control-plane process did not start or become ready; the message holds its log tail.
 * - `Api`: a call to the API server failed (for example installing CRDs).
 * - `Timeout`: a wait ran out of time.
 * - `Unsupported`: the operation does not apply to this cluster (for example restarting an existing cluster).
 */
export type TestingErrorKind = 'Configuration' | 'Build' | 'Start' | 'Api' | 'Timeout' | 'Unsupported';

const brand = Symbol.for('@score-orchestrator/testing/error');

/**
 * The one base error of the testing package: a `kind`, an optional `cause`, and a brand that survives
 * two copies of the package in one process.
 */
export class TestingError extends Error {
  readonly [brand] = true;

  constructor(
    readonly kind: TestingErrorKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'TestingError';
  }

  /** Whether `err` is a testing error, also when it came from another copy of the package. */
  static is(err: unknown): err is TestingError {
    return typeof err === 'object' && err !== null && (err as Record<symbol, unknown>)[brand] === true;
  }
}

/** Renders any thrown value as a message, for "failed to <verb> <object>: <cause>" messages. */
export function describeError(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}
