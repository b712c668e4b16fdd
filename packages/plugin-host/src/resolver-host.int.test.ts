import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { V1ConfigMap, V1Secret } from '@kubernetes/client-node';
import { BuiltinKinds, type Manager } from '@score-orchestrator/operator-sdk';
import { type ResourceClaim, ResourceClaimKind, type DeprovisionPolicy } from '@score-orchestrator/api';
import { configMapName, READY_ANNOTATION, TestConfigResolver } from './fixtures/test-config.resolver.js';
import { TestDatabaseResolver } from './fixtures/test-database.resolver.js';
import { TestPasswordResolver } from './fixtures/test-password.resolver.js';
import { TestSecondLookResolver } from './fixtures/test-second-look.resolver.js';
import { plugin } from './fixtures/test-plugin.js';
import { eventually, sleep, startHostTestCluster, type HostTestCluster } from './fixtures/test-cluster.js';
import { CLAIM_LABEL, deleteOutputsSecret } from './internal/outputs-secret.js';
import { createPluginOperator } from './plugin-operator.js';
import { createResolverHost } from './resolver-host.js';

const FINALIZER = 'score.dev/resolver-host';
const resolvers = [TestConfigResolver, TestPasswordResolver, TestSecondLookResolver, TestDatabaseResolver];

