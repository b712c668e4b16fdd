import { describe, expect, it } from '@jest/globals';
import { register as globalRegistry, type MetricObjectWithValues, type MetricValue } from 'prom-client';
import { FakeClock } from '../queue/fake-clock.js';
import { WorkQueue } from '../queue/work-queue.js';
import { OperatorMetrics } from './operator-metrics.js';

type Series = { labels: Record<string, string | number>; value: number; metricName?: string };

/** Every series of metric `name`, as prom-client reports them (histograms include _bucket/_sum/_count). */
async function series(metrics: OperatorMetrics, name: string): Promise<Series[]> {
  const all = (await metrics.registry.getMetricsAsJSON()) as MetricObjectWithValues<MetricValue<string>>[];
  const metric = all.find((m) => m.name === name);
  if (!metric) throw new Error(`metric ${name} is not registered`);
  return metric.values as Series[];
}

async function value(
  metrics: OperatorMetrics,
  name: string,
  labels: Record<string, string>,
): Promise<number> {
  const match = (await series(metrics, name)).find(
    (s) => JSON.stringify(s.labels) === JSON.stringify(labels) && (s.metricName ?? name) === name,
  );
  if (!match) throw new Error(`no series ${name}${JSON.stringify(labels)}`);
  return match.value;
}

describe('OperatorMetrics: registry', () => {
  it('registers in a registry of its own, so two instances coexist', async () => {
    const first = new OperatorMetrics();
    const second = new OperatorMetrics();
    expect(first.registry).not.toBe(second.registry);
    expect(first.registry).not.toBe(globalRegistry);
    expect(globalRegistry.getSingleMetric('controller_runtime_reconcile_total')).toBeUndefined();
    first.controller('a');
    expect(await second.registry.metrics()).not.toContain('controller="a"');
  });

  it('exposes every metric under controller-runtime and client-go names, types and labels', async () => {
    const metrics = new OperatorMetrics();
    const text = await metrics.registry.metrics();
    const expected: [string, string][] = [
      ['controller_runtime_reconcile_total', 'counter'],
      ['controller_runtime_reconcile_errors_total', 'counter'],
      ['controller_runtime_terminal_reconcile_errors_total', 'counter'],
      ['controller_runtime_reconcile_panics_total', 'counter'],
      ['controller_runtime_reconcile_time_seconds', 'histogram'],
      ['controller_runtime_max_concurrent_reconciles', 'gauge'],
      ['controller_runtime_active_workers', 'gauge'],
      ['workqueue_depth', 'gauge'],
      ['workqueue_adds_total', 'counter'],
      ['workqueue_queue_duration_seconds', 'histogram'],
      ['workqueue_work_duration_seconds', 'histogram'],
      ['workqueue_unfinished_work_seconds', 'gauge'],
      ['workqueue_longest_running_processor_seconds', 'gauge'],
      ['workqueue_retries_total', 'counter'],
      ['rest_client_requests_total', 'counter'],
      ['rest_client_request_duration_seconds', 'histogram'],
      ['leader_election_master_status', 'gauge'],
    ];
    for (const [name, type] of expected) expect(text).toContain(`# TYPE ${name} ${type}\n`);
    const labelNames = Object.fromEntries(
      (await metrics.registry.getMetricsAsArray()).map((m) => [
        m.name,
        (m as unknown as { labelNames: string[] }).labelNames,
      ]),
    );
    expect(labelNames).toMatchObject({
      controller_runtime_reconcile_total: ['controller', 'result'],
      controller_runtime_reconcile_time_seconds: ['controller'],
      workqueue_depth: ['name', 'controller'],
      workqueue_queue_duration_seconds: ['name', 'controller'],
      rest_client_requests_total: ['code', 'method', 'host'],
      rest_client_request_duration_seconds: ['verb', 'host'],
      leader_election_master_status: ['name'],
    });
  });

  it('adds process metrics only when asked', async () => {
    expect(await new OperatorMetrics().registry.metrics()).not.toContain('process_cpu_user_seconds_total');
    expect(await new OperatorMetrics({ processMetrics: true }).registry.metrics()).toContain(
      'process_cpu_user_seconds_total',
    );
  });
});

