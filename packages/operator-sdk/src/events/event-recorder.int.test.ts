import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { CoreV1Api, EventsV1Api, type EventsV1Event, type KubernetesObject } from '@kubernetes/client-node';
import { ControlPlane, eventually } from '@score-orchestrator/testing';
import { KubeClient } from '../client/kube-client.js';
import { CuttableProxy } from '../manager/fixtures/cuttable-proxy.js';
import { restRequests, restRequestsTimed } from '../metrics/fixtures/rest-client-samples.js';
import { OperatorMetrics } from '../metrics/operator-metrics.js';
import { EventRecorder } from './event-recorder.js';
import type { EventRecorderOptions } from './event-recorder-options.js';

jest.setTimeout(60_000);

let controlPlane: ControlPlane;
let core: CoreV1Api;
let events: EventsV1Api;
let counter = 0;

beforeAll(async () => {
  controlPlane = await ControlPlane.start();
  core = controlPlane.kubeConfig.makeApiClient(CoreV1Api);
  events = controlPlane.kubeConfig.makeApiClient(EventsV1Api);
}, 120_000);

afterAll(async () => {
  await controlPlane?.stop();
});

async function configMap(): Promise<KubernetesObject> {
  const created = await core.createNamespacedConfigMap({
    namespace: 'default',
    body: { metadata: { name: `events-test-${++counter}` } },
  });
  return { ...created, apiVersion: 'v1', kind: 'ConfigMap' };
}

function recorder(overrides: Partial<EventRecorderOptions> = {}): EventRecorder {
  return new EventRecorder({
    kubeConfig: controlPlane.kubeConfig,
    reportingController: 'example.com/events-test',
    reportingInstance: 'events-test-0',
    ...overrides,
  });
}

async function eventsAbout(obj: KubernetesObject, namespace = 'default'): Promise<EventsV1Event[]> {
  const list = await events.listNamespacedEvent({ namespace });
  return list.items.filter(
    (e) => e.regarding?.uid === obj.metadata?.uid && e.regarding?.name === obj.metadata?.name,
  );
}

const failed = {
  type: 'Warning',
  reason: 'ProvisionFailed',
  action: 'Provision',
  note: 'database not reachable',
} as const;

