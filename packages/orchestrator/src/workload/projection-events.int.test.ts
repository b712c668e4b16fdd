import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { WorkloadKind, type Workload } from '@score-orchestrator/api';
import {
  conditionReason,
  eventsIn,
  eventually,
  setClaimStatus,
  startOrchestrator,
  workloadUsing,
  type OrchestratorHarness,
  type RecordedEvent,
} from './fixtures/orchestrator-harness.js';

const config = 'apiVersion: score.dev/v1b1\nkind: PlatformConfig\n';

describe('events while a Workload waits for outputs, on a real API server', () => {
  let h: OrchestratorHarness;
  let ns: string;

  beforeAll(async () => {
    h = await startOrchestrator(config, {
      resolvers: { postgres: () => ({ outputs: { host: 'db' } }) },
      manual: ['queue'],
    });
    ns = await h.namespace('waiting');
  });
  afterAll(async () => {
    await h?.stop();
  });

  const withReason = (events: RecordedEvent[], reason: string) => events.filter((e) => e.reason === reason);
  /** Waits until an Event `reason` regards `name`, then past the recorder's series flush, and reads them all. */
  const settledEventsOf = async (name: string, reason: string) => {
    await eventually(
      async () => ((await eventsIn(h.client, ns, name)).some((e) => e.reason === reason) ? true : undefined),
      `a ${reason} event`,
    );
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    return eventsIn(h.client, ns, name);
  };

  it('records one Normal WaitingForOutputs through provisioning, and no Warning', async () => {
    await h.client.create(
      WorkloadKind,
      workloadUsing(ns, 'worker', { resource: 'jobs', type: 'queue', output: 'url' }),
    );
    const waiting = await conditionReason(h.client, ns, 'worker', 'RuntimeReady', 'ProjectionError');
    const message = waiting.status?.conditions?.find((c) => c.type === 'RuntimeReady')?.message;
    expect(message).toBe(
      "${resources.jobs.url} in containers.main.variables.VALUE cannot be resolved yet: resource 'jobs' has no outputs yet",
    );

    // The resolver reports progress a few times: each change reconciles the Workload, which still waits.
    for (const step of ['1 of 3', '2 of 3', '3 of 3']) {
      await setClaimStatus(h.client, ns, 'worker-jobs', {
        phase: 'Provisioning',
        reason: 'Provisioning',
        message: step,
      });
      await eventually(async () => {
        const found = await h.client.get<Workload>(WorkloadKind, { namespace: ns, name: 'worker' });
        return found?.status?.claims?.[0].message === step ? true : undefined;
      }, `claim progress ${step}`);
    }
    await setClaimStatus(h.client, ns, 'worker-jobs', { phase: 'Bound', outputs: { url: 'amqp://q' } });
    await conditionReason(h.client, ns, 'worker', 'Ready', 'Ready');

    const events = await settledEventsOf('worker', 'Ready');
    const waits = withReason(events, 'WaitingForOutputs');
    expect(waits).toHaveLength(1);
    expect(waits[0]).toMatchObject({ type: 'Normal', note: message });
    expect(waits[0].series).toBeUndefined();
    expect(events.filter((e) => e.type === 'Warning')).toEqual([]);
  });

  it('records a Warning ProjectionError when the outputs waited for will not come', async () => {
    await h.client.create(
      WorkloadKind,
      workloadUsing(ns, 'stranded', { resource: 'store', type: 'no-such-type', output: 'host' }),
    );
    const stranded = await conditionReason(h.client, ns, 'stranded', 'ClaimsReady', 'ResolverNotFound');
    const runtime = stranded.status?.conditions?.find((c) => c.type === 'RuntimeReady');
    expect(runtime).toMatchObject({ status: 'False', reason: 'ProjectionError' });

    const warnings = withReason(await settledEventsOf('stranded', 'ProjectionError'), 'ProjectionError');
    expect(warnings).toHaveLength(1);
    expect(warnings[0].type).toBe('Warning');
    expect(warnings[0].note).toContain('${resources.store.host}');
    expect(warnings[0].note).toContain('resources.store will not deliver outputs until fixed');
  });

  it('records a Warning for references that cannot resolve as written, not a wait', async () => {
    // An unknown resource: known to be wrong before anything is made.
    const typo = workloadUsing(ns, 'typo', { resource: 'db', type: 'postgres', output: 'host' });
    typo.spec.containers.main.variables = { VALUE: '${resources.dbb.host}' };
    await h.client.create(WorkloadKind, typo);
    await conditionReason(h.client, ns, 'typo', 'InputsValid', 'InvalidSpec');
    // An output the bound claim does not have: not a wait either, but the resolver's outputs decide it, so it
    // is a projection error (a Warning), not an invalid spec.
    await h.client.create(
      WorkloadKind,
      workloadUsing(ns, 'output', { resource: 'db', type: 'postgres', output: 'port' }),
    );
    await conditionReason(h.client, ns, 'output', 'RuntimeReady', 'ProjectionError');

    const typoEvents = await settledEventsOf('typo', 'InvalidSpec');
    expect(withReason(typoEvents, 'InvalidSpec')).toEqual([
      expect.objectContaining({ type: 'Warning', note: expect.stringContaining("no known resource 'dbb'") }),
    ]);
    expect(withReason(typoEvents, 'WaitingForOutputs')).toEqual([]);
    const outputEvents = await settledEventsOf('output', 'ProjectionError');
    expect(withReason(outputEvents, 'ProjectionError')).toEqual([
      expect.objectContaining({
        type: 'Warning',
        note: expect.stringContaining("resource 'db' has no output 'port'"),
      }),
    ]);
    expect(withReason(outputEvents, 'InvalidSpec')).toEqual([]);
  });
});
