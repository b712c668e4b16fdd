import { childField, indexField } from '../errors/field-path.js';
import type { PlaceholderResolver } from './placeholder-resolver.js';
import { SecretReference } from './secret-reference.js';
import type { Substitution } from './substitution-result.js';
import { SubstitutionRun } from './substitution-run.js';

/**
 * Substitutes a resource's `params` (`field` is their path, e.g. `resources.db.params`), walking
 * nested maps and lists like score-go's `framework.Substitute`: every string value is substituted
 * (string values as they are, others JSON-encoded); keys and non-string values are kept.
 *
 * One addition for secrets: a string that is exactly one placeholder to a secret output becomes that
 * `SecretReference`, so a resolver receives a reference it can read rather than a value (params end up
 * in the ResourceClaim spec). A secret inside a longer string is an error.
 *
 * Params may reference outputs of other resources; substitute them in `resourceDependencyOrder`.
 *
 * @throws ScoreApiError kind `Placeholder`, naming each field such as `resources.db.params.hosts[0]`.
 */
export function substituteResourceParams(
  params: Readonly<Record<string, unknown>>,
  resolver: PlaceholderResolver,
  field: string,
): Substitution<Record<string, unknown>> {
  const run = new SubstitutionRun(resolver);
  const out = substituteValue(run, params, field);
  return run.finish(out === undefined ? undefined : (out as Record<string, unknown>));
}

function substituteValue(run: SubstitutionRun, value: unknown, field: string): unknown {
  if (typeof value === 'string') return substituteParam(run, value, field);
  if (Array.isArray(value)) {
    const items = value.map((item, index) => substituteValue(run, item, indexField(field, index)));
    return items.some((item) => item === undefined) ? undefined : items;
  }
  if (typeof value === 'object' && value !== null && !SecretReference.is(value)) {
    const out: Record<string, unknown> = {};
    let complete = true;
    for (const [key, item] of Object.entries(value)) {
      const projected = substituteValue(run, item, childField(field, key));
      if (projected === undefined) complete = false;
      else out[key] = projected;
    }
    return complete ? out : undefined;
  }
  return value;
}

function substituteParam(run: SubstitutionRun, text: string, field: string): unknown {
  const segments = run.resolve(text, field);
  if (segments === undefined) return undefined;
  if (segments.length === 1 && segments[0].kind === 'value' && SecretReference.is(segments[0].value)) {
    return segments[0].value;
  }
  return run.render(segments, field, 'inside a longer param string; make the param exactly the placeholder');
}
