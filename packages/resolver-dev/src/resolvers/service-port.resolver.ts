import { inject, optional } from 'inversify';
import {
  Resolver,
  type ProvisionResult,
  type ResolverContext,
  type ResourceRequest,
  workloadServiceName,
} from '@score-orchestrator/api';
import { invalidParam, portParam, requiredStringParam } from '../params/resource-params.js';
import { lookupServicePort } from '../provisioning/service-port-lookup.js';
import {
  devResolverSettings,
  type DevResolverSettings,
  type DevResolverSettingsInput,
} from '../settings/dev-resolver-settings.js';
import { ResolverDevTokens } from '../tokens.js';

/**
 * `service-port`: outputs `hostname` and `port` of another Workload's named port (params `workload`, `port`),
 * as score-k8s, read from that Workload's Service (named after it). `port` is the Service port, what a
 * client of `hostname` connects to (score-k8s outputs the target port, which equals it unless the Score
 * file maps one port to another). Not ready, and looked at again every `pollIntervalMs`, while the Service
 * or the port does not exist (their changes do not trigger this claim).
 */
@Resolver({
  name: 'dev-service-port',
  type: 'service-port',
  description: "another workload's named port, read from its Service",
  params: [
    { name: 'workload', required: true, description: 'the target workload' },
    { name: 'port', required: true, description: 'the name (or number) of its service port' },
  ],
  outputs: [
    { name: 'hostname', description: "the workload's Service" },
    { name: 'port', description: 'the Service port' },
  ],
})
export class ServicePortResolver implements Resolver {
  private readonly settings: DevResolverSettings;

  constructor(@inject(ResolverDevTokens.Settings) @optional() settings?: DevResolverSettingsInput) {
    this.settings = devResolverSettings(settings);
  }

  async provision(request: ResourceRequest, ctx: ResolverContext): Promise<ProvisionResult> {
    const workload = requiredStringParam(request, 'workload', 'the name of the target workload');
    const port = portParam(request, 'port');
    if (port === undefined)
      throw invalidParam(request, 'port', 'is required: the name of the target service port');
    const service = workloadServiceName(workload);
    const found = await lookupServicePort(ctx, request.namespace, service, port);
    if (!found.found) {
      const message =
        found.reason === 'NoService'
          ? `waiting for workload ${workload} to have a service`
          : `waiting for workload ${workload} to serve port ${port}`;
      return { ready: false, message, requeueAfterMs: this.settings.pollIntervalMs };
    }
    return { ready: true, outputs: { hostname: service, port: found.port } };
  }
}
