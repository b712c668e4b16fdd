import { OperatorMetrics } from '../metrics/operator-metrics.js';
import { WorkQueue } from '../queue/work-queue.js';
import { median, type BenchResult } from './bench-result.js';

/** Options of {@link benchQueueThroughput}. */
export interface QueueThroughputOptions {
  /** Distinct keys pushed through the queue per run. Default 100,000. */
  readonly keys?: number;
  /** Concurrent workers taking keys. Default 8. */
  readonly workers?: number;
  /** Measured runs per variant (after one unmeasured warm-up run). Default 5. */
  readonly runs?: number;
}

/** Pushes `keys` keys through add → get → done with `workers` workers; returns items per second. */
async function oneRun(keys: number, workers: number, withMetrics: boolean): Promise<number> {
  // `npm run bench` runs node with --expose-gc: collect the previous run's garbage outside the timing.
  (globalThis as { gc?: () => void }).gc?.();
  const metrics = withMetrics ? new OperatorMetrics().workQueueMetrics('bench') : undefined;
  const queue = new WorkQueue({ name: 'bench', metrics });
  let processed = 0;
  const worker = async (): Promise<void> => {
    for (let key = await queue.get(); key !== undefined; key = await queue.get()) {
      queue.done(key);
      if (++processed === keys) queue.shutDown();
    }
  };
  const started = performance.now();
  const running = Array.from({ length: workers }, worker);
  for (let i = 0; i < keys; i++) queue.add(`namespace-${i % 100}/object-${i}`);
  await Promise.all(running);
  return keys / ((performance.now() - started) / 1000);
}

/**
 * Work queue throughput: items per second through add → get → done, without and with metrics, median of
 * `runs` runs. Measures the queue's own overhead (workers do no work), not a controller's.
 */
export async function benchQueueThroughput(options: QueueThroughputOptions = {}): Promise<BenchResult[]> {
  const keys = options.keys ?? 100_000;
  const workers = options.workers ?? 8;
  const runs = options.runs ?? 5;
  const results: BenchResult[] = [];
  for (const withMetrics of [false, true]) {
    await oneRun(Math.min(keys, 10_000), workers, withMetrics);
    const values: number[] = [];
    for (let i = 0; i < runs; i++) values.push(await oneRun(keys, workers, withMetrics));
    results.push({
      name: `queue throughput (${withMetrics ? 'metrics' : 'no metrics'})`,
      unit: 'items/s',
      runs: values,
      median: median(values),
      extra: { keys, workers },
    });
  }
  return results;
}
