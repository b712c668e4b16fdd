// The Helm chart and the kustomize base, rendered by real helm and kustomize and applied to a real API
// server: CRDs and the Namespace for real, everything else with a server-side dry run.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { parse } from 'yaml';
import { KubeClient, statusCodeOf } from '@score-orchestrator/operator-sdk';
import { parsePlatformConfig } from '@score-orchestrator/orchestrator';
import { ControlPlane, readPinnedVersions } from '@score-orchestrator/testing';

import { applyRendered, installFoundations } from './apply-rendered.js';
import { ensureDeployTool, repoRoot } from './deploy-tools.js';
import {
  buildKustomizeBase,
  chartDir,
  findObject,
  installNamespace,
  kustomizeBaseDir,
  lintHelmChart,
  renderHelmChart,
  type RenderedObject,
} from './rendered-manifests.js';

// A cold build of helm and kustomize takes minutes; cached builds take none.
jest.setTimeout(900_000);

interface PodSpecShape {
  securityContext: Record<string, unknown>;
  containers: Array<Record<string, unknown> & { args: string[]; securityContext: Record<string, unknown> }>;
}
const podSpecOf = (deployment: RenderedObject): PodSpecShape =>
  (deployment.spec as { template: { spec: PodSpecShape } }).template.spec;
const rulesOf = (role: RenderedObject): unknown => role.rules;
const expectedKinds = [
  'ClusterRole/score-orchestrator',
  'ClusterRole/score-workload-editor',
  'ClusterRole/score-workload-viewer',
  'ClusterRoleBinding/score-orchestrator',
  'ConfigMap/score-orchestrator-config',
  'CustomResourceDefinition/resourceclaims.score.dev',
  'CustomResourceDefinition/workloadplans.score.dev',
  'CustomResourceDefinition/workloads.score.dev',
  'Deployment/score-orchestrator',
  'PodDisruptionBudget/score-orchestrator',
  'Role/score-orchestrator',
  'RoleBinding/score-orchestrator',
  'Service/score-orchestrator-metrics',
  'ServiceAccount/score-orchestrator',
];
const names = (objects: readonly RenderedObject[]): string[] =>
  objects.map((o) => `${o.kind}/${o.metadata?.name}`).sort();

