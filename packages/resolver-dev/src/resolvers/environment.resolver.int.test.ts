// The environment resolver against a real kube-apiserver, as a user holding only what
// docs/platform/resource-types.md asks for: `get` on the two named objects (no list, no watch).
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { ResolverContext } from '@score-orchestrator/api';
import { BuiltinKinds, KubeClient, SharedCache } from '@score-orchestrator/operator-sdk';
import { ControlPlane, eventually } from '@score-orchestrator/testing';
import { resolverContextFixture } from '../fixtures/resolver-context.js';
import { requestFixture } from '../fixtures/resource-request.js';
import { EnvironmentResolver } from './environment.resolver.js';

jest.setTimeout(120_000);

const user = 'environment-reader';
let cp: ControlPlane;
let admin: KubeClient;
let ctx: ResolverContext;

/**
 * A namespace with a Role granting `user` only `get` on the environment objects, and those objects unless
 * `values` is undefined.
 */
async function environmentNamespace(namespace: string, values?: Record<string, string>, secret?: string) {
  await admin.create(BuiltinKinds.Namespace, { metadata: { name: namespace } });
  if (values) {
    await admin.create(BuiltinKinds.ConfigMap, {
      metadata: { name: 'score-environment', namespace },
      data: values,
    });
    await admin.create(BuiltinKinds.Secret, {
      metadata: { name: 'score-environment', namespace },
      stringData: { API_KEY: secret },
    });
  }
  const rbac = (kind: string, plural: string) => ({
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind,
    plural,
    namespaced: true,
  });
  await admin.create(rbac('Role', 'roles'), {
    metadata: { name: 'score-environment-reader', namespace },
    rules: [
      {
        apiGroups: [''],
        resources: ['configmaps', 'secrets'],
        resourceNames: ['score-environment'],
        verbs: ['get'],
      },
    ],
  });
  await admin.create(rbac('RoleBinding', 'rolebindings'), {
    metadata: { name: 'score-environment-reader', namespace },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'score-environment-reader' },
    subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: user }],
  });
}

beforeAll(async () => {
  cp = await ControlPlane.start();
  admin = new KubeClient(cp.kubeConfig, { fieldManager: 'test' });
  await environmentNamespace('team-a', { LOG_LEVEL: 'debug' }, 'SECRETteamA001');
  await environmentNamespace('platform-env', { LOG_LEVEL: 'info' }, 'SECRETplatform02');
  const client = new KubeClient(await cp.userKubeConfig(user), { fieldManager: 'resolver' });
  // The authorizer sees new RoleBindings a moment after they are created.
  await eventually(
    () =>
      client
        .get(BuiltinKinds.Secret, { namespace: 'platform-env', name: 'score-environment' })
        .catch(() => undefined),
    'the Roles in effect',
  );
  ctx = resolverContextFixture(client, new SharedCache({ client }));
});
afterAll(() => cp?.stop());

describe('environment resolver on a real API server', () => {
  it("reads the claim namespace's ConfigMap and Secret by name, with get alone", async () => {
    const result = await new EnvironmentResolver().provision(requestFixture('environment'), ctx);
    expect(result).toEqual({
      ready: true,
      outputs: { LOG_LEVEL: 'debug' },
      secretOutputs: { API_KEY: 'SECRETteamA001' },
      message:
        'values: 1 from ConfigMap team-a/score-environment, 1 (secret) from Secret team-a/score-environment',
      requeueAfterMs: 30_000,
    });
  });

  it('sees a changed value on the next call (read again every refreshIntervalMs)', async () => {
    const resolver = new EnvironmentResolver({ environment: { refreshIntervalMs: 1_000 } });
    await admin.patch(
      BuiltinKinds.ConfigMap,
      { namespace: 'team-a', name: 'score-environment' },
      { data: { LOG_LEVEL: 'trace', NEW_KEY: 'x' } },
    );
    const result = await resolver.provision(requestFixture('environment'), ctx);
    expect(result.outputs).toEqual({ LOG_LEVEL: 'trace', NEW_KEY: 'x' });
    expect(result.requeueAfterMs).toBe(1_000);
  });

  it('reads one platform namespace for every claim when the settings name it', async () => {
    const resolver = new EnvironmentResolver({ environment: { namespace: 'platform-env' } });
    const result = await resolver.provision(requestFixture('environment'), ctx);
    expect(result.outputs).toEqual({ LOG_LEVEL: 'info' });
    expect(result.secretOutputs).toEqual({ API_KEY: 'SECRETplatform02' });
  });

  it('waits, naming both objects, where neither exists', async () => {
    await environmentNamespace('nowhere');
    const resolver = new EnvironmentResolver({ environment: { namespace: 'nowhere' } });
    // The authorizer sees a new RoleBinding a moment after it is created.
    const result = await eventually(
      () => resolver.provision(requestFixture('environment'), ctx).catch(() => undefined),
      'the resolver allowed to read namespace nowhere',
    );
    expect(result).toEqual({
      ready: false,
      message:
        'waiting for ConfigMap nowhere/score-environment or Secret nowhere/score-environment: the platform creates them with the values workloads read',
      requeueAfterMs: 30_000,
    });
  });
});
