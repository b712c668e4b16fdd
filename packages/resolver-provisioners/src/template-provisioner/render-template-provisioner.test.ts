import { readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from '@jest/globals';
import type { KubernetesObject } from '@kubernetes/client-node';
import type { ProvisionerInput } from '../contract/provisioner-input.js';
import { loadProvisionerFile } from '../provisioner-file/load-provisioner-file.js';
import type { TemplateProvisionerDefinition } from '../provisioner-file/provisioner-definition.js';
import { workloadServicesOf } from '../workload-services/workload-services.js';
import { renderTemplateProvisioner } from './render-template-provisioner.js';

const defaults = loadProvisionerFile(
  readFileSync(new URL('./fixtures/score-k8s-default.provisioners.yaml', import.meta.url), 'utf8'),
  { fileName: 'score-k8s-default.provisioners.yaml' },
) as TemplateProvisionerDefinition[];
const [dns, redis] = defaults as [TemplateProvisionerDefinition, TemplateProvisionerDefinition];

function input(
  type: string,
  state: Record<string, unknown> = {},
  shared: Record<string, unknown> = {},
): ProvisionerInput {
  return {
    resource_guid: 'ABCDEF12-3456-7890-abcd-ef1234567890',
    resource_uid: `${type}.default#web.cache`,
    resource_type: type,
    resource_class: 'default',
    resource_id: 'web.cache',
    resource_params: {},
    resource_metadata: {},
    source_workload: 'web',
    workload_services: {},
    resource_state: state,
    shared_state: shared,
  };
}

const b64 = (s: string) => Buffer.from(s).toString('base64');

describe("score-k8s's default provisioners, unchanged", () => {
  it('dns: a random *.localhost host the first time, the stored one after', () => {
    const first = renderTemplateProvisioner(dns, input('dns'), 'team-a');
    expect(first.resource_outputs?.host).toMatch(/^dns[a-z0-9]{6}\.localhost$/);
    expect(first.resource_state).toEqual({ instanceHostname: first.resource_outputs?.host });
    const again = renderTemplateProvisioner(dns, input('dns', first.resource_state), 'team-a');
    expect(again.resource_outputs).toEqual(first.resource_outputs);
  });

  it('redis: renders the state, outputs (password as a secret reference) and manifests score-k8s renders', () => {
    const out = renderTemplateProvisioner(redis, input('redis', { password: 'S3cretS3cretS3cr' }), 'team-a');
    const service = 'redis-web-abcdef12';
    expect(out.resource_state).toEqual({ service, username: 'default', password: 'S3cretS3cretS3cr' });
    expect(out.resource_outputs).toEqual({
      host: service,
      port: 6379,
      username: 'default',
      password: `\u{1F510}\u{1F4AC}${service}_password\u{1F4AC}\u{1F510}`,
    });
    const annotations = {
      'k8s.score.dev/source-workload': 'web',
      'k8s.score.dev/resource-uid': 'redis.default#web.cache',
      'k8s.score.dev/resource-guid': 'ABCDEF12-3456-7890-abcd-ef1234567890',
    };
    const labels = {
      'app.kubernetes.io/managed-by': 'score-k8s',
      'app.kubernetes.io/name': service,
      'app.kubernetes.io/instance': service,
    };
    expect(out.manifests).toEqual([
      {
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: service, annotations, labels },
        data: {
          password: b64('S3cretS3cretS3cr'),
          'redis.conf': b64('requirepass S3cretS3cretS3cr\nport 6379\nsave 60 1\nloglevel warning\n'),
        },
      },
      {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: service, annotations, labels },
        spec: {
          selector: { 'app.kubernetes.io/instance': service },
          type: 'ClusterIP',
          ports: [{ port: 6379, targetPort: 6379 }],
        },
      },
    ]);
  });

  it('redis: generates a 16-character password the first time', () => {
    const out = renderTemplateProvisioner(redis, input('redis'), 'team-a');
    expect(out.resource_state?.password).toMatch(/^[A-Za-z0-9]{16}$/);
  });
});

