// Recovery: with N Workloads Ready, how long a new Workload takes to become Ready when the orchestrator is
// warm, right after the orchestrator restarted, and right after the API server restarted; and what the
// orchestrator sent the API server while it recovered.
import { WorkloadKind, WorkloadPlanKind } from '@score-orchestrator/api';
import { BuiltinKinds } from '@score-orchestrator/operator-sdk';
import type { BenchResult } from '@score-orchestrator/operator-sdk/bench';
import type { LocalCluster } from '@score-orchestrator/testing';
import { forEachBounded } from '../cluster/bounded.js';
import { createNamespace, removeNamespace } from '../cluster/bench-namespace.js';
import type { ChildSample } from '../orchestrator/child-protocol.js';
import { delta, nonGet } from './scale.js';
import type { OrchestratorProcess } from '../orchestrator/orchestrator-process.js';
import { benchWorkload } from '../workloads/bench-workload.js';
import { ReadyTracker } from '../workloads/ready-tracker.js';
import { startOrchestrator, type BenchContext } from './bench-context.js';

export interface RecoveryOptions {
  /** Workloads present (all Ready) before each restart. */
  readonly size: number;
  readonly concurrency: number;
  /** How long the API server stays down. */
  readonly apiServerDownSeconds: number;
}

/** One recovery figure: the new Workload's time to Ready, and the orchestrator's requests meanwhile. */
export interface RecoveryRun {
  readonly name: 'warm' | 'orchestrator restart' | 'API server restart';
  readonly readyMs: number;
  /**
   * When the orchestrator's part was done: the new Workload's plan applied, and the runtime's Deployment
   * created (from the create call). What remains until Ready is the cluster's own controllers rolling out.
   */
  readonly planMs?: number;
  readonly deploymentMs?: number;
  /** The orchestrator's own `rest_client_requests_total` by method, from the restart until it was idle. */
  readonly requests: Readonly<Record<string, number>>;
  /** Reconciles by controller over the same span. */
  readonly reconciles: Readonly<Record<string, number>>;
  /** From the restart until no reconcile ran for a quiet period. */
  readonly settledMs: number;
}

const CREATE_CONCURRENCY = 32;
/** No reconcile for this long: the orchestrator has caught up. */
const QUIET_MS = 3_000;

/**
 * Creates `size` Workloads (shape `port`) and waits until all are Ready; then three times creates one more
 * Workload and times it to Ready: with the orchestrator warm, right after a fresh orchestrator process
 * reported its caches synced, and right after the API server answered again following a stop of
 * `apiServerDownSeconds`. Requests are the orchestrator's own counts from the restart until it settled.
 */
export async function benchRecovery(
  ctx: BenchContext,
  cluster: LocalCluster,
  options: RecoveryOptions,
): Promise<{ results: BenchResult[]; runs: RecoveryRun[] }> {
  const { size } = options;
  const namespace = await createNamespace(ctx.client, `bench-recovery-${size}`);
  let orchestrator = await startOrchestrator(ctx, options.concurrency);
  const runs: RecoveryRun[] = [];
  try {
    const tracker = await ReadyTracker.start(ctx.client, namespace);
    await forEachBounded(size, CREATE_CONCURRENCY, (i) =>
      ctx.client.create(WorkloadKind, benchWorkload(namespace, `w-${i}`, 'port')),
    );
    await tracker.waitFor(size, 900_000);
    ctx.progress(`recovery: ${size} Workloads Ready`);
    await settle(orchestrator);

    let created = size;
    const timeNew = async (name: string): Promise<Timed> => {
      const started = performance.now();
      await ctx.client.create(WorkloadKind, benchWorkload(namespace, name, 'port'));
      const milestones = watchMilestones(ctx, namespace, name, started);
      await tracker.waitFor(++created, 300_000);
      return { readyMs: tracker.readyAt.get(name)! - started, ...(await milestones.stop()) };
    };

    // Warm: the orchestrator has been running all along.
    const warmFrom = await orchestrator.sample();
    const warmStarted = performance.now();
    runs.push(await measured('warm', await timeNew('warm'), orchestrator, warmFrom, warmStarted));

    // Orchestrator restart: a new process lists everything again and has no memory of what it applied.
    await orchestrator.stop();
    const restartStarted = performance.now();
    orchestrator = await startOrchestrator(ctx, options.concurrency);
    const restartFrom = zeroSample();
    const afterRestart = await timeNew('after-orchestrator-restart');
    runs.push(
      await measured('orchestrator restart', afterRestart, orchestrator, restartFrom, restartStarted),
    );

    // API server restart: the same orchestrator loses every watch and must reconnect.
    const apiFrom = await orchestrator.sample();
    const apiStarted = performance.now();
    // The bench's own watch would fail with the API server: end it first, open a new one after.
    tracker.stop();
    await cluster.stopApiServer();
    await new Promise((resolve) => setTimeout(resolve, options.apiServerDownSeconds * 1000));
    await cluster.startApiServer();
    const reconnected = await ReadyTracker.start(ctx.client, namespace);
    const started = performance.now();
    await ctx.client.create(WorkloadKind, benchWorkload(namespace, 'after-api-server-restart', 'port'));
    const milestones = watchMilestones(ctx, namespace, 'after-api-server-restart', started);
    await waitReady(reconnected, 'after-api-server-restart', 300_000);
    const afterApi = {
      readyMs: reconnected.readyAt.get('after-api-server-restart')! - started,
      ...(await milestones.stop()),
    };
    reconnected.stop();
    runs.push(await measured('API server restart', afterApi, orchestrator, apiFrom, apiStarted));
  } finally {
    await orchestrator.stop();
    await removeNamespace(ctx.client, namespace);
  }
  const warm = runs[0]!.readyMs;
  const ms = (value: number | undefined) => (value === undefined ? 'n/a' : Math.round(value));
  const results: BenchResult[] = runs.map((run) => ({
    name: `recovery: new Workload to Ready, ${run.name} (${size} present)`,
    unit: 'ms',
    runs: [run.readyMs],
    median: run.readyMs,
    extra: {
      xWarm: Number((run.readyMs / warm).toFixed(1)),
      planMs: ms(run.planMs),
      deploymentMs: ms(run.deploymentMs),
      writes: nonGet(run.requests),
      requests: JSON.stringify(run.requests),
      settledS: Math.round(run.settledMs / 1000),
    },
  }));
  return { results, runs };
}

