import type { EndpointHints, ResourceBinding } from '@score-orchestrator/api';
import type { ClaimIntent } from '../claims/claim-intent.js';

/** The resource type whose outputs (`host`, `path`) tell a runtime where the workload is reached. */
export const ROUTE_RESOURCE_TYPE = 'route';

/**
 * `endpointHints` for the plan: `host` and `path` from the outputs of the first `route` resource (in
 * resource order) that has them. Undefined when there is none. Pure.
 */
export function endpointHintsOf(
  intents: readonly ClaimIntent[],
  bindings: Readonly<Record<string, ResourceBinding>>,
): EndpointHints | undefined {
  for (const intent of intents) {
    if (intent.type !== ROUTE_RESOURCE_TYPE) continue;
    const outputs = bindings[intent.resource]?.outputs;
    const host = typeof outputs?.host === 'string' ? outputs.host : undefined;
    const path = typeof outputs?.path === 'string' ? outputs.path : undefined;
    if (host === undefined && path === undefined) continue;
    return { ...(host === undefined ? {} : { host }), ...(path === undefined ? {} : { path }) };
  }
  return undefined;
}
