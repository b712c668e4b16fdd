// The rendered RBAC on a real API server: people who write Workloads see Workloads only, and the
// orchestrator's ServiceAccount may make every call the orchestrator and its built-in plugins make, and
// little else.
import type { KubernetesObject, KubeConfig } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { BuiltinKinds, KubeClient, type ResourceKind } from '@score-orchestrator/operator-sdk';
import { ControlPlane } from '@score-orchestrator/testing';

import {
  allowedAmong,
  deniedAmong,
  serviceAccountKubeConfig,
  statusOf,
  type AccessRequest,
} from './access-review.js';
import { applyRendered, installFoundations } from './apply-rendered.js';
import { buildKustomizeBase, installNamespace, type RenderedObject } from './rendered-manifests.js';

jest.setTimeout(900_000);

const kind = (group: string, version: string, k: string, plural: string): ResourceKind => ({
  apiVersion: group ? `${group}/${version}` : version,
  kind: k,
  plural,
  namespaced: true,
});
const Workloads = kind('score.dev', 'v1b1', 'Workload', 'workloads');
const ResourceClaims = kind('score.dev', 'v1b1', 'ResourceClaim', 'resourceclaims');
const WorkloadPlans = kind('score.dev', 'v1b1', 'WorkloadPlan', 'workloadplans');
const Leases = kind('coordination.k8s.io', 'v1', 'Lease', 'leases');
const Events = kind('events.k8s.io', 'v1', 'Event', 'events');

const team = 'team-a';
const otherTeam = 'team-b';

const workload = (name: string, namespace = team): KubernetesObject & { spec: object } => ({
  apiVersion: 'score.dev/v1b1',
  kind: 'Workload',
  metadata: { name, namespace },
  spec: { containers: { main: { image: 'nginx:1.27' } } },
});
const claim = (name: string, namespace = team): KubernetesObject & { spec: object } => ({
  apiVersion: 'score.dev/v1b1',
  kind: 'ResourceClaim',
  metadata: { name, namespace },
  spec: { type: 'postgres', class: 'default', deprovisionPolicy: 'Delete' },
});
const secret = (name: string, namespace = team): KubernetesObject => ({
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: { name, namespace },
});

