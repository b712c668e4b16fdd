import { childField } from '../errors/field-path.js';
import type { PlaceholderResolver } from './placeholder-resolver.js';
import { SecretReference } from './secret-reference.js';
import type { Substitution } from './substitution-result.js';
import { SubstitutionRun, textOf } from './substitution-run.js';

/**
 * A variable mixing text with secret outputs, e.g. `postgres://app:${resources.db.password}@db`.
 * The runtime must compose it without reading the secret, as score-k8s does: one env var per secret
 * (`valueFrom.secretKeyRef`) and the variable itself written with Kubernetes `$(NAME)` references to
 * them (escaping any `$(` in the literal text as `$$(`).
 */
export interface SecretTemplate {
  readonly kind: 'secretTemplate';
  /** Literal text and secret references, in order; adjacent text merged, never empty strings. */
  readonly parts: readonly (string | SecretReference)[];
}

/**
 * A projected variable: plain text; a `SecretReference` when the whole value is one secret output
 * (an env var `valueFrom.secretKeyRef`); or a `SecretTemplate` when secrets sit inside other text.
 */
export type VariableValue = string | SecretReference | SecretTemplate;

/**
 * Substitutes container variables (`field` is the `variables` map's path, e.g. `containers.web.variables`).
 * Non-secret values follow score-go exactly; secret outputs follow score-k8s
 * (`internal/convert/container_variables.go`) and never become plain values. A value that JSON-encodes
 * an object containing a secret is an error: reference the secret output itself.
 *
 * @throws ScoreApiError kind `Placeholder` naming every bad variable, e.g. `containers.web.variables.DB_HOST`.
 */
export function substituteVariables(
  variables: Readonly<Record<string, string>>,
  resolver: PlaceholderResolver,
  field: string,
): Substitution<Record<string, VariableValue>> {
  const run = new SubstitutionRun(resolver);
  const out: Record<string, VariableValue> = {};
  let complete = true;
  for (const [name, value] of Object.entries(variables)) {
    const projected = substituteVariable(run, value, childField(field, name));
    if (projected === undefined) complete = false;
    else out[name] = projected;
  }
  return run.finish(complete ? out : undefined);
}

/** One variable within a run; shared with `substituteContainers`. */
export function substituteVariable(
  run: SubstitutionRun,
  value: string,
  field: string,
): VariableValue | undefined {
  const segments = run.resolve(value, field);
  if (segments === undefined) return undefined;
  const parts: (string | SecretReference)[] = [];
  let ok = true;
  for (const segment of segments) {
    if (segment.kind === 'text') {
      appendText(parts, segment.text);
    } else if (SecretReference.is(segment.value)) {
      parts.push(segment.value);
    } else if (SecretReference.within(segment.value)) {
      run.failSecret(field, segment.part, 'inside a JSON-encoded value; reference the secret output itself');
      ok = false;
    } else {
      appendText(parts, textOf(segment.value));
    }
  }
  if (!ok) return undefined;
  if (!parts.some((part) => SecretReference.is(part))) return (parts as string[]).join('');
  if (parts.length === 1) return parts[0];
  return { kind: 'secretTemplate', parts };
}

function appendText(parts: (string | SecretReference)[], text: string): void {
  if (text === '') return;
  const last = parts.length - 1;
  if (last >= 0 && typeof parts[last] === 'string') parts[last] = parts[last] + text;
  else parts.push(text);
}