/** Waits until the orchestrator has run no reconcile for {@link QUIET_MS}. */
async function settle(orchestrator: OrchestratorProcess): Promise<ChildSample> {
  let last = await orchestrator.sample();
  let quietSince = performance.now();
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    const now = await orchestrator.sample();
    if (total(now.reconciles) !== total(last.reconciles)) quietSince = performance.now();
    else if (performance.now() - quietSince >= QUIET_MS) return now;
    last = now;
  }
}

/** A new Workload's time to Ready, and when the orchestrator had done its part. */
type Timed = Pick<RecoveryRun, 'readyMs' | 'planMs' | 'deploymentMs'>;

/** Polls (every 50 ms, until stopped) for the Workload's plan and Deployment, noting when each appears. */
function watchMilestones(ctx: BenchContext, namespace: string, name: string, started: number) {
  const seen: { planMs?: number; deploymentMs?: number } = {};
  let stopped = false;
  const key = { namespace, name };
  const polling = (async () => {
    while (!stopped && seen.deploymentMs === undefined) {
      const [plan, deployment] = await Promise.all([
        seen.planMs === undefined ? ctx.client.get(WorkloadPlanKind, key).catch(() => undefined) : true,
        ctx.client.get(BuiltinKinds.Deployment, key).catch(() => undefined),
      ]);
      if (plan && seen.planMs === undefined) seen.planMs = performance.now() - started;
      if (deployment) seen.deploymentMs = performance.now() - started;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  })();
  return {
    async stop(): Promise<typeof seen> {
      stopped = true;
      await polling;
      return seen;
    },
  };
}

async function measured(
  name: RecoveryRun['name'],
  timed: Timed,
  orchestrator: OrchestratorProcess,
  from: ChildSample,
  startedAt: number,
): Promise<RecoveryRun> {
  const end = await settle(orchestrator);
  return {
    name,
    ...timed,
    requests: delta(end.requests, from.requests),
    reconciles: delta(end.reconciles, from.reconciles),
    settledMs: performance.now() - startedAt - QUIET_MS,
  };
}

async function waitReady(tracker: ReadyTracker, name: string, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!tracker.readyAt.has(name)) {
    if (performance.now() > deadline) throw new Error(`${name} not Ready after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function zeroSample(): ChildSample {
  return {
    rssBytes: 0,
    heapUsedBytes: 0,
    heapTotalBytes: 0,
    externalBytes: 0,
    logLines: 0,
    logBytes: 0,
    reconciles: {},
    outcomes: {},
    requests: {},
  };
}

function total(counts: Readonly<Record<string, number>>): number {
  return Object.values(counts).reduce((sum, n) => sum + n, 0);
}
