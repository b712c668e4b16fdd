// Runs the snippets of docs/sdk that talk to Kubernetes against a real kube-apiserver, so the docs show code
// that works. One control plane for the file; each group of tests uses its own namespace.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  CoreV1Api,
  EventsV1Api,
  RbacAuthorizationV1Api,
  type V1ConfigMap,
  type V1Pod,
  type V1Secret,
} from '@kubernetes/client-node';
import {
  BuiltinKinds,
  createLogger,
  isConflict,
  KubeApiError,
  KubeClient,
  Manager,
  OperatorMetrics,
  ownershipConflictOf,
  resourceKindOf,
  Tokens,
} from '@score-orchestrator/operator-sdk';
import { Container } from 'inversify';
import { ControlPlane } from '@score-orchestrator/testing';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFromCache, shapedCache, startConfigMapCache, WIDGET_LABEL } from './cache-usage.js';
import {
  applyWidget,
  createClient,
  createOnce,
  crud,
  markReady,
  removeIfOurs,
  renderIfFree,
  renderOwned,
  widgetToken,
  withFinalizer,
} from './client-usage.js';
import { widgetCrdYaml } from './crd-generation.js';
import { reportProvisioning } from './events-usage.js';
import { createRenderer } from './readme-example.js';
import { campaign } from './leader-election-usage.js';
import { createWidgetOperator, main } from './widget-operator.js';
import {
  WidgetRegistrationController,
  WidgetRegistryToken,
  type WidgetRegistry,
} from './widget-registration.controller.js';
import { Widget } from './widget.resource.js';

const WidgetKind = resourceKindOf(Widget);
const silent = createLogger({ silent: true });

async function eventually<T>(
  probe: () => Promise<T | undefined>,
  what: string,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
    } catch (err) {
      last = err;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
}

function widget(namespace: string, name: string, spec: Partial<Widget['spec']> = {}): Widget {
  return {
    apiVersion: 'snippets.example.dev/v1',
    kind: 'Widget',
    metadata: { name, namespace },
    spec: { mode: 'Active', replicas: 1, containers: [{ image: 'nginx:1.27' }], ...spec },
  };
}

let crdDir: string;
let cp: ControlPlane;
let client: KubeClient;

// #region control-plane
beforeAll(async () => {
  crdDir = await mkdtemp(join(tmpdir(), 'widget-crds-'));
  await writeFile(join(crdDir, 'widgets.yaml'), widgetCrdYaml());
  cp = await ControlPlane.start({ crds: crdDir }); // the CRD is Established and served on return
  client = new KubeClient(cp.kubeConfig, { fieldManager: 'test' }); // cp.kubeConfig is the admin
});

afterAll(async () => {
  await cp?.stop(); // idempotent; a reaper cleans up even if the test process dies
  await rm(crdDir, { recursive: true, force: true });
});
// #endregion control-plane

beforeAll(async () => {
  for (const name of ['team-a', 'widget-system', 'snippets', 'rbac', 'registration']) {
    await client.create(BuiltinKinds.Namespace, { metadata: { name } });
  }
});

