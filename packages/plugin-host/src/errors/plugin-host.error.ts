/**
 * The kinds of failure the plugin hosts report. Both are about how the hosts were put together, so none is
 * retryable: fix the plugin classes or their container and start again.
 */
export type PluginHostErrorKind =
  /** A plugin class cannot be hosted: no `@Resolver` / `@Runtime`, no `provision` / `apply`, a name or runtime class served twice, a plugin with no classes. */
  | 'Configuration'
  /** A plugin class could not be created from its container (an unbound constructor dependency); `cause` says why. */
  | 'Instantiation';

const brand = Symbol.for('@score-orchestrator/plugin-host/error');

/**
 * The one base error of the plugin-host package, with a `kind`, an optional `cause`, and a brand that
 * survives two copies of the package in one process (use {@link PluginHostError.is}, not `instanceof`).
 * Errors a plugin throws while it runs are not wrapped: the hosts turn them into claim and plan status.
 */
export class PluginHostError extends Error {
  readonly [brand] = true;

  constructor(
    readonly kind: PluginHostErrorKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'PluginHostError';
  }

  /** Whether `err` is a plugin-host error (of `kind`, when given), also from another copy of the package. */
  static is(err: unknown, kind?: PluginHostErrorKind): err is PluginHostError {
    if (typeof err !== 'object' || err === null || (err as Record<symbol, unknown>)[brand] !== true)
      return false;
    return kind === undefined || (err as PluginHostError).kind === kind;
  }
}
