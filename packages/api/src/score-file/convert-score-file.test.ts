import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { ScoreApiError } from '../errors/api.error.js';
import { convertScoreFile } from './convert-score-file.js';

const fixture = (name: string): string =>
  readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

function issuesOf(run: () => unknown): { kind: string; issues: string[] } {
  try {
    run();
  } catch (err) {
    if (!ScoreApiError.is(err)) throw err;
    return { kind: err.kind, issues: err.issues.map((issue) => `${issue.field}: ${issue.message}`) };
  }
  throw new Error('expected a ScoreApiError');
}

describe('convertScoreFile', () => {
  it('converts a full Score file into a Workload object', () => {
    const workload = convertScoreFile(fixture('full.score.yaml'), { namespace: 'shop' });
    expect(workload.apiVersion).toBe('score.dev/v1b1');
    expect(workload.kind).toBe('Workload');
    expect(workload.metadata).toEqual({
      name: 'web',
      namespace: 'shop',
      annotations: { 'example.com/team': 'payments' },
      labels: { 'app.kubernetes.io/part-of': 'shop' },
    });
    expect(workload.spec.metadataExtras).toEqual({ tier: 'frontend', owner: { email: 'team@example.com' } });
    const web = workload.spec.containers.web;
    expect(web.variables?.NAME).toBe('${metadata.name}');
    expect(web.files).toEqual({
      '/etc/web/app.conf': {
        mode: '0644',
        content: 'name=${metadata.name}\ncache=${resources.cache.host}\n',
      },
      '/etc/web/raw.txt': { content: '${literal}', noExpand: true },
      '/etc/web/logo.png': { binaryContent: 'iVBORw0KGgo=' },
    });
    expect(web.volumes).toEqual({ '/data': { source: '${resources.data}', path: 'web', readOnly: true } });
    expect(web.resources).toEqual({
      limits: { cpu: '1', memory: '512Mi' },
      requests: { cpu: '250m', memory: '1.5G' },
    });
    expect(web.livenessProbe).toEqual({
      httpGet: {
        scheme: 'HTTP',
        path: '/healthz',
        port: 8080,
        httpHeaders: [{ name: 'X-Probe', value: 'liveness' }],
      },
    });
    expect(web.readinessProbe).toEqual({ exec: { command: ['/bin/ready'] } });
    expect(web.before).toBeUndefined();
    expect(workload.spec.containers.migrate?.before).toEqual({ web: { ready: 'complete' } });
    expect(workload.spec.service).toEqual({
      ports: { http: { port: 80, targetPort: 8080 }, metrics: { port: 9090, protocol: 'TCP' } },
    });
    expect(workload.spec.resources?.db).toEqual({
      type: 'postgres',
      class: 'large',
      metadata: { annotations: { 'example.com/backup': 'daily' } },
      params: { version: 16 },
    });
    expect(workload.spec.resources?.cache).toEqual({ type: 'redis', id: 'shared.cache' });
  });

  it('converts the deprecated list forms of files and volumes into maps keyed by target', () => {
    const workload = convertScoreFile(fixture('legacy-lists.score.yaml'));
    expect(workload.metadata).toEqual({ name: 'legacy' });
    expect(workload.spec.containers.main).toEqual({
      image: 'busybox',
      files: {
        '/etc/motd': { mode: '600', content: 'line one\nline two' },
        '/etc/config.yaml': { source: './config.yaml' },
      },
      volumes: {
        '/var/data': { source: '${resources.data}', readOnly: true },
        '/var/cache': { source: '${resources.cache}' },
      },
    });
  });

  it('inlines file sources through readSource: UTF-8 as content, other bytes as binaryContent', () => {
    const sources: Record<string, string | Uint8Array> = {
      './config.yaml': 'key: ${metadata.name}\n',
    };
    const workload = convertScoreFile(fixture('legacy-lists.score.yaml'), {
      readSource: (path) => sources[path],
    });
    expect(workload.spec.containers.main.files?.['/etc/config.yaml']).toEqual({
      content: 'key: ${metadata.name}\n',
    });

    const binary = convertScoreFile(fixture('legacy-lists.score.yaml'), {
      readSource: () => new Uint8Array([0xff, 0xfe]),
    });
    expect(binary.spec.containers.main.files?.['/etc/config.yaml']).toEqual({ binaryContent: '//4=' });
  });

  it('names the field and the file whose source cannot be read', () => {
    const failing = (): never => {
      throw new Error('/app/config.yaml does not exist');
    };
    const convert = () => convertScoreFile(fixture('legacy-lists.score.yaml'), { readSource: failing });
    expect(convert).toThrow(
      `failed to read containers.main.files["/etc/config.yaml"].source './config.yaml': /app/config.yaml does not exist`,
    );
    expect(issuesOf(convert)).toEqual({
      kind: 'Conversion',
      issues: [
        `containers.main.files["/etc/config.yaml"].source: failed to read './config.yaml': /app/config.yaml does not exist`,
      ],
    });
  });

  it('reports every broken rule of a Score file at once, naming each field', () => {
    const { kind, issues } = issuesOf(() => convertScoreFile(fixture('invalid.score.yaml')));
    expect(kind).toBe('Validation');
    expect(issues).toEqual([
      'apiVersion: must be one of score.dev/v1b1; got "score.dev/v1b2"',
      expect.stringMatching(/^metadata\.name: must be an RFC 1123 label/),
      'containers.web.extra: unknown field (known fields: image, command, args, variables, files, volumes, resources, livenessProbe, readinessProbe, before)',
      'containers.web.image: must not be empty',
      'containers.web.variables.PORT: must be a string, not the number 8080 (quote it in YAML)',
      'containers.web.files[1]: exactly one of source, content or binaryContent is required; got source and content',
      'containers.web.files[2].target: required',
      'containers.web.files[3].target: duplicates containers.web.files[0].target "/a"',
      expect.stringMatching(/^containers\.web\.resources\.limits\.memory: must be a byte count/),
      'containers.web.livenessProbe.httpGet.path: required',
      'containers.web.livenessProbe.httpGet.port: must be between 1 and 65535; got 70000',
      'containers.web.before.nobody.ready: must be one of started, healthy, complete; got "done"',
      'containers.web.before.nobody: must name another container of this workload',
      'containers: every container has before entries; at least one must have none, to run as the workload',
      'service.ports.http.port: required',
      'service.ports.http.protocol: must be one of TCP, UDP; got "SCTP"',
      'resources.db.type: required',
      expect.stringMatching(/^resources\.db\.class: must be at least 2 characters/),
    ]);
  });

  it.each([
    [
      'no containers',
      'apiVersion: score.dev/v1b1\nmetadata: {name: ab}\ncontainers: {}',
      'containers: at least one container is required',
    ],
    ['missing containers', 'apiVersion: score.dev/v1b1\nmetadata: {name: ab}', 'containers: required'],
    ['missing metadata', 'apiVersion: score.dev/v1b1\ncontainers: {a1: {image: x}}', 'metadata: required'],
    [
      'unknown top-level field',
      'apiVersion: score.dev/v1b1\nmetadata: {name: ab}\ncontainers: {a1: {image: x}}\nextra: 1',
      'extra: unknown field',
    ],
    [
      'an unquoted octal mode',
      'apiVersion: score.dev/v1b1\nmetadata: {name: ab}\ncontainers: {a1: {image: x, files: {/f: {content: x, mode: 0644}}}}',
      'containers.a1.files["/f"].mode: must be a string, not the number 644 (quote it in YAML)',
    ],
    [
      'target inside the map form',
      'apiVersion: score.dev/v1b1\nmetadata: {name: ab}\ncontainers: {a1: {image: x, volumes: {/v: {source: s, target: /v}}}}',
      'containers.a1.volumes["/v"].target: not allowed in the map form',
    ],
    [
      'a container waiting for itself',
      'apiVersion: score.dev/v1b1\nmetadata: {name: ab}\ncontainers: {a1: {image: x, before: {a1: {ready: started}}}}',
      'containers.a1.before.a1: a container cannot run before itself',
    ],
    [
      'a bad annotation key',
      'apiVersion: score.dev/v1b1\nmetadata: {name: ab, annotations: {"-bad": x}}\ncontainers: {a1: {image: x}}',
      'metadata.annotations.-bad: name must be an annotation key',
    ],
    [
      'non-string labels',
      'apiVersion: score.dev/v1b1\nmetadata: {name: ab, labels: {a: 1}}\ncontainers: {a1: {image: x}}',
      'metadata.labels: must be a mapping of strings',
    ],
    [
      'a misspelt container field',
      'apiVersion: score.dev/v1b1\nmetadata: {name: ab}\ncontainers: {a1: {imag: x}}',
      'containers.a1.imag: unknown field; did you mean image?',
    ],
    [
      'a bad cpu',
      'apiVersion: score.dev/v1b1\nmetadata: {name: ab}\ncontainers: {a1: {image: x, resources: {requests: {cpu: 1.5m}}}}',
      'containers.a1.resources.requests.cpu: must be CPUs or milli-CPUs',
    ],
  ])('rejects %s', (_name, yaml, message) => {
    const { issues } = issuesOf(() => convertScoreFile(yaml));
    expect(issues.some((issue) => issue.startsWith(message))).toBe(true);
  });

  it.each([
    ['broken YAML', 'apiVersion: [unclosed', /failed to parse Score file: .*line 1/s],
    ['duplicate keys', 'a: 1\na: 2', /failed to parse Score file: Map keys must be unique/],
    ['several documents', 'a: 1\n---\nb: 2', /expected one YAML document/],
  ])('rejects %s as a Conversion error', (_name, yaml, message) => {
    let caught: unknown;
    try {
      convertScoreFile(yaml);
    } catch (err) {
      caught = err;
    }
    expect(ScoreApiError.is(caught, 'Conversion')).toBe(true);
    expect((caught as Error).message).toMatch(message);
  });
});
