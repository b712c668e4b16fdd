import { OperatorSdkError, isNotFound, type KubeClient } from '@score-orchestrator/operator-sdk';
import { DevKinds } from './dev-kinds.js';

/**
 * Whether the API server serves HTTPRoute (`gateway.networking.k8s.io/v1`), asked through discovery (not
 * cached when absent, so installing the CRD later takes effect). Other failures are rethrown, so a flaky
 * API server never turns a route into an Ingress by mistake.
 */
export async function servesHttpRoute(client: KubeClient): Promise<boolean> {
  try {
    await client.resolveKind({ apiVersion: DevKinds.HTTPRoute.apiVersion, kind: DevKinds.HTTPRoute.kind });
    return true;
  } catch (err) {
    if (isNotFound(err) || (OperatorSdkError.is(err) && err.kind === 'Configuration')) return false;
    throw err;
  }
}
