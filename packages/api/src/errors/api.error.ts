/** The kinds of failure the api package reports. None of them is retryable: the input must change. */
export type ScoreApiErrorKind =
  /** A `${...}` placeholder is malformed, names an unknown root, resource, output or key, or misuses a secret. */
  | 'Placeholder'
  /** A Score file or Workload object could not be read or converted (bad YAML, wrong apiVersion/kind). */
  | 'Conversion'
  /** A Score workload breaks a rule of the Score schema; `issues` names every offending field. */
  | 'Validation'
  /** Resource params reference each other in a cycle; the message names the cycle path. */
  | 'DependencyCycle'
  /** A Go template does not parse or calls an unsupported function; the message names template, line and column. */
  | 'Template'
  /** A Go template failed while rendering (e.g. `fail`, a field of nil); the message names where. */
  | 'TemplateRender'
  /** A patch template rendered something that is not a list of valid patch operations, or one cannot apply. */
  | 'Patch';

/** One problem with one field, e.g. `{ field: 'containers.web.image', message: 'required' }`. */
export interface FieldIssue {
  /** Dotted path into the Score workload; keys with dots or slashes are bracket-quoted (`files["/etc/a.conf"]`). */
  readonly field: string;
  readonly message: string;
}

const brand = Symbol.for('@score-orchestrator/api/error');

/**
 * The one base error of the api package. Every error it throws is a `ScoreApiError` with a `kind`,
 * the `issues` it found (each naming a field), an optional `cause`, and a brand that survives two
 * copies of the package in one process (so `instanceof` is never needed).
 *
 * The message lists every issue as `<field>: <message>`, so it can be shown to users as is.
 */
export class ScoreApiError extends Error {
  readonly [brand] = true;
  readonly issues: readonly FieldIssue[];

  constructor(
    readonly kind: ScoreApiErrorKind,
    message: string,
    options?: { cause?: unknown; issues?: readonly FieldIssue[] },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ScoreApiError';
    this.issues = options?.issues ?? [];
  }

  /**
   * Builds an error whose message is `<summary>: <field>: <message>; ...` from a non-empty list of issues.
   * `summary` follows the house form "failed to <verb> <object>".
   */
  static fromIssues(kind: ScoreApiErrorKind, summary: string, issues: readonly FieldIssue[]): ScoreApiError {
    const detail = issues.map((issue) => `${issue.field}: ${issue.message}`).join('; ');
    return new ScoreApiError(kind, `${summary}: ${detail}`, { issues });
  }

  /** Whether `err` is an api error (of `kind`, when given), also when it came from another copy of the package. */
  static is(err: unknown, kind?: ScoreApiErrorKind): err is ScoreApiError {
    if (typeof err !== 'object' || err === null || (err as Record<symbol, unknown>)[brand] !== true)
      return false;
    return kind === undefined || (err as ScoreApiError).kind === kind;
  }
}
