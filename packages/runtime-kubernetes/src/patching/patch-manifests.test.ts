import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import type { V1Deployment, V1StatefulSet } from '@kubernetes/client-node';
import { compilePatchTemplate, PatchTemplateCache } from '@score-orchestrator/api';
import { parse } from 'yaml';
import { RuntimeKubernetesError } from '../errors/runtime-kubernetes.error.js';
import { planFixture } from '../mapping/fixtures/plan-fixtures.js';
import { planToManifests } from '../mapping/workload-manifests.js';
import { patchManifests } from './patch-manifests.js';

// The example's templates (examples/patch-templates/platform.yaml), as the orchestrator copies them into plans.
const example = parse(
  readFileSync(new URL('../../../../examples/patch-templates/platform.yaml', import.meta.url), 'utf8'),
) as { patchTemplates: { name: string; template: string }[] };
const templates = (...names: string[]) =>
  names.map((name) => {
    const t = example.patchTemplates.find((p) => p.name === name)!;
    return { name: t.name, template: t.template };
  });

const plan = (patchTemplates: { name: string; template: string }[], name = 'checkout') =>
  planFixture(
    {
      labels: { team: 'payments' },
      service: { ports: { http: { port: 8080 } } },
      patchTemplates,
    },
    name,
  );
const patch = (p: ReturnType<typeof plan>) => patchManifests(p, planToManifests(p, { defaultReplicas: 1 }));
const failure = (p: ReturnType<typeof plan>) => {
  try {
    patch(p);
  } catch (err) {
    expect(RuntimeKubernetesError.is(err, 'InvalidPlan')).toBe(true);
    return (err as Error).message;
  }
  throw new Error('expected InvalidPlan');
};
const set = (path: string, value: string) => `- op: set\n  path: ${path}\n  value: ${value}\n`;

