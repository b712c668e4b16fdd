// What a running manager serves: /readyz follows the cache sync, /metrics carries controller-runtime's
// and client-go's series for the controllers it runs and for every request of its client, including the
// ones its event recorder and leader elector send.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Controller } from '../controller/controller.decorator.js';
import type { ReconcileContext } from '../reconcile/reconcile-context.js';
import type { Reconciler } from '../reconcile/reconciler.interface.js';
import { CuttableProxy } from './fixtures/cuttable-proxy.js';
import { type Gadget, GadgetKind } from './fixtures/gadget.resource.js';
import {
  eventually,
  gadget,
  metricValue,
  ReconcileRecorder,
  startTestCluster,
  type TestCluster,
} from './fixtures/integration-harness.js';
import type { Manager } from './manager.js';

const NS = 'observed';
const ANNOUNCED_NS = 'announced';

@Controller({ for: GadgetKind, namespaces: [NS], name: 'observed', concurrency: 2 })
class ObservedController implements Reconciler<Gadget> {
  readonly seen = new ReconcileRecorder();
  private finish!: () => void;
  private readonly finished = new Promise<void>((resolve) => (this.finish = resolve));

  /** Ends the slow reconcile, which otherwise stays busy (up to 30 s) for the test to look at. */
  finishSlow(): void {
    this.finish();
  }

  async reconcile(obj: Gadget): Promise<void> {
    this.seen.record(obj);
    if (obj.spec?.note !== 'slow') return;
    await Promise.race([this.finished, new Promise((resolve) => setTimeout(resolve, 30_000).unref())]);
  }
}

/** Records one Event per reconcile and writes nothing else. */
@Controller({ for: GadgetKind, namespaces: [ANNOUNCED_NS], name: 'announcing' })
class AnnouncingController implements Reconciler<Gadget> {
  async reconcile(_obj: Gadget, ctx: ReconcileContext): Promise<void> {
    ctx.events.normal('Seen', 'reconciled');
  }
}

/** The number of observations of histogram `name` with `labels`. */
async function histogramCount(
  manager: Manager,
  name: string,
  labels: Record<string, string>,
): Promise<number> {
  const { values } = await manager.metrics.registry.getSingleMetric(name)!.get();
  // A histogram's samples are its buckets, `_sum` and `_count`, told apart by `metricName`.
  const samples = values as ((typeof values)[number] & { metricName?: string })[];
  const count = samples.find(
    (sample) =>
      sample.metricName === `${name}_count` &&
      Object.entries(labels).every(([key, value]) => String(sample.labels[key]) === value),
  );
  return count?.value ?? 0;
}

async function probe(manager: Manager, path: string): Promise<{ status: number; body: string }> {
  const res = await fetch(`http://127.0.0.1:${manager.probeAddress!.port}${path}`);
  return { status: res.status, body: await res.text() };
}

