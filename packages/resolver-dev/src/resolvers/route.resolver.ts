import { inject, optional } from 'inversify';
import {
  Resolver,
  type ProvisionResult,
  type ResolverContext,
  type ResourceRequest,
  workloadServiceName,
} from '@score-orchestrator/api';
import { buildHttpRoute, buildIngress, type RouteSpec } from '../manifests/route.manifests.js';
import { backingName } from '../naming/backing-names.js';
import { invalidParam, portParam, requiredStringParam, stringParam } from '../params/resource-params.js';
import { applyForClaim } from '../provisioning/claim-objects.js';
import { DevKinds } from '../provisioning/dev-kinds.js';
import { servesHttpRoute } from '../provisioning/gateway-api.js';
import { releaseBackingObjects } from '../provisioning/release-backing-objects.js';
import { lookupServicePort } from '../provisioning/service-port-lookup.js';
import {
  devResolverSettings,
  type DevResolverSettings,
  type DevResolverSettingsInput,
} from '../settings/dev-resolver-settings.js';
import { ResolverDevTokens } from '../tokens.js';

/**
 * The route a `route` claim asks for, from its params (as score-k8s checks them): `host` (a hostname),
 * `path` (starts with `/`, does not end with one; default `/`), `port` (number or port name of the
 * workload's service) and optionally `workload` (default: the Workload owning the claim). The backend
 * Service is named after the workload. Throws a terminal error for bad params.
 */
export function routeSpec(request: ResourceRequest): RouteSpec {
  const host = requiredStringParam(request, 'host', 'the hostname to route');
  if (!/^[a-z0-9_.-]{1,253}$/.test(host)) throw invalidParam(request, 'host', 'must be a valid hostname');
  const path = stringParam(request, 'path') ?? '/';
  if (!/^\/$|^(\/[^/]+)+$/.test(path))
    throw invalidParam(request, 'path', 'must start with / and not end with /');
  const port = portParam(request, 'port');
  if (port === undefined) throw invalidParam(request, 'port', "is required: the workload's service port");
  const workload =
    stringParam(request, 'workload') ??
    request.claim.metadata?.ownerReferences?.find((ref) => ref.kind === 'Workload')?.name;
  if (!workload) throw invalidParam(request, 'workload', 'is required when no Workload owns the claim');
  return {
    name: backingName('route', request.claimName, 63),
    host,
    path,
    serviceName: workloadServiceName(workload),
    port,
  };
}

/**
 * `route`: an HTTPRoute (attached to the configured Gateway) when the Gateway API is served, else an Ingress.
 * Outputs `host` and `path`. Ready once written: the dev cluster has no controller to admit it.
 */
@Resolver({
  name: 'dev-route',
  type: 'route',
  owns: [DevKinds.Ingress],
  description: 'an HTTPRoute where the Gateway API is served, else an Ingress',
  params: [
    { name: 'host', required: true, description: 'the hostname to route' },
    { name: 'path', description: 'a path prefix (default `/`)' },
    { name: 'port', required: true, description: "the workload's service port" },
    { name: 'workload', description: 'the target workload (default: the one owning the claim)' },
  ],
  outputs: [{ name: 'host' }, { name: 'path' }],
})
export class RouteResolver implements Resolver {
  private readonly settings: DevResolverSettings;

  constructor(@inject(ResolverDevTokens.Settings) @optional() settings?: DevResolverSettingsInput) {
    this.settings = devResolverSettings(settings);
  }

  async provision(request: ResourceRequest, ctx: ResolverContext): Promise<ProvisionResult> {
    const spec = routeSpec(request);
    const outputs = { host: spec.host, path: spec.path };
    if (!(await servesHttpRoute(ctx.client))) {
      await applyForClaim(request, ctx, buildIngress(request, spec, this.settings.ingressClassName));
      return { ready: true, outputs, message: `routing ${spec.host}${spec.path}` };
    }
    // HTTPRoute backends need a port number: look a port name up on the Service.
    let port = spec.port;
    if (typeof port === 'string') {
      const found = await lookupServicePort(ctx, request.namespace, spec.serviceName, port);
      if (!found.found) {
        return {
          ready: false,
          outputs,
          message: `waiting for Service ${spec.serviceName} to serve port ${port}`,
          requeueAfterMs: this.settings.pollIntervalMs,
        };
      }
      port = found.port;
    }
    await applyForClaim(request, ctx, buildHttpRoute(request, { ...spec, port }, this.settings.gateway));
    return { ready: true, outputs, message: `routing ${spec.host}${spec.path}` };
  }

  deprovision(request: ResourceRequest, ctx: ResolverContext): Promise<void> {
    const name = backingName('route', request.claimName, 63);
    return releaseBackingObjects(request, ctx, [
      { kind: DevKinds.Ingress, name },
      { kind: DevKinds.HTTPRoute, name },
    ]);
  }
}
