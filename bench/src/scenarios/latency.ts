// Latency: one Workload, from the create call to Ready, with the orchestrator idle otherwise.
import { WorkloadKind } from '@score-orchestrator/api';
import { median, type BenchResult } from '@score-orchestrator/operator-sdk/bench';
import { createNamespace, removeNamespace } from '../cluster/bench-namespace.js';
import { benchWorkload, type WorkloadShape } from '../workloads/bench-workload.js';
import { ReadyTracker } from '../workloads/ready-tracker.js';
import { startOrchestrator, type BenchContext } from './bench-context.js';

export interface LatencyOptions {
  readonly runs: number;
  readonly concurrency: number;
}

/**
 * For each shape, `runs` Workloads one after the other (each waits for the previous one to be Ready), each
 * timed from just before its create call until the watch sees it Ready.
 */
export async function benchLatency(ctx: BenchContext, options: LatencyOptions): Promise<BenchResult[]> {
  const orchestrator = await startOrchestrator(ctx, options.concurrency);
  const results: BenchResult[] = [];
  const namespaces: string[] = [];
  try {
    for (const shape of ['port', 'redis'] as WorkloadShape[]) {
      const namespace = await createNamespace(ctx.client, `bench-latency-${shape}`);
      namespaces.push(namespace);
      const tracker = await ReadyTracker.start(ctx.client, namespace);
      const times: number[] = [];
      for (let run = 0; run < options.runs; run++) {
        const name = `latency-${run}`;
        const started = performance.now();
        await ctx.client.create(WorkloadKind, benchWorkload(namespace, name, shape));
        await tracker.waitFor(run + 1, 120_000);
        times.push(tracker.readyAt.get(name)! - started);
      }
      tracker.stop();
      ctx.progress(`latency ${shape}: ${times.map((t) => Math.round(t)).join(', ')} ms`);
      results.push({
        name: `latency: create to Ready (${shape === 'port' ? 'a port, no resources' : 'with redis'})`,
        unit: 'ms',
        runs: times,
        median: median(times),
        extra: { concurrency: options.concurrency },
      });
    }
  } finally {
    await orchestrator.stop();
  }
  for (const namespace of namespaces) await removeNamespace(ctx.client, namespace);
  return results;
}