describe('resolver host on a real API server', () => {
  let cluster: HostTestCluster;
  let manager: Manager;
  let ns: string;

  beforeAll(async () => {
    cluster = await startHostTestCluster();
    ns = await cluster.namespace('claims');
    manager = await cluster.startHost(createResolverHost(resolvers));
  });
  afterAll(() => cluster?.stop());

  const createClaim = (name: string, spec: Partial<ResourceClaim['spec']> & { type: string }) =>
    cluster.client.create<ResourceClaim>(ResourceClaimKind, {
      apiVersion: 'score.dev/v1b1',
      kind: 'ResourceClaim',
      metadata: { name, namespace: ns },
      spec: { class: 'default', deprovisionPolicy: 'Delete', ...spec },
    });
  const getClaim = (name: string) =>
    cluster.client.get<ResourceClaim>(ResourceClaimKind, { namespace: ns, name });
  const claimIn = async (name: string, phase: string) => {
    const claim = await getClaim(name);
    return claim?.status?.phase === phase && claim;
  };
  const markReady = (claimName: string) =>
    cluster.client.patch(
      BuiltinKinds.ConfigMap,
      { namespace: ns, name: configMapName(claimName) },
      { metadata: { annotations: { [READY_ANNOTATION]: 'true' } } },
    );

  it('binds a claim only once its resolver reports ready, publishing outputs', async () => {
    await createClaim('cfg', { type: 'test-config', params: { value: 'v1' } });
    const provisioning = await eventually(() => claimIn('cfg', 'Provisioning'), 'claim Provisioning');
    expect(provisioning.status).toMatchObject({
      reason: 'Provisioning',
      resolver: 'test-config',
      message: `waiting for annotation ${READY_ANNOTATION}`,
      observedGeneration: 1,
    });
    expect(provisioning.metadata.finalizers).toEqual([FINALIZER]);
    const configMap = await cluster.client.get<V1ConfigMap>(BuiltinKinds.ConfigMap, {
      namespace: ns,
      name: 'cfg-config',
    });
    expect(configMap?.metadata?.ownerReferences?.[0]).toMatchObject({
      kind: 'ResourceClaim',
      name: 'cfg',
      controller: true,
    });

    await markReady('cfg'); // an owned object changes: the host reconciles the claim
    const bound = await eventually(() => claimIn('cfg', 'Bound'), 'claim Bound');
    expect(bound.status).toMatchObject({ reason: 'Bound', outputs: { configMap: 'cfg-config' } });
    expect(bound.status?.conditions).toEqual([
      expect.objectContaining({ type: 'Ready', status: 'True', reason: 'Bound', observedGeneration: 1 }),
      expect.objectContaining({ type: 'OutputsAvailable', status: 'True', reason: 'Bound' }),
    ]);
    expect(bound.status?.secretName).toBeUndefined();
    // While it was provisioning, its outputs were published but not available to Workloads.
    expect(provisioning.status?.conditions).toContainEqual(
      expect.objectContaining({ type: 'OutputsAvailable', status: 'False', reason: 'Provisioning' }),
    );
  });

  it('makes the outputs available while provisioning when the resolver reports them final', async () => {
    await createClaim('early', { type: 'test-config', params: { value: 'v1', final: true } });
    const provisioning = await eventually(() => claimIn('early', 'Provisioning'), 'claim Provisioning');
    expect(provisioning.status?.outputs).toEqual({ configMap: 'early-config' });
    const condition = (claim: ResourceClaim, type: string) =>
      claim.status?.conditions?.find((c) => c.type === type);
    expect(condition(provisioning, 'OutputsAvailable')).toMatchObject({
      status: 'True',
      reason: 'OutputsFinal',
      observedGeneration: 1,
    });
    expect(condition(provisioning, 'Ready')).toMatchObject({ status: 'False', reason: 'Provisioning' });

    await markReady('early');
    const bound = await eventually(() => claimIn('early', 'Bound'), 'claim Bound');
    expect(condition(bound, 'OutputsAvailable')).toMatchObject({
      status: 'True',
      reason: 'Bound',
      lastTransitionTime: condition(provisioning, 'OutputsAvailable')!.lastTransitionTime,
    });
  });

  it('writes nothing when a reconcile changes nothing', async () => {
    const before = await getClaim('cfg');
    const calls = TestConfigResolver.provisions.get(`${ns}/cfg`) ?? 0;
    await cluster.client.patch(
      BuiltinKinds.ConfigMap,
      { namespace: ns, name: 'cfg-config' },
      { metadata: { labels: { touched: 'yes' } } },
    );
    await eventually(() => (TestConfigResolver.provisions.get(`${ns}/cfg`) ?? 0) > calls, 'a reconcile');
    await sleep(300);
    expect((await getClaim('cfg'))?.metadata.resourceVersion).toBe(before?.metadata.resourceVersion);
  });

  it('keeps secret outputs in a Secret owned by the claim, generated once', async () => {
    await createClaim('db', { type: 'test-password' });
    const bound = await eventually(() => claimIn('db', 'Bound'), 'claim Bound');
    expect(bound.status).toMatchObject({
      secretName: 'db-outputs',
      secretOutputKeys: ['password'],
      outputs: { username: 'app', host: `db.${ns}` },
    });
    expect(bound.metadata.finalizers ?? []).toEqual([]); // no deprovision: owner references clean up
    const secret = await cluster.client.get<V1Secret>(BuiltinKinds.Secret, {
      namespace: ns,
      name: 'db-outputs',
    });
    expect(secret?.metadata?.ownerReferences?.[0]).toMatchObject({
      kind: 'ResourceClaim',
      name: 'db',
      uid: bound.metadata.uid,
      controller: true,
    });
    const password = Buffer.from(secret!.data!.password, 'base64').toString('utf8');
    expect(password).toMatch(/^[0-9a-f]{32}$/);
    expect(JSON.stringify(bound)).not.toContain(password);

    // A spec change re-runs provision: the password stays.
    await cluster.client.patch(
      ResourceClaimKind,
      { namespace: ns, name: 'db' },
      { spec: { params: { size: 'large' } } },
    );
    await eventually(
      async () => (await getClaim('db'))?.status?.observedGeneration === 2,
      'generation 2 observed',
    );
    expect(await passwordOf('db')).toBe(password);

    // A new host process (another manager) reads the existing Secret: the password stays.
    await manager.stop();
    await cluster.client.patch(
      ResourceClaimKind,
      { namespace: ns, name: 'db' },
      { spec: { params: { size: 'small' } } },
    );
    manager = cluster.track(createPluginOperator(plugin, { ...cluster.managerOptions }));
    await manager.start();
    await eventually(
      async () => (await getClaim('db'))?.status?.observedGeneration === 3,
      'generation 3 observed',
    );
    expect(await passwordOf('db')).toBe(password);
    await manager.stop();
    manager = await cluster.startHost(createResolverHost(resolvers));
  });

  it('reports ResolverNotFound without a finalizer, so deletion is never blocked', async () => {
    await createClaim('nope', { type: 'mystery', class: 'large', id: 'shared-1' });
    const pending = await eventually(() => claimIn('nope', 'Pending'), 'claim Pending');
    expect(pending.status?.reason).toBe('ResolverNotFound');
    expect(pending.status?.message).toContain('type "mystery", class "large", id "shared-1"');
    expect(pending.metadata.finalizers ?? []).toEqual([]);

    await createClaim('pinned', { type: 'test-config', resolver: 'not-installed' });
    const pinned = await eventually(() => claimIn('pinned', 'Pending'), 'pinned claim Pending');
    expect(pinned.status?.message).toContain(
      'resolver "not-installed" chosen for type "test-config" is not installed',
    );

    await cluster.client.delete(ResourceClaimKind, { namespace: ns, name: 'nope' });
    await eventually(async () => (await getClaim('nope')) === undefined, 'claim gone');
  });

  it('turns a claim Failed on a terminal error', async () => {
    await createClaim('bad', { type: 'test-config', params: { invalid: true } });
    const failed = await eventually(() => claimIn('bad', 'Failed'), 'claim Failed');
    expect(failed.status).toMatchObject({ reason: 'ProvisionFailed', resolver: 'test-config' });
    expect(failed.status?.message).toContain('param "invalid" must not be true');
  });

  it.each<[DeprovisionPolicy, boolean]>([
    ['Delete', false],
    ['Retain', true],
    ['Orphan', true],
  ])('deprovisions with policy %s (backing ConfigMap kept: %s)', async (policy, kept) => {
    const name = `dep-${policy.toLowerCase()}`;
    await createClaim(name, { type: 'test-config', deprovisionPolicy: policy });
    await eventually(
      async () => (await getClaim(name))?.metadata.finalizers?.includes(FINALIZER),
      'finalizer added',
    );
    await eventually(
      () => cluster.client.get(BuiltinKinds.ConfigMap, { namespace: ns, name: configMapName(name) }),
      'ConfigMap created',
    );
    await cluster.client.delete(ResourceClaimKind, { namespace: ns, name });
    await eventually(async () => (await getClaim(name)) === undefined, 'claim gone');
    const configMap = await cluster.client.get<V1ConfigMap>(BuiltinKinds.ConfigMap, {
      namespace: ns,
      name: configMapName(name),
    });
    expect(configMap !== undefined).toBe(kept);
    if (configMap) expect(configMap.metadata?.ownerReferences).toBeUndefined();
  });

  // A Workload deleted and applied again at once: a claim of the same name follows one just deleted. The
  // control plane here has no garbage collector, so whatever the old claim's deletion leaves to it stays.
  it('binds a claim created again under the name of one just deleted, and the old claim deletes nothing of the new', async () => {
    const name = 'reborn';
    await createClaim(name, { type: 'test-database' });
    const old = await eventually(() => claimIn(name, 'Bound'), 'first claim Bound');
    const oldPassword = await passwordOf(name);
    await cluster.client.delete(ResourceClaimKind, { namespace: ns, name });
    await eventually(async () => (await getClaim(name)) === undefined, 'first claim gone');
    expect(TestDatabaseResolver.deprovisions.get(`${ns}/${name}`)).toBeGreaterThanOrEqual(1);

    await createClaim(name, { type: 'test-database' });
    const bound = await boundNeverFailed(name);
    expect((await secretOf(name))?.metadata?.ownerReferences?.[0]?.uid).toBe(bound.metadata.uid);
    expect(await passwordOf(name)).not.toBe(oldPassword); // Delete: the old credentials went with the claim

    // A late clean-up for the old claim (e.g. a finalize from a cached copy) leaves the new claim's Secret.
    expect(await deleteOutputsSecret(cluster.client, old)).toBe('notOwned');
    expect((await secretOf(name))?.metadata?.uid).toBeDefined();
    expect((await getClaim(name))?.status?.phase).toBe('Bound');
  });

  // Without `deprovision` the old claim's outputs Secret waits for a garbage collector (none here): the new
  // claim of that name was refused as NameConflict until it came.
  it('binds a claim created again under the name of one without deprovision at once, deleting only its stale outputs Secret', async () => {
    const name = 'again';
    const old = await createClaim(name, { type: 'test-password' });
    await eventually(() => claimIn(name, 'Bound'), 'first claim Bound');
    await cluster.client.delete(ResourceClaimKind, { namespace: ns, name });
    await eventually(async () => (await getClaim(name)) === undefined, 'first claim gone');
    const stale = await secretOf(name);
    expect(stale?.metadata?.ownerReferences?.[0]?.uid).toBe(old.metadata.uid); // no collector came

    const renewed = await createClaim(name, { type: 'test-password' });
    const bound = await boundNeverFailed(name);
    expect(bound.metadata.uid).toBe(renewed.metadata.uid);
    const secret = await secretOf(name);
    expect(secret?.metadata?.uid).not.toBe(stale?.metadata?.uid);
    expect(secret?.metadata?.ownerReferences).toEqual([
      expect.objectContaining({ kind: 'ResourceClaim', name, uid: bound.metadata.uid, controller: true }),
    ]);

    // Someone else's Secret under the name is still refused and left as it was: no owner, a controller of
    // another name, one of another kind, or another owner beside a gone claim of this name.
    const ownerRef = (kind: string, owner: string, controller: boolean) => ({
      apiVersion: kind === 'ResourceClaim' ? 'score.dev/v1b1' : 'v1',
      kind,
      name: owner,
      uid: `00000000-0000-0000-0000-${randomBytes(6).toString('hex')}`,
      controller,
    });
    const foreign = {
      'no-owner': [],
      'other-name': [ownerRef('ResourceClaim', 'someone', true)],
      'other-kind': [ownerRef('ConfigMap', 'other-kind', true)],
      'co-owned': [ownerRef('ResourceClaim', 'co-owned', true), ownerRef('ConfigMap', 'keeper', false)],
    };
    const before = await Promise.all(
      Object.entries(foreign).map(([claim, ownerReferences]) =>
        cluster.client.create<V1Secret>(BuiltinKinds.Secret, {
          metadata: {
            name: `${claim}-outputs`,
            namespace: ns,
            ownerReferences,
            // The identity label too, but not without an owner (a Retain's Secret: adoptable).
            labels: ownerReferences.length > 0 ? { [CLAIM_LABEL]: claim } : {},
          },
          stringData: { password: 'theirs' },
        }),
      ),
    );
    for (const claim of Object.keys(foreign)) await createClaim(claim, { type: 'test-password' });
    for (const claim of Object.keys(foreign)) {
      const refused = await eventually(() => claimIn(claim, 'Failed'), `${claim} refused`);
      expect(refused.status?.reason).toBe('NameConflict');
    }
    const after = await Promise.all(Object.keys(foreign).map(secretOf));
    expect(after.map((secret) => secret?.metadata?.resourceVersion)).toEqual(
      before.map((secret) => secret.metadata?.resourceVersion),
    );
  });

  // Claims were left "starting" behind ready backing services: a reconcile whose cached claim predated the
  // host's own first status write (which latches resolver and policy) took that write for a re-selection
  // made meanwhile and dropped its outcome, and a status write queues no reconcile.
  it('binds a claim whose last reconcile started from a copy older than its first status write', async () => {
    // Many claims: the stale copy is a race, lost by about one claim in three.
    const names = Array.from({ length: 16 }, (_, i) => `look-${i}`);
    for (const name of names) await createClaim(name, { type: 'test-second-look' });
    const provisions = (name: string) => TestSecondLookResolver.provisions.get(`${ns}/${name}`) ?? 0;
    await eventually(() => names.every((name) => provisions(name) >= 2), 'second provisions');
    // Nothing else happens to these claims: each one's last reconcile found it ready, so it is Bound soon
    // after, or never.
    const states = async () =>
      (await Promise.all(names.map(getClaim))).map(
        (claim) => `${claim?.metadata.name}: ${claim?.status?.phase} (${claim?.status?.message})`,
      );
    const bound = names.map((name) => `${name}: Bound (ready)`);
    await eventually(
      async () => JSON.stringify(await states()) === JSON.stringify(bound),
      'claims Bound',
      30_000, // ends once all are Bound: 16 status writes take a while on a loaded CI machine
    ).catch(() => undefined); // the assertion below names the claims left behind
    expect(await states()).toEqual(bound);
  });

  /** The claim `name` once Bound within 10 s (NameConflict looks again after 60 s), never Failed on the way. */
  async function boundNeverFailed(name: string): Promise<ResourceClaim> {
    const phases = new Set<string>();
    const bound = await eventually(
      async () => {
        const claim = await getClaim(name);
        phases.add(`${claim?.status?.phase}/${claim?.status?.reason}`);
        return claim?.status?.phase === 'Bound' && claim;
      },
      'second claim Bound',
      10_000,
    );
    expect([...phases].filter((phase) => phase.startsWith('Failed'))).toEqual([]);
    return bound;
  }

  function secretOf(claim: string): Promise<V1Secret | undefined> {
    return cluster.client.get<V1Secret>(BuiltinKinds.Secret, { namespace: ns, name: `${claim}-outputs` });
  }

  async function passwordOf(claim: string): Promise<string> {
    const secret = await secretOf(claim);
    return Buffer.from(secret!.data!.password, 'base64').toString('utf8');
  }
});