describe('patchManifests', () => {
  it('compiles each template text once through the cache it is given, a new text again', () => {
    const compiled: string[] = [];
    const cache = new PatchTemplateCache({
      compile: (name, source) => {
        compiled.push(name);
        return compilePatchTemplate(name, source);
      },
    });
    const p = plan(templates('replicas', 'security-context', 'team-annotation'));
    // Each apply sees the plan as read afresh: equal text, new objects.
    const first = patchManifests(structuredClone(p), planToManifests(p, { defaultReplicas: 1 }), cache);
    const again = patchManifests(structuredClone(p), planToManifests(p, { defaultReplicas: 1 }), cache);
    expect(again).toEqual(first);
    expect(compiled).toEqual(['replicas', 'security-context', 'team-annotation']);

    // A reloaded configuration: the same template name, new text.
    const [replicas] = templates('replicas');
    const changed = plan([
      { name: 'replicas', template: replicas!.template.replace('value: 3', 'value: 5') },
    ]);
    const patched = patchManifests(changed, planToManifests(changed, { defaultReplicas: 1 }), cache);
    expect((patched.manifests.workload as V1Deployment).spec?.replicas).toBe(5);
    expect(compiled).toHaveLength(4);
  });

  it('applies the example templates in order and lists what it applied, without values', () => {
    const p = plan(templates('replicas', 'security-context', 'team-annotation'));
    const { manifests, applied } = patch(p);
    const deployment = manifests.workload as V1Deployment;
    expect(deployment.spec?.replicas).toBe(3);
    expect(deployment.spec?.template.spec?.securityContext).toEqual({
      runAsNonRoot: true,
      runAsUser: 65532,
      seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(deployment.spec?.template.spec?.containers[0]?.securityContext).toMatchObject({
      readOnlyRootFilesystem: true,
      capabilities: { drop: ['ALL'] },
    });
    for (const obj of manifests.all) {
      expect(obj.metadata?.annotations?.['example.com/team']).toBe('payments');
      expect(obj.metadata?.ownerReferences).toEqual([
        expect.objectContaining({ kind: 'WorkloadPlan', controller: true }),
      ]);
    }
    expect(applied).toEqual([
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
      {
        template: 'team-annotation',
        op: 'set',
        path: '0.metadata.annotations.example\\.com/team',
        description: 'Owned by team payments',
      },
      expect.objectContaining({
        template: 'team-annotation',
        path: '1.metadata.annotations.example\\.com/team',
      }),
    ]);
    expect(applied.filter((op) => 'value' in op)).toEqual([]);
  });

  it('is deterministic: the same plan patches to the same objects', () => {
    const p = plan(templates('replicas', 'security-context', 'team-annotation'));
    expect(patch(p)).toEqual(patch(p));
  });

  it('leaves a plan without templates as mapped', () => {
    const p = plan([]);
    const mapped = planToManifests(p, { defaultReplicas: 1 });
    expect(patchManifests(p, mapped)).toEqual({ manifests: mapped, applied: [] });
  });

  it('follows the workload object when a template changes its kind (score-k8s TestPatchTemplatesStatefulSet)', () => {
    const toStatefulSet = `{{ range $i, $m := .Manifests }}{{ if eq $m.kind "Deployment" }}
${set('{{ $i }}.kind', 'StatefulSet')}${set('{{ $i }}.spec.serviceName', '{{ $m.metadata.name }}')}- op: delete
  path: {{ $i }}.spec.strategy
{{ end }}{{ end }}`;
    const { manifests } = patch(plan([{ name: 'sts', template: toStatefulSet }]));
    expect(manifests.workload.kind).toBe('StatefulSet');
    expect((manifests.workload as V1StatefulSet).spec?.serviceName).toBe('checkout');
  });

  it('labels an object a template adds like every other, so it is pruned when the template drops it', () => {
    const template = set(
      '-1',
      '{ apiVersion: v1, kind: ConfigMap, metadata: { name: extra }, data: { a: b } }',
    );
    const extra = patch(plan([{ name: 'extra', template }])).manifests.configMaps.find(
      (cm) => cm.metadata?.name === 'extra',
    );
    expect(extra?.metadata).toMatchObject({
      namespace: 'apps',
      labels: {
        'app.kubernetes.io/name': 'checkout',
        'app.kubernetes.io/instance': 'checkout',
        'app.kubernetes.io/managed-by': 'score-orchestrator',
      },
      ownerReferences: [expect.objectContaining({ kind: 'WorkloadPlan', name: 'checkout' })],
    });
  });

  it.each([
    [
      'a kind the runtime does not manage',
      set('-1', '{ apiVersion: rbac.authorization.k8s.io/v1, kind: Role, metadata: { name: r } }'),
      'rbac.authorization.k8s.io/v1/Role is not a kind this runtime manages',
    ],
    [
      'another namespace',
      set('0.metadata.namespace', 'kube-system'),
      "metadata.namespace must be the Workload's namespace apps",
    ],
    [
      'owner references of its own',
      set('0.metadata.ownerReferences', '[]'),
      "metadata.ownerReferences is the runtime's to set",
    ],
    [
      'an object without a name',
      set('-1', '{ apiVersion: v1, kind: ConfigMap, metadata: {} }'),
      'manifest 2 (ConfigMap): metadata.name is required',
    ],
    [
      'two objects of one name',
      set('-1', '{ apiVersion: v1, kind: Service, metadata: { name: checkout } }'),
      'two manifests are Service/checkout',
    ],
    [
      'no workload object',
      '- op: delete\n  path: 1\n',
      'no Deployment, StatefulSet, Job or CronJob named checkout is left',
    ],
    [
      'a template that fails',
      '{{ fail "no" }}',
      'failed to apply patch templates: template bad:1:4: executing at <fail "no">: error calling fail: no',
    ],
  ])('refuses %s', (_what, template, message) => {
    expect(failure(plan([{ name: 'bad', template }]))).toContain(message);
  });
});
