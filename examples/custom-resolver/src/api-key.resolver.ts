// A resolver for the made-up Score resource type `api-key`: one key per claim, generated once.
// #region imports
import type { V1ConfigMap } from '@kubernetes/client-node';
import {
  MANAGED_BY_LABEL,
  ORCHESTRATOR_MANAGED_BY,
  Resolver,
  type ProvisionResult,
  type ResolverContext,
  type ResourceRequest,
} from '@score-orchestrator/api';
import { BuiltinKinds, setControllerReference } from '@score-orchestrator/operator-sdk';
import { apiKeyDigest, apiKeyId, generateApiKey } from './api-key.js';
import { apiKeyParams } from './api-key-params.js';
// #endregion imports

/** The ConfigMap registering the key of claim `claimName` (its digest and scopes) for an API gateway. */
export function registrationName(claimName: string): string {
  return `${claimName}-api-key`;
}

// #region resolver
/**
 * `api-key`: outputs `key_id` (public) and `header` (`Authorization`), and the secret output `key`.
 * Registers the key's digest and scopes in a ConfigMap owned by the claim, which a gateway would read.
 */
@Resolver({ name: 'example-api-key', type: 'api-key', classes: ['default'], owns: [BuiltinKinds.ConfigMap] })
export class ApiKeyResolver implements Resolver {
  async provision(request: ResourceRequest, ctx: ResolverContext): Promise<ProvisionResult> {
    const { scopes } = apiKeyParams(request.params); // bad params: TerminalError, the claim is Failed
    // #region stable-key
    // Generated once: later calls get it back from the claim's outputs Secret.
    const key = ctx.existingSecretOutputs.key ?? generateApiKey();
    // #endregion stable-key
    // #region owned-object
    const registration: V1ConfigMap = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: {
        name: registrationName(request.claimName),
        namespace: request.namespace,
        // The hosts cache only Secrets, ConfigMaps and Pods with this label: without it, `owns` sees nothing.
        labels: { [MANAGED_BY_LABEL]: ORCHESTRATOR_MANAGED_BY },
      },
      data: { sha256: apiKeyDigest(key), scopes: scopes.join(' ') },
    };
    // Server-side apply, controlled by the claim: idempotent, garbage-collected with it, watched (`owns`).
    await ctx.client.apply(setControllerReference(request.claim, registration));
    // #endregion owned-object
    // #region result
    return {
      ready: true, // usable as soon as it is registered
      outputs: { key_id: apiKeyId(key), header: 'Authorization' },
      secretOutputs: { key }, // to the claim's Secret, never to its status
    };
    // #endregion result
  }
}
// #endregion resolver
