import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { EventsV1Event, V1ConfigMap } from '@kubernetes/client-node';
import { BuiltinKinds, EventRecorder, KubeClient, createLogger } from '@score-orchestrator/operator-sdk';
import { ControlPlane } from '@score-orchestrator/testing';
import { Registry } from 'prom-client';
import { OrchestratorError } from '../errors/orchestrator.error.js';
import { ConfigMapConfigSource } from './config-map-config-source.js';
import { CONFIG_RELOAD_METRIC, reportConfigReloads } from './config-reload-reporter.js';
import { PlatformConfigStore } from './platform-config-store.js';

const { ConfigMap, Namespace, Event } = BuiltinKinds;
const ns = 'score-system';
const fast = { initialBackoffMs: 100, maxBackoffMs: 1000 };
let cp: ControlPlane;
let client: KubeClient;

beforeAll(async () => {
  cp = await ControlPlane.start();
  client = new KubeClient(cp.kubeConfig, { fieldManager: 'orchestrator-test' });
  await client.create(Namespace, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
});
afterAll(async () => cp?.stop());

const doc = (runtimeClass: string) =>
  `apiVersion: score.dev/v1b1\nkind: PlatformConfig\ndefaults: { runtimeClass: ${runtimeClass} }\n`;

function configMap(name: string, data: Record<string, string>): V1ConfigMap {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { namespace: ns, name }, data };
}

async function setData(name: string, data: Record<string, string>): Promise<void> {
  const current = (await client.get<V1ConfigMap>(ConfigMap, { namespace: ns, name }))!;
  await client.update(ConfigMap, { ...current, data });
}

async function until(condition: () => boolean | Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function eventReasons(name: string): Promise<string[]> {
  const { items } = await client.list<EventsV1Event>(Event, { namespace: ns });
  return items.filter((e) => e.regarding?.name === name).map((e) => `${e.type} ${e.reason}`);
}

describe('ConfigMapConfigSource against a real API server', () => {
  it('reloads good -> bad (keeps the last good) -> good, and reports each step', async () => {
    await client.create(ConfigMap, configMap('platform', { 'platform.yaml': doc('one'), other: 'x' }));
    // A ConfigMap next to it must not be mistaken for the config.
    await client.create(ConfigMap, configMap('decoy', { 'platform.yaml': doc('decoy') }));
    const source = new ConfigMapConfigSource({ client, namespace: ns, name: 'platform', timing: fast });
    const store = new PlatformConfigStore({ source });
    const registry = new Registry();
    const recorder = new EventRecorder({
      kubeConfig: cp.kubeConfig,
      reportingController: 'score.dev/orchestrator-test',
    });
    reportConfigReloads(store, { logger: createLogger({ silent: true }), registry, events: { recorder } });
    const changes: string[] = [];
    store.subscribe((config) => changes.push(config.defaults.runtimeClass));
    try {
      expect((await store.start()).defaults.runtimeClass).toBe('one');

      await setData('platform', {
        'platform.yaml': `${doc('one')}profiles: [ { name: web, runtimeClass: 7 } ]\n`,
      });
      await until(() => store.lastError !== undefined);
      expect(store.lastError?.issues.map((i) => i.field)).toEqual(['profiles[0].runtimeClass']);
      expect(store.current.defaults.runtimeClass).toBe('one');

      await setData('platform', { 'platform.yaml': doc('two') });
      await until(() => changes.length === 1);
      expect(store.current.defaults.runtimeClass).toBe('two');
      expect(store.lastError).toBeUndefined();

      await setData('platform', { renamed: doc('three') });
      await until(() => store.lastError !== undefined);
      expect(store.lastError?.message).toBe(
        `failed to read platform config ConfigMap ${ns}/platform key platform.yaml: the ConfigMap has no data key platform.yaml (keys: renamed); put the document under data.platform.yaml`,
      );

      await client.delete(ConfigMap, { namespace: ns, name: 'platform' });
      await until(() => store.lastError?.message.includes('it was deleted') ?? false);
      expect(store.current.defaults.runtimeClass).toBe('two');

      await recorder.flush();
      await until(async () => (await eventReasons('platform')).length >= 3);
      expect(await eventReasons('platform')).toEqual(
        expect.arrayContaining(['Normal ConfigReloaded', 'Warning ConfigRejected']),
      );
      const counts = (await registry.getSingleMetric(CONFIG_RELOAD_METRIC)!.get()).values;
      expect(Object.fromEntries(counts.map((v) => [v.labels.result, v.value]))).toEqual({
        success: 2,
        failure: 3,
      });
    } finally {
      await store.stop();
      await recorder.stop();
    }
  });

  it('fails start-up when the ConfigMap does not exist, saying how to fix it', async () => {
    const store = new PlatformConfigStore({
      source: new ConfigMapConfigSource({
        client,
        namespace: ns,
        name: 'absent',
        key: 'config.yaml',
        timing: fast,
      }),
    });
    let error: unknown;
    try {
      await store.start();
    } catch (err) {
      error = err;
    }
    expect(OrchestratorError.is(error, 'Source')).toBe(true);
    expect((error as Error).message).toBe(
      `failed to load platform config from ConfigMap ${ns}/absent key config.yaml: failed to read platform config ConfigMap ${ns}/absent key config.yaml: it does not exist; create it with the document under data.config.yaml`,
    );
  });
});
