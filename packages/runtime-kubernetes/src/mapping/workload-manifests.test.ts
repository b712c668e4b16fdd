import { readFileSync, writeFileSync } from 'node:fs';
import type { V1Deployment, V1PodSpec, V1StatefulSet } from '@kubernetes/client-node';
import { describe, expect, it } from '@jest/globals';
import { RuntimeKubernetesError } from '../errors/runtime-kubernetes.error.js';
import { fullPlan, planFixture, webPlan } from './fixtures/plan-fixtures.js';
import type { PlanObject } from './plan-object.js';
import { planToManifests } from './workload-manifests.js';

const options = { defaultReplicas: 1 };
const golden = new URL('./fixtures/full-plan.golden.json', import.meta.url);

function podSpec(plan: PlanObject): V1PodSpec {
  return (planToManifests(plan, options).workload as V1Deployment).spec!.template.spec!;
}

describe('planToManifests', () => {
  it('maps a plan using every feature to the golden manifests', () => {
    // Compared as data, so the golden file may be formatted by prettier.
    const manifests = planToManifests(fullPlan(), options).all;
    if (process.env['UPDATE_GOLDEN'] === '1')
      writeFileSync(golden, `${JSON.stringify(manifests, null, 2)}\n`);
    expect(JSON.parse(JSON.stringify(manifests))).toEqual(JSON.parse(readFileSync(golden, 'utf8')));
  });

  it('is deterministic', () => {
    expect(planToManifests(fullPlan(), options)).toEqual(planToManifests(fullPlan(), options));
  });

  it.each([
    ['neither', {}, undefined, undefined],
    ['command only', { command: ['/bin/app'] }, ['/bin/app'], undefined],
    ['args only', { args: ['--port', '80'] }, undefined, ['--port', '80']],
    ['both', { command: ['sh', '-c'], args: ['echo hi'] }, ['sh', '-c'], ['echo hi']],
  ])('maps command and args: %s', (_name, container, command, args) => {
    const web = podSpec(webPlan(container)).containers[0]!;
    expect(web.command).toEqual(command);
    expect(web.args).toEqual(args);
  });

  it.each([
    ['a plain value', [{ name: 'A', value: 'x' }], [{ name: 'A', value: 'x' }]],
    ['a value with $ escaped', [{ name: 'A', value: 'p$(B)$' }], [{ name: 'A', value: 'p$$(B)$$' }]],
    [
      'a whole secret as secretKeyRef',
      [{ name: 'PW', secretKeyRef: { name: 'db', key: 'password' } }],
      [{ name: 'PW', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } }],
    ],
    [
      'a secret template as a dependent $(VAR)',
      [
        {
          name: 'URL',
          template: [{ text: 'u:' }, { secretKeyRef: { name: 'db', key: 'pw' } }, { text: '@h$1' }],
        },
      ],
      [
        {
          name: expect.stringMatching(/^SCORE_SECRET_[0-9A-F]{10}$/),
          valueFrom: { secretKeyRef: { name: 'db', key: 'pw' } },
        },
        { name: 'URL', value: expect.stringMatching(/^u:\$\(SCORE_SECRET_[0-9A-F]{10}\)@h\$\$1$/) },
      ],
    ],
  ])('maps env: %s', (_name, env, expected) => {
    expect(podSpec(webPlan({ env } as never)).containers[0]!.env).toEqual(expected);
  });

  it('defines a secret used by two templates once, before the vars using it', () => {
    const part = { secretKeyRef: { name: 'db', key: 'pw' } };
    const env = podSpec(
      webPlan({
        env: [
          { name: 'A', template: [part] },
          { name: 'B', template: [{ text: 'x' }, part] },
        ],
      }),
    ).containers[0]!.env!;
    expect(env.map((e) => e.name)).toEqual([expect.stringMatching(/^SCORE_SECRET_/), 'A', 'B']);
    expect(env[1]!.value).toBe(`$(${env[0]!.name})`);
  });

  describe('files', () => {
    const files = [
      { target: '/etc/app/a.conf', content: 'a=1', mode: '0600' },
      { target: '/opt/bin/tool', binaryContent: 'AAEC', mode: '755' },
      { target: '/etc/tls/key.pem', secretRef: { name: 'tls', key: 'key.pem' } },
    ];
    const manifests = planToManifests(webPlan({ files }), options);
    const spec = (manifests.workload as V1Deployment).spec!.template.spec!;

    it('puts content in data and binary content in binaryData of one ConfigMap per container', () => {
      expect(manifests.configMaps).toHaveLength(1);
      const cm = manifests.configMaps[0]!;
      expect(cm.metadata?.name).toBe('shop-web-files');
      expect(Object.values(cm.data ?? {})).toEqual(['a=1']);
      expect(Object.values(cm.binaryData ?? {})).toEqual(['AAEC']);
    });

    it('projects ConfigMap and Secret keys with their modes into one volume', () => {
      const [cmKey, binKey] = Object.keys({
        ...manifests.configMaps[0]!.data,
        ...manifests.configMaps[0]!.binaryData,
      });
      expect(spec.volumes).toEqual([
        {
          name: 'files-web',
          projected: {
            sources: [
              {
                configMap: {
                  name: 'shop-web-files',
                  items: [
                    { key: cmKey, path: cmKey, mode: 0o600 },
                    { key: binKey, path: binKey, mode: 0o755 },
                  ],
                },
              },
              {
                secret: {
                  name: 'tls',
                  items: [{ key: 'key.pem', path: expect.stringMatching(/-key\.pem$/) }],
                },
              },
            ],
          },
        },
      ]);
    });

    it('mounts each file at its target with subPath, read-only', () => {
      expect(spec.containers[0]!.volumeMounts).toEqual(
        files.map((f) => ({
          name: 'files-web',
          mountPath: f.target,
          subPath: expect.any(String),
          readOnly: true,
        })),
      );
    });

    it('annotates the pod template with a hash that changes with content and mode only', () => {
      const hashOf = (plan: PlanObject) =>
        (planToManifests(plan, options).workload as V1Deployment).spec!.template.metadata!.annotations?.[
          'score.dev/files-hash'
        ];
      const base = hashOf(webPlan({ files }));
      expect(base).toMatch(/^[0-9a-f]{64}$/);
      expect(hashOf(webPlan({ files }))).toBe(base);
      expect(hashOf(webPlan({ files: [{ ...files[0]!, content: 'a=2' }, files[1]!, files[2]!] }))).not.toBe(
        base,
      );
      expect(hashOf(webPlan({ files: [{ ...files[0]!, mode: '0644' }, files[1]!, files[2]!] }))).not.toBe(
        base,
      );
      expect(hashOf(webPlan({}))).toBeUndefined();
    });

    it('covers the version of mounted Secrets in the hash', () => {
      const hashWith = (version: string) =>
        (
          planToManifests(webPlan({ files }), { ...options, secretVersion: () => version })
            .workload as V1Deployment
        ).spec!.template.metadata!.annotations!['score.dev/files-hash'];
      expect(hashWith('1')).not.toBe(hashWith('2'));
    });
  });

  it.each([
    ['a claim name', 'data-pvc', { persistentVolumeClaim: { claimName: 'data-pvc' } }],
    ['a JSON claim', '{"claimName":"c1"}', { persistentVolumeClaim: { claimName: 'c1' } }],
    ['a JSON volume source', '{"emptyDir":{"medium":"Memory"}}', { emptyDir: { medium: 'Memory' } }],
  ])('maps a volume from %s', (_name, source, expected) => {
    const spec = podSpec(webPlan({ volumes: [{ target: '/data', source, path: 'sub', readOnly: true }] }));
    const name = spec.volumes![0]!.name;
    expect(spec.volumes).toEqual([{ name, ...expected }]);
    expect(spec.containers[0]!.volumeMounts).toEqual([
      { name, mountPath: '/data', subPath: 'sub', readOnly: true },
    ]);
  });

  it('mounts a sub path written from the volume root ("/sub/path") as the relative subPath Kubernetes takes', () => {
    const mounts = (path: string) =>
      podSpec(webPlan({ volumes: [{ target: '/data', source: 'pvc', path }] })).containers[0]!.volumeMounts;
    expect(mounts('/sub/path')).toEqual([
      expect.objectContaining({ mountPath: '/data', subPath: 'sub/path' }),
    ]);
    expect(mounts('/')).toEqual([expect.not.objectContaining({ subPath: expect.anything() })]);
  });

  it('rejects a volume source naming no known source', () => {
    expect(() => podSpec(webPlan({ volumes: [{ target: '/d', source: '{"bogus":1}' }] }))).toThrow(
      expect.objectContaining({ kind: 'InvalidPlan' }),
    );
  });

  it.each([
    ['httpGet by number', { httpGet: { path: '/h', port: 9000 } }, { httpGet: { path: '/h', port: 9000 } }],
    [
      'httpGet by name when the port is declared',
      {
        httpGet: {
          path: '/h',
          port: 8080,
          scheme: 'HTTP',
          host: 'localhost',
          httpHeaders: [{ name: 'A', value: 'b' }],
        },
      },
      {
        httpGet: {
          path: '/h',
          port: 'http',
          scheme: 'HTTP',
          host: 'localhost',
          httpHeaders: [{ name: 'A', value: 'b' }],
        },
      },
    ],
    ['exec', { exec: { command: ['cat', '/ok'] } }, { exec: { command: ['cat', '/ok'] } }],
    [
      'both (exec wins, as the Score schema prefers)',
      { httpGet: { path: '/h', port: 8080 }, exec: { command: ['cat', '/ok'] } },
      { exec: { command: ['cat', '/ok'] } },
    ],
  ])('maps probes: %s', (_name, probe, expected) => {
    const plan = webPlan(
      { livenessProbe: probe as never, readinessProbe: probe as never },
      { service: { ports: { http: { port: 80, targetPort: 8080 } } } },
    );
    const web = podSpec(plan).containers[0]!;
    expect(web.livenessProbe).toEqual(expected);
    expect(web.readinessProbe).toEqual(expected);
  });

  it('maps resources', () => {
    const resources = { requests: { cpu: '100m', memory: '64Mi' }, limits: { memory: '128Mi' } };
    expect(podSpec(webPlan({ resources })).containers[0]!.resources).toEqual(resources);
    expect(podSpec(webPlan({ resources: {} })).containers[0]!.resources).toBeUndefined();
  });

  it('writes Score memory in kilobytes (K) as the Kubernetes quantity (k)', () => {
    const resources = { limits: { memory: '1.5K' }, requests: { memory: '512K', cpu: '1' } };
    expect(podSpec(webPlan({ resources })).containers[0]!.resources).toEqual({
      limits: { memory: '1.5k' },
      requests: { memory: '512k', cpu: '1' },
    });
    expect(podSpec(webPlan({ resources: { limits: { memory: '2Ki' } } })).containers[0]!.resources).toEqual({
      limits: { memory: '2Ki' },
    });
  });

  it('runs A.before.B as A first: complete → init container, started → sidecar, healthy → sidecar with a startup probe', () => {
    const spec = podSpec(
      planFixture({
        containers: {
          app: { image: 'app:1', readinessProbe: { httpGet: { path: '/app', port: 8080 } } },
          log: { image: 'log:1', before: { app: { ready: 'started' } } },
          migrate: { image: 'migrate:1', before: { app: { ready: 'complete' } } },
          proxy: {
            image: 'proxy:1',
            readinessProbe: { httpGet: { path: '/ready', port: 15021 } },
            before: { migrate: { ready: 'healthy' } },
          },
        },
      }),
    );
    // The regular containers: only the one without before entries.
    expect(spec.containers).toEqual([
      { name: 'app', image: 'app:1', readinessProbe: { httpGet: { path: '/app', port: 8080 } } },
    ]);
    // Init containers one by one in list order: proxy before migrate (which it is before), log in spec order.
    expect(spec.initContainers).toEqual([
      { name: 'log', image: 'log:1', restartPolicy: 'Always' },
      {
        name: 'proxy',
        image: 'proxy:1',
        readinessProbe: { httpGet: { path: '/ready', port: 15021 } },
        startupProbe: { httpGet: { path: '/ready', port: 15021 } },
        restartPolicy: 'Always',
      },
      { name: 'migrate', image: 'migrate:1' },
    ]);
  });

  it('gates a healthy sidecar without a readiness probe on its liveness probe', () => {
    const liveness = { exec: { command: ['pg_isready'] } };
    const spec = podSpec(
      planFixture({
        containers: {
          app: { image: 'app:1' },
          db: { image: 'db:1', livenessProbe: liveness, before: { app: { ready: 'healthy' } } },
        },
      }),
    );
    expect(spec.initContainers).toEqual([
      { name: 'db', image: 'db:1', livenessProbe: liveness, startupProbe: liveness, restartPolicy: 'Always' },
    ]);
  });

  it('maps service ports to a Service with named target ports and container ports', () => {
    const manifests = planToManifests(
      webPlan(
        {},
        { service: { ports: { http: { port: 80, targetPort: 8080 }, dns: { port: 53, protocol: 'UDP' } } } },
      ),
      options,
    );
    expect(manifests.services).toHaveLength(1);
    expect(manifests.services[0]!.metadata?.name).toBe('shop');
    expect(manifests.services[0]!.spec).toEqual({
      selector: { 'app.kubernetes.io/name': 'shop', 'app.kubernetes.io/instance': 'shop' },
      ports: [
        { name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' },
        { name: 'dns', port: 53, targetPort: 'dns', protocol: 'UDP' },
      ],
    });
    expect((manifests.workload as V1Deployment).spec!.template.spec!.containers[0]!.ports).toEqual([
      { name: 'http', containerPort: 8080, protocol: 'TCP' },
      { name: 'dns', containerPort: 53, protocol: 'UDP' },
    ]);
  });

  it('targets a port by number when its name is too long for a container port', () => {
    const manifests = planToManifests(
      webPlan({}, { service: { ports: { 'very-long-port-name': { port: 80 } } } }),
      options,
    );
    expect(manifests.services[0]!.spec!.ports).toEqual([
      { name: 'very-long-port-name', port: 80, targetPort: 80, protocol: 'TCP' },
    ]);
  });

  it('creates no Service without ports', () => {
    expect(planToManifests(webPlan({}), options).services).toEqual([]);
  });

  it('runs a StatefulSet with a headless governing Service when options.workloadKind says so', () => {
    const manifests = planToManifests(
      webPlan(
        {},
        { options: { workloadKind: 'StatefulSet', replicas: 3 }, service: { ports: { web: { port: 80 } } } },
      ),
      options,
    );
    const sts = manifests.workload as V1StatefulSet;
    expect(sts.kind).toBe('StatefulSet');
    expect(sts.spec?.replicas).toBe(3);
    expect(sts.spec?.serviceName).toBe('shop-headless');
    expect(manifests.services.map((s) => [s.metadata?.name, s.spec?.clusterIP])).toEqual([
      ['shop', undefined],
      ['shop-headless', 'None'],
    ]);
  });

  it.each([['Job'], [42]])('rejects workloadKind %p', (workloadKind) => {
    expect(() => planToManifests(webPlan({}, { options: { workloadKind } }), options)).toThrow(
      RuntimeKubernetesError,
    );
  });

  it('labels and annotates every object by convention, owned by the plan', () => {
    const manifests = planToManifests(fullPlan(), options);
    for (const obj of manifests.all) {
      expect(obj.metadata?.labels).toEqual({
        team: 'checkout',
        'app.kubernetes.io/name': 'shop',
        'app.kubernetes.io/instance': 'shop',
        'app.kubernetes.io/managed-by': 'score-orchestrator',
        'app.kubernetes.io/part-of': 'shop-suite',
      });
      expect(obj.metadata?.annotations).toEqual({
        'example.com/owner': 'checkout-team',
        'k8s.score.dev/workload-name': 'shop',
      });
      expect(obj.metadata?.ownerReferences).toEqual([
        {
          apiVersion: 'score.dev/v1b1',
          kind: 'WorkloadPlan',
          name: 'shop',
          uid: '11111111-2222-3333-4444-555555555555',
          controller: true,
          blockOwnerDeletion: true,
        },
      ]);
    }
  });

  it('keeps the conventional labels when the plan sets the same keys', () => {
    const plan = webPlan(
      {},
      { labels: { 'app.kubernetes.io/instance': 'other', 'app.kubernetes.io/managed-by': 'me' } },
    );
    const labels = planToManifests(plan, options).workload.metadata!.labels!;
    expect(labels['app.kubernetes.io/instance']).toBe('shop');
    expect(labels['app.kubernetes.io/managed-by']).toBe('score-orchestrator');
  });

  it('names the Service svc-<name> when the plan name starts with a digit', () => {
    const plan = planFixture({ service: { ports: { http: { port: 80 } } } }, '1shop');
    expect(planToManifests(plan, options).services[0]!.metadata?.name).toBe('svc-1shop');
  });
});