describe('widget operator (manager.md, controllers.md)', () => {
  let operator: Manager;
  const ns = 'team-a';

  beforeAll(async () => {
    operator = createWidgetOperator({ kubeConfig: cp.kubeConfig, probePort: 0, logger: silent });
    await operator.start();
  });

  afterAll(async () => {
    await operator?.stop();
  });

  it('waits for the credentials Secret, then renders an owned ConfigMap and reports status', async () => {
    await client.create(WidgetKind, widget(ns, 'w1'));
    const finalized = await eventually(async () => {
      const w = await client.get<Widget>(WidgetKind, { namespace: ns, name: 'w1' });
      return w?.metadata.finalizers?.length ? w : undefined;
    }, 'the finalizer');
    expect(finalized.metadata.finalizers).toEqual(['snippets.example.dev/cleanup']);
    expect(await client.get(BuiltinKinds.ConfigMap, { namespace: ns, name: 'widget-w1' })).toBeUndefined();

    // The Secret watch maps `w1-credentials` back to the Widget `w1`.
    await client.create(BuiltinKinds.Secret, { metadata: { name: 'w1-credentials', namespace: ns } });
    const cm = await eventually(
      () => client.get<V1ConfigMap>(BuiltinKinds.ConfigMap, { namespace: ns, name: 'widget-w1' }),
      'the rendered ConfigMap',
    );
    expect(cm.data).toEqual({ mode: 'Active', images: 'nginx:1.27' });
    expect(cm.metadata?.ownerReferences?.[0]).toMatchObject({ kind: 'Widget', name: 'w1', controller: true });
    const ready = await eventually(async () => {
      const w = await client.get<Widget>(WidgetKind, { namespace: ns, name: 'w1' });
      return w?.status?.ready ? w : undefined;
    }, 'status.ready');
    expect(ready.status).toEqual({ observedGeneration: 1, ready: true, configMapName: 'widget-w1' });
  });

  it('finalizes: deletes owned ConfigMaps, then the finalizer goes', async () => {
    await client.delete(WidgetKind, { namespace: ns, name: 'w1' });
    await eventually(async () => !(await client.get(WidgetKind, { namespace: ns, name: 'w1' })), 'deletion');
    expect(await client.get(BuiltinKinds.ConfigMap, { namespace: ns, name: 'widget-w1' })).toBeUndefined();
  });

  it('records a terminal error without retrying', async () => {
    await client.create(WidgetKind, widget(ns, 'empty', { containers: [] }));
    const port = operator.probeAddress!.port;
    await eventually(async () => {
      const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
      return /controller_runtime_terminal_reconcile_errors_total\{controller="widget"\} 1/.test(text);
    }, 'the terminal error metric');
    await client.delete(WidgetKind, { namespace: ns, name: 'empty' });
  });
});

describe("widget registration: finalizerMode 'manual' (controllers.md)", () => {
  const ns = 'registration';
  const entries = new Set<string>();
  const registry: WidgetRegistry = {
    register: async (key) => void entries.add(key),
    unregister: async (key) => void entries.delete(key),
  };
  let operator: Manager;
  const read = (name: string) => client.get<Widget>(WidgetKind, { namespace: ns, name });

  beforeAll(async () => {
    const container = new Container();
    container.bind(WidgetRegistryToken).toConstantValue(registry);
    container.bind(Tokens.Controller).to(WidgetRegistrationController).inSingletonScope();
    operator = Manager.create({
      container,
      kubeConfig: cp.kubeConfig,
      probePort: false,
      logger: silent,
      cache: { namespaces: [ns] },
    });
    await operator.start();
  });

  afterAll(async () => {
    await operator?.stop();
  });

  it('holds the finalizer only while the Widget is registered', async () => {
    await client.create(WidgetKind, widget(ns, 'active'));
    await client.create(WidgetKind, widget(ns, 'paused', { mode: 'Paused' }));
    await eventually(async () => entries.has(`${ns}/active`), 'the registration');
    expect((await read('active'))?.metadata.finalizers).toEqual(['snippets.example.dev/registration']);
    expect((await read('paused'))?.metadata.finalizers).toBeUndefined();

    // Pausing unregisters and takes the finalizer off: the deletion then waits for nothing.
    await client.patch(WidgetKind, { namespace: ns, name: 'active' }, { spec: { mode: 'Paused' } });
    await eventually(async () => !(await read('active'))?.metadata.finalizers, 'the finalizer removed');
    expect(entries.has(`${ns}/active`)).toBe(false);
    await client.delete(WidgetKind, { namespace: ns, name: 'paused' });
    await eventually(async () => !(await read('paused')), 'the paused Widget deleted');
  });

  it('unregisters a registered Widget on delete, then the finalizer goes', async () => {
    await client.create(WidgetKind, widget(ns, 'doomed'));
    await eventually(async () => entries.has(`${ns}/doomed`), 'the registration');
    await client.delete(WidgetKind, { namespace: ns, name: 'doomed' });
    await eventually(async () => !(await read('doomed')), 'the deletion');
    expect(entries.has(`${ns}/doomed`)).toBe(false);
  });
});

