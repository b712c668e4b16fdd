// The plugin on a real API server with the project's CRDs, run as its own operator.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  loadYaml,
  RbacAuthorizationV1Api,
  type KubeConfig,
  type V1ClusterRole,
  type V1ConfigMap,
  type V1Secret,
} from '@kubernetes/client-node';
import { ClaimPhase, ResourceClaimKind, type ResourceClaim } from '@score-orchestrator/api';
import { createPluginOperator } from '@score-orchestrator/plugin-host';
import { BuiltinKinds, createLogger, KubeClient, type Manager } from '@score-orchestrator/operator-sdk';
import { ControlPlane, eventually as pollUntil } from '@score-orchestrator/testing';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { apiKeyDigest, apiKeyId } from './api-key.js';
import { registrationName } from './api-key.resolver.js';
import { plugin } from './plugin.js';

const crds = fileURLToPath(new URL('../../../crds', import.meta.url));
const rbac = fileURLToPath(new URL('../deploy/rbac.yaml', import.meta.url));
const namespace = 'default';

/** A kubeconfig of a user bound to nothing but the ClusterRole of deploy/rbac.yaml. */
async function operatorKubeConfig(cp: ControlPlane) {
  const role = loadYaml<V1ClusterRole>(await readFile(rbac, 'utf8'));
  const api = cp.kubeConfig.makeApiClient(RbacAuthorizationV1Api);
  await api.createClusterRole({ body: role });
  await api.createClusterRoleBinding({
    body: {
      metadata: { name: 'api-key-resolver' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: role.metadata!.name! },
      subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'api-key-resolver' }],
    },
  });
  return cp.userKubeConfig('api-key-resolver');
}

/** Polls `probe` until it returns something other than `undefined`/`false`. */
async function eventually<T>(
  probe: () => Promise<T | undefined | false>,
  what: string,
  timeoutMs = 60_000,
): Promise<T> {
  return pollUntil(probe, what, { timeoutMs, intervalMs: 50 });
}

describe('api-key resolver on a real API server', () => {
  let cp: ControlPlane;
  let client: KubeClient;
  let operator: Manager;
  let kubeConfig: KubeConfig; // the operator's: least privilege, as deploy/rbac.yaml grants

  // #region setup
  const startOperator = async () => {
    operator = createPluginOperator(plugin, {
      kubeConfig,
      probePort: false,
      logger: createLogger({ silent: true }),
    });
    await operator.start();
  };

  beforeAll(async () => {
    cp = await ControlPlane.start({ crds }); // the project's CRDs, ResourceClaim among them
    client = new KubeClient(cp.kubeConfig, { fieldManager: 'test' });
    kubeConfig = await operatorKubeConfig(cp);
    await startOperator();
  });

  afterAll(async () => {
    await operator?.stop();
    await cp?.stop();
  });
  // #endregion setup

  // #region claim
  // What the orchestrator writes for a Workload's `resources: { api: { type: api-key, params: ... } }`.
  const createClaim = (name: string, params: Record<string, unknown>) =>
    client.create<ResourceClaim>(ResourceClaimKind, {
      apiVersion: 'score.dev/v1b1',
      kind: 'ResourceClaim',
      metadata: { name, namespace },
      spec: { type: 'api-key', class: 'default', params, deprovisionPolicy: 'Delete' },
    });
  const claimIn = async (name: string, phase: ClaimPhase) => {
    const claim = await client.get<ResourceClaim>(ResourceClaimKind, { namespace, name });
    return claim?.status?.phase === phase && claim;
  };
  // #endregion claim
  const keyOf = async (claim: string) => {
    const secret = await client.get<V1Secret>(BuiltinKinds.Secret, { namespace, name: `${claim}-outputs` });
    return Buffer.from(secret!.data!.key, 'base64').toString('utf8');
  };
  const registrationOf = (claim: string) =>
    client.get<V1ConfigMap>(BuiltinKinds.ConfigMap, { namespace, name: registrationName(claim) });

  // #region bound
  it('binds the claim with public outputs and the key in the outputs Secret', async () => {
    await createClaim('orders-api', { scopes: ['orders:write', 'orders:read'] });
    const bound = await eventually(() => claimIn('orders-api', ClaimPhase.Bound), 'claim Bound');

    const key = await keyOf('orders-api');
    expect(bound.status).toMatchObject({
      resolver: 'example-api-key',
      outputs: { key_id: apiKeyId(key), header: 'Authorization' },
      secretName: 'orders-api-outputs',
      secretOutputKeys: ['key'],
    });
    expect(JSON.stringify(bound)).not.toContain(key); // secret outputs never reach the status
  });
  // #endregion bound

  it('registers the key in a ConfigMap and keeps it in a Secret, both controlled by the claim', async () => {
    const claim = await client.get<ResourceClaim>(ResourceClaimKind, { namespace, name: 'orders-api' });
    const controlledByClaim = {
      kind: 'ResourceClaim',
      name: 'orders-api',
      uid: claim?.metadata.uid,
      controller: true,
    };
    const secret = await client.get<V1Secret>(BuiltinKinds.Secret, {
      namespace,
      name: 'orders-api-outputs',
    });
    expect(secret?.metadata?.ownerReferences).toEqual([expect.objectContaining(controlledByClaim)]);
    const registration = await registrationOf('orders-api');
    expect(registration?.metadata?.ownerReferences).toEqual([expect.objectContaining(controlledByClaim)]);
    expect(registration?.data).toEqual({
      sha256: apiKeyDigest(await keyOf('orders-api')),
      scopes: 'orders:read orders:write',
    });
  });

  // #region stable
  it('keeps the key across re-reconciles and operator restarts', async () => {
    const key = await keyOf('orders-api');

    // A spec change re-runs provision: new scopes, same key.
    await client.patch(
      ResourceClaimKind,
      { namespace, name: 'orders-api' },
      { spec: { params: { scopes: ['orders:read'] } } },
    );
    await eventually(
      async () => (await registrationOf('orders-api'))?.data?.scopes === 'orders:read',
      'new scopes',
    );
    expect(await keyOf('orders-api')).toBe(key);

    // A new operator process reads the key back from the claim's Secret.
    await operator.stop();
    await startOperator();
    await client.delete(BuiltinKinds.ConfigMap, { namespace, name: registrationName('orders-api') });
    // An owned object changed (`owns`): provision runs again and registers the same key.
    const registration = await eventually(() => registrationOf('orders-api'), 'registration re-created');
    expect(registration.data?.sha256).toBe(apiKeyDigest(key));
    expect(await keyOf('orders-api')).toBe(key);
  });
  // #endregion stable

  // #region failed
  it('fails a claim with bad scopes, naming the param, until its spec is fixed', async () => {
    await createClaim('bad-scopes', { scopes: ['orders:read', 42] });
    const failed = await eventually(() => claimIn('bad-scopes', ClaimPhase.Failed), 'claim Failed');
    expect(failed.status?.reason).toBe('ProvisionFailed');
    expect(failed.status?.message).toContain('params.scopes[1] must be a scope name like "orders:read"');

    await client.patch(
      ResourceClaimKind,
      { namespace, name: 'bad-scopes' },
      { spec: { params: { scopes: ['orders:read'] } } },
    );
    await eventually(() => claimIn('bad-scopes', ClaimPhase.Bound), 'claim Bound once fixed');
  });
  // #endregion failed
});
