// Asking the API server what a user may do: SelfSubjectAccessReviews, and the HTTP status of real calls.
import { AuthorizationV1Api, CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { statusCodeOf } from '@score-orchestrator/operator-sdk';

/** One request a role must (or must not) allow, as RBAC sees it. */
export interface AccessRequest {
  readonly group: string;
  readonly resource: string;
  readonly verb: string;
  readonly subresource?: string;
  /** Omitted: across all namespaces (or a cluster-scoped resource). */
  readonly namespace?: string;
}

/** `group/resource[/subresource] verb [in namespace]`, for readable failures. */
export function describeRequest(r: AccessRequest): string {
  const resource = `${r.group || 'core'}/${r.resource}${r.subresource ? `/${r.subresource}` : ''}`;
  return `${r.verb} ${resource}${r.namespace ? ` in ${r.namespace}` : ''}`;
}

/** Whether the user of `kubeConfig` may make `request`, by a SelfSubjectAccessReview. */
export async function isAllowed(kubeConfig: KubeConfig, request: AccessRequest): Promise<boolean> {
  const review = await kubeConfig.makeApiClient(AuthorizationV1Api).createSelfSubjectAccessReview({
    body: {
      apiVersion: 'authorization.k8s.io/v1',
      kind: 'SelfSubjectAccessReview',
      spec: { resourceAttributes: { ...request, subresource: request.subresource ?? '' } },
    },
  });
  return review.status?.allowed === true;
}

/** The requests among `requests` that the user may not make (so `[]` means all are allowed). */
export async function deniedAmong(
  kubeConfig: KubeConfig,
  requests: readonly AccessRequest[],
): Promise<string[]> {
  const results = await Promise.all(
    requests.map(async (r) => ((await isAllowed(kubeConfig, r)) ? [] : [describeRequest(r)])),
  );
  return results.flat();
}

/** The requests among `requests` that the user may make (so `[]` means all are refused). */
export async function allowedAmong(
  kubeConfig: KubeConfig,
  requests: readonly AccessRequest[],
): Promise<string[]> {
  const results = await Promise.all(
    requests.map(async (r) => ((await isAllowed(kubeConfig, r)) ? [describeRequest(r)] : [])),
  );
  return results.flat();
}

/** The HTTP status a call ended with: 200 when it succeeded, else the API server's code. */
export async function statusOf(call: Promise<unknown>): Promise<number> {
  try {
    await call;
    return 200;
  } catch (err) {
    const code = statusCodeOf(err);
    if (code === undefined) throw err;
    return code;
  }
}

/**
 * A kubeconfig that authenticates as ServiceAccount `namespace/name` with a short-lived token from the
 * TokenRequest API: exactly the identity the orchestrator's pod has.
 */
export async function serviceAccountKubeConfig(
  admin: KubeConfig,
  namespace: string,
  name: string,
): Promise<KubeConfig> {
  const request = await admin.makeApiClient(CoreV1Api).createNamespacedServiceAccountToken({
    namespace,
    name,
    body: { spec: { audiences: [], expirationSeconds: 3600 } },
  });
  const cluster = admin.getCurrentCluster();
  if (cluster === null || !request.status?.token)
    throw new Error(`failed to get a token for ${namespace}/${name}`);
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromOptions({
    clusters: [cluster],
    users: [{ name, token: request.status.token }],
    contexts: [{ name, cluster: cluster.name, user: name }],
    currentContext: name,
  });
  return kubeConfig;
}
