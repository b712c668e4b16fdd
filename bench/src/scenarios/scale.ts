// Scale: many Workloads created at once, until all are Ready; what it cost the API server; the
// orchestrator's memory with all of them Ready; and what it writes while nothing changes.
import { WorkloadKind } from '@score-orchestrator/api';
import {
  byVerb,
  diffCounts,
  isOrchestratorSeries,
  isWrite,
  scrapeRequestCounts,
  type RequestSeries,
} from '../cluster/api-server-requests.js';
import { forEachBounded } from '../cluster/bounded.js';
import { createNamespace, removeNamespace } from '../cluster/bench-namespace.js';
import type { ChildSample } from '../orchestrator/child-protocol.js';
import type { DirectRun } from './direct-apply.js';
import { benchWorkload, type WorkloadShape } from '../workloads/bench-workload.js';
import { ReadyTracker } from '../workloads/ready-tracker.js';
import { startOrchestrator, type BenchContext } from './bench-context.js';

/** One scale measurement. */
export interface ScaleSetting {
  readonly size: number;
  readonly shape: WorkloadShape;
  readonly concurrency: number;
  /** Seconds to watch for writes once everything is Ready (0: none). */
  readonly idleSeconds: number;
}

/** What one run of a {@link ScaleSetting} measured. */
export interface ScaleRun {
  readonly setting: ScaleSetting;
  /** From the first create call until the last Workload was Ready. */
  readonly allReadyMs: number;
  /** Median create-to-Ready of the Workloads (each timed from the start of the batch). */
  readonly medianReadyMs: number;
  /** The orchestrator's requests until all were Ready, by `VERB group/resource` (API server metrics). */
  readonly requests: readonly RequestSeries[];
  /** The same, summed by verb. */
  readonly requestsByVerb: Readonly<Record<string, number>>;
  /** The same objects created by a plain client, when measured (see `runDirect`). */
  readonly direct?: DirectRun;
  /** The other clients' requests meanwhile (controller manager, scheduler, kwok), the 12 largest. */
  readonly others: readonly RequestSeries[];
  /** The orchestrator's writes until all were Ready, as the API server counted them (Events excluded). */
  readonly writes: number;
  /** What the child reported when all were Ready, as deltas since it started (memory as is). */
  readonly child: ChildSample;
  /** During the idle window, when one was measured. */
  readonly idle?: {
    readonly seconds: number;
    /** Orchestrator writes the API server counted (Events excluded). */
    readonly writes: readonly RequestSeries[];
    /** The orchestrator's own count of non-GET requests (Events included). */
    readonly clientWrites: number;
    readonly reconciles: Readonly<Record<string, number>>;
    readonly logLines: number;
  };
}

/** Creates in flight at once: the bench's Workloads, and the direct run's objects. */
export const CREATE_CONCURRENCY = 32;

/**
 * Creates `size` Workloads of `shape` in a fresh namespace, `CREATE_CONCURRENCY` at a time, with a fresh
 * orchestrator child already running; waits until all are Ready; then optionally watches an idle window.
 * `beforeCleanup` sees the namespace with everything still in it, once the figures are taken.
 */
export async function runScale(
  ctx: BenchContext,
  setting: ScaleSetting,
  run: number,
  beforeCleanup?: (namespace: string) => Promise<void>,
): Promise<ScaleRun> {
  const { size, shape, concurrency } = setting;
  const namespace = await createNamespace(ctx.client, `bench-scale-${size}-${shape}-c${concurrency}-${run}`);
  const orchestrator = await startOrchestrator(ctx, concurrency);
  try {
    const tracker = await ReadyTracker.start(ctx.client, namespace);
    const startSample = await orchestrator.sample(`scale-${size}-${shape}-${run}-start`);
    const before = await scrapeRequestCounts(ctx.kubeConfig);
    const started = performance.now();
    await forEachBounded(size, CREATE_CONCURRENCY, (i) =>
      ctx.client.create(WorkloadKind, benchWorkload(namespace, `w-${i}`, shape)),
    );
    await tracker.waitFor(size, 600_000);
    const readyAt = [...tracker.readyAt.values()].map((t) => t - started).sort((a, b) => a - b);
    const after = await scrapeRequestCounts(ctx.kubeConfig);
    const readySample = await orchestrator.sample(`scale-${size}-${shape}-${run}-ready`);
    tracker.stop();
    // The bench's own creates are not the orchestrator's.
    const all = diffCounts(before, after);
    const requests = all
      .filter(isOrchestratorSeries)
      .map((s) => (s.verb === 'POST' && s.resource === 'workloads' ? { ...s, count: s.count - size } : s))
      .filter((s) => s.count > 0);
    let idle: ScaleRun['idle'];
    if (setting.idleSeconds > 0) {
      ctx.progress(`idle window: ${setting.idleSeconds} s`);
      await new Promise((resolve) => setTimeout(resolve, setting.idleSeconds * 1000));
      const end = await scrapeRequestCounts(ctx.kubeConfig);
      const idleSample = await orchestrator.sample();
      idle = {
        seconds: setting.idleSeconds,
        writes: diffCounts(after, end).filter((s) => isOrchestratorSeries(s) && isWrite(s.verb)),
        clientWrites: nonGet(idleSample.requests) - nonGet(readySample.requests),
        reconciles: delta(idleSample.reconciles, readySample.reconciles),
        logLines: idleSample.logLines - readySample.logLines,
      };
    }
    await beforeCleanup?.(namespace);
    return {
      setting,
      allReadyMs: readyAt.at(-1)!,
      medianReadyMs: readyAt[readyAt.length >> 1]!,
      requests,
      requestsByVerb: byVerb(requests),
      others: all.filter((s) => !isOrchestratorSeries(s)).slice(0, 12),
      writes: requests.filter((s) => isWrite(s.verb)).reduce((sum, s) => sum + s.count, 0),
      child: {
        ...readySample,
        logLines: readySample.logLines - startSample.logLines,
        logBytes: readySample.logBytes - startSample.logBytes,
        reconciles: delta(readySample.reconciles, startSample.reconciles),
        outcomes: delta(readySample.outcomes, startSample.outcomes),
        requests: delta(readySample.requests, startSample.requests),
      },
      idle,
    };
  } finally {
    await orchestrator.stop();
    await removeNamespace(ctx.client, namespace);
  }
}

/** `after - before` per key, leaving out keys that did not change. */
export function delta(after: Readonly<Record<string, number>>, before: Readonly<Record<string, number>>) {
  const out: Record<string, number> = {};
  for (const [key, value] of Object.entries(after)) {
    const d = value - (before[key] ?? 0);
    if (d !== 0) out[key] = d;
  }
  return out;
}

/** The requests that are not GETs (writes of any kind). */
export function nonGet(requests: Readonly<Record<string, number>>): number {
  return Object.entries(requests)
    .filter(([method]) => method !== 'GET')
    .reduce((sum, [, count]) => sum + count, 0);
}
