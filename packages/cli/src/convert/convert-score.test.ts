import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { CliError } from '../errors/cli.error.js';
import { convertScore, type ConvertScoreRequest } from './convert-score.js';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');
const read = (name: string) => readFileSync(join(fixtures, name), 'utf8');
const base: ConvertScoreRequest = {
  text: read('score.yaml'),
  name: 'score.yaml',
  baseDir: fixtures,
  image: 'ghcr.io/acme/shop:1',
};

describe('convertScore', () => {
  it('converts with --image, --namespace and inlined file sources', () => {
    const workload = convertScore({ ...base, namespace: 'prod' });
    expect(workload).toEqual({
      apiVersion: 'score.dev/v1b1',
      kind: 'Workload',
      metadata: { name: 'shop', namespace: 'prod' },
      spec: {
        containers: {
          web: {
            image: 'ghcr.io/acme/shop:1',
            variables: { MODE: 'production' },
            files: { '/etc/shop/motd': { content: 'welcome to ${metadata.name}\n' } },
          },
        },
        service: { ports: { http: { port: 80, targetPort: 8080 } } },
        metadataExtras: { team: 'checkout' },
      },
    });
  });

  it('merges the overrides file first, then applies override properties in order', () => {
    const workload = convertScore({
      ...base,
      overridesFile: { name: 'overrides.yaml', text: read('overrides.yaml') },
      overrideProperties: [
        'containers.web.variables.MODE=canary',
        'metadata.team=',
        'containers.web.args=["--fast"]',
      ],
    });
    expect(workload.spec.containers.web.variables).toEqual({ MODE: 'canary', EXTRA: '1' });
    expect(workload.spec.containers.web.args).toEqual(['--fast']);
    expect(workload.spec.service).toBeUndefined();
    expect(workload.spec.metadataExtras).toBeUndefined();
  });

  it('asks for --image when a container builds from source', () => {
    expect(() => convertScore({ ...base, image: undefined })).toThrow(
      'failed to convert score.yaml: containers.web.image is "." (build from source); pass --image IMAGE to say which image to run',
    );
  });

  it('reports Score schema, CRD and placeholder errors as validate does: file:line:column: field: message', () => {
    const convert = (overrideProperties: string[]) => () => convertScore({ ...base, overrideProperties });
    expect(convert(['service.ports.http.port=0'])).toThrow(
      'failed to convert score.yaml:\n  score.yaml:16:13: service.ports.http.port: must be between 1 and 65535; got 0',
    );
    // A field only the override sets is located at the deepest part of its path the file has.
    expect(convert(['containers.web.variables.X=${resources.db.host}'])).toThrow(
      "failed to convert score.yaml:\n  score.yaml:8:5: containers.web.variables.X: invalid ref 'resources.db.host': no known resource 'db'",
    );
    let caught: unknown;
    try {
      convert(['containers.web.variables.X=${oops'])();
    } catch (err) {
      caught = err;
    }
    expect(CliError.is(caught, 'Validation')).toBe(true);
    expect((caught as CliError).exitCode).toBe(1);
    expect((caught as Error).message).toMatch(
      /score\.yaml:8:5: containers\[web\]\.variables\[X\]: Invalid value/,
    );
  });

  /** A Score file named `name` whose `containers:` holds `web` (image nginx) and then `lines`. */
  const scoreText = (name: string, ...lines: string[]) =>
    [
      'apiVersion: score.dev/v1b1',
      'metadata:',
      `  name: ${name}`,
      'containers:',
      '  web:',
      '    image: nginx',
    ]
      .concat(lines, '')
      .join('\n');

  it('locates a before error at containers.<name>.before.<other> in the Score file', () => {
    const text = scoreText(
      'shop',
      '  migrate:',
      '    image: migrate',
      '    before:',
      '      main:',
      '        ready: complete',
    );
    expect(() => convertScore({ text, name: 'before.yaml' })).toThrow(
      'failed to convert before.yaml:\n  before.yaml:10:7: containers.migrate.before.main: must name another container of this workload',
    );
  });

  it('refuses names and mounts Kubernetes would refuse, at file:line:column as validate does', () => {
    const text = scoreText(
      'shop',
      '    variables:',
      '      "A\\nB": x',
      '    files:',
      '      /data:',
      '        content: x',
      '      etc/app.conf:',
      '        content: y',
      '    volumes:',
      '      /data:',
      '        source: z',
    );
    let message = '';
    try {
      convertScore({ text, name: 'mounts.yaml' });
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message.split('\n').sort()).toEqual(
      [
        'failed to convert mounts.yaml:',
        '  mounts.yaml:7:5: containers[web].variables: Invalid value: variable names must be printable ASCII characters other than "="',
        '  mounts.yaml:9:5: containers[web].files: Invalid value: file targets must be absolute paths without ".." segments',
        '  mounts.yaml:9:5: containers[web].files: Invalid value: files and volumes must not share a target path',
      ].sort(),
    );
  });

  it('refuses a workload name that cannot name a Service, at its line (the Score schema already does)', () => {
    expect(() => convertScore({ text: scoreText('shop.v2'), name: 'name.yaml' })).toThrow(
      'failed to convert name.yaml:\n  name.yaml:3:9: metadata.name: must be an RFC 1123 label (lower-case letters, digits and "-", 2 to 63 characters); got "shop.v2"',
    );
  });

  it('skips the CRD and placeholder checks on request', () => {
    const workload = convertScore({
      ...base,
      skipValidation: true,
      overrideProperties: ['containers.web.variables.X=${resources.db.host}'],
    });
    expect(workload.spec.containers.web.variables?.X).toBe('${resources.db.host}');
  });
});