describe('metrics and probes of a manager on a real API server', () => {
  let cluster: TestCluster;
  let proxy: CuttableProxy;
  let manager: Manager;
  const controller = new ObservedController();

  beforeAll(async () => {
    cluster = await startTestCluster();
    await cluster.namespace(NS);
    await cluster.namespace(ANNOUNCED_NS);
    proxy = await CuttableProxy.start(cluster.cp.server);
  });

  afterAll(async () => {
    await proxy?.stop();
    await cluster?.stop();
  });

  // HealthServer answers a failed check with 500, as Kubernetes' and controller-runtime's endpoints do.
  it('answers /readyz 500 until the caches have synced, then 200', async () => {
    manager = cluster.createManager([controller], {
      kubeConfig: proxy.kubeConfig(cluster.cp.kubeConfig),
      probePort: 0,
      probeHost: '127.0.0.1',
    });
    expect(manager.probeAddress).toBeUndefined();
    // The API server is unreachable for this manager: its informers cannot list.
    proxy.cut();
    const starting = manager.start();
    await eventually(() => manager.probeAddress, 'the probe server');
    const unready = await probe(manager, '/readyz?verbose');
    expect(unready.status).toBe(500);
    expect(unready.body).toMatch(/\[-\]informers failed/);
    expect((await probe(manager, '/healthz')).status).toBe(200);

    proxy.restore();
    await starting;
    expect((await probe(manager, '/readyz')).status).toBe(200);
  });

  it('serves controller, work queue and REST client metrics on /metrics', async () => {
    await cluster.client.create(GadgetKind, gadget(NS, 'quick'));
    await cluster.client.create(GadgetKind, gadget(NS, 'slow', { note: 'slow' }));
    await eventually(() => controller.seen.count(NS, 'slow') === 1, 'the slow reconcile to start');
    const busy = (await probe(manager, '/metrics')).body;
    expect(busy).toMatch(/controller_runtime_active_workers\{controller="observed"\} [12]\b/);
    expect(busy).toMatch(/controller_runtime_max_concurrent_reconciles\{controller="observed"\} 2\b/);
    controller.finishSlow();

    await eventually(
      async () =>
        /controller_runtime_active_workers\{controller="observed"\} 0\b/.test(
          (await probe(manager, '/metrics')).body,
        ),
      'the workers to be idle',
    );
    const { status, body } = await probe(manager, '/metrics');
    expect(status).toBe(200);
    expect(body).toMatch(/controller_runtime_reconcile_total\{controller="observed",result="success"\} 2\b/);
    expect(body).toMatch(/workqueue_adds_total\{name="observed",controller="observed"\} [2-9]/);
    expect(body).toMatch(/workqueue_depth\{name="observed",controller="observed"\} 0\b/);
    expect(body).toMatch(
      /rest_client_requests_total\{code="200",method="GET",host="127\.0\.0\.1:\d+"\} [1-9]/,
    );
    expect(body).toMatch(
      /controller_runtime_reconcile_time_seconds_bucket\{le="\+Inf",controller="observed"\} 2\b/,
    );
  });

  it('counts and times every request of its client in rest_client_* series', async () => {
    const host = new URL(manager.kubeConfig.getCurrentCluster()!.server).host;
    const requests = (code: string, method: string) =>
      metricValue(manager, 'rest_client_requests_total', { code, method, host });
    const timed = (verb: string) =>
      histogramCount(manager, 'rest_client_request_duration_seconds', { verb, host });
    const before = {
      created: await requests('201', 'POST'),
      missing: await requests('404', 'GET'),
      posts: await timed('POST'),
      gets: await timed('GET'),
    };

    await manager.client.create(GadgetKind, gadget(NS, 'counted'));
    expect(await manager.client.get(GadgetKind, { namespace: NS, name: 'absent' })).toBeUndefined();

    // The informers' watches are GETs too: only what this test alone sends is counted exactly.
    expect(await requests('201', 'POST')).toBe(before.created + 1);
    expect(await requests('404', 'GET')).toBe(before.missing + 1);
    expect(await timed('POST')).toBe(before.posts + 1);
    expect(await timed('GET')).toBeGreaterThanOrEqual(before.gets + 1);
    const body = (await probe(manager, '/metrics')).body;
    expect(body).toMatch(
      /rest_client_request_duration_seconds_bucket\{le="\+Inf",verb="POST",host="127\.0\.0\.1:\d+"\} [1-9]/,
    );
  });

  it('counts the Lease and Event requests it sends itself', async () => {
    const elected = await cluster.startManager([new AnnouncingController()], {
      name: 'announcing',
      leaderElection: { namespace: NS, leaseDurationMs: 2_000, renewDeadlineMs: 1_500, retryPeriodMs: 300 },
    });
    await eventually(() => elected.isLeader, 'the manager to lead');
    const requests = (code: string, method: string) =>
      metricValue(elected, 'rest_client_requests_total', { code, method });
    // Its informers only GET, and its controller writes nothing: every POST, PUT and 404 is the
    // elector's or the recorder's. Taking a new Lease: a read that finds none, then the create.
    expect(await requests('404', 'GET')).toBe(1);
    expect(await requests('201', 'POST')).toBe(1);
    await eventually(async () => (await requests('200', 'PUT')) > 0, 'a Lease renewal to be counted');
    expect(
      await histogramCount(elected, 'rest_client_request_duration_seconds', { verb: 'PUT' }),
    ).toBeGreaterThan(0);

    await cluster.client.create(GadgetKind, gadget(ANNOUNCED_NS, 'announced'));
    await eventually(async () => (await requests('201', 'POST')) === 2, 'the Event create to be counted');
    await elected.stop();
  });

  it('stops serving probes once stopped', async () => {
    const port = manager.probeAddress!.port;
    await manager.stop();
    await expect(fetch(`http://127.0.0.1:${port}/readyz`)).rejects.toThrow();
  });
});
