import { describe, expect, it } from '@jest/globals';
import { ScoreApiError } from '../errors/api.error.js';
import { applyPatchTemplates, compilePatchTemplate, type PatchTemplateInput } from './patch-template.js';

// The templates below are score-k8s's own: its README ("How do I modify the generated manifests"), `init
// --help`, and internal/patching/patching_test.go and internal/command/generate_test.go (score-k8s 0.15.0,
// github.com/score-spec/score-k8s). Expected results are the ones those tests assert.

const deployment = (name: string) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, annotations: { 'k8s.score.dev/workload-name': name } },
  spec: {
    selector: { matchLabels: { 'app.kubernetes.io/instance': `${name}-abc` } },
    template: { spec: { containers: [{ name: 'main', image: 'some/image' }] } },
  },
});

const input = (manifests: Record<string, unknown>[], namespace = ''): PatchTemplateInput => ({
  Manifests: manifests,
  Workloads: { example: { apiVersion: 'score.dev/v1b1', metadata: { name: 'example' } } },
  Namespace: namespace,
});

const patch = (templates: readonly string[], manifests: Record<string, unknown>[], namespace = '') =>
  applyPatchTemplates(
    templates.map((t, i) => compilePatchTemplate(`patch-${i + 1}`, t)),
    input(manifests, namespace),
  );

describe("score-k8s's documented patch templates", () => {
  it('README: sets the replicas of the Deployment of workload "example"', () => {
    const template = `
{{ range $i, $m := .Manifests }}
{{ if and (eq $m.kind "Deployment") (eq (dig "metadata" "annotations" "k8s.score.dev/workload-name" "" $m) "example") }}
- op: set
  path: {{ $i }}.spec.replicas
  value: 3
  description: Increase the replicas for the example deployment
{{ end }}
{{ end }}
`;
    const { manifests, applied } = patch([template], [deployment('other'), deployment('example')]);
    expect(manifests[1]).toMatchObject({ spec: { replicas: 3 } });
    expect(manifests[0]).toEqual(deployment('other'));
    expect(applied).toEqual([
      {
        template: 'patch-1',
        op: 'set',
        path: '1.spec.replicas',
        value: 3,
        description: 'Increase the replicas for the example deployment',
      },
    ]);
  });

  it('init --help: sets the type of the Service labelled fizzbuzz', () => {
    const template = `{{ range $i, $m := .Manifests }}
{{ $name := dig "metadata" "labels" "app.kubernetes.io/name" "" $m}}
{{ if and (eq $m.kind "Service") (eq $name "fizzbuzz") }}
- op: set
  path: {{ $i }}.spec.type
  value: ClusterIP
{{ end }}
{{ end }}`;
    const service = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'fizzbuzz', labels: { 'app.kubernetes.io/name': 'fizzbuzz' } },
      spec: { type: 'NodePort' },
    };
    expect(patch([template], [service]).manifests[0]).toMatchObject({ spec: { type: 'ClusterIP' } });
  });

  it('TestPatchServices: an escaped annotation key and a delete inside a list', () => {
    const template = `
{{ range $i, $m := .Manifests }}
- op: set
  path: {{ $i }}.metadata.annotations.k8s\\.score\\.dev/workload-name
  value: {{ $m.metadata.name }}
  description: Do a thing
- op: delete
  path: {{ $i }}.spec.template.spec.containers.0.name
{{ end }}
`;
    const manifest = {
      apiVersion: 'apps/V1',
      kind: 'Deployment',
      metadata: { name: 'x' },
      spec: { template: { spec: { containers: [{ name: 'main', image: 'some/image' }] } } },
    };
    expect(patch([template], [manifest]).manifests).toEqual([
      {
        apiVersion: 'apps/V1',
        kind: 'Deployment',
        metadata: { name: 'x', annotations: { 'k8s.score.dev/workload-name': 'x' } },
        spec: { template: { spec: { containers: [{ image: 'some/image' }] } } },
      },
    ]);
  });

  it('TestPatchServices_can_delete_manifest: deletes every manifest, last first', () => {
    const template = `
{{ range $i, $m := (reverse .Manifests) }}
{{ $i := sub (len $.Manifests) (add $i 1) }}
- op: delete
  path: {{ $i }}
{{ end }}
`;
    expect(patch([template], [deployment('x'), deployment('y')]).manifests).toEqual([]);
  });

  it.each([
    ['', { name: 'test-cm' }],
    ['test-namespace', { name: 'test-cm', namespace: 'test-namespace' }],
  ])(
    'TestPatchServices_with_(non_)empty_namespace: appends a ConfigMap (namespace %j)',
    (namespace, metadata) => {
      const template = `
- op: set
  path: -1
  value:
    apiVersion: v1
    kind: ConfigMap
    metadata:
      name: test-cm
      {{ if ne .Namespace "" }}
      namespace: {{ .Namespace }}
      {{ end }}
    data:
      player_initial_lives: "3"
  description: Create a new ConfigMap
`;
      expect(patch([template], [], namespace).manifests).toEqual([
        { apiVersion: 'v1', kind: 'ConfigMap', metadata, data: { player_initial_lives: '3' } },
      ]);
    },
  );

  it('TestPatchTemplatesOps: three templates in order, each seeing the output of the one before', () => {
    const one = `
{{ range $i, $_ := .Manifests }}
- op: set
  path: {{ $i }}.metadata.annotations.custom\\.annotation/key
  value: something
  description: Add an annotation
{{ end }}
`;
    const two = `
- op: set
  path: -1
  value:
    apiVersion: v1
    kind: Secret
    metadata:
      name: my-secret
    data:
      fruit: {{ b64enc "banana" }}
  description: Add a secret
- op: set
  path: -1
  value:
    apiVersion: v1
    kind: Secret
    metadata:
      name: other-secret
    data:
      fruit: {{ b64enc "banana" }}
  description: Add another secret
`;
    const three = `
{{ range $i, $m := .Manifests }}
  {{ if eq (dig "metadata" "name" "" $m) "my-secret" }}
- op: delete
  path: {{ $i }}
  description: Delete a manifest that was added
  {{ end }}
{{ end }}
`;
    const { manifests, applied } = patch([one, two, three], [deployment('example')]);
    expect(manifests.map((m) => (m.metadata as { name: string }).name)).toEqual(['example', 'other-secret']);
    expect(manifests[1]).toEqual({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'other-secret' },
      data: { fruit: 'YmFuYW5h' },
    });
    expect((manifests[0]!.metadata as { annotations: object }).annotations).toEqual({
      'k8s.score.dev/workload-name': 'example',
      'custom.annotation/key': 'something',
    });
    expect(applied.map((a) => `${a.template} ${a.op} ${a.path}`)).toEqual([
      'patch-1 set 0.metadata.annotations.custom\\.annotation/key',
      'patch-2 set -1',
      'patch-2 set -1',
      'patch-3 delete 1',
    ]);
  });

  it('TestPatchTemplatesStatefulSet: converts the Deployment to a StatefulSet with a headless Service', () => {
    const template = `
{{ range $i, $m := .Manifests }}
    {{ if and (eq $m.kind "Deployment") (ne (dig "metadata" "annotations" "k8s.score.dev/workload-name" "" $m) "") }}
- op: set
  path: {{ $i }}.kind
  description: Convert deployment to statefulset
  value: StatefulSet
- op: set
  path: {{ $i }}.spec.serviceName
  description: Set the service name
  value: {{ $m.metadata.name }}-headless-svc
- op: delete
  description: Remove any strategy field
  path: {{ $i }}.spec.strategy
- op: set
  path: -1
  value:
    apiVersion: v1
    kind: Service
    metadata:
      name: {{ $m.metadata.name }}-headless-svc
    spec:
      selector: {{ toRawJson $m.spec.selector.matchLabels }}
      clusterIP: None
      ports:
      - port: 99
        name: "99"
  description: Create the headless service
    {{ end }}
{{ end }}
`;
    const { manifests } = patch(
      [template],
      [{ ...deployment('example'), spec: { ...deployment('example').spec, strategy: {} } }],
    );
    expect(manifests[0]).toMatchObject({
      kind: 'StatefulSet',
      spec: { serviceName: 'example-headless-svc' },
    });
    expect(manifests[0]!.spec).not.toHaveProperty('strategy');
    expect(manifests[1]).toEqual({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'example-headless-svc' },
      spec: {
        selector: { 'app.kubernetes.io/instance': 'example-abc' },
        clusterIP: 'None',
        ports: [{ port: 99, name: '99' }],
      },
    });
  });

  it("score-compose's privileged example over .Workloads (metadata.extensions)", () => {
    const template = `
{{ range $name, $spec := .Workloads }}
    {{ if (dig "metadata" "extensions" "privileged" false $spec) }}
- op: set
  path: 0.metadata.labels.privileged-{{ $name }}
  value: "true"
    {{ end }}
{{ end }}
`;
    const workloads = { example: { metadata: { name: 'example', extensions: { privileged: true } } } };
    const { manifests } = applyPatchTemplates([compilePatchTemplate('p', template)], {
      Manifests: [deployment('example')],
      Workloads: workloads,
      Namespace: '',
    });
    expect(manifests[0]!.metadata).toMatchObject({ labels: { 'privileged-example': 'true' } });
  });
});

