/** The kinds of failure the Kubernetes runtime reports. */
export type RuntimeKubernetesErrorKind =
  /** The plan cannot be mapped (e.g. a `before` cycle, a malformed volume source): not retryable until it changes. */
  | 'InvalidPlan'
  /** The runtime's settings are wrong (e.g. a bad endpoint template): fix the settings and restart. */
  | 'Configuration';

const brand = Symbol.for('@score-orchestrator/runtime-kubernetes/error');

/**
 * The one base error of the runtime-kubernetes package, with a `kind`, an optional `cause`, and a brand
 * that survives two copies of the package in one process (use {@link RuntimeKubernetesError.is}).
 */
export class RuntimeKubernetesError extends Error {
  readonly [brand] = true;

  constructor(
    readonly kind: RuntimeKubernetesErrorKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'RuntimeKubernetesError';
  }

  /** Whether `err` is a runtime-kubernetes error (of `kind`, when given), also from another copy of the package. */
  static is(err: unknown, kind?: RuntimeKubernetesErrorKind): err is RuntimeKubernetesError {
    if (typeof err !== 'object' || err === null || (err as Record<symbol, unknown>)[brand] !== true)
      return false;
    return kind === undefined || (err as RuntimeKubernetesError).kind === kind;
  }
}