describe('main (manager.md)', () => {
  it('runs with leader election until a signal', async () => {
    const saved = process.env.KUBECONFIG;
    process.env.KUBECONFIG = cp.kubeconfigPath;
    const before = process.listenerCount('SIGTERM');
    const running = main({ POD_NAMESPACE: 'widget-system', PROBE_PORT: '0', LOG_LEVEL: 'error' });
    try {
      const lease = await eventually(async () => {
        const l = await client.get<{ spec?: { holderIdentity?: string } } & V1ConfigMap>(BuiltinKinds.Lease, {
          namespace: 'widget-system',
          name: 'widget-operator-leader',
        });
        return l?.spec?.holderIdentity ? l : undefined;
      }, 'the lease');
      expect(lease.spec?.holderIdentity).toBeTruthy();
      expect(process.listenerCount('SIGTERM')).toBe(before + 1);
      process.emit('SIGTERM', 'SIGTERM');
      await running;
    } finally {
      if (saved === undefined) delete process.env.KUBECONFIG;
      else process.env.KUBECONFIG = saved;
    }
    const released = await client.get<{ spec?: { holderIdentity?: string } } & V1ConfigMap>(
      BuiltinKinds.Lease,
      {
        namespace: 'widget-system',
        name: 'widget-operator-leader',
      },
    );
    expect(released?.spec?.holderIdentity ?? '').toBe('');
  });
});