describe('renderTemplateProvisioner', () => {
  const load = (yaml: string) => loadProvisionerFile(yaml)[0] as TemplateProvisionerDefinition;

  it('shows Init to state, State to shared, and the patched Shared to outputs and manifests', () => {
    const def = load(`
- uri: template://t
  type: t
  init: |
    a: from-init
  state: |
    b: {{ .Init.a }}
    n: {{ default 0 .State.n | add 1 }}
  shared: |
    seen: {{ .State.b }}
    drop: null
  outputs: |
    shared: {{ .Shared.seen }}
    kept: {{ .Shared.kept }}
    dropped: {{ .Shared.drop }}
`);
    const out = renderTemplateProvisioner(def, input('t', { n: 2 }, { kept: 'k', drop: 'x' }), 'ns');
    expect(out.resource_state).toEqual({ b: 'from-init', n: 3 });
    expect(out.shared_state).toEqual({ seen: 'from-init', drop: null });
    expect(out.resource_outputs).toEqual({ shared: 'from-init', kept: 'k', dropped: '<no value>' });
  });

  it.each([
    [
      'a failing template is a Render error naming the section',
      'outputs: |\n    {{ fail "need a port" }}',
      /outputs template of provisioner template:\/\/t failed: template outputs:1:4: executing at <fail "need a port">: error calling fail: need a port/,
    ],
    [
      'bad YAML is reported without quoting it',
      'outputs: |\n    a: [unclosed {{ "secret" }}',
      /outputs template of provisioner template:\/\/t rendered invalid YAML at line 1/,
    ],
    [
      'a section must render a map',
      'state: |\n    - a',
      /state template of provisioner template:\/\/t must render a YAML map/,
    ],
    [
      'manifests must render a list of objects',
      'manifests: |\n    a: b',
      /manifests template of provisioner template:\/\/t must render a YAML list of objects/,
    ],
  ])('%s', (_name, section, message) => {
    const def = load(`- uri: template://t\n  type: t\n  ${section}\n`);
    let error: Error | undefined;
    try {
      renderTemplateProvisioner(def, input('t'), 'ns');
    } catch (err) {
      error = err as Error;
    }
    expect(error?.message).toMatch(message);
    expect(error?.message).not.toContain('secret');
  });
});

describe('workload services in templates, as score-k8s provisioners read them', () => {
  const [servicePort, route] = loadProvisionerFile(
    readFileSync(new URL('./fixtures/workload-services.provisioners.yaml', import.meta.url), 'utf8'),
  ) as TemplateProvisionerDefinition[];
  const [listing] = loadProvisionerFile(`
- uri: template://test/listing
  type: listing
  outputs: |
    count: {{ len .WorkloadServices }}
    names: {{ range $name, $svc := .WorkloadServices }}{{ $name }}={{ $svc.ServiceName }};{{ end }}
`) as TemplateProvisionerDefinition[];
  const services = workloadServicesOf(
    [
      ['web', { http: { port: 80, targetPort: 8080 } }],
      ['2048-game', { game: { port: 9000 } }],
    ].map(
      ([name, ports]) =>
        ({ metadata: { name }, spec: { containers: {}, service: { ports } } }) as KubernetesObject,
    ),
  );
  const render = (def: TemplateProvisionerDefinition, params: Record<string, unknown>) =>
    renderTemplateProvisioner(
      def,
      { ...input(def.type), resource_params: params, workload_services: services },
      'team-a',
    );

  it.each([
    ['a named port', { workload: 'web', port: 'http' }, { hostname: 'web', port: 8080 }],
    ['a port by number', { workload: 'web', port: 80 }, { hostname: 'web', port: 8080 }],
    [
      'a Workload named with a leading digit',
      { workload: '2048-game', port: 'game' },
      { hostname: 'svc-2048-game', port: 9000 },
    ],
  ])('service-port resolves %s', (_name, params, outputs) => {
    expect(render(servicePort!, params).resource_outputs).toEqual(outputs);
  });

  it('reads params made in another realm (a vm context, as under jest) as maps', () => {
    const params = runInNewContext('({ workload: "web", port: "http" })') as Record<string, unknown>;
    expect(Object.getPrototypeOf(params)).not.toBe(Object.prototype);
    expect(render(servicePort!, params).resource_outputs).toEqual({ hostname: 'web', port: 8080 });
  });

  it.each([
    ['an unknown workload', { workload: 'db', port: 'http' }, 'unknown workload'],
    ['an unknown port', { workload: 'web', port: 'grpc' }, 'unknown service port'],
  ])(
    "service-port fails with the provisioner's own message on %s (Go's zero value for a missing key)",
    (_name, params, message) => {
      expect(() => render(servicePort!, params)).toThrow(`error calling fail: ${message}`);
    },
  );

  it("route reaches its source workload's Service and port", () => {
    const out = render(route!, { port: 'http' });
    expect(out.manifests?.[0]?.spec).toEqual({ rules: [{ backendRefs: [{ name: 'web', port: 80 }] }] });
  });

  it('ranges over the workloads only', () => {
    expect(render(listing!, {}).resource_outputs).toEqual({
      count: 2,
      names: '2048-game=svc-2048-game;web=web;',
    });
  });
});
