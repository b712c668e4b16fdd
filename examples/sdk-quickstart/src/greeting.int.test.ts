import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { V1ConfigMap } from '@kubernetes/client-node';
import {
  BuiltinKinds,
  createLogger,
  KubeClient,
  resourceKindOf,
  type Manager,
} from '@score-orchestrator/operator-sdk';
import { ControlPlane, eventually as pollUntil } from '@score-orchestrator/testing';
import { fileURLToPath } from 'node:url';
import { GUESTBOOK } from './greeting.controller.js';
import { Greeting } from './greeting.resource.js';
import { createGreetingOperator } from './operator.js';

const crds = fileURLToPath(new URL('../crds', import.meta.url));
const GreetingKind = resourceKindOf(Greeting);

async function eventually<T>(
  probe: () => Promise<T | undefined>,
  what: string,
  timeoutMs = 60_000,
): Promise<T> {
  return pollUntil(probe, what, { timeoutMs, intervalMs: 100 });
}

describe('greeting operator on a real API server', () => {
  let cp: ControlPlane;
  let operator: Manager;
  let client: KubeClient;
  const namespace = 'default';

  // #region setup
  beforeAll(async () => {
    cp = await ControlPlane.start({ crds });
    client = new KubeClient(cp.kubeConfig, { fieldManager: 'test' });
    operator = createGreetingOperator({
      kubeConfig: cp.kubeConfig,
      probePort: 0,
      logger: createLogger({ silent: true }),
    });
    await operator.start();
  });

  afterAll(async () => {
    await operator?.stop();
    await cp?.stop();
  });
  // #endregion setup

  // #region first-test
  it('renders a greeting into an owned ConfigMap and reports status', async () => {
    const created = await client.create<Greeting>(GreetingKind, {
      apiVersion: 'quickstart.example.dev/v1',
      kind: 'Greeting',
      metadata: { name: 'hello', namespace },
      spec: { message: 'hello, world', copies: 2 },
    } as Greeting);

    const configMap = await eventually(
      () => client.get<V1ConfigMap>(BuiltinKinds.ConfigMap, { namespace, name: 'greeting-hello' }),
      'the rendered ConfigMap',
    );
    expect(configMap.data?.message).toBe('hello, world\nhello, world');
    expect(configMap.metadata?.ownerReferences?.[0]).toMatchObject({
      kind: 'Greeting',
      name: 'hello',
      controller: true,
      uid: created.metadata.uid,
    });

    const ready = await eventually(async () => {
      const greeting = await client.get<Greeting>(GreetingKind, { namespace, name: 'hello' });
      return greeting?.status?.ready ? greeting : undefined;
    }, 'status.ready');
    expect(ready.status).toEqual({ observedGeneration: 1, configMapName: 'greeting-hello', ready: true });
    expect(ready.metadata.finalizers).toEqual(['quickstart.example.dev/greeting-finalizer']);
  });
  // #endregion first-test

  it('converges on spec changes', async () => {
    await client.patch(
      GreetingKind,
      { namespace, name: 'hello' },
      { spec: { message: 'bonjour', copies: 1 } },
    );
    await eventually(async () => {
      const cm = await client.get<V1ConfigMap>(BuiltinKinds.ConfigMap, { namespace, name: 'greeting-hello' });
      return cm?.data?.message === 'bonjour' ? cm : undefined;
    }, 'the updated ConfigMap');
    // The guestbook is signed by the write after the rendered ConfigMap's, so it may trail it.
    const guestbook = await eventually(async () => {
      const cm = await client.get<V1ConfigMap>(BuiltinKinds.ConfigMap, { namespace, name: GUESTBOOK });
      return cm?.data?.hello === 'bonjour' ? cm : undefined;
    }, 'the guestbook entry to follow');
    expect(guestbook.data).toMatchObject({ hello: 'bonjour' });
  });

  it('rejects invalid greetings at the API server, naming the field', async () => {
    await expect(
      client.create(GreetingKind, {
        apiVersion: 'quickstart.example.dev/v1',
        kind: 'Greeting',
        metadata: { name: 'too-many', namespace },
        spec: { message: 'x', copies: 11 },
      }),
    ).rejects.toThrow(/spec\.copies/);
  });

  it('runs the finalizer on delete: the guestbook entry goes, then the greeting', async () => {
    await client.create<Greeting>(GreetingKind, {
      apiVersion: 'quickstart.example.dev/v1',
      kind: 'Greeting',
      metadata: { name: 'bye', namespace },
      spec: { message: 'see you' },
    } as Greeting);
    await eventually(async () => {
      const guestbook = await client.get<V1ConfigMap>(BuiltinKinds.ConfigMap, { namespace, name: GUESTBOOK });
      return guestbook?.data?.bye ? guestbook : undefined;
    }, 'the guestbook entry');

    await client.delete(GreetingKind, { namespace, name: 'bye' });
    await eventually(
      async () => ((await client.get(GreetingKind, { namespace, name: 'bye' })) ? undefined : true),
      'deletion',
    );
    const guestbook = await client.get<V1ConfigMap>(BuiltinKinds.ConfigMap, { namespace, name: GUESTBOOK });
    expect(guestbook?.data ?? {}).not.toHaveProperty('bye');
    expect(guestbook?.data?.hello).toBe('bonjour');
  });

  it('exposes controller-runtime metrics and probes', async () => {
    const address = operator.probeAddress!;
    const metrics = await (await fetch(`http://127.0.0.1:${address.port}/metrics`)).text();
    expect(metrics).toMatch(
      /controller_runtime_reconcile_total\{controller="greeting",result="success"\} [1-9]/,
    );
    expect(metrics).toMatch(/rest_client_requests_total\{code="200",method="GET"/);
    expect((await fetch(`http://127.0.0.1:${address.port}/readyz`)).status).toBe(200);
  });
});