describe('client (client-and-cache.md)', () => {
  const ns = 'snippets';

  it('creates, reads, lists, patches, updates and deletes', async () => {
    const metrics = new OperatorMetrics();
    expect(await crud(createClient(cp.kubeConfig, metrics), ns)).toBe(
      'blue, 1 listed, now red, deleted: true',
    );
    expect(await metrics.registry.getSingleMetricAsString('rest_client_requests_total')).toMatch(
      /rest_client_requests_total\{code="201",method="POST"/,
    );
  });

  it('applies a widget and its status, updates status only when it changes', async () => {
    const applied = await applyWidget(createClient(cp.kubeConfig), ns);
    expect(applied.status).toEqual({ ready: false });
    const c = createClient(cp.kubeConfig);
    expect(await markReady(c, ns, 'applied')).toBe(true);
    expect(await markReady(c, ns, 'applied')).toBe(false);
  });

  it('sets owner references and finalizers', async () => {
    const c = createClient(cp.kubeConfig);
    const owner = (await c.get<Widget>(WidgetKind, { namespace: ns, name: 'applied' }))!;
    expect(await renderOwned(c, owner)).toBe('applied');
    expect(await withFinalizer(c, owner)).toBe(true);
    const after = await c.get<Widget>(WidgetKind, { namespace: ns, name: 'applied' });
    expect(after?.metadata.finalizers ?? []).toEqual([]);
  });

  it('writes and deletes only what the Widget owns', async () => {
    const c = createClient(cp.kubeConfig);
    const mine = (await c.get<Widget>(WidgetKind, { namespace: ns, name: 'applied' }))!;
    expect(await renderIfFree(c, mine)).toBe('applied');
    expect(await renderIfFree(c, mine)).toBe('applied'); // idempotent
    expect(await removeIfOurs(c, mine)).toBe('deleted');
    expect(await removeIfOurs(c, mine)).toBe('absent');

    // Someone else's ConfigMap carries the name the Widget would use: it is neither written nor deleted.
    const other = await c.create<Widget>(WidgetKind, widget(ns, 'taken'));
    const foreign = await c.create<V1ConfigMap>(BuiltinKinds.ConfigMap, {
      metadata: { namespace: ns, name: 'taken-settings' },
      data: { owner: 'someone else' },
    });
    expect(await renderIfFree(c, other)).toMatch(/^taken: .*ConfigMap.*taken-settings/);
    expect(await removeIfOurs(c, other)).toBe('notOwned');
    const after = await c.get<V1ConfigMap>(BuiltinKinds.ConfigMap, { namespace: ns, name: 'taken-settings' });
    expect(after?.metadata?.resourceVersion).toBe(foreign.metadata?.resourceVersion);
    expect(after?.data).toEqual({ owner: 'someone else' });
  });

  it('creates a Secret only while its name is free, keeping the token it holds', async () => {
    const c = createClient(cp.kubeConfig);
    const mine = (await c.get<Widget>(WidgetKind, { namespace: ns, name: 'applied' }))!;
    const token = await widgetToken(c, mine);
    expect(token).toMatch(/^[0-9a-f]{32}$/);
    expect(await widgetToken(c, mine)).toBe(token); // there already: read, not replaced

    const other = await c.create<Widget>(WidgetKind, widget(ns, 'token-taken'));
    const foreign = await c.create<V1Secret>(BuiltinKinds.Secret, {
      metadata: { namespace: ns, name: 'token-taken-token' },
      stringData: { token: 'theirs' },
    });
    const err = await widgetToken(c, other).catch((e: unknown) => e);
    expect(ownershipConflictOf(err)?.message).toMatch(/^failed to create Secret .*token-taken-token/);
    const after = await c.get<V1Secret>(BuiltinKinds.Secret, { namespace: ns, name: 'token-taken-token' });
    expect(after?.metadata?.resourceVersion).toBe(foreign.metadata?.resourceVersion);
  });

  it('tells conflicts and validation errors apart', async () => {
    const c = createClient(cp.kubeConfig);
    expect(await createOnce(c, widget(ns, 'once'))).toBe('created');
    expect(await createOnce(c, widget(ns, 'once'))).toBe('exists');
    expect(await createOnce(c, widget(ns, 'bad', { replicas: -1 }))).toBe('invalid: spec.replicas');
    const err = await c.create(WidgetKind, widget(ns, 'once')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KubeApiError);
    expect(isConflict(err)).toBe(true);
    expect((err as Error).message).toMatch(/^failed to create Widget snippets\/once: /);
  });
});

describe('cache (client-and-cache.md)', () => {
  it('lists, watches, indexes and serves reads from memory', async () => {
    const ns = 'snippets';
    const owner = (await client.get<Widget>(WidgetKind, { namespace: ns, name: 'once' }))!;
    await client.create(BuiltinKinds.ConfigMap, {
      metadata: { name: 'settings', namespace: ns, labels: { app: 'web', [WIDGET_LABEL]: 'w1' } },
    });
    const { cache, seen } = await startConfigMapCache(client, ns, silent);
    try {
      expect(seen).toContain('add settings');
      await client.apply(
        { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'owned', namespace: ns } },
        { fieldManager: 'test' },
      );
      await client.patch(
        BuiltinKinds.ConfigMap,
        { namespace: ns, name: 'owned' },
        {
          metadata: {
            ownerReferences: [
              { apiVersion: owner.apiVersion, kind: owner.kind, name: 'once', uid: owner.metadata.uid! },
            ],
          },
        },
      );
      await eventually(async () => readFromCache(cache, ns, owner).owned.length === 1, 'the owned ConfigMap');
      const reads = readFromCache(cache, ns, owner);
      expect(reads.one?.metadata?.name).toBe('settings');
      expect(Object.isFrozen(reads.one)).toBe(true);
      expect(reads.web.map((cm) => cm.metadata?.name)).toEqual(['settings']);
      expect(reads.ofWidget.map((cm) => cm.metadata?.name)).toEqual(['settings']);
      expect(reads.copy?.data).toEqual({ touched: 'yes' });
      await client.delete(BuiltinKinds.ConfigMap, { namespace: ns, name: 'settings' });
      await eventually(async () => seen.includes('delete settings'), 'the delete event');
    } finally {
      await cache.stop();
    }
  });
});

