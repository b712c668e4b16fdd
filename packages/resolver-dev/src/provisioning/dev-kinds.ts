import type { ResourceKind } from '@score-orchestrator/operator-sdk';

/** Kinds the dev resolvers touch that the SDK's `BuiltinKinds` does not list. */
export const DevKinds = {
  PersistentVolumeClaim: {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    plural: 'persistentvolumeclaims',
    namespaced: true,
  },
  Ingress: { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', plural: 'ingresses', namespaced: true },
  HTTPRoute: {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'HTTPRoute',
    plural: 'httproutes',
    namespaced: true,
  },
} as const satisfies Record<string, ResourceKind>;
