// The manager's cache options on a real API server: a cache restricted to namespaces lists and watches only
// those (it syncs under a ServiceAccount that has Roles there and nothing cluster-wide), and a per-kind label
// selector keeps every other object of the kind out of memory.
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { CoreV1Api, KubeConfig, type KubernetesObject } from '@kubernetes/client-node';
import { ControlPlane } from '@score-orchestrator/testing';
import { Container } from 'inversify';
import { BuiltinKinds } from '../api/builtin-kinds.js';
import type { ResourceKind } from '../api/resource-kind.js';
import { KubeClient } from '../client/kube-client.js';
import { ControllerBuilder } from '../controller/controller-builder.js';
import { createLogger } from '../logging/logger.js';
import { Manager } from './manager.js';

jest.setTimeout(120_000);
const { Namespace, Secret, ServiceAccount } = BuiltinKinds;
const rbac = (kind: string, plural: string, namespaced: boolean): ResourceKind => ({
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind,
  plural,
  namespaced,
});
const Role = rbac('Role', 'roles', true);
const RoleBinding = rbac('RoleBinding', 'rolebindings', true);
const watched = 'scope-watched';
const other = 'scope-other';
const operatorNs = 'scope-operator';
const selector = 'app.kubernetes.io/managed-by=scope-test';

let cp: ControlPlane;
let admin: KubeClient;

const secret = (namespace: string, name: string, labelled: boolean): KubernetesObject => ({
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: {
    namespace,
    name,
    ...(labelled ? { labels: { 'app.kubernetes.io/managed-by': 'scope-test' } } : {}),
  },
});

/** A kubeconfig for ServiceAccount `operatorNs/operator`, which may read Secrets in `watched` only. */
async function namespacedOperatorConfig(): Promise<KubeConfig> {
  await admin.create(ServiceAccount, { metadata: { namespace: operatorNs, name: 'operator' } });
  await admin.create(Role, {
    metadata: { namespace: watched, name: 'secrets-reader' },
    rules: [{ apiGroups: [''], resources: ['secrets'], verbs: ['get', 'list', 'watch'] }],
  } as KubernetesObject);
  await admin.create(RoleBinding, {
    metadata: { namespace: watched, name: 'secrets-reader' },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'secrets-reader' },
    subjects: [{ kind: 'ServiceAccount', namespace: operatorNs, name: 'operator' }],
  } as KubernetesObject);
  const token = await cp.kubeConfig.makeApiClient(CoreV1Api).createNamespacedServiceAccountToken({
    namespace: operatorNs,
    name: 'operator',
    body: { spec: { audiences: [], expirationSeconds: 3600 } },
  });
  const cluster = cp.kubeConfig.getCurrentCluster()!;
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromOptions({
    clusters: [cluster],
    users: [{ name: 'operator', token: token.status!.token }],
    contexts: [{ name: 'operator', cluster: cluster.name, user: 'operator' }],
    currentContext: 'operator',
  });
  return kubeConfig;
}

async function until(condition: () => boolean, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

beforeAll(async () => {
  cp = await ControlPlane.start();
  admin = new KubeClient(cp.kubeConfig, { fieldManager: 'scope-test' });
  for (const name of [watched, other, operatorNs]) await admin.create(Namespace, { metadata: { name } });
});
afterAll(async () => cp?.stop());

describe('Manager cache options', () => {
  it('lists and watches only the listed namespaces and only the selected objects of a filtered kind', async () => {
    for (const [ns, name, labelled] of [
      [watched, 'ours-before', true],
      [watched, 'foreign-before', false],
      [other, 'ours-elsewhere', true],
      [other, 'foreign-elsewhere', false],
      ['kube-system', 'system-secret', false],
    ] as const) {
      await admin.create(Secret, secret(ns, name, labelled));
    }
    const reconciled: string[] = [];
    const manager = Manager.create({
      container: new Container(),
      kubeConfig: await namespacedOperatorConfig(),
      probePort: false,
      logger: createLogger({ silent: true }),
      cacheSyncTimeoutMs: 20_000,
      cache: { namespaces: [watched], byKind: [{ kind: Secret, labelSelector: selector }] },
    });
    manager.add(ControllerBuilder.for(Secret).named('secrets').build(), {
      async reconcile(obj: KubernetesObject) {
        reconciled.push(`${obj.metadata?.namespace}/${obj.metadata?.name}`);
      },
    });
    // Syncing at all proves the scope: the ServiceAccount may not list Secrets cluster-wide, so an
    // all-namespaces informer would get 403 forever and start() would time out.
    await manager.start();
    try {
      for (const [ns, name, labelled] of [
        [watched, 'ours-after', true],
        [watched, 'foreign-after', false],
        [other, 'ours-elsewhere-after', true],
      ] as const) {
        await admin.create(Secret, secret(ns, name, labelled));
      }
      const cachedNames = () =>
        manager.cache.list(Secret).map((s) => `${s.metadata?.namespace}/${s.metadata?.name}`);
      await until(() => cachedNames().includes(`${watched}/ours-after`), 'the labelled Secret created later');
      // A foreign object created after ours would have arrived first on the same watch: give it time anyway.
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(cachedNames().sort()).toEqual([`${watched}/ours-after`, `${watched}/ours-before`]);
      await until(() => reconciled.includes(`${watched}/ours-after`), 'the reconcile of the later Secret');
      expect([...new Set(reconciled)].sort()).toEqual([`${watched}/ours-after`, `${watched}/ours-before`]);
      expect(manager.cache.get(Secret, { namespace: watched, name: 'foreign-before' })).toBeUndefined();
      expect(() => manager.cache.informerFor(Secret, { namespace: other })).toThrow(
        /restricted to namespaces scope-watched/,
      );
      expect(() => manager.cache.informerFor(Secret)).toThrow(/use cache.informersFor\(kind\)/);
      expect(manager.cache.informersFor(Secret).map((i) => i.options.namespace)).toEqual([watched]);
    } finally {
      await manager.stop();
    }
  });

  it('refuses a namespace that is not a namespace name and a kind filtered twice', () => {
    const options = { container: new Container(), kubeConfig: cp.kubeConfig, probePort: false as const };
    expect(() => Manager.create({ ...options, cache: { namespaces: ['Team A'] } })).toThrow(
      /namespaces: "Team A" is not a namespace name/,
    );
    expect(() =>
      Manager.create({
        ...options,
        cache: {
          byKind: [
            { kind: Secret, labelSelector: 'a=b' },
            { kind: Secret, labelSelector: 'c=d' },
          ],
        },
      }),
    ).toThrow(/byKind lists .*Secret twice/);
  });
});
