import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  ResourceClaimKind,
  WorkloadKind,
  WorkloadPlanKind,
  type Workload,
  type WorkloadPlan,
} from '@score-orchestrator/api';
import {
  conditionReason,
  eventually,
  setClaimStatus,
  settled,
  startOrchestrator,
  workloadUsing,
  type OrchestratorHarness,
} from './fixtures/orchestrator-harness.js';

const config = 'apiVersion: score.dev/v1b1\nkind: PlatformConfig\n';

describe('ProjectionError: placeholders that cannot be resolved, on a real API server', () => {
  let h: OrchestratorHarness;
  let ns: string;

  beforeAll(async () => {
    h = await startOrchestrator(config, {
      resolvers: { postgres: () => ({ outputs: { host: 'db.local' } }) },
      manual: ['queue'],
    });
    ns = await h.namespace('projection');
  });
  afterAll(async () => {
    await h?.stop();
  });

  const conditions = (workload: Workload) =>
    Object.fromEntries((workload.status?.conditions ?? []).map((c) => [c.type, c]));
  const planOf = (name: string) => h.client.get<WorkloadPlan>(WorkloadPlanKind, { namespace: ns, name });
  const setVariable = (name: string, value: string) =>
    h.client.patch<Workload>(
      WorkloadKind,
      { namespace: ns, name },
      { spec: { containers: { main: { image: 'app:1', variables: { VALUE: value } } } } },
    );

  it('reports an output the bound claim does not have as RuntimeReady=ProjectionError with no plan, and plans once it appears', async () => {
    await h.client.create(
      WorkloadKind,
      workloadUsing(ns, 'nosuch', { resource: 'db', type: 'queue', output: 'nosuch' }),
    );
    await eventually(
      () => h.client.get(ResourceClaimKind, { namespace: ns, name: 'nosuch-db' }),
      'the claim made',
    );
    await setClaimStatus(h.client, ns, 'nosuch-db', { phase: 'Bound', outputs: { url: 'amqp://q' } });
    await eventually(async () => {
      const found = await h.client.get<Workload>(WorkloadKind, { namespace: ns, name: 'nosuch' });
      return found && conditions(found)['ClaimsReady']?.status === 'True' ? found : undefined;
    }, 'the claim bound');
    await settled(h, ns);

    const stuck = (await h.client.get<Workload>(WorkloadKind, { namespace: ns, name: 'nosuch' }))!;
    const c = conditions(stuck);
    expect(c['ClaimsReady']).toMatchObject({ status: 'True', reason: 'AllClaimsBound' });
    // What a resolver outputs is its own to decide: the Workload itself is valid.
    expect(c['InputsValid']).toMatchObject({ status: 'True', reason: 'Valid' });
    expect(c['RuntimeReady']).toMatchObject({
      status: 'False',
      reason: 'ProjectionError',
      message:
        "${resources.db.nosuch} in containers.main.variables.VALUE cannot be resolved: resource 'db' has no output 'nosuch'",
    });
    expect(c['Ready']).toMatchObject({ status: 'False', reason: 'NotReady' });
    expect(c['Ready']?.message).toContain('RuntimeReady is False (ProjectionError): ${resources.db.nosuch}');
    expect(await planOf('nosuch')).toBeUndefined();

    // The resolver starts providing the output: the plan is made and the Workload becomes Ready.
    await setClaimStatus(h.client, ns, 'nosuch-db', {
      phase: 'Bound',
      outputs: { url: 'amqp://q', nosuch: 'now-here' },
    });
    await conditionReason(h.client, ns, 'nosuch', 'Ready', 'Ready');
    expect((await planOf('nosuch'))?.spec.containers['main'].env).toEqual([
      { name: 'VALUE', value: 'now-here' },
    ]);
  });

  it('plans once the placeholder is fixed', async () => {
    await h.client.create(
      WorkloadKind,
      workloadUsing(ns, 'typo', { resource: 'db', type: 'postgres', output: 'hots' }),
    );
    const stuck = await conditionReason(h.client, ns, 'typo', 'RuntimeReady', 'ProjectionError');
    expect(conditions(stuck)['RuntimeReady']?.message).toContain("resource 'db' has no output 'hots'");
    expect(await planOf('typo')).toBeUndefined();

    await setVariable('typo', '${resources.db.host}');
    await conditionReason(h.client, ns, 'typo', 'Ready', 'Ready');
    expect((await planOf('typo'))?.spec.containers['main'].env).toEqual([
      { name: 'VALUE', value: 'db.local' },
    ]);
  });

  it('keeps the running plan unchanged while a previously good Workload cannot be projected', async () => {
    await h.client.create(
      WorkloadKind,
      workloadUsing(ns, 'running', { resource: 'db', type: 'postgres', output: 'host' }),
    );
    await conditionReason(h.client, ns, 'running', 'Ready', 'Ready');
    const before = (await planOf('running'))!;

    await setVariable('running', '${resources.db.nosuch}');
    const stuck = await conditionReason(h.client, ns, 'running', 'RuntimeReady', 'ProjectionError');
    await settled(h, ns);
    const message = conditions(stuck)['RuntimeReady']?.message;
    expect(message).toContain('${resources.db.nosuch} in containers.main.variables.VALUE cannot be resolved');
    expect(message).toContain('the previous plan keeps running unchanged (the workload runs: running)');
    const after = (await planOf('running'))!;
    expect(after.metadata.generation).toBe(before.metadata.generation);
    expect(after.spec).toEqual(before.spec);
    const current = (await h.client.get<Workload>(WorkloadKind, { namespace: ns, name: 'running' }))!;
    expect(current.status?.endpoint).toBe(after.status?.endpoint);
  });

  it('says a resource has no resolver rather than that it cannot be resolved yet', async () => {
    await h.client.create(
      WorkloadKind,
      workloadUsing(ns, 'unserved', { resource: 'store', type: 'no-such-type', output: 'host' }),
    );
    const stuck = await conditionReason(h.client, ns, 'unserved', 'ClaimsReady', 'ResolverNotFound');
    const runtime = await eventually(async () => {
      const found = await h.client.get<Workload>(WorkloadKind, { namespace: ns, name: 'unserved' });
      const condition = found && conditions(found)['RuntimeReady'];
      return condition?.message?.includes('no resolver') ? condition : undefined;
    }, 'RuntimeReady naming the missing resolver');
    expect(conditions(stuck)['ClaimsReady']?.status).toBe('False');
    expect(runtime).toMatchObject({
      status: 'False',
      reason: 'ProjectionError',
      message:
        '${resources.store.host} in containers.main.variables.VALUE cannot be resolved: resources.store (no-such-type.default) has no resolver, so it has no outputs (see ClaimsReady)',
    });
    expect(runtime.message).not.toContain('yet');
  });

  it('says RuntimeReady=InputsInvalid, not ClaimsNotReady, when the inputs are invalid', async () => {
    const broken = workloadUsing(ns, 'invalid', { resource: 'db', type: 'postgres', output: 'host' });
    broken.spec.containers['main'].variables = { VALUE: '${resources.dbb.host}' };
    await h.client.create(WorkloadKind, broken);
    const stuck = await conditionReason(h.client, ns, 'invalid', 'InputsValid', 'InvalidSpec');
    await settled(h, ns);
    const current = (await h.client.get<Workload>(WorkloadKind, { namespace: ns, name: 'invalid' }))!;
    expect(conditions(current)['RuntimeReady']).toMatchObject({
      status: 'False',
      reason: 'InputsInvalid',
      message: 'no plan while the inputs are invalid (see InputsValid)',
    });
    expect(conditions(stuck)['InputsValid']?.message).toContain("no known resource 'dbb'");
  });
});
