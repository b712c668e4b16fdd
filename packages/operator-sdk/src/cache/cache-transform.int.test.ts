// Transforms on the way into the cache, on a real API server: the cached copy holds only what the
// transforms keep (for the first list and for watch events alike), and `alreadyApplied` still recognises
// an unchanged apply from the digests taken before the transform dropped the fields it covers.
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { KubernetesObject, V1Deployment } from '@kubernetes/client-node';
import { ControlPlane } from '@score-orchestrator/testing';
import { BuiltinKinds } from '../api/builtin-kinds.js';
import { alreadyApplied } from '../client/already-applied.js';
import { KubeClient } from '../client/kube-client.js';
import { LAST_APPLIED_ANNOTATION, type CacheTransform } from './cache-transform.js';
import { SharedCache } from './shared-cache.js';

jest.setTimeout(120_000);
const { ConfigMap, Deployment, Namespace } = BuiltinKinds;
const ns = 'cache-transform';
const manager = 'shaper';
let cp: ControlPlane;
let client: KubeClient;

beforeAll(async () => {
  cp = await ControlPlane.start();
  client = new KubeClient(cp.kubeConfig, { fieldManager: manager });
  await client.create(Namespace, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
});
afterAll(async () => cp?.stop());

function deployment(name: string, image: string): V1Deployment {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      namespace: ns,
      name,
      labels: { app: name },
      annotations: { [LAST_APPLIED_ANNOTATION]: '{"a":"copy"}', keep: 'yes' },
    },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name: 'main', image, env: [{ name: 'A', value: '1' }] }] },
      },
    },
  };
}

/** Keeps what a rollout reader needs of a Deployment: replicas and status, not the pod template. */
const rolloutOnly: CacheTransform = (obj) => {
  const d = obj as V1Deployment;
  return { ...d, spec: { replicas: d.spec?.replicas, selector: d.spec!.selector } } as KubernetesObject;
};

async function until<T>(read: () => T | undefined): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const value = read();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('condition not met within 10s');
}

describe('cache transforms', () => {
  it('drop the last-applied annotation by default and apply a kind transform to listed and watched objects', async () => {
    await client.apply(deployment('listed', 'nginx:1'), { force: true });
    const cache = new SharedCache({ client, byKind: [{ kind: Deployment, transform: rolloutOnly }] });
    cache.informerFor(Deployment, { namespace: ns });
    cache.informerFor(ConfigMap, { namespace: ns });
    cache.start();
    try {
      await cache.waitForSync(30_000);
      const listed = cache.get<V1Deployment>(Deployment, { namespace: ns, name: 'listed' })!;
      expect(listed.spec).toEqual({ replicas: 2, selector: { matchLabels: { app: 'listed' } } });
      expect(listed.metadata?.annotations).toEqual({ keep: 'yes' });
      expect(listed.metadata?.managedFields).toBeUndefined();

      // The digest was taken from the whole object: the same apply is recognised as a no-op, a change is not.
      expect(alreadyApplied(deployment('listed', 'nginx:1'), listed, manager)).toBe(true);
      expect(alreadyApplied(deployment('listed', 'nginx:2'), listed, manager)).toBe(false);

      await client.apply(deployment('watched', 'nginx:1'), { force: true });
      const watched = await until(() =>
        cache.get<V1Deployment>(Deployment, { namespace: ns, name: 'watched' }),
      );
      expect(watched.spec?.template).toBeUndefined();
      expect(alreadyApplied(deployment('watched', 'nginx:1'), watched, manager)).toBe(true);

      // Another kind gets the default transform only.
      await client.create(ConfigMap, {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { namespace: ns, name: 'cm', annotations: { [LAST_APPLIED_ANNOTATION]: '{}' } },
        data: { a: '1' },
      });
      const configMap = await until(() => cache.get(ConfigMap, { namespace: ns, name: 'cm' }));
      expect(configMap).toMatchObject({ data: { a: '1' } });
      expect(configMap.metadata?.annotations).toBeUndefined();
    } finally {
      await cache.stop();
    }
  });

  it('keeps objects as the API server sent them (but for managedFields) with transform null', async () => {
    const cache = new SharedCache({ client, transform: null });
    cache.informerFor(Deployment, { namespace: ns });
    cache.start();
    try {
      await cache.waitForSync(30_000);
      const listed = cache.get<V1Deployment>(Deployment, { namespace: ns, name: 'listed' })!;
      expect(listed.metadata?.annotations?.[LAST_APPLIED_ANNOTATION]).toBe('{"a":"copy"}');
      expect(listed.spec?.template?.spec?.containers[0]?.image).toBe('nginx:1');
    } finally {
      await cache.stop();
    }
  });
});
