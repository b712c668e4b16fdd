import type { FieldIssue } from '@score-orchestrator/api';

/**
 * The kinds of failure the orchestrator reports, and whether retrying helps:
 * - `Configuration`: the platform configuration is invalid or unusable (a field, a CEL rule, a template).
 *   Not retryable: the platform engineer must change the configuration; `issues` names every field.
 * - `InvalidWorkload`: a Workload asks for something the platform does not offer (e.g. an unknown profile).
 *   Not retryable: the Workload must change.
 * - `Source`: the configuration could not be read (missing file, missing ConfigMap key, API failure).
 *   Retryable: the source may appear or recover.
 */
export type OrchestratorErrorKind = 'Configuration' | 'InvalidWorkload' | 'Source';

const brand = Symbol.for('@score-orchestrator/orchestrator/error');

/**
 * The one base error of the orchestrator package: a `kind`, the field `issues` it found (configuration
 * errors name every offending field), an optional `cause`, and a brand that survives two copies of the
 * package in one process, so check with {@link OrchestratorError.is} rather than `instanceof`.
 */
export class OrchestratorError extends Error {
  readonly [brand] = true;
  readonly issues: readonly FieldIssue[];

  constructor(
    readonly kind: OrchestratorErrorKind,
    message: string,
    options?: { cause?: unknown; issues?: readonly FieldIssue[] },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'OrchestratorError';
    this.issues = options?.issues ?? [];
  }

  /** An error whose message is `<summary>: <field>: <message>; ...`; `summary` reads "failed to <verb> <object>". */
  static fromIssues(
    kind: OrchestratorErrorKind,
    summary: string,
    issues: readonly FieldIssue[],
  ): OrchestratorError {
    const detail = issues.map((issue) => `${issue.field}: ${issue.message}`).join('; ');
    return new OrchestratorError(kind, `${summary}: ${detail}`, { issues });
  }

  /** Whether `err` is an orchestrator error (of `kind`, when given), also from another copy of the package. */
  static is(err: unknown, kind?: OrchestratorErrorKind): err is OrchestratorError {
    if (typeof err !== 'object' || err === null || (err as Record<symbol, unknown>)[brand] !== true)
      return false;
    return kind === undefined || (err as OrchestratorError).kind === kind;
  }
}