describe('OperatorMetrics: controllers', () => {
  it('creates every series of a controller at zero on registration', async () => {
    const metrics = new OperatorMetrics();
    metrics.controller('workload', { maxConcurrentReconciles: 8 });
    const text = await metrics.registry.metrics();
    for (const result of ['success', 'error', 'requeue', 'requeue_after']) {
      expect(text).toContain(
        `controller_runtime_reconcile_total{controller="workload",result="${result}"} 0\n`,
      );
    }
    expect(text).toContain('controller_runtime_reconcile_errors_total{controller="workload"} 0\n');
    expect(text).toContain('controller_runtime_terminal_reconcile_errors_total{controller="workload"} 0\n');
    expect(text).toContain('controller_runtime_reconcile_panics_total{controller="workload"} 0\n');
    expect(text).toContain('controller_runtime_max_concurrent_reconciles{controller="workload"} 8\n');
    expect(text).toContain('controller_runtime_active_workers{controller="workload"} 0\n');
  });

  it('returns the same series for the same name without resetting them', async () => {
    const metrics = new OperatorMetrics();
    metrics.controller('c').recordReconcile('success', 0.1);
    expect(metrics.controller('c', { maxConcurrentReconciles: 3 })).toBe(metrics.controller('c'));
    expect(
      await value(metrics, 'controller_runtime_reconcile_total', { controller: 'c', result: 'success' }),
    ).toBe(1);
    expect(await value(metrics, 'controller_runtime_max_concurrent_reconciles', { controller: 'c' })).toBe(3);
  });

  it.each([
    { outcome: 'success', result: 'success', errors: 0, terminal: 0, panics: 0 },
    { outcome: 'requeue', result: 'requeue', errors: 0, terminal: 0, panics: 0 },
    { outcome: 'requeue_after', result: 'requeue_after', errors: 0, terminal: 0, panics: 0 },
    { outcome: 'error', result: 'error', errors: 1, terminal: 0, panics: 0 },
    { outcome: 'terminal_error', result: 'error', errors: 1, terminal: 1, panics: 0 },
    { outcome: 'panic', result: 'error', errors: 1, terminal: 0, panics: 1 },
  ] as const)('records $outcome', async ({ outcome, result, errors, terminal, panics }) => {
    const metrics = new OperatorMetrics();
    metrics.controller('c').recordReconcile(outcome, 0.3);
    const c = { controller: 'c' };
    expect(await value(metrics, 'controller_runtime_reconcile_total', { ...c, result })).toBe(1);
    expect(await value(metrics, 'controller_runtime_reconcile_errors_total', c)).toBe(errors);
    expect(await value(metrics, 'controller_runtime_terminal_reconcile_errors_total', c)).toBe(terminal);
    expect(await value(metrics, 'controller_runtime_reconcile_panics_total', c)).toBe(panics);
    const time = await series(metrics, 'controller_runtime_reconcile_time_seconds');
    expect(time.find((s) => s.metricName?.endsWith('_count'))?.value).toBe(1);
    expect(time.find((s) => s.metricName?.endsWith('_sum'))?.value).toBeCloseTo(0.3);
  });

  it("uses controller-runtime's reconcile time buckets", async () => {
    const metrics = new OperatorMetrics();
    metrics.controller('c').recordReconcile('success', 0.42);
    const buckets = (await series(metrics, 'controller_runtime_reconcile_time_seconds'))
      .filter((s) => s.metricName?.endsWith('_bucket'))
      .map((s) => s.labels.le);
    expect(buckets).toEqual([
      0.005,
      0.01,
      0.025,
      0.05,
      0.1,
      0.15,
      0.2,
      0.25,
      0.3,
      0.35,
      0.4,
      0.45,
      0.5,
      0.6,
      0.7,
      0.8,
      0.9,
      1,
      1.25,
      1.5,
      1.75,
      2,
      2.5,
      3,
      3.5,
      4,
      4.5,
      5,
      6,
      7,
      8,
      9,
      10,
      15,
      20,
      25,
      30,
      40,
      50,
      60,
      '+Inf',
    ]);
    const text = await metrics.registry.metrics();
    expect(text).toContain('controller_runtime_reconcile_time_seconds_bucket{le="0.4",controller="c"} 0\n');
    expect(text).toContain('controller_runtime_reconcile_time_seconds_bucket{le="0.45",controller="c"} 1\n');
  });

  it('sets active workers', async () => {
    const metrics = new OperatorMetrics();
    metrics.controller('c').setActiveWorkers(3);
    expect(await value(metrics, 'controller_runtime_active_workers', { controller: 'c' })).toBe(3);
  });
});

