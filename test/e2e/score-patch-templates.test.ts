// examples/patch-templates on a LocalCluster: the platform config's patch templates (score-k8s's format)
// patch what the Kubernetes runtime writes. The example's checkout Workload runs with three replicas (the
// score-k8s README template), the hardened profile's security context and the team annotation; another
// Workload gets only what applies to it. The plan's status lists the applied operations by template and
// description, never a value. A template that would write over an object the orchestrator does not own gets
// a NameConflict and leaves that object alone; one that writes into another namespace fails the plan.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { KubernetesObject, V1ConfigMap, V1Deployment, V1Service } from '@kubernetes/client-node';
import { WorkloadKind, WorkloadPlanKind, type Workload, type WorkloadPlan } from '@score-orchestrator/api';
import { BuiltinKinds, type ResourceKind } from '@score-orchestrator/operator-sdk';
import { parse, stringify } from 'yaml';
import {
  conditionOf,
  eventually,
  startGoldenCluster,
  startOrchestrator,
  waitForReady,
  workloadFromScore,
  type GoldenCluster,
  type RunningOrchestrator,
} from './golden-path/golden-path-cluster.js';

const example = join(process.cwd(), 'examples', 'patch-templates');
const exampleText = (file: string) => readFileSync(join(example, file), 'utf8');

// The example's config plus two misbehaving templates, each for Workloads of its own profile.
function platformConfig(): string {
  const config = parse(exampleText('platform.yaml')) as {
    profiles: Record<string, unknown>[];
    patchTemplates: Record<string, unknown>[];
  };
  config.profiles.push(
    { name: 'takeover', selector: { matchLabels: { test: 'takeover' } } },
    { name: 'elsewhere', selector: { matchLabels: { test: 'elsewhere' } } },
  );
  config.patchTemplates.push(
    {
      name: 'takeover',
      profiles: ['takeover'],
      template:
        '- op: set\n  path: -1\n  value: { apiVersion: v1, kind: ConfigMap, metadata: { name: shared-settings }, data: { mode: patched } }\n',
    },
    {
      name: 'elsewhere',
      profiles: ['elsewhere'],
      template: '- op: set\n  path: 0.metadata.namespace\n  value: kube-system\n',
    },
  );
  return stringify(config);
}

// A one-container Score workload with a service port, labelled to pick its profile.
const workload = (namespace: string, name: string, labels: Record<string, string>): Workload =>
  workloadFromScore(
    stringify({
      apiVersion: 'score.dev/v1b1',
      metadata: { name, labels },
      containers: { web: { image: 'ghcr.io/example/web:1.0.0' } },
      service: { ports: { http: { port: 80 } } },
    }),
    namespace,
  );

