import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { WorkQueueMetrics, WorkQueueSnapshot } from '../work-queue-metrics.js';

type QueueLabels = 'name' | 'controller';

// client-go's ExponentialBuckets(10e-9, 10, 12): 10 ns to 1000 s.
const DURATION_BUCKETS = Array.from({ length: 12 }, (_, i) => Number((1e-8 * 10 ** i).toPrecision(1)));

/** One queue's view of the shared collectors; counters are buffered and published on scrape. */
class PrometheusWorkQueueMetrics implements WorkQueueMetrics {
  pendingAdds = 0;
  pendingRetries = 0;
  snapshot: () => WorkQueueSnapshot = () => ({
    depth: 0,
    unfinishedWorkSeconds: 0,
    longestRunningProcessorSeconds: 0,
  });

  constructor(
    readonly labels: Record<QueueLabels, string>,
    private readonly latency: Histogram<QueueLabels>,
    private readonly workDuration: Histogram<QueueLabels>,
  ) {}

  add(): void {
    this.pendingAdds++;
  }

  get(queuedSeconds: number): void {
    this.latency.observe(this.labels, queuedSeconds);
  }

  done(workSeconds: number): void {
    this.workDuration.observe(this.labels, workSeconds);
  }

  retry(): void {
    this.pendingRetries++;
  }

  track(snapshot: () => WorkQueueSnapshot): void {
    this.snapshot = snapshot;
  }
}

/**
 * The `workqueue_*` collectors with controller-runtime's names, help texts, labels and buckets.
 *
 * controller-runtime sets both `name` and `controller` to the queue's name. Since v0.20 it also declares a
 * `priority` label, left empty for plain queues; Prometheus drops empty labels, so the stored series are
 * the same as these.
 *
 * Why gauges and counters are computed on scrape: a labelled `inc`/`set` in prom-client hashes the label
 * set on every call, which is most of the cost of an instrumented queue; depth and in-flight work are read
 * from the queue itself, which is also exact at scrape time rather than up to one ticker period stale.
 */
export class WorkQueueCollectors {
  private readonly queues = new Map<string, PrometheusWorkQueueMetrics>();
  private readonly adds: Counter<QueueLabels>;
  private readonly retries: Counter<QueueLabels>;
  private readonly latency: Histogram<QueueLabels>;
  private readonly workDuration: Histogram<QueueLabels>;

  constructor(registry: Registry) {
    const registers = [registry];
    const labelNames: QueueLabels[] = ['name', 'controller'];
    const queues = this.queues;
    const gauge = (
      name: string,
      help: string,
      read: (s: WorkQueueSnapshot) => number,
    ): Gauge<QueueLabels> => {
      const metric: Gauge<QueueLabels> = new Gauge({
        name,
        help,
        labelNames,
        registers,
        collect() {
          for (const q of queues.values()) metric.set(q.labels, read(q.snapshot()));
        },
      });
      return metric;
    };
    gauge('workqueue_depth', 'Current depth of workqueue by workqueue and priority', (s) => s.depth);
    gauge(
      'workqueue_unfinished_work_seconds',
      "How many seconds of work has been done that is in progress and hasn't been observed by work_duration. " +
        'Large values indicate stuck threads. One can deduce the number of stuck threads by observing the rate at ' +
        'which this increases.',
      (s) => s.unfinishedWorkSeconds,
    );
    gauge(
      'workqueue_longest_running_processor_seconds',
      'How many seconds has the longest running processor for workqueue been running.',
      (s) => s.longestRunningProcessorSeconds,
    );
    const adds: Counter<QueueLabels> = new Counter({
      name: 'workqueue_adds_total',
      help: 'Total number of adds handled by workqueue',
      labelNames,
      registers,
      collect() {
        for (const q of queues.values()) {
          adds.inc(q.labels, q.pendingAdds);
          q.pendingAdds = 0;
        }
      },
    });
    const retries: Counter<QueueLabels> = new Counter({
      name: 'workqueue_retries_total',
      help: 'Total number of retries handled by workqueue',
      labelNames,
      registers,
      collect() {
        for (const q of queues.values()) {
          retries.inc(q.labels, q.pendingRetries);
          q.pendingRetries = 0;
        }
      },
    });
    this.adds = adds;
    this.retries = retries;
    this.latency = new Histogram({
      name: 'workqueue_queue_duration_seconds',
      help: 'How long in seconds an item stays in workqueue before being requested',
      labelNames,
      buckets: DURATION_BUCKETS,
      registers,
    });
    this.workDuration = new Histogram({
      name: 'workqueue_work_duration_seconds',
      help: 'How long in seconds processing an item from workqueue takes.',
      labelNames,
      buckets: DURATION_BUCKETS,
      registers,
    });
  }

  /** The metrics of the queue `name`, created (with every series at zero) on first use. */
  forQueue(name: string): WorkQueueMetrics {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new PrometheusWorkQueueMetrics({ name, controller: name }, this.latency, this.workDuration);
      this.queues.set(name, queue);
      // As client-go creating a queue's metrics: every series exists from the start, so rate() and
      // dashboards see zeros instead of gaps.
      this.adds.inc(queue.labels, 0);
      this.retries.inc(queue.labels, 0);
      this.latency.zero(queue.labels);
      this.workDuration.zero(queue.labels);
    }
    return queue;
  }
}