describe('EventRecorder against a real API server', () => {
  it('turns 10 identical events into one Event whose series counts them', async () => {
    const cm = await configMap();
    const r = recorder();
    for (let i = 0; i < 10; i++) r.event(cm, failed);
    await r.stop();

    const written = await eventsAbout(cm);
    expect(written).toHaveLength(1);
    expect(written[0]).toMatchObject({
      type: 'Warning',
      reason: 'ProvisionFailed',
      action: 'Provision',
      note: 'database not reachable',
      reportingController: 'example.com/events-test',
      reportingInstance: 'events-test-0',
      regarding: { kind: 'ConfigMap', name: cm.metadata?.name, namespace: 'default' },
      series: { count: 10 },
    });
    expect(written[0].metadata?.name).toMatch(new RegExp(`^${cm.metadata?.name}\\.[0-9a-f]+$`));
  });

  it('keeps counting onto the same Event across flushes', async () => {
    const cm = await configMap();
    const r = recorder({ flushIntervalMs: 50 });
    for (let i = 0; i < 3; i++) r.event(cm, failed);
    await r.flush();
    expect((await eventsAbout(cm))[0].series?.count).toBe(3);
    for (let i = 0; i < 4; i++) r.event(cm, failed);
    // The timed flush (every 50 ms) writes them: waited for, as a loaded machine may take longer.
    const written = await eventually(async () => {
      const events = await eventsAbout(cm);
      return events[0]?.series?.count === 7 && events;
    }, 'the timed flush to count 7');
    expect(written).toHaveLength(1);
    expect(written[0].series?.count).toBe(7);
    await r.stop();
  });

  it('forgets a series once its window has passed, writing the count it had', async () => {
    const cm = await configMap();
    // The timed flush would come after the test: only the end of the window writes the count.
    const r = recorder({ seriesWindowMs: 300, flushIntervalMs: 60_000 });
    for (let i = 0; i < 3; i++) r.event(cm, failed);
    const written = await eventually(
      async () => (await eventsAbout(cm))[0]?.series?.count === 3,
      'the expired series to write its count of 3',
      { timeoutMs: 20_000 },
    );
    expect(written).toBe(true);
    // Reaches into the recorder: what it remembers is only visible as memory.
    expect((r as unknown as { series: { size: number } }).series.size).toBe(0);
    await r.stop();
  });

  it('writes distinct reasons as distinct Events, without a series', async () => {
    const cm = await configMap();
    const r = recorder();
    for (const reason of ['Provisioned', 'Bound', 'Ready']) {
      r.event(cm, { type: 'Normal', reason, action: 'Reconcile', note: `claim ${reason.toLowerCase()}` });
    }
    await r.stop();
    const written = await eventsAbout(cm);
    expect(written.map((e) => e.reason).sort()).toEqual(['Bound', 'Provisioned', 'Ready']);
    expect(written.every((e) => e.series === undefined)).toBe(true);
  });

  it('drops new Events beyond the per-object burst of 25', async () => {
    const cm = await configMap();
    const r = recorder();
    for (let i = 0; i < 30; i++) r.event(cm, { ...failed, note: `attempt ${i}` });
    await r.stop();
    expect(await eventsAbout(cm)).toHaveLength(25);
  });

  it('truncates long notes to 1 KiB so the API server accepts them', async () => {
    const cm = await configMap();
    const r = recorder();
    r.event(cm, { ...failed, note: 'x'.repeat(5000) });
    await r.stop();
    const [written] = await eventsAbout(cm);
    expect(written.note).toHaveLength(1024);
  });

  it('puts Events about cluster-scoped objects in the default namespace', async () => {
    const ns = await core.readNamespace({ name: 'kube-system' });
    const r = recorder();
    r.event({ ...ns, apiVersion: 'v1', kind: 'Namespace' }, { ...failed, reason: 'ClusterScoped' });
    await r.stop();
    const written = (await eventsAbout(ns)).filter((e) => e.reason === 'ClusterScoped');
    expect(written).toHaveLength(1);
    expect(written[0].metadata?.namespace).toBe('default');
  });

  it('writes through the given client, whose metrics count and time the create and the series patch', async () => {
    const cm = await configMap();
    const metrics = new OperatorMetrics();
    const client = new KubeClient(controlPlane.kubeConfig, { fieldManager: 'events-test', metrics });
    const r = recorder({ client });
    for (let i = 0; i < 10; i++) r.event(cm, failed);
    await r.stop();

    expect((await eventsAbout(cm))[0].series?.count).toBe(10);
    // Nothing else uses this client: these are exactly the recorder's requests.
    expect(await restRequests(metrics, 'POST', '201')).toBe(1);
    expect(await restRequests(metrics, 'PATCH', '200')).toBe(1);
    expect(await restRequestsTimed(metrics, 'POST')).toBe(1);
    expect(await restRequestsTimed(metrics, 'PATCH')).toBe(1);
  });

  it('gives up a write the API server never answers after the client’s request timeout', async () => {
    const cm = await configMap();
    const proxy = await CuttableProxy.start(controlPlane.server);
    try {
      const metrics = new OperatorMetrics();
      const kubeConfig = proxy.kubeConfig(controlPlane.kubeConfig);
      const client = new KubeClient(kubeConfig, {
        fieldManager: 'events-test',
        metrics,
        requestTimeoutMs: 300,
      });
      proxy.stall();
      const r = recorder({ client });
      r.event(cm, failed);
      // Without a deadline on the write, stop() would wait for it forever (and so would a manager's stop).
      await r.stop();
      expect(await restRequests(metrics, 'POST', '<error>')).toBe(1);
    } finally {
      await proxy.stop();
    }
  });

  it('logs and swallows write failures instead of throwing into the caller', async () => {
    const r = recorder();
    const ghost = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'ghost', namespace: 'no-such-namespace' },
    };
    expect(() => r.event(ghost, failed)).not.toThrow();
    await expect(r.stop()).resolves.toBeUndefined();
  });
});