describe('deploy manifests', () => {
  let cp: ControlPlane;
  let client: KubeClient;
  let kubeVersion: string;
  let helm: RenderedObject[];
  let kustomize: RenderedObject[];

  beforeAll(async () => {
    await Promise.all([ensureDeployTool('helm'), ensureDeployTool('kustomize')]);
    kubeVersion = (await readPinnedVersions()).kubernetes;
    [helm, kustomize] = await Promise.all([renderHelmChart({ kubeVersion }), buildKustomizeBase()]);
    cp = await ControlPlane.start();
    client = new KubeClient(cp.kubeConfig, { fieldManager: 'deploy-test' });
    // The chart leaves the namespace to `helm install --create-namespace`; the base brings its own.
    await installFoundations(cp, kustomize);
    await installFoundations(cp, helm);
  });

  afterAll(() => cp?.stop());

  it('helm template renders every object of the install with default values', () => {
    expect(names(helm)).toEqual(expectedKinds);
  });

  it('kustomize build renders the same objects plus the Namespace', () => {
    expect(names(kustomize)).toEqual([...expectedKinds, 'Namespace/score-system'].sort());
  });

  it('helm lint --strict finds nothing', async () => {
    await expect(lintHelmChart(kubeVersion)).resolves.toContain('0 chart(s) failed');
  });

  it('the API server accepts every object helm renders (server-side dry run)', async () => {
    const outcomes = await applyRendered(client, helm, { dryRun: true });
    expect(outcomes.filter((o) => o.error)).toEqual([]);
    expect(outcomes).toHaveLength(expectedKinds.length - 3);
  });

  it('the API server accepts every object kustomize renders (server-side dry run)', async () => {
    const outcomes = await applyRendered(client, kustomize, { dryRun: true });
    expect(outcomes.filter((o) => o.error)).toEqual([]);
    expect(outcomes).toHaveLength(expectedKinds.length - 3);
  });

  it('the optional objects of the chart render and validate too', async () => {
    const all = await renderHelmChart({
      kubeVersion,
      set: [
        'namespace.create=true',
        'image.digest=sha256:0000000000000000000000000000000000000000000000000000000000000000',
        'imagePullSecrets[0].name=registry',
        'serviceAccount.annotations.example\\.com/role=orchestrator',
        'priorityClassName=system-cluster-critical',
        'extraArgs[0]=--log-level=debug',
      ],
    });
    expect(names(all)).toContain(`Namespace/${installNamespace}`);
    const container = podSpecOf(findObject(all, 'Deployment', 'score-orchestrator')).containers[0]!;
    expect(container.image).toBe(
      'ghcr.io/score-orchestrator/score-orchestrator@sha256:0000000000000000000000000000000000000000000000000000000000000000',
    );
    expect(container.args).toContain('--log-level=debug');
    expect((await applyRendered(client, all, { dryRun: true })).filter((o) => o.error)).toEqual([]);
  });

  it('the rendered pod meets the restricted Pod Security Standard, which the namespace enforces', async () => {
    const deployment = findObject(kustomize, 'Deployment', 'score-orchestrator');
    const template = (deployment.spec as { template: { metadata: object; spec: PodSpecShape } }).template;
    const pod = (name: string, spec: unknown) => ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name, namespace: installNamespace },
      spec,
    });
    // For real: admission refuses pods whose ServiceAccount does not exist.
    await client.apply(findObject(kustomize, 'ServiceAccount', 'score-orchestrator'));
    await expect(client.apply(pod('restricted', template.spec), { dryRun: true })).resolves.toBeDefined();
    // The same pod without its security settings is refused: the namespace really enforces `restricted`.
    const { securityContext: _pod, ...loose } = template.spec;
    const containers = template.spec.containers.map(({ securityContext: _c, ...c }) => c);
    const refused = await client
      .apply(pod('loose', { ...loose, containers }), { dryRun: true })
      .catch((e) => e);
    expect(statusCodeOf(refused)).toBe(403);
    expect((refused as Error).message).toContain('violates PodSecurity "restricted');
  });

  it('both deploy two replicas with leader election, probes on 8081 and a locked-down container', () => {
    for (const objects of [helm, kustomize]) {
      const deployment = findObject(objects, 'Deployment', 'score-orchestrator');
      expect((deployment.spec as { replicas: number }).replicas).toBe(2);
      const spec = podSpecOf(deployment);
      expect(spec.securityContext).toEqual({
        runAsNonRoot: true,
        runAsUser: 65532,
        runAsGroup: 65532,
        seccompProfile: { type: 'RuntimeDefault' },
      });
      const container = spec.containers[0]!;
      expect(container.args).toEqual([
        'run',
        '--leader-elect',
        '--config-map=$(POD_NAMESPACE)/score-orchestrator-config',
      ]);
      expect(container.securityContext).toEqual({
        allowPrivilegeEscalation: false,
        readOnlyRootFilesystem: true,
        capabilities: { drop: ['ALL'] },
      });
      expect(container.ports).toEqual([{ name: 'http', containerPort: 8081, protocol: 'TCP' }]);
      expect(container.livenessProbe).toMatchObject({ httpGet: { path: '/healthz', port: 'http' } });
      expect(container.readinessProbe).toMatchObject({ httpGet: { path: '/readyz', port: 'http' } });
      expect(container.resources).toEqual({
        requests: { cpu: '100m', memory: '128Mi' },
        limits: { cpu: '1', memory: '512Mi' },
      });
      expect(findObject(objects, 'PodDisruptionBudget', 'score-orchestrator').spec).toMatchObject({
        minAvailable: 1,
      });
      expect(findObject(objects, 'Service', 'score-orchestrator-metrics').spec).toMatchObject({
        ports: [{ name: 'metrics', port: 8081, targetPort: 'http' }],
      });
    }
  });

  it('helm and kustomize grant exactly the same permissions', () => {
    for (const [kind, name] of [
      ['ClusterRole', 'score-orchestrator'],
      ['ClusterRole', 'score-workload-viewer'],
      ['ClusterRole', 'score-workload-editor'],
      ['Role', 'score-orchestrator'],
    ] as const) {
      expect(rulesOf(findObject(helm, kind, name))).toEqual(rulesOf(findObject(kustomize, kind, name)));
    }
    for (const name of ['score-workload-viewer', 'score-workload-editor']) {
      const aggregation = (o: RenderedObject) =>
        Object.entries(o.metadata?.labels ?? {})
          .filter(([key]) => key.startsWith('rbac.authorization.k8s.io/'))
          .sort();
      expect(aggregation(findObject(helm, 'ClusterRole', name))).toEqual(
        aggregation(findObject(kustomize, 'ClusterRole', name)),
      );
    }
  });

  it('both ship the same default platform config, and it is valid', () => {
    const platformYaml = (objects: readonly RenderedObject[]) =>
      (findObject(objects, 'ConfigMap', 'score-orchestrator-config').data as Record<string, string>)[
        'platform.yaml'
      ]!;
    expect(platformYaml(helm).trim()).toBe(platformYaml(kustomize).trim());
    const config = parsePlatformConfig(platformYaml(kustomize));
    expect(config.plugins).toEqual([
      '@score-orchestrator/resolver-dev',
      '@score-orchestrator/runtime-kubernetes',
    ]);
  });

  it('the chart renders the CRDs unchanged, kept on uninstall, and leaves them out on request', async () => {
    const source = join(repoRoot, 'crds');
    for (const file of (await readdir(source)).filter((f) => f.endsWith('.yaml'))) {
      const crd = parse(await readFile(join(source, file), 'utf8')) as RenderedObject;
      const rendered = findObject(helm, 'CustomResourceDefinition', crd.metadata!.name!);
      expect(rendered.spec).toEqual(crd.spec);
      expect(rendered.metadata?.annotations).toMatchObject({ 'helm.sh/resource-policy': 'keep' });
    }
    const without = await renderHelmChart({ kubeVersion, set: ['crds.install=false'] });
    expect(without.filter((o) => o.kind === 'CustomResourceDefinition')).toEqual([]);
    expect(without).toHaveLength(helm.length - 3);
  });

  it('the CRDs under deploy/ are the checked-in crds/ (run deploy/sync-crds.sh when this fails)', async () => {
    const source = join(repoRoot, 'crds');
    const files = (await readdir(source)).filter((f) => f.endsWith('.yaml')).sort();
    expect(files).toHaveLength(3);
    for (const copy of [join(chartDir, 'files', 'crds'), join(kustomizeBaseDir, 'crds')]) {
      expect((await readdir(copy)).sort()).toEqual(files);
      for (const file of files) {
        expect(await readFile(join(copy, file), 'utf8')).toBe(await readFile(join(source, file), 'utf8'));
      }
    }
  });
});
