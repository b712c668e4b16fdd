import { afterAll, afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { CoordinationV1Api, V1MicroTime } from '@kubernetes/client-node';
import { ControlPlane, eventually } from '@score-orchestrator/testing';
import { Registry } from 'prom-client';
import { KubeClient } from '../client/kube-client.js';
import { createLogger } from '../logging/logger.js';
import { restRequests, restRequestsTimed } from '../metrics/fixtures/rest-client-samples.js';
import { OperatorMetrics } from '../metrics/operator-metrics.js';
import { LeaderElector } from './leader-elector.js';
import type { LeaderElectorOptions } from './leader-election-options.js';

// Short durations so takeovers happen in seconds: lease 4 s, renew deadline 3 s, retry 0.3 s. Not shorter:
// a loaded CI machine must renew within the deadline, and a deadline must pass before the lease does.
const timing = { leaseDurationMs: 4000, renewDeadlineMs: 3000, retryPeriodMs: 300 };
const leaseDurationSeconds = timing.leaseDurationMs / 1000;
jest.setTimeout(60_000);
const report = createLogger({ defaultMeta: { test: 'leader-election' } });

let controlPlane: ControlPlane;
let leases: CoordinationV1Api;
const electors: LeaderElector[] = [];
let leaseCounter = 0;

beforeAll(async () => {
  controlPlane = await ControlPlane.start();
  leases = controlPlane.kubeConfig.makeApiClient(CoordinationV1Api);
}, 120_000);

afterEach(async () => {
  await Promise.all(electors.splice(0).map((e) => e.stop()));
});

afterAll(async () => {
  await controlPlane?.stop();
});

interface Candidate {
  elector: LeaderElector;
  run: Promise<string>;
  startedAt?: number;
  stoppedAt?: number;
  newLeaders: string[];
}

function candidate(
  lease: string,
  identity: string,
  overrides: Partial<LeaderElectorOptions> = {},
): Candidate {
  const c = { newLeaders: [] } as unknown as Candidate;
  c.elector = new LeaderElector({
    kubeConfig: controlPlane.kubeConfig,
    namespace: 'default',
    name: lease,
    identity,
    ...timing,
    onStartedLeading: () => {
      c.startedAt = performance.now();
    },
    onStoppedLeading: () => {
      c.stoppedAt = performance.now();
    },
    onNewLeader: (leader) => c.newLeaders.push(leader),
    ...overrides,
  });
  electors.push(c.elector);
  c.run = c.elector.run();
  return c;
}

async function until(condition: () => boolean, timeoutMs = 30_000): Promise<number> {
  const began = performance.now();
  while (!condition()) {
    if (performance.now() - began > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return performance.now();
}

const readLease = (name: string) => leases.readNamespacedLease({ namespace: 'default', name });
const nextLease = (): string => `le-test-${++leaseCounter}`;

describe('LeaderElector against a real API server', () => {
  it('elects exactly one of two candidates and records it in the Lease', async () => {
    const name = nextLease();
    const [a, b] = [candidate(name, 'a'), candidate(name, 'b')];
    await until(() => a.elector.isLeader() || b.elector.isLeader());
    // Watch for a while: never two leaders, always one.
    for (let i = 0; i < 100; i++) {
      expect(Number(a.elector.isLeader()) + Number(b.elector.isLeader())).toBe(1);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const leader = a.elector.isLeader() ? a : b;
    const follower = leader === a ? b : a;
    const lease = await readLease(name);
    expect(lease.spec).toMatchObject({
      holderIdentity: leader.elector.identity,
      leaseDurationSeconds,
      leaseTransitions: 0,
    });
    // MicroTime: six fractional digits, as the API server stores it.
    expect(String(lease.spec?.renewTime)).toMatch(/\.\d{6}Z$/);
    expect(String(lease.spec?.acquireTime)).toMatch(/\.\d{6}Z$/);
    expect(follower.elector.getLeader()).toBe(leader.elector.identity);
    expect(follower.newLeaders).toEqual([leader.elector.identity]);
    expect(follower.startedAt).toBeUndefined();
  });

  it('hands over at once when the leader stops gracefully (releaseOnCancel)', async () => {
    const name = nextLease();
    const a = candidate(name, 'a');
    await until(() => a.elector.isLeader());
    const b = candidate(name, 'b');
    await until(() => b.elector.getLeader() === 'a');

    const stopAt = performance.now();
    await a.elector.stop();
    const takeoverAt = await until(() => b.elector.isLeader());
    const takeoverMs = Math.round(takeoverAt - stopAt);
    report.info('takeover measured', { scenario: 'graceful release', takeoverMs });

    expect(await a.run).toBe('stopped');
    expect(a.stoppedAt).toBeDefined();
    // Well under the 4 s lease: b only had to notice the empty holder on its next (jittered) retry.
    expect(takeoverMs).toBeLessThan(timing.leaseDurationMs);
    const lease = await readLease(name);
    expect(lease.spec).toMatchObject({ holderIdentity: 'b', leaseTransitions: 1, leaseDurationSeconds });
  });

  it('takes over after about the lease duration when the leader dies without releasing', async () => {
    const name = nextLease();
    const a = candidate(name, 'a', { releaseOnCancel: false });
    await until(() => a.elector.isLeader());
    const b = candidate(name, 'b');
    await until(() => b.elector.getLeader() === 'a');

    // A crash: the renew loop stops and nothing is written.
    const crashAt = performance.now();
    await a.elector.stop();
    expect((await readLease(name)).spec?.holderIdentity).toBe('a');
    const takeoverAt = await until(() => b.elector.isLeader());
    const takeoverMs = Math.round(takeoverAt - crashAt);
    report.info('takeover measured', { scenario: 'crash (no release)', takeoverMs });

    // b must wait out the lease, which runs from a's last renewal: one retry period before the stop when
    // idle, a few slow ones on a loaded machine, hence the half-lease floor (b not waiting at all would take
    // over on its next retry, 0.3 s). At most lease + jitter, with room for load: under twice the lease.
    expect(takeoverMs).toBeGreaterThanOrEqual(timing.leaseDurationMs / 2);
    expect(takeoverMs).toBeLessThan(2 * timing.leaseDurationMs);
    expect((await readLease(name)).spec).toMatchObject({ holderIdentity: 'b', leaseTransitions: 1 });
  });

  it('gives up leadership at once when a write conflict (409) reveals another holder', async () => {
    const name = nextLease();
    const a = candidate(name, 'a');
    await until(() => a.elector.isLeader());
    // Someone else takes the lease behind a's back; a's next renewal against its cached
    // resourceVersion gets a 409, it re-reads, sees a valid foreign holder and steps down.
    const lease = await readLease(name);
    lease.spec = { ...lease.spec, holderIdentity: 'intruder', renewTime: new V1MicroTime() };
    await leases.replaceNamespacedLease({ namespace: 'default', name, body: lease });

    expect(await a.run).toBe('lost');
    expect(a.elector.isLeader()).toBe(false);
    expect(a.stoppedAt).toBeDefined();
    expect(a.elector.getLeader()).toBe('intruder');
    expect((await readLease(name)).spec?.holderIdentity).toBe('intruder');
  });

  it('reports leader_election_master_status in the given registry', async () => {
    const registry = new Registry();
    const name = nextLease();
    const a = candidate(name, 'a', { metrics: { registry } });
    await until(() => a.elector.isLeader());
    const status = async () =>
      (await registry.getSingleMetric('leader_election_master_status')?.get())?.values;
    expect(await status()).toEqual([{ labels: { name }, value: 1 }]);
    await a.elector.stop();
    expect(await status()).toEqual([{ labels: { name }, value: 0 }]);
  });

  it('sends its Lease requests through the given client, whose metrics count and time them', async () => {
    const metrics = new OperatorMetrics();
    const client = new KubeClient(controlPlane.kubeConfig, { fieldManager: 'leader-election-test', metrics });
    const a = candidate(nextLease(), 'a', { client });
    await until(() => a.elector.isLeader());
    // Nothing else uses this client. Acquiring a new Lease: a read that finds none, then the create.
    expect(await restRequests(metrics, 'GET', '404')).toBe(1);
    expect(await restRequests(metrics, 'POST', '201')).toBe(1);
    // Renewals are updates against the cached resourceVersion.
    await eventually(async () => (await restRequests(metrics, 'PUT', '200')) > 0, 'a renewal to be counted');
    expect(await restRequestsTimed(metrics, 'PUT')).toBeGreaterThan(0);
    expect(await restRequestsTimed(metrics, 'POST')).toBe(1);
  });

  it('waits for the leader’s work to finish before releasing the lease', async () => {
    const name = nextLease();
    let finishedAt = 0;
    const a = candidate(name, 'a', {
      onStartedLeading: (signal) =>
        new Promise<void>((resolve) =>
          signal.addEventListener('abort', () =>
            setTimeout(() => {
              finishedAt = performance.now();
              resolve();
            }, 300),
          ),
        ),
    });
    await until(() => a.elector.isLeader());
    const b = candidate(name, 'b');
    await a.elector.stop();
    const takeoverAt = await until(() => b.elector.isLeader());
    expect(finishedAt).toBeGreaterThan(0);
    expect(takeoverAt).toBeGreaterThan(finishedAt);
  });

  it('steps down within the renew deadline when the API server goes away', async () => {
    const name = nextLease();
    const a = candidate(name, 'a');
    await until(() => a.elector.isLeader());
    const outageAt = performance.now();
    await controlPlane.stopApiServer();
    try {
      expect(await a.run).toBe('lost');
      const lostMs = Math.round((a.stoppedAt ?? 0) - outageAt);
      report.info('leadership lost after outage', { lostMs });
      // Before the lease could expire for anyone else.
      expect(lostMs).toBeLessThan(timing.leaseDurationMs);
    } finally {
      await controlPlane.startApiServer();
    }
  });
});
