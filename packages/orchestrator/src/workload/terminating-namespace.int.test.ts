// A Workload whose namespace is being deleted: the plan it would emit there is refused by the API server
// (403 NamespaceTerminating) until the namespace is gone, so the Workload controller stops trying instead of
// retrying with backoff and logging an error per attempt.
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { V1Namespace } from '@kubernetes/client-node';
import { ResourceClaimKind, WorkloadKind, WorkloadPlanKind } from '@score-orchestrator/api';
import { BuiltinKinds, createLogger } from '@score-orchestrator/operator-sdk';
import {
  eventually,
  setClaimStatus,
  startOrchestrator,
  workloadUsing,
  type OrchestratorHarness,
} from './fixtures/orchestrator-harness.js';

const config = 'apiVersion: score.dev/v1b1\nkind: PlatformConfig\n';
const NS = 'leaving';

describe('the Workload controller in a terminating namespace', () => {
  let h: OrchestratorHarness;
  const lines: Record<string, unknown>[] = [];

  beforeAll(async () => {
    const logs = new PassThrough();
    logs.on('data', (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line));
    });
    h = await startOrchestrator(
      config,
      { resolvers: {}, manual: ['queue'] },
      { logger: createLogger({ stream: logs, level: 'debug' }) },
    );
    await h.namespace(NS);
  });

  afterAll(async () => {
    await h?.stop();
  });

  const reconciles = async (result: string) => {
    const metric = h.manager.metrics.registry.getSingleMetric('controller_runtime_reconcile_total');
    const { values } = await metric!.get();
    return values.find((v) => v.labels.controller === 'workload' && v.labels.result === result)?.value ?? 0;
  };

  it('does not retry the plan it cannot create there, and logs no error', async () => {
    await h.client.create(
      WorkloadKind,
      workloadUsing(NS, 'web', { resource: 'jobs', type: 'queue', output: 'url' }),
    );
    await eventually(() => h.client.get(ResourceClaimKind, { namespace: NS, name: 'web-jobs' }), 'the claim');
    // The test kit runs no namespace controller: the namespace stays Terminating, as while a real one empties.
    await h.client.delete(BuiltinKinds.Namespace, { name: NS });
    await eventually(async () => {
      const ns = await h.client.get<V1Namespace>(BuiltinKinds.Namespace, { name: NS });
      return ns?.status?.phase === 'Terminating' ? true : undefined;
    }, 'the namespace to be Terminating');
    const errorsBefore = await reconciles('error');

    // Bound now: the Workload controller would emit its plan, a create the namespace refuses.
    await setClaimStatus(h.client, NS, 'web-jobs', { phase: 'Bound', outputs: { url: 'amqp://q' } });
    await eventually(
      async () =>
        lines.some((line) => line.message === 'namespace is terminating; not retrying' && line.name === 'web')
          ? true
          : undefined,
      'the controller to give up on the plan',
    );
    const successes = await reconciles('success');
    // Backoff would retry within milliseconds: two quiet seconds mean it stopped.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(await reconciles('success')).toBeLessThanOrEqual(successes + 1);
    expect(await reconciles('error')).toBe(errorsBefore);
    expect(await h.client.get(WorkloadPlanKind, { namespace: NS, name: 'web' })).toBeUndefined();
    expect(lines.filter((line) => line.level === 'error' || line.level === 'warn')).toEqual([]);
  });
});
