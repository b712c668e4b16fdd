import type { KubernetesObject, V1Ingress } from '@kubernetes/client-node';
import type { ResourceRequest } from '@score-orchestrator/api';
import { backingMetadata, ownedByClaim } from '../naming/backing-labels.js';
import type { DevGateway } from '../settings/dev-resolver-settings.js';

/** What a `route` resource asks for: `host` + `path` prefix to `serviceName`:`port`. */
export interface RouteSpec {
  /** Name of the Ingress or HTTPRoute. */
  readonly name: string;
  readonly host: string;
  readonly path: string;
  readonly serviceName: string;
  /** A Service port number, or (Ingress only) its name. */
  readonly port: number | string;
}

/** Builds the Ingress of a route (path type `Prefix`), controlled by the claim. Pure. */
export function buildIngress(
  request: ResourceRequest,
  spec: RouteSpec,
  ingressClassName?: string,
): V1Ingress {
  const port = typeof spec.port === 'number' ? { number: spec.port } : { name: spec.port };
  const ingress: V1Ingress = {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: backingMetadata(request, spec.name, 'route'),
    spec: {
      rules: [
        {
          host: spec.host,
          http: {
            paths: [
              { path: spec.path, pathType: 'Prefix', backend: { service: { name: spec.serviceName, port } } },
            ],
          },
        },
      ],
    },
  };
  if (ingressClassName && ingress.spec) ingress.spec.ingressClassName = ingressClassName;
  return ownedByClaim(request, ingress);
}

/** A Gateway API HTTPRoute (the parts this package writes). */
export interface HttpRoute extends KubernetesObject {
  spec: {
    parentRefs: { name: string; namespace?: string }[];
    hostnames: string[];
    rules: {
      matches: { path: { type: 'PathPrefix'; value: string } }[];
      backendRefs: { name: string; port: number }[];
    }[];
  };
}

/** Builds the HTTPRoute of a route attached to `gateway`, controlled by the claim. Pure. */
export function buildHttpRoute(
  request: ResourceRequest,
  spec: RouteSpec & { readonly port: number },
  gateway: DevGateway,
): HttpRoute {
  const parentRef = gateway.namespace
    ? { name: gateway.name, namespace: gateway.namespace }
    : { name: gateway.name };
  return ownedByClaim(request, {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'HTTPRoute',
    metadata: backingMetadata(request, spec.name, 'route'),
    spec: {
      parentRefs: [parentRef],
      hostnames: [spec.host],
      rules: [
        {
          matches: [{ path: { type: 'PathPrefix', value: spec.path } }],
          backendRefs: [{ name: spec.serviceName, port: spec.port }],
        },
      ],
    },
  });
}
