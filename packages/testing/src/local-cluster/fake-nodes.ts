import { CoreV1Api, type KubeConfig, type V1Node } from '@kubernetes/client-node';

import { waitFor } from '../control-plane/wait-for.js';
import type { ManagedProcess } from '../process/managed-process.js';
import { kwokNodeAnnotation } from './kwok.js';

/**
 * Creates `count` Node objects for kwok to play (`kwok-node-0`, ...) and waits until every one is Ready
 * and the `default` ServiceAccount exists (pods are rejected before it does).
 */
export async function createFakeNodes(
  kubeConfig: KubeConfig,
  count: number,
  timeoutMs: number,
  watch: readonly ManagedProcess[],
): Promise<string[]> {
  const core = kubeConfig.makeApiClient(CoreV1Api);
  const names = Array.from({ length: count }, (_, i) => `kwok-node-${i}`);
  await Promise.all(names.map((name) => core.createNode({ body: fakeNode(name) })));
  await waitFor(
    async (setReason) => {
      const nodes = await core.listNode({ labelSelector: 'type=kwok' });
      const notReady = nodes.items.filter(
        (n) => !n.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'),
      );
      setReason(`nodes not Ready: ${notReady.map((n) => n.metadata?.name).join(', ') || 'none listed'}`);
      return nodes.items.length === count && notReady.length === 0 ? true : undefined;
    },
    { description: 'kwok nodes to become Ready', timeoutMs, intervalMs: 200, watch },
  );
  await waitForDefaultServiceAccount(kubeConfig, timeoutMs, watch);
  return names;
}

/** Waits until the `default` ServiceAccount exists: pods are rejected before it does. */
export async function waitForDefaultServiceAccount(
  kubeConfig: KubeConfig,
  timeoutMs: number,
  watch: readonly ManagedProcess[],
): Promise<void> {
  const core = kubeConfig.makeApiClient(CoreV1Api);
  await waitFor(
    async (setReason) => {
      setReason('ServiceAccount default/default does not exist yet');
      return core
        .readNamespacedServiceAccount({ name: 'default', namespace: 'default' })
        .then(() => true)
        .catch(() => undefined);
    },
    { description: 'the default ServiceAccount', timeoutMs, intervalMs: 200, watch },
  );
}

function fakeNode(name: string): V1Node {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      annotations: {
        [kwokNodeAnnotation.key]: kwokNodeAnnotation.value,
        'node.alpha.kubernetes.io/ttl': '0',
      },
      labels: {
        type: 'kwok',
        'kubernetes.io/hostname': name,
        'kubernetes.io/os': 'linux',
        'kubernetes.io/arch': 'amd64',
        'node-role.kubernetes.io/agent': '',
      },
    },
    spec: {},
    status: {
      allocatable: { cpu: '32', memory: '256Gi', pods: '110' },
      capacity: { cpu: '32', memory: '256Gi', pods: '110' },
    },
  };
}
