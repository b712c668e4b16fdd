// The params of an `api-key` resource, checked: a bad param is terminal and names the param.
import { TerminalError } from '@score-orchestrator/operator-sdk';

/** A scope: lower-case words joined by `:`, e.g. `orders:read`. */
const SCOPE = /^[a-z][a-z0-9-]*(:[a-z][a-z0-9-]*)*$/;

/** What an `api-key` claim asks for, once checked. */
export interface ApiKeyParams {
  /** The scopes the key grants, deduplicated and sorted (so their order in the Score file never matters). */
  readonly scopes: readonly string[];
}

// #region params
/**
 * Reads `params.scopes`: a list of scope names, `[]` when absent. Pure.
 *
 * @throws TerminalError naming the param and the fix: retrying cannot help, the claim turns `Failed`
 *   until its spec changes.
 */
export function apiKeyParams(params: Readonly<Record<string, unknown>>): ApiKeyParams {
  const scopes = params.scopes ?? [];
  if (!Array.isArray(scopes)) {
    throw new TerminalError(`params.scopes must be a list of scope names, not ${typeof scopes}`);
  }
  scopes.forEach((scope: unknown, i) => {
    if (typeof scope !== 'string' || !SCOPE.test(scope)) {
      throw new TerminalError(
        `params.scopes[${i}] must be a scope name like "orders:read" (lower-case words joined by ":"), not ${JSON.stringify(scope)}`,
      );
    }
  });
  return { scopes: [...new Set(scopes as string[])].sort() };
}
// #endregion params
