/** The kinds of failure this package reports. */
export type ProvisionersErrorKind =
  /** A provisioner file is malformed: bad YAML, unknown field, bad uri, template syntax or unknown function. */
  | 'Load'
  /** A template failed while rendering (e.g. `fail`, a field of nil, a wrong argument). */
  | 'Render'
  /** A provisioner's result is not of the expected shape (cmd output, rendered YAML, manifests). */
  | 'Output'
  /** A cmd:// provisioner could not run, exited non-zero or timed out. */
  | 'Command';

const brand = Symbol.for('@score-orchestrator/resolver-provisioners/error');

/**
 * The one base error of this package: a `kind`, an optional `cause`, and a brand that survives two copies
 * of the package. Messages name the provisioner (uri) and where the problem is; never a secret value.
 */
export class ProvisionersError extends Error {
  readonly [brand] = true;

  constructor(
    readonly kind: ProvisionersErrorKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ProvisionersError';
  }

  /** Whether `err` is an error of this package (of `kind`, when given), also from another copy of it. */
  static is(err: unknown, kind?: ProvisionersErrorKind): err is ProvisionersError {
    return (
      typeof err === 'object' &&
      err !== null &&
      (err as Record<symbol, unknown>)[brand] === true &&
      (kind === undefined || (err as ProvisionersError).kind === kind)
    );
  }
}
