import type { V1ConfigMap, V1Deployment, V1Service, V1StatefulSet } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { BuiltinKinds } from '@score-orchestrator/operator-sdk';
import {
  applyUntil,
  createNamespace,
  eventually,
  putPlan,
  read,
  startHarness,
  type RuntimeHarness,
} from './runtime-harness.js';

jest.setTimeout(300_000);

describe('KubernetesRuntime on a LocalCluster: mapping, readiness, pruning, drift, endpoint', () => {
  let h: RuntimeHarness;

  beforeAll(async () => {
    h = await startHarness();
  });

  afterAll(() => h?.stop());

  it('applies every mapping for real and turns Ready once the pods are', async () => {
    const ns = await createNamespace(h, 'map');
    for (const [name, key] of [
      ['shop-db', 'password'],
      ['shop-tls', 'tls.key'],
    ] as const) {
      await h.client.create(BuiltinKinds.Secret, {
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name, namespace: ns },
        stringData: { [key]: 'not-shown' },
      } as never);
    }
    const plan = await putPlan(h, ns, 'shop', {
      labels: { team: 'checkout' },
      annotations: { 'example.com/owner': 'checkout' },
      options: { replicas: 2 },
      containers: {
        web: {
          image: 'registry.example.com/shop/web:2.1.0',
          command: ['/bin/server'],
          args: ['--listen', ':8080'],
          env: [
            { name: 'LOG_LEVEL', value: 'info' },
            { name: 'DB_PASSWORD', secretKeyRef: { name: 'shop-db', key: 'password' } },
            {
              name: 'DB_URL',
              template: [
                { text: 'postgres://app:' },
                { secretKeyRef: { name: 'shop-db', key: 'password' } },
                { text: '@db/shop' },
              ],
            },
          ],
          files: [
            { target: '/etc/shop/config.yaml', content: 'port: 8080\n', mode: '0640' },
            { target: '/etc/shop/logo.png', binaryContent: 'iVBORw0KGgo=' },
            { target: '/etc/shop/tls.key', secretRef: { name: 'shop-tls', key: 'tls.key' }, mode: '0400' },
          ],
          volumes: [{ target: '/cache', source: '{"emptyDir":{}}' }],
          resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { memory: '128Mi' } },
          livenessProbe: { httpGet: { path: '/healthz', port: 8080 } },
          readinessProbe: { exec: { command: ['cat', '/tmp/ready'] } },
        },
        // `before` runs the container that has it first: migrate completes, then proxy is healthy, then web.
        migrate: {
          image: 'registry.example.com/shop/migrate:2.1.0',
          args: ['up'],
          before: { web: { ready: 'complete' } },
        },
        proxy: {
          image: 'envoyproxy/envoy:v1.31',
          before: { web: { ready: 'healthy' } },
          readinessProbe: { httpGet: { path: '/ready', port: 15021 } },
        },
      },
      service: { ports: { http: { port: 80, targetPort: 8080 }, admin: { port: 15021 } } },
    });

    const first = await h.runtime.apply(plan, h.ctx);
    expect(first.phase).toBe('Progressing');
    expect(first.endpoint).toBe(`http://shop.${ns}.svc.cluster.local:80`);

    const deployment = (await read<V1Deployment>(h, 'Deployment', ns, 'shop'))!;
    expect(deployment.metadata?.labels).toMatchObject({
      team: 'checkout',
      'app.kubernetes.io/name': 'shop',
      'app.kubernetes.io/instance': 'shop',
      'app.kubernetes.io/managed-by': 'score-orchestrator',
    });
    expect(deployment.metadata?.ownerReferences).toEqual([
      expect.objectContaining({
        kind: 'WorkloadPlan',
        name: 'shop',
        uid: plan.metadata!.uid,
        controller: true,
      }),
    ]);
    expect(deployment.metadata?.managedFields?.map((f) => f.manager)).toContain('score-runtime-kubernetes');
    const pod = deployment.spec!.template;
    expect(pod.metadata?.annotations?.['score.dev/files-hash']).toMatch(/^[0-9a-f]{64}$/);
    expect(
      pod.spec!.initContainers!.map((c) => [c.name, c.restartPolicy, c.startupProbe?.httpGet?.port]),
    ).toEqual([
      ['migrate', undefined, undefined],
      ['proxy', 'Always', 'admin'],
    ]);
    const web = pod.spec!.containers[0]!;
    expect(web).toMatchObject({
      name: 'web',
      command: ['/bin/server'],
      args: ['--listen', ':8080'],
      ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }],
      resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { memory: '128Mi' } },
      livenessProbe: { httpGet: { path: '/healthz', port: 'http' } },
      readinessProbe: { exec: { command: ['cat', '/tmp/ready'] } },
    });
    expect(web.env?.find((e) => e.name === 'DB_PASSWORD')?.valueFrom?.secretKeyRef).toEqual({
      name: 'shop-db',
      key: 'password',
    });
    expect(web.env?.find((e) => e.name === 'DB_URL')?.value).toMatch(
      /^postgres:\/\/app:\$\(SCORE_SECRET_[0-9A-F]+\)@db\/shop$/,
    );
    expect(web.volumeMounts?.map((m) => m.mountPath)).toEqual([
      '/etc/shop/config.yaml',
      '/etc/shop/logo.png',
      '/etc/shop/tls.key',
      '/cache',
    ]);
    const projected = pod.spec!.volumes!.find((v) => v.projected)!.projected!.sources!;
    expect(projected[0]!.configMap!.items!.map((i) => i.mode)).toEqual([0o640, undefined]);
    expect(projected[1]!.secret).toMatchObject({
      name: 'shop-tls',
      items: [{ key: 'tls.key', mode: 0o400 }],
    });

    const cm = (await read<V1ConfigMap>(h, 'ConfigMap', ns, 'shop-web-files'))!;
    expect(Object.values(cm.data!)).toEqual(['port: 8080\n']);
    expect(Object.values(cm.binaryData!)).toEqual(['iVBORw0KGgo=']);
    const svc = (await read<V1Service>(h, 'Service', ns, 'shop'))!;
    expect(svc.spec?.ports?.map((p) => [p.name, p.port, p.targetPort])).toEqual([
      ['admin', 15021, 'admin'],
      ['http', 80, 'http'],
    ]);

    const ready = await applyUntil(h, plan, (o) => o.phase === 'Ready');
    expect(ready).toEqual({
      phase: 'Ready',
      reason: 'Ready',
      message: 'all 2 replicas ready',
      endpoint: `http://shop.${ns}.svc.cluster.local:80`,
    });
  });

  it('writes nothing when applied again with nothing changed', async () => {
    const ns = await createNamespace(h, 'idem');
    const plan = await putPlan(h, ns, 'api', {
      containers: { api: { image: 'api:1', files: [{ target: '/etc/a', content: 'a' }] } },
      service: { ports: { http: { port: 80 } } },
    });
    await applyUntil(h, plan, (o) => o.phase === 'Ready');
    const versions = async () =>
      Promise.all([
        read(h, 'Deployment', ns, 'api'),
        read(h, 'Service', ns, 'api'),
        read(h, 'ConfigMap', ns, 'api-api-files'),
      ]).then((objs) => objs.map((o) => o?.metadata?.resourceVersion));
    const before = await versions();
    await h.runtime.apply(plan, h.ctx);
    expect(await versions()).toEqual(before);

    // A changed file changes the pod template's hash, so the pods roll.
    const hash = async () =>
      (await read<V1Deployment>(h, 'Deployment', ns, 'api'))?.spec?.template.metadata?.annotations?.[
        'score.dev/files-hash'
      ];
    const oldHash = await hash();
    const changed = await putPlan(h, ns, 'api', {
      containers: { api: { image: 'api:1', files: [{ target: '/etc/a', content: 'b' }] } },
      service: { ports: { http: { port: 80 } } },
    });
    expect((await h.runtime.apply(changed, h.ctx)).phase).toBe('Progressing');
    expect(await hash()).not.toBe(oldHash);
    await applyUntil(h, changed, (o) => o.phase === 'Ready');
  });

  it('runs a StatefulSet with a headless Service when options.workloadKind says so', async () => {
    const ns = await createNamespace(h, 'sts');
    const plan = await putPlan(h, ns, 'db', {
      options: { workloadKind: 'StatefulSet', replicas: 2 },
      containers: { db: { image: 'postgres:17' } },
      service: { ports: { pg: { port: 5432 } } },
    });
    const ready = await applyUntil(h, plan, (o) => o.phase === 'Ready');
    expect(ready.message).toBe('all 2 replicas ready');
    const sts = (await read<V1StatefulSet>(h, 'StatefulSet', ns, 'db'))!;
    expect(sts.spec?.serviceName).toBe('db-headless');
    expect((await read<V1Service>(h, 'Service', ns, 'db-headless'))?.spec?.clusterIP).toBe('None');
    expect(await read(h, 'Deployment', ns, 'db')).toBeUndefined();
  });

  it('prunes what the plan no longer needs: a removed file and port, a changed workload kind', async () => {
    const ns = await createNamespace(h, 'prune');
    const spec = {
      containers: {
        web: { image: 'web:1', files: [{ target: '/etc/a.conf', content: 'a' }] },
        side: { image: 'side:1', files: [{ target: '/etc/b.conf', content: 'b' }] },
      },
      service: { ports: { http: { port: 80 }, admin: { port: 9000 } } },
    };
    let plan = await putPlan(h, ns, 'web', spec);
    await h.runtime.apply(plan, h.ctx);
    expect(await read(h, 'ConfigMap', ns, 'web-side-files')).toBeDefined();

    plan = await putPlan(h, ns, 'web', {
      ...spec,
      containers: { ...spec.containers, side: { image: 'side:1' } },
      service: { ports: { http: { port: 80 } } },
    });
    await h.runtime.apply(plan, h.ctx);
    await eventually(
      async () => ((await read(h, 'ConfigMap', ns, 'web-side-files')) ? undefined : true),
      'ConfigMap pruned',
    );
    expect(await read(h, 'ConfigMap', ns, 'web-web-files')).toBeDefined();
    expect((await read<V1Service>(h, 'Service', ns, 'web'))?.spec?.ports?.map((p) => p.name)).toEqual([
      'http',
    ]);

    plan = await putPlan(h, ns, 'web', { containers: { web: { image: 'web:1' } } });
    const observed = await h.runtime.apply(plan, h.ctx);
    expect(observed.endpoint).toBeUndefined();
    await eventually(
      async () => ((await read(h, 'Service', ns, 'web')) ? undefined : true),
      'Service pruned',
    );
    await eventually(
      async () => ((await read(h, 'ConfigMap', ns, 'web-web-files')) ? undefined : true),
      'ConfigMap pruned',
    );

    plan = await putPlan(h, ns, 'web', {
      options: { workloadKind: 'StatefulSet' },
      containers: { web: { image: 'web:1' } },
    });
    await h.runtime.apply(plan, h.ctx);
    await eventually(
      async () => ((await read(h, 'Deployment', ns, 'web')) ? undefined : true),
      'Deployment pruned',
    );
    expect(await read(h, 'StatefulSet', ns, 'web')).toBeDefined();
  });

  it('puts back hand edits of replicas and image and a deleted Service', async () => {
    const ns = await createNamespace(h, 'drift');
    const plan = await putPlan(h, ns, 'api', {
      containers: { api: { image: 'api:1' } },
      service: { ports: { http: { port: 80 } } },
    });
    await applyUntil(h, plan, (o) => o.phase === 'Ready');

    await h.client.patch(
      BuiltinKinds.Deployment,
      { namespace: ns, name: 'api' },
      { spec: { replicas: 3, template: { spec: { containers: [{ name: 'api', image: 'api:hacked' }] } } } },
      { type: 'strategic', fieldManager: 'kubectl-edit' },
    );
    await h.client.delete(BuiltinKinds.Service, { namespace: ns, name: 'api' });

    await h.runtime.apply(plan, h.ctx);
    const repaired = (await read<V1Deployment>(h, 'Deployment', ns, 'api'))!;
    expect(repaired.spec?.replicas).toBe(1);
    expect(repaired.spec?.template.spec?.containers[0]?.image).toBe('api:1');
    expect(await read(h, 'Service', ns, 'api')).toBeDefined();
    await applyUntil(h, plan, (o) => o.phase === 'Ready');
  });

  it.each([
    ['a route host and path', { host: 'shop.example.com', path: '/api' }, 'http://shop.example.com/api'],
    ['a route host', { host: 'shop.example.com' }, 'http://shop.example.com'],
  ])('reports the endpoint from %s', async (_name, endpointHints, expected) => {
    const ns = await createNamespace(h, 'route');
    const plan = await putPlan(h, ns, 'site', {
      containers: { site: { image: 'site:1' } },
      service: { ports: { web: { port: 8080 } } },
      endpointHints,
    });
    expect((await h.runtime.apply(plan, h.ctx)).endpoint).toBe(expected);
  });
});