describe('RBAC personas on a real API server', () => {
  let cp: ControlPlane;
  let admin: KubeClient;
  let rendered: RenderedObject[];
  const clientOf = (kubeConfig: KubeConfig) => {
    const client = new KubeClient(kubeConfig, { fieldManager: 'persona' });
    for (const k of [Workloads, ResourceClaims, WorkloadPlans]) client.registerKind(k);
    return client;
  };

  beforeAll(async () => {
    rendered = await buildKustomizeBase();
    cp = await ControlPlane.start();
    await installFoundations(cp, rendered);
    admin = clientOf(cp.kubeConfig);
    // For real this time: the roles, bindings and ServiceAccount are what is under test.
    const outcomes = await applyRendered(
      admin,
      rendered.filter((o) =>
        ['ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding', 'ServiceAccount'].includes(o.kind!),
      ),
      { dryRun: false },
    );
    expect(outcomes.filter((o) => o.error)).toEqual([]);
    for (const name of [team, otherTeam]) await admin.create(BuiltinKinds.Namespace, { metadata: { name } });
    const bind = (name: string, role: string, subject: { kind: 'User' | 'Group'; name: string }) =>
      admin.create(kind('rbac.authorization.k8s.io', 'v1', 'RoleBinding', 'rolebindings'), {
        metadata: { name, namespace: team },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: role },
        subjects: [{ apiGroup: 'rbac.authorization.k8s.io', ...subject }],
      });
    await bind('developers-edit-workloads', 'score-workload-editor', { kind: 'Group', name: 'developers' });
    await bind('victor-views-workloads', 'score-workload-viewer', { kind: 'User', name: 'victor' });
    await admin.create(Workloads, workload('existing'));
  });

  afterAll(() => cp?.stop());

  describe('an editor (group developers, bound to score-workload-editor in team-a)', () => {
    let alice: KubeClient;
    let aliceConfig: KubeConfig;
    beforeAll(async () => {
      aliceConfig = await cp.userKubeConfig('alice', ['developers']);
      alice = clientOf(aliceConfig);
    });

    it('creates, reads, updates, patches and deletes Workloads', async () => {
      const created = await alice.create(Workloads, workload('shop'));
      expect(created.metadata?.uid).toBeDefined();
      expect((await alice.list(Workloads, { namespace: team })).items.length).toBe(2);
      const updated = await alice.update(Workloads, {
        ...created,
        spec: { containers: { main: { image: 'nginx:1.28' } } },
      } as KubernetesObject);
      expect(updated.metadata?.generation).toBe(2);
      await alice.patch(
        Workloads,
        { namespace: team, name: 'shop' },
        { metadata: { labels: { tier: 'web' } } },
        {
          type: 'merge',
        },
      );
      await alice.apply(workload('shop'), { fieldManager: 'alice-apply' });
      expect(await alice.delete(Workloads, { namespace: team, name: 'shop' })).toBe(true);
      expect(
        await deniedAmong(aliceConfig, [
          { group: 'score.dev', resource: 'workloads', verb: 'watch', namespace: team },
        ]),
      ).toEqual([]);
    });

    it('is refused ResourceClaims, WorkloadPlans and Secrets (403)', async () => {
      expect(await statusOf(alice.list(ResourceClaims, { namespace: team }))).toBe(403);
      expect(await statusOf(alice.create(ResourceClaims, claim('db')))).toBe(403);
      expect(await statusOf(alice.list(WorkloadPlans, { namespace: team }))).toBe(403);
      expect(await statusOf(alice.get(WorkloadPlans, { namespace: team, name: 'existing' }))).toBe(403);
      expect(await statusOf(alice.list(BuiltinKinds.Secret, { namespace: team }))).toBe(403);
      expect(await statusOf(alice.create(BuiltinKinds.Secret, secret('creds')))).toBe(403);
    });

    it('cannot write Workload status, nor touch Workloads outside the bound namespace', async () => {
      const current = (await alice.get(Workloads, { namespace: team, name: 'existing' }))!;
      expect(
        await statusOf(
          alice.updateStatus(Workloads, { namespace: team, name: 'existing' }, (w) => ({
            ...w,
            status: { endpoint: 'x' },
          })),
        ),
      ).toBe(403);
      expect(current.metadata?.name).toBe('existing');
      expect(await statusOf(alice.create(Workloads, workload('shop', otherTeam)))).toBe(403);
      expect(await statusOf(alice.list(Workloads, { namespace: otherTeam }))).toBe(403);
    });
  });

  describe('a viewer (user victor, bound to score-workload-viewer in team-a)', () => {
    let victor: KubeClient;
    let victorConfig: KubeConfig;
    beforeAll(async () => {
      victorConfig = await cp.userKubeConfig('victor');
      victor = clientOf(victorConfig);
    });

    it('gets, lists and watches Workloads', async () => {
      expect((await victor.get(Workloads, { namespace: team, name: 'existing' }))?.metadata?.name).toBe(
        'existing',
      );
      expect(
        (await victor.list(Workloads, { namespace: team })).items.map((w) => w.metadata?.name),
      ).toContain('existing');
      const read = ['get', 'list', 'watch'].map((verb) => ({
        group: 'score.dev',
        resource: 'workloads',
        verb,
        namespace: team,
      }));
      expect(await deniedAmong(victorConfig, read)).toEqual([]);
    });

    it("reads the Events of the team's namespace, as kubectl describe workload does, and no other's", async () => {
      const involved = { kind: 'Workload', namespace: team, name: 'existing' };
      await admin.create(kind('', 'v1', 'Event', 'events'), {
        metadata: { namespace: team, name: 'existing.orchestrator' },
        involvedObject: { apiVersion: 'score.dev/v1b1', ...involved },
        reason: 'ClaimsReady',
        message: 'every claim is bound',
        type: 'Normal',
      } as KubernetesObject);
      const coreEvents = kind('', 'v1', 'Event', 'events');
      const seen = await victor.list(coreEvents, {
        namespace: team,
        fieldSelector: `involvedObject.name=existing,involvedObject.kind=Workload`,
      });
      expect(seen.items.map((e) => e.metadata?.name)).toEqual(['existing.orchestrator']);
      const reads = (namespace: string) =>
        ['', 'events.k8s.io'].flatMap((group) =>
          ['get', 'list', 'watch'].map((verb) => ({ group, resource: 'events', verb, namespace })),
        );
      expect(await deniedAmong(victorConfig, reads(team))).toEqual([]);
      expect(await allowedAmong(victorConfig, reads(otherTeam))).toEqual([]);
      expect(await statusOf(victor.list(coreEvents, { namespace: otherTeam }))).toBe(403);
      expect(await statusOf(victor.create(Events, { metadata: { namespace: team, name: 'x' } }))).toBe(403);
      const aliceConfig = await cp.userKubeConfig('alice', ['developers']);
      expect(await deniedAmong(aliceConfig, reads(team))).toEqual([]);
    });

    it('cannot create, update, patch or delete Workloads, nor read anything else', async () => {
      expect(await statusOf(victor.create(Workloads, workload('mine')))).toBe(403);
      const existing = (await victor.get(Workloads, { namespace: team, name: 'existing' }))!;
      expect(await statusOf(victor.update(Workloads, existing))).toBe(403);
      expect(
        await statusOf(
          victor.patch(
            Workloads,
            { namespace: team, name: 'existing' },
            { metadata: { labels: { a: 'b' } } },
            { type: 'merge' },
          ),
        ),
      ).toBe(403);
      expect(await statusOf(victor.delete(Workloads, { namespace: team, name: 'existing' }))).toBe(403);
      expect(await statusOf(victor.list(ResourceClaims, { namespace: team }))).toBe(403);
      expect(await statusOf(victor.list(WorkloadPlans, { namespace: team }))).toBe(403);
      expect(await statusOf(victor.list(BuiltinKinds.Secret, { namespace: team }))).toBe(403);
    });
  });

  describe("the orchestrator's ServiceAccount (score-system/score-orchestrator)", () => {
    let sa: KubeClient;
    let saConfig: KubeConfig;
    beforeAll(async () => {
      saConfig = await serviceAccountKubeConfig(cp.kubeConfig, installNamespace, 'score-orchestrator');
      sa = clientOf(saConfig);
    });

    const everywhere = (
      group: string,
      resource: string,
      verbs: string[],
      subresource?: string,
    ): AccessRequest[] => verbs.map((verb) => ({ group, resource, verb, subresource }));
    const inNamespace = (
      namespace: string,
      group: string,
      resource: string,
      verbs: string[],
    ): AccessRequest[] => verbs.map((verb) => ({ group, resource, verb, namespace }));
    const watch = ['get', 'list', 'watch'];
    const own = [...watch, 'create', 'patch', 'delete'];

    // Every call the orchestrator, the resolver and runtime hosts, resolver-dev and runtime-kubernetes make.
    const needed: AccessRequest[] = [
      ...everywhere('score.dev', 'workloads', [...watch, 'patch']),
      ...everywhere('score.dev', 'resourceclaims', [...own, 'update']),
      ...everywhere('score.dev', 'workloadplans', own),
      ...['workloads', 'resourceclaims', 'workloadplans'].flatMap((r) =>
        everywhere('score.dev', r, ['get', 'update', 'patch'], 'status'),
      ),
      ...['workloads', 'resourceclaims', 'workloadplans'].flatMap((r) =>
        everywhere('score.dev', r, ['update'], 'finalizers'),
      ),
      ...['secrets', 'services', 'configmaps', 'persistentvolumeclaims'].flatMap((r) =>
        everywhere('', r, own),
      ),
      ...everywhere('', 'pods', watch),
      ...everywhere('', 'namespaces', watch),
      ...['deployments', 'statefulsets'].flatMap((r) => everywhere('apps', r, own)),
      ...['jobs', 'cronjobs'].flatMap((r) => everywhere('batch', r, own)),
      ...everywhere('networking.k8s.io', 'ingresses', own),
      ...everywhere('gateway.networking.k8s.io', 'httproutes', ['get', 'create', 'patch', 'delete']),
      ...everywhere('events.k8s.io', 'events', ['create', 'patch']),
      ...inNamespace(installNamespace, 'coordination.k8s.io', 'leases', ['get', 'create', 'update']),
      ...inNamespace(installNamespace, '', 'configmaps', watch),
    ];

    it('may make every call the orchestrator makes', async () => {
      expect(await deniedAmong(saConfig, needed)).toEqual([]);
    });

    it('may not do what the orchestrator never does', async () => {
      const refused: AccessRequest[] = [
        ...everywhere('score.dev', 'workloads', ['create', 'update', 'delete', 'deletecollection']),
        ...everywhere('score.dev', 'resourceclaims', ['deletecollection']),
        ...everywhere('', 'secrets', ['deletecollection']),
        ...everywhere('', 'pods', ['create', 'delete', 'patch']),
        ...everywhere('', 'pods', ['create'], 'exec'),
        ...everywhere('', 'serviceaccounts', ['create'], 'token'),
        ...everywhere('', 'namespaces', ['create', 'delete']),
        ...everywhere('', 'nodes', ['list']),
        ...everywhere('', 'events', ['create']),
        ...everywhere('apps', 'daemonsets', ['create']),
        ...everywhere('rbac.authorization.k8s.io', 'clusterroles', ['create', 'bind', 'escalate']),
        ...everywhere('rbac.authorization.k8s.io', 'rolebindings', ['create']),
        ...everywhere('apiextensions.k8s.io', 'customresourcedefinitions', ['create', 'update']),
        ...everywhere('admissionregistration.k8s.io', 'validatingadmissionpolicies', ['create']),
        ...inNamespace(team, 'coordination.k8s.io', 'leases', ['get', 'create', 'update']),
        ...inNamespace(installNamespace, 'coordination.k8s.io', 'leases', ['delete', 'list']),
      ];
      expect(await allowedAmong(saConfig, refused)).toEqual([]);
    });

    it("makes the orchestrator's calls for real: watch, claims, finalizers, status, plans, events, leases", async () => {
      // Cluster-wide list and watch of what the caches hold.
      for (const k of [
        Workloads,
        ResourceClaims,
        WorkloadPlans,
        BuiltinKinds.Secret,
        BuiltinKinds.Deployment,
        BuiltinKinds.Pod,
      ]) {
        expect(await statusOf(sa.list(k, {}))).toBe(200);
      }
      await expect(sa.watch(Workloads, { timeoutSeconds: 1 }, () => undefined).done).resolves.toBeUndefined();
      // A claim: created, updated, finalizer added by JSON patch, status written, deleted.
      const key = { namespace: team, name: 'existing-db' };
      const created = await sa.create(ResourceClaims, claim('existing-db'));
      await sa.update(ResourceClaims, { ...created, metadata: { ...created.metadata, labels: { a: 'b' } } });
      const finalized = await sa.ensureFinalizer(
        ResourceClaims,
        (await sa.get(ResourceClaims, key))!,
        'score.dev/test',
      );
      expect(finalized.metadata?.finalizers).toContain('score.dev/test');
      const status = await sa.updateStatus<KubernetesObject & { status?: object }>(
        ResourceClaims,
        key,
        (c) => ({
          ...c,
          status: { phase: 'Pending' },
        }),
      );
      expect(status.written).toBe(true);
      await sa.removeFinalizer(ResourceClaims, finalized, 'score.dev/test');
      expect(await sa.delete(ResourceClaims, key)).toBe(true);
      // The Workload's finalizer and status.
      const owner = (await sa.get(Workloads, { namespace: team, name: 'existing' }))!;
      await sa.ensureFinalizer(Workloads, owner, 'score.dev/orchestrator');
      await sa.removeFinalizer(Workloads, owner, 'score.dev/orchestrator');
      // Objects server-side applied into being (apply creates: RBAC checks create, then patch).
      const applied: Array<[ResourceKind, KubernetesObject & Record<string, unknown>]> = [
        [
          BuiltinKinds.Secret,
          {
            apiVersion: 'v1',
            kind: 'Secret',
            metadata: { name: 'outputs', namespace: team },
            stringData: { a: 'b' },
          },
        ],
        [
          BuiltinKinds.ConfigMap,
          {
            apiVersion: 'v1',
            kind: 'ConfigMap',
            metadata: { name: 'files', namespace: team },
            data: { a: 'b' },
          },
        ],
        [
          BuiltinKinds.Service,
          {
            apiVersion: 'v1',
            kind: 'Service',
            metadata: { name: 'web', namespace: team },
            spec: { ports: [{ port: 80 }] },
          },
        ],
      ];
      for (const [k, obj] of applied) {
        await sa.apply(obj);
        await sa.apply(obj);
        expect(await sa.delete(k, { namespace: team, name: obj.metadata!.name! })).toBe(true);
      }
      // Events about the Workload, and the leader election Lease in its own namespace only.
      const event = await sa.create<KubernetesObject>(Events, {
        metadata: { generateName: 'existing-', namespace: team },
        eventTime: new Date().toISOString().replace(/\.\d+Z$/, '.000000Z'),
        reportingController: 'score.dev/orchestrator',
        reportingInstance: 'score-orchestrator-0',
        action: 'Reconcile',
        reason: 'Test',
        type: 'Normal',
        regarding: { apiVersion: 'score.dev/v1b1', kind: 'Workload', namespace: team, name: 'existing' },
      } as KubernetesObject);
      await sa.patch(
        Events,
        { namespace: team, name: event.metadata!.name! },
        { series: { count: 2, lastObservedTime: new Date().toISOString().replace(/\.\d+Z$/, '.000000Z') } },
        { type: 'merge' },
      );
      const lease = await sa.create<KubernetesObject & { spec: object }>(Leases, {
        metadata: { name: 'score-orchestrator-leader', namespace: installNamespace },
        spec: { holderIdentity: 'a', leaseDurationSeconds: 15 },
      } as KubernetesObject & { spec: object });
      await sa.update(Leases, {
        ...lease,
        spec: { holderIdentity: 'b', leaseDurationSeconds: 15 },
      } as KubernetesObject);
      expect(
        await statusOf(
          sa.create(Leases, { metadata: { name: 'x', namespace: team }, spec: {} } as KubernetesObject),
        ),
      ).toBe(403);
      // Never a Workload of its own.
      expect(await statusOf(sa.create(Workloads, workload('by-orchestrator')))).toBe(403);
    });
  });
});
