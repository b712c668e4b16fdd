import { inject, optional } from 'inversify';
import {
  Resolver,
  type ProvisionResult,
  type ResolverContext,
  type ResourceRequest,
} from '@score-orchestrator/api';
import { shortHash } from '../naming/backing-names.js';
import {
  devResolverSettings,
  type DevResolverSettings,
  type DevResolverSettingsInput,
} from '../settings/dev-resolver-settings.js';
import { ResolverDevTokens } from '../tokens.js';

/**
 * The hostname of a `dns` claim: `dns<6 hex digits>.<domain>`, the shape of score-k8s's
 * `dns<random>.localhost`, but derived from the claim's namespace and name, so it is stable without state.
 */
export function dnsHostname(request: ResourceRequest, domain: string): string {
  return `dns${shortHash(`${request.namespace}/${request.claimName}`, 6)}.${domain}`;
}

/**
 * `dns`: outputs `host`, a hostname under the configured domain (default `localhost`). Creates nothing,
 * like score-k8s's default: point a wildcard record (or external-dns) at your ingress for real use.
 */
@Resolver({
  name: 'dev-dns',
  type: 'dns',
  description: 'a hostname under the `domain` setting, stable per claim; nothing is created',
  outputs: [{ name: 'host', description: '`dns<hash>.<domain>`' }],
})
export class DnsResolver implements Resolver {
  private readonly settings: DevResolverSettings;

  constructor(@inject(ResolverDevTokens.Settings) @optional() settings?: DevResolverSettingsInput) {
    this.settings = devResolverSettings(settings);
  }

  async provision(request: ResourceRequest, _ctx: ResolverContext): Promise<ProvisionResult> {
    return { ready: true, outputs: { host: dnsHostname(request, this.settings.domain) } };
  }
}