describe('errors name the template and where', () => {
  const fails = (template: string, manifests: Record<string, unknown>[] = [deployment('x')]) => {
    try {
      patch([template], manifests);
    } catch (err) {
      expect(ScoreApiError.is(err)).toBe(true);
      return `${(err as ScoreApiError).kind}: ${(err as Error).message}`;
    }
    throw new Error('expected an error');
  };

  it.each([
    [
      '{{ range .Manifests }}\n{{ lookup "v1" }}{{ end }}',
      'Template: template patch-1: unsupported function: lookup (line 2, column 4)',
    ],
    ['{{ if }}', 'Template: template patch-1:1:'],
    [
      '- op: set\n  path: 0.x\n  value: {{ uuidv4 }}',
      'Template: template patch-1: unsupported function: uuidv4 (line 3, column 13)',
    ],
    ['{{ .Nope }}', 'TemplateRender: template patch-1:1:4: executing at <.Nope>'],
    ['- op: merge\n  path: 0', 'Patch: patch template patch-1: patch 1: op must be one of set, delete'],
    ['- op: set\n  path: 0.a\n  values: 1', 'Patch: patch template patch-1: patch 1: unknown field "values"'],
    ['- op: delete', 'Patch: patch template patch-1: patch 1: path is required'],
    ['op: set', 'Patch: patch template patch-1: rendered something that is not a list of patches'],
    [
      '- op: set\n  path: 0.spec.template.spec.containers.name\n  value: 1',
      'Patch: patch template patch-1: patch 1 (set 0.spec.template.spec.containers.name): path "0.spec.template.spec.containers.name": cannot set "name" in a list; use a number, or -1 to append',
    ],
    ['- op: set\n  path: -1\n  value: 1', 'Patch: patch template patch-1: manifest 1 is not an object'],
  ])('%j', (template, message) => {
    expect(fails(template)).toContain(message);
  });
});
