/**
 * The kinds of failure the SDK reports; each says whether retrying can help. `Aborted` means the caller's
 * `AbortSignal` fired: the caller gave up, so nothing should retry on its behalf. `NotOwned` means an object
 * of the name a controller wanted to write, adopt or delete exists and belongs to someone else: retrying
 * cannot help until that object goes (see `OwnershipConflictError`). `Unavailable` means something the
 * process depends on is out of reach for now (e.g. watches disconnected, see `NotReadyError`).
 */
export type OperatorSdkErrorKind =
  | 'Configuration'
  | 'Conflict'
  | 'NotFound'
  | 'Api'
  | 'Watch'
  | 'Validation'
  | 'Terminal'
  | 'Timeout'
  | 'Aborted'
  | 'NotOwned'
  | 'Unavailable';

const brand = Symbol.for('@score-orchestrator/operator-sdk/error');

/**
 * The one base error of the SDK. Every error it throws is an `OperatorSdkError` with a `kind`,
 * an optional `cause`, and a brand that survives two copies of the package in one process.
 */
export class OperatorSdkError extends Error {
  readonly [brand] = true;

  constructor(
    readonly kind: OperatorSdkErrorKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'OperatorSdkError';
  }

  /** Whether `err` is an SDK error, also when it came from another copy of the package. */
  static is(err: unknown): err is OperatorSdkError {
    return typeof err === 'object' && err !== null && (err as Record<symbol, unknown>)[brand] === true;
  }
}

/** Renders any thrown value as a message, for "failed to <verb> <object>: <cause>" messages. */
export function describeError(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}