describe('cache transforms (client-and-cache.md)', () => {
  it('caches only the selected Pods, in the shape the transform keeps', async () => {
    const ns = 'snippets';
    // No controller-manager here to create the namespace's ServiceAccount, which a Pod needs.
    await client
      .create(BuiltinKinds.ServiceAccount, { metadata: { namespace: ns, name: 'default' } })
      .catch(() => undefined);
    const spec = {
      automountServiceAccountToken: false,
      containers: [{ name: 'web', image: 'nginx:1', env: [{ name: 'A', value: '1' }] }],
    };
    const labels = { 'app.kubernetes.io/managed-by': 'widget-operator' };
    await client.create(BuiltinKinds.Pod, { metadata: { namespace: ns, name: 'ours', labels }, spec });
    await client.create(BuiltinKinds.Pod, { metadata: { namespace: ns, name: 'other' }, spec });
    const cache = shapedCache(client);
    cache.informerFor(BuiltinKinds.Pod, { namespace: ns });
    cache.start();
    try {
      await cache.waitForSync(30_000);
      expect(cache.list(BuiltinKinds.Pod).map((p) => p.metadata?.name)).toEqual(['ours']);
      const ours = cache.get<V1Pod>(BuiltinKinds.Pod, { namespace: ns, name: 'ours' });
      expect(ours?.spec).toEqual({ containers: [{ name: 'web', image: 'nginx:1' }] });
    } finally {
      await cache.stop();
    }
  });
});

describe('events (events.md)', () => {
  it('aggregates repeats into one Event with a series', async () => {
    const cm = await client.create<V1ConfigMap>(BuiltinKinds.ConfigMap, {
      metadata: { name: 'claim', namespace: 'snippets' },
    });
    await reportProvisioning(cp.kubeConfig, cm, silent);
    const events = cp.kubeConfig.makeApiClient(EventsV1Api);
    const about = (await events.listNamespacedEvent({ namespace: 'snippets' })).items.filter(
      (e) => e.regarding?.uid === cm.metadata?.uid,
    );
    expect(about).toHaveLength(1);
    expect(about[0]).toMatchObject({ reason: 'ProvisionFailed', type: 'Warning', series: { count: 2 } });
  });
});

describe('leader election (leader-election.md)', () => {
  it('leads, reports the gauge, and releases on stop', async () => {
    const metrics = new OperatorMetrics();
    const { elector, outcome } = campaign(cp.kubeConfig, 'widget-system', metrics);
    await eventually(async () => elector.isLeader(), 'leadership');
    expect(await metrics.registry.getSingleMetricAsString('leader_election_master_status')).toContain(
      'leader_election_master_status{name="widget-janitor"} 1',
    );
    await elector.stop();
    expect(await outcome).toBe('stopped');
  });
});

describe('RBAC with minted users (testing.md)', () => {
  it('forbids, then allows once bound', async () => {
    // #region rbac
    const alice = await cp.userKubeConfig('alice', ['widget-readers']); // a client certificate: RBAC applies
    const asAlice = new KubeClient(alice, { fieldManager: 'alice' });
    await expect(asAlice.list(WidgetKind, { namespace: 'rbac' })).rejects.toMatchObject({ statusCode: 403 });

    const rbac = cp.kubeConfig.makeApiClient(RbacAuthorizationV1Api);
    await rbac.createNamespacedRole({
      namespace: 'rbac',
      body: {
        metadata: { name: 'widget-reader' },
        rules: [
          { apiGroups: ['snippets.example.dev'], resources: ['widgets'], verbs: ['get', 'list', 'watch'] },
        ],
      },
    });
    await rbac.createNamespacedRoleBinding({
      namespace: 'rbac',
      body: {
        metadata: { name: 'widget-readers' },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'widget-reader' },
        subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: 'widget-readers' }],
      },
    });
    await expect(asAlice.list(WidgetKind, { namespace: 'rbac' })).resolves.toMatchObject({ items: [] });
    // #endregion rbac
    expect(cp.kubeConfig.makeApiClient(CoreV1Api)).toBeDefined();
  });
});

describe('the package README example', () => {
  it('renders ConfigMaps for widgets', async () => {
    const renderer = createRenderer(cp.kubeConfig);
    await renderer.start();
    try {
      await client.create(WidgetKind, widget('rbac', 'readme', { containers: [{ image: 'busybox' }] }));
      const cm = await eventually(
        () => client.get<V1ConfigMap>(BuiltinKinds.ConfigMap, { namespace: 'rbac', name: 'widget-readme' }),
        'the ConfigMap',
      );
      expect(cm.data).toEqual({ images: 'busybox' });
    } finally {
      await renderer.stop();
    }
  });
});