describe('patch templates (examples/patch-templates)', () => {
  let golden: GoldenCluster;
  let orchestrator: RunningOrchestrator;
  let ns: string;

  beforeAll(async () => {
    golden = await startGoldenCluster();
    orchestrator = await startOrchestrator(golden.cluster.kubeConfig, platformConfig());
    ns = await golden.namespace('patched');
  });
  afterAll(async () => {
    await orchestrator?.stop();
    await golden?.stop();
  });

  const get = <T extends KubernetesObject>(kind: ResourceKind, name: string) =>
    golden.client.get<T>(kind, { namespace: ns, name });

  it('runs the example Workload patched: replicas, security context, team annotation; status lists the patches', async () => {
    await golden.client.create(WorkloadKind, workloadFromScore(exampleText('score.yaml'), ns));
    await waitForReady(golden.client, ns, 'checkout');
    const deployment = (await get<V1Deployment>(BuiltinKinds.Deployment, 'checkout'))!;
    expect(deployment.spec?.replicas).toBe(3);
    expect(deployment.status?.readyReplicas).toBe(3);
    expect(deployment.spec?.template.spec?.securityContext).toMatchObject({
      runAsNonRoot: true,
      runAsUser: 65532,
    });
    expect(deployment.spec?.template.spec?.containers[0]?.securityContext).toMatchObject({
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ['ALL'] },
    });
    const service = await get<V1Service>(BuiltinKinds.Service, 'checkout');
    for (const obj of [deployment, service]) {
      expect(obj?.metadata?.annotations).toMatchObject({
        'example.com/team': 'payments',
        'k8s.score.dev/workload-name': 'checkout',
      });
    }

    const plan = await golden.client.get<WorkloadPlan>(WorkloadPlanKind, { namespace: ns, name: 'checkout' });
    expect(plan?.spec.patchTemplates?.map((t) => t.name)).toEqual([
      'replicas',
      'security-context',
      'team-annotation',
    ]);
    expect(plan?.status?.patches).toEqual([
      {
        template: 'replicas',
        op: 'set',
        path: '1.spec.replicas',
        description: 'Increase the replicas for the checkout deployment',
      },
      expect.objectContaining({ template: 'security-context', path: '1.spec.template.spec.securityContext' }),
      expect.objectContaining({
        template: 'security-context',
        path: '1.spec.template.spec.containers.0.securityContext',
      }),
      expect.objectContaining({
        template: 'team-annotation',
        path: '0.metadata.annotations.example\\.com/team',
      }),
      expect.objectContaining({
        template: 'team-annotation',
        path: '1.metadata.annotations.example\\.com/team',
      }),
    ]);
    expect(plan?.status?.patches?.filter((p) => 'value' in p)).toEqual([]);
  });

  it('applies to another Workload only what its profile and name select', async () => {
    await golden.client.create(WorkloadKind, workload(ns, 'catalog', { team: 'search' }));
    await waitForReady(golden.client, ns, 'catalog');
    const deployment = (await get<V1Deployment>(BuiltinKinds.Deployment, 'catalog'))!;
    expect(deployment.spec?.replicas).toBe(1);
    expect(deployment.spec?.template.spec?.securityContext ?? {}).toEqual({});
    expect(deployment.metadata?.annotations?.['example.com/team']).toBe('search');
    const plan = await golden.client.get<WorkloadPlan>(WorkloadPlanKind, { namespace: ns, name: 'catalog' });
    expect(new Set(plan?.status?.patches?.map((p) => p.template))).toEqual(new Set(['team-annotation']));
  });

  it('never writes over an object the orchestrator does not own: NameConflict, the object untouched', async () => {
    await golden.client.create(BuiltinKinds.ConfigMap, {
      metadata: { name: 'shared-settings', namespace: ns },
      data: { mode: 'original' },
    });
    await golden.client.create(WorkloadKind, workload(ns, 'intruder', { test: 'takeover' }));
    const refused = await eventually(async () => {
      const w = await golden.client.get<Workload>(WorkloadKind, { namespace: ns, name: 'intruder' });
      return conditionOf(w, 'RuntimeReady')?.reason === 'NameConflict' && w;
    }, 'intruder NameConflict');
    expect(conditionOf(refused, 'RuntimeReady')?.message).toContain('shared-settings');
    const config = await golden.client.get<V1ConfigMap>(BuiltinKinds.ConfigMap, {
      namespace: ns,
      name: 'shared-settings',
    });
    expect(config?.data).toEqual({ mode: 'original' });
    expect(config?.metadata?.ownerReferences).toBeUndefined();
    expect(await get<V1Deployment>(BuiltinKinds.Deployment, 'intruder')).toBeUndefined();
  });

  it('fails the plan, writing nothing, when a template moves an object to another namespace', async () => {
    await golden.client.create(WorkloadKind, workload(ns, 'mover', { test: 'elsewhere' }));
    const failed = await eventually(async () => {
      const w = await golden.client.get<Workload>(WorkloadKind, { namespace: ns, name: 'mover' });
      const runtime = conditionOf(w, 'RuntimeReady');
      return runtime?.status === 'False' && runtime.message?.includes('patch templates') && runtime;
    }, 'mover RuntimeReady False');
    expect(failed.message).toContain("metadata.namespace must be the Workload's namespace");
    expect(
      await golden.client.get(BuiltinKinds.Service, { namespace: 'kube-system', name: 'mover' }),
    ).toBeUndefined();
    expect(await get<V1Deployment>(BuiltinKinds.Deployment, 'mover')).toBeUndefined();
  });
});
