import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  ResourceClaimKind,
  WorkloadKind,
  WorkloadPlanKind,
  type ResourceClaim,
  type Workload,
  type WorkloadPlan,
} from '@score-orchestrator/api';
import {
  conditionReason,
  eventually,
  setClaimStatus,
  settled,
  startOrchestrator,
  workload,
  workloadUsing,
  type OrchestratorHarness,
} from './fixtures/orchestrator-harness.js';

const config = `
apiVersion: score.dev/v1b1
kind: PlatformConfig
policies:
  - name: no-latest-tag
    rule: "object.spec.containers.all(c, !object.spec.containers[c].image.endsWith(':latest'))"
    message: images must not use the latest tag
`;

describe('WorkloadController on a real API server', () => {
  let h: OrchestratorHarness;
  let ns: string;

  beforeAll(async () => {
    h = await startOrchestrator(config, {
      resolvers: {
        postgres: (claim) => ({
          outputs: { host: `${claim.metadata.name}.db`, port: 5432 },
          secretOutputs: { password: 's3cr3t-value' },
        }),
        route: () => ({ outputs: { host: 'shop.example.com', path: '/api' } }),
      },
      manual: ['queue'],
    });
    ns = await h.namespace('flow');
  });

  afterAll(async () => {
    await h?.stop();
  });

  const get = (name: string) => h.client.get<Workload>(WorkloadKind, { namespace: ns, name });

  it('takes a Workload without resources to a plan and Ready with an endpoint', async () => {
    await h.client.create(
      WorkloadKind,
      workload(ns, 'plain', { service: { ports: { web: { port: 8080 } } } }),
    );
    const ready = await conditionReason(h.client, ns, 'plain', 'Ready', 'Ready');
    expect(ready.status?.endpoint).toBe(`http://plain.${ns}.svc:8080`);
    expect(ready.status?.observedGeneration).toBe(1);
    const reasons = Object.fromEntries((ready.status?.conditions ?? []).map((c) => [c.type, c.reason]));
    expect(reasons).toEqual({
      InputsValid: 'Valid',
      ClaimsReady: 'NoResources',
      RuntimeReady: 'Ready',
      Ready: 'Ready',
    });
    const plan = await h.client.get<WorkloadPlan>(WorkloadPlanKind, { namespace: ns, name: 'plain' });
    expect(plan?.spec.runtimeClass).toBe('kubernetes');
    expect(plan?.metadata.ownerReferences?.[0]).toMatchObject({
      kind: 'Workload',
      name: 'plain',
      controller: true,
    });
  });

  it('makes an owned claim per resource and projects its outputs, secrets only as references', async () => {
    await h.client.create(
      WorkloadKind,
      workload(ns, 'shop', {
        containers: {
          main: {
            image: 'shop:1.0',
            variables: {
              DB_HOST: '${resources.db.host}',
              DB_PASSWORD: '${resources.db.password}',
              DB_URL: 'postgres://app:${resources.db.password}@${resources.db.host}',
            },
            files: { '/etc/pw': { content: '${resources.db.password}' } },
          },
        },
        resources: { db: { type: 'postgres' }, web: { type: 'route' } },
      }),
    );
    const ready = await conditionReason(h.client, ns, 'shop', 'Ready', 'Ready');
    expect(ready.status?.endpoint).toBe('https://shop.example.com/api');
    expect(ready.status?.claims).toEqual([
      expect.objectContaining({
        name: 'db',
        claim: 'shop-db',
        type: 'postgres',
        class: 'default',
        phase: 'Bound',
        outputsAvailable: true,
      }),
      expect.objectContaining({
        name: 'web',
        claim: 'shop-web',
        type: 'route',
        phase: 'Bound',
        outputsAvailable: true,
      }),
    ]);
    const claim = await h.client.get<ResourceClaim>(ResourceClaimKind, { namespace: ns, name: 'shop-db' });
    expect(claim?.metadata.ownerReferences).toEqual([
      expect.objectContaining({ kind: 'Workload', name: 'shop', uid: ready.metadata.uid }),
    ]);
    expect(claim?.spec).toMatchObject({ type: 'postgres', class: 'default', deprovisionPolicy: 'Delete' });
    const plan = await h.client.get<WorkloadPlan>(WorkloadPlanKind, { namespace: ns, name: 'shop' });
    const main = plan!.spec.containers.main;
    expect(main.env).toEqual([
      { name: 'DB_HOST', value: 'shop-db.db' },
      { name: 'DB_PASSWORD', secretKeyRef: { name: 'shop-db-outputs', key: 'password' } },
      {
        name: 'DB_URL',
        template: [
          { text: 'postgres://app:' },
          { secretKeyRef: { name: 'shop-db-outputs', key: 'password' } },
          { text: '@shop-db.db' },
        ],
      },
    ]);
    expect(main.files).toEqual([
      { target: '/etc/pw', secretRef: { name: 'shop-db-outputs', key: 'password' } },
    ]);
    expect(plan!.spec.endpointHints).toEqual({ host: 'shop.example.com', path: '/api' });
    expect(JSON.stringify(plan)).not.toContain('s3cr3t-value');
    expect(JSON.stringify(ready.status)).not.toContain('s3cr3t-value');
  });

  it('reports ProjectionError while outputs are missing, then converges to Ready by itself', async () => {
    await h.client.create(
      WorkloadKind,
      workloadUsing(ns, 'worker', { resource: 'jobs', type: 'queue', output: 'url' }),
    );
    const waiting = await conditionReason(h.client, ns, 'worker', 'RuntimeReady', 'ProjectionError');
    const runtime = waiting.status?.conditions?.find((c) => c.type === 'RuntimeReady');
    expect(runtime?.message).toContain('${resources.jobs.url}');
    expect(runtime?.message).toContain('containers.main.variables.VALUE');
    expect(await h.client.get(WorkloadPlanKind, { namespace: ns, name: 'worker' })).toBeUndefined();

    // The test plays the resolver: the claim's outputs arrive, and nothing else happens.
    await setClaimStatus(h.client, ns, 'worker-jobs', { phase: 'Bound', outputs: { url: 'amqp://q' } });
    await conditionReason(h.client, ns, 'worker', 'Ready', 'Ready');
    const plan = await h.client.get<WorkloadPlan>(WorkloadPlanKind, { namespace: ns, name: 'worker' });
    expect(plan?.spec.containers.main.env).toEqual([{ name: 'VALUE', value: 'amqp://q' }]);
  });

  it('makes no claim when policy is violated, and says which policy', async () => {
    await h.client.create(
      WorkloadKind,
      workload(ns, 'latest', {
        containers: { main: { image: 'app:latest' } },
        resources: { db: { type: 'postgres' } },
      }),
    );
    const denied = await conditionReason(h.client, ns, 'latest', 'InputsValid', 'PolicyViolation');
    expect(denied.status?.conditions?.find((c) => c.type === 'InputsValid')?.message).toContain(
      'no-latest-tag',
    );
    expect(await h.client.get(ResourceClaimKind, { namespace: ns, name: 'latest-db' })).toBeUndefined();
    expect(await h.client.get(WorkloadPlanKind, { namespace: ns, name: 'latest' })).toBeUndefined();
  });

  it('reports InvalidSpec naming the field for unknown references and cycles', async () => {
    await h.client.create(
      WorkloadKind,
      workload(ns, 'typo', {
        containers: { main: { image: 'app:1', variables: { X: '${resource.db.host}' } } },
      }),
    );
    const typo = await conditionReason(h.client, ns, 'typo', 'InputsValid', 'InvalidSpec');
    expect(typo.status?.conditions?.find((c) => c.type === 'InputsValid')?.message).toContain(
      'containers.main.variables.X',
    );
    await h.client.create(
      WorkloadKind,
      workload(ns, 'cycle', {
        resources: {
          one: { type: 'postgres', params: { x: '${resources.two.host}' } },
          two: { type: 'postgres', params: { x: '${resources.one.host}' } },
        },
      }),
    );
    const cycle = await conditionReason(h.client, ns, 'cycle', 'InputsValid', 'InvalidSpec');
    expect(cycle.status?.conditions?.find((c) => c.type === 'InputsValid')?.message).toContain('cycle');
    expect(await h.client.get(ResourceClaimKind, { namespace: ns, name: 'cycle-one' })).toBeUndefined();
  });

  it('reports InvalidSpec naming containers.<name>.before.<other> for a before cycle the CRD lets through', async () => {
    await h.client.create(
      WorkloadKind,
      workload(ns, 'loop', {
        containers: {
          main: { image: 'app:1' },
          c1: { image: 'app:1', before: { c2: { ready: 'started' } } },
          c2: { image: 'app:1', before: { c3: { ready: 'started' } } },
          c3: { image: 'app:1', before: { c1: { ready: 'started' } } },
        },
      }),
    );
    const loop = await conditionReason(h.client, ns, 'loop', 'InputsValid', 'InvalidSpec');
    expect(loop.status?.conditions?.find((c) => c.type === 'InputsValid')?.message).toContain(
      'spec.containers.c1.before.c2: containers cannot run before each other in a cycle: c1 -> c2 -> c3 -> c1',
    );
    expect(await h.client.get(WorkloadPlanKind, { namespace: ns, name: 'loop' })).toBeUndefined();
  });

  it('creates claims in dependency order, with params resolved from outputs', async () => {
    await h.client.create(
      WorkloadKind,
      workload(ns, 'chain', {
        resources: {
          db: { type: 'postgres' },
          app: { type: 'route', params: { backend: '${resources.db.host}', pw: '${resources.db.password}' } },
        },
      }),
    );
    await conditionReason(h.client, ns, 'chain', 'Ready', 'Ready');
    const app = await h.client.get<ResourceClaim>(ResourceClaimKind, { namespace: ns, name: 'chain-app' });
    expect(app?.spec.params).toEqual({
      backend: 'chain-db.db',
      pw: { secretName: 'chain-db-outputs', key: 'password' },
    });
  });

  it('writes nothing once Ready', async () => {
    // Whatever the tests before set going has run (slow on a loaded machine), so the look below is at rest.
    await settled(h, ns);
    const before = await get('shop');
    const plan = await h.client.get<WorkloadPlan>(WorkloadPlanKind, { namespace: ns, name: 'shop' });
    const claim = await h.client.get<ResourceClaim>(ResourceClaimKind, { namespace: ns, name: 'shop-db' });
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect((await get('shop'))?.metadata.resourceVersion).toBe(before?.metadata.resourceVersion);
    expect(
      (await h.client.get<WorkloadPlan>(WorkloadPlanKind, { namespace: ns, name: 'shop' }))?.metadata
        .resourceVersion,
    ).toBe(plan?.metadata.resourceVersion);
    expect(
      (await h.client.get<ResourceClaim>(ResourceClaimKind, { namespace: ns, name: 'shop-db' }))?.metadata
        .resourceVersion,
    ).toBe(claim?.metadata.resourceVersion);
  });

  it('deletes the plan, then the claims, then lets the Workload go', async () => {
    await h.client.delete(WorkloadKind, { namespace: ns, name: 'shop' });
    await eventually(async () => ((await get('shop')) ? undefined : true), 'the Workload to go');
    expect(await h.client.get(WorkloadPlanKind, { namespace: ns, name: 'shop' })).toBeUndefined();
    await eventually(
      async () =>
        (await h.client.get(ResourceClaimKind, { namespace: ns, name: 'shop-db' })) ? undefined : true,
      'the claim to go',
    );
    expect(h.resolver.deprovisions).toContainEqual({ claim: 'shop-db', policy: 'Delete' });
  });
});