describe('OperatorMetrics: work queues', () => {
  it('feeds workqueue_* from a running queue, with name and controller labels', async () => {
    const metrics = new OperatorMetrics();
    const clock = new FakeClock();
    const queue = new WorkQueue({ name: 'workload', clock, metrics: metrics.workQueueMetrics('workload') });
    const labels = { name: 'workload', controller: 'workload' };
    expect(await value(metrics, 'workqueue_adds_total', labels)).toBe(0);

    queue.add('ns/a');
    queue.add('ns/a');
    queue.add('ns/b');
    clock.advance(2000);
    await queue.get();
    clock.advance(500);
    queue.done('ns/a');
    await queue.get();
    clock.advance(1500);
    queue.addRateLimited('ns/a');

    expect(await value(metrics, 'workqueue_adds_total', labels)).toBe(2);
    expect(await value(metrics, 'workqueue_retries_total', labels)).toBe(1);
    expect(await value(metrics, 'workqueue_depth', labels)).toBe(0);
    expect(await value(metrics, 'workqueue_unfinished_work_seconds', labels)).toBe(1.5);
    expect(await value(metrics, 'workqueue_longest_running_processor_seconds', labels)).toBe(1.5);
    const latency = await series(metrics, 'workqueue_queue_duration_seconds');
    expect(latency.find((s) => s.metricName?.endsWith('_count'))?.value).toBe(2);
    expect(latency.find((s) => s.metricName?.endsWith('_sum'))?.value).toBe(4.5);
    const work = await series(metrics, 'workqueue_work_duration_seconds');
    expect(work.find((s) => s.metricName?.endsWith('_sum'))?.value).toBe(0.5);

    clock.advance(5);
    expect(await value(metrics, 'workqueue_depth', labels)).toBe(1);
    queue.shutDown();
  });

  it("uses client-go's duration buckets, 10 ns to 1000 s", async () => {
    const metrics = new OperatorMetrics();
    metrics.workQueueMetrics('q');
    const buckets = (await series(metrics, 'workqueue_work_duration_seconds'))
      .filter((s) => s.metricName?.endsWith('_bucket'))
      .map((s) => s.labels.le);
    expect(buckets).toEqual([1e-8, 1e-7, 1e-6, 1e-5, 1e-4, 1e-3, 0.01, 0.1, 1, 10, 100, 1000, '+Inf']);
  });

  it('shows a new queue as zeros before anything happens', async () => {
    const metrics = new OperatorMetrics();
    metrics.workQueueMetrics('q');
    const text = await metrics.registry.metrics();
    expect(text).toContain('workqueue_depth{name="q",controller="q"} 0\n');
    expect(text).toContain('workqueue_adds_total{name="q",controller="q"} 0\n');
    expect(text).toContain('workqueue_retries_total{name="q",controller="q"} 0\n');
    expect(text).toContain('workqueue_queue_duration_seconds_count{name="q",controller="q"} 0\n');
    expect(text).toContain('workqueue_unfinished_work_seconds{name="q",controller="q"} 0\n');
    expect(text).toContain('workqueue_longest_running_processor_seconds{name="q",controller="q"} 0\n');
  });
});

describe('OperatorMetrics: client and leader election', () => {
  it('counts REST requests by code, method and host, and times them by verb and host', async () => {
    const metrics = new OperatorMetrics();
    metrics.recordRestRequest({ method: 'GET', code: 200, host: 'api:6443', durationSeconds: 0.02 });
    metrics.recordRestRequest({ method: 'GET', code: 200, host: 'api:6443' });
    metrics.recordRestRequest({ method: 'PATCH', code: '<error>', host: 'api:6443' });
    const text = await metrics.registry.metrics();
    expect(text).toContain('rest_client_requests_total{code="200",method="GET",host="api:6443"} 2\n');
    expect(text).toContain('rest_client_requests_total{code="<error>",method="PATCH",host="api:6443"} 1\n');
    expect(text).toContain('rest_client_request_duration_seconds_count{verb="GET",host="api:6443"} 1\n');
  });

  it('shares the request counter with transports that only count', async () => {
    const metrics = new OperatorMetrics();
    metrics.restClientRequests.inc({ code: '404', method: 'GET', host: 'api:6443' });
    metrics.recordRestRequest({ method: 'GET', code: 404, host: 'api:6443' });
    expect(await metrics.registry.metrics()).toContain(
      'rest_client_requests_total{code="404",method="GET",host="api:6443"} 2\n',
    );
  });

  it('reports leadership per lease', async () => {
    const metrics = new OperatorMetrics();
    metrics.setLeader('operator-lock', true);
    expect(await metrics.registry.metrics()).toContain(
      'leader_election_master_status{name="operator-lock"} 1\n',
    );
    metrics.setLeader('operator-lock', false);
    expect(await metrics.registry.metrics()).toContain(
      'leader_election_master_status{name="operator-lock"} 0\n',
    );
  });
});
