import type { PlaceholderResolver } from './placeholder-resolver.js';
import type { Substitution } from './substitution-result.js';
import { SubstitutionRun } from './substitution-run.js';

/**
 * Replaces every placeholder in `text` with score-go's semantics (`framework.SubstituteString` with
 * `BuildSubstitutionFunction`): `$$` unescapes to `$`, a string value is inserted as is, any other value
 * JSON-encoded (keys sorted, as Go does). `field` names where the text came from, for messages.
 *
 * A secret output cannot become plain text, so any `SecretReference` is an error here; use
 * `substituteVariables` or `substituteFile` where secrets are allowed.
 *
 * @throws ScoreApiError kind `Placeholder` for malformed or unknown references and secrets.
 */
export function substituteString(
  text: string,
  resolver: PlaceholderResolver,
  field: string,
): Substitution<string> {
  const run = new SubstitutionRun(resolver);
  return run.finish(run.text(text, field, 'in plain text'));
}
