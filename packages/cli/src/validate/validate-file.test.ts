import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { scorePathOfWorkloadField, validateFileText } from './validate-file.js';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');
const validate = (name: string) => validateFileText(name, readFileSync(join(fixtures, name), 'utf8'));
const lines = (name: string) =>
  validate(name).issues.map((i) => `${i.file}:${i.line}:${i.column}: ${i.field}: ${i.message} [${i.origin}]`);

describe('validateFileText', () => {
  it('accepts a valid Score file', () => {
    expect(validate('valid-score.yaml')).toEqual({
      file: 'valid-score.yaml',
      kind: 'score',
      workloads: ['hello'],
      issues: [],
    });
  });

  it('reports Score schema errors at their line and column', () => {
    expect(lines('invalid-score.yaml')).toEqual([
      'invalid-score.yaml:8:9: containers.web.files[0]: exactly one of source, content or binaryContent is required; got none [score-file]',
      'invalid-score.yaml:13:13: service.ports.http.port: must be between 1 and 65535; got 70000 [score-file]',
      'invalid-score.yaml:17:13: resources.db.colour: unknown field (known fields: type, class, id, metadata, params) [score-file]',
    ]);
  });

  it('reports placeholder errors at the value that holds them', () => {
    expect(lines('invalid-placeholders-score.yaml')).toEqual([
      "invalid-placeholders-score.yaml:8:16: containers.web.variables.DB_HOST: invalid ref 'resources.cache.host': no known resource 'cache' [placeholder]",
      "invalid-placeholders-score.yaml:9:14: containers.web.variables.OWNER: invalid ref 'metadata.team': key 'team' not found [placeholder]",
    ]);
  });

  it('reports CEL rules of the CRD on a Score file with the Score path', () => {
    expect(lines('invalid-crd-score.yaml')).toEqual([
      `invalid-crd-score.yaml:8:15: containers[web].variables[BROKEN]: Invalid value: "\${metadata.name": must not contain an unterminated placeholder: '\${' needs a closing '}' (write '$\${' for a literal '\${') [crd]`,
    ]);
  });

  it('checks every Workload of a manifest stream and skips other kinds', () => {
    const result = validate('invalid-workloads.yaml');
    expect(result.kind).toBe('workload');
    expect(result.workloads).toEqual(['shop/cart', 'orders']);
    expect(result.issues.map((i) => [i.line, i.column, i.field, i.origin])).toEqual([
      [14, 14, 'spec.containers.web.image', 'crd'],
      [17, 20, 'spec.containers[web].files[/etc/a.conf].content', 'crd'],
      [28, 13, 'spec.containers.web.variables.DB', 'placeholder'],
    ]);
  });

  it('reports YAML syntax errors where the parser stopped', () => {
    // Inline: a broken YAML file would break the repository's prettier check.
    const text =
      'apiVersion: score.dev/v1b1\nmetadata:\n  name: hello\ncontainers:\n  web:\n    image: [unclosed\n';
    const [issue] = validateFileText('bad.yaml', text).issues;
    expect(issue).toMatchObject({ origin: 'yaml', field: '', line: 7, column: 1 });
    expect(issue.message).toMatch(/^Flow sequence in block collection must be sufficiently indented/);
  });

  it('says what it expected of a file that is neither', () => {
    const result = validateFileText('cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n');
    expect(result.kind).toBe('unknown');
    expect(result.issues[0]).toMatchObject({ line: 1, column: 13, field: 'apiVersion' });
    expect(result.issues[0].message).toMatch(
      /neither a Score file .* nor Kubernetes manifests with a kind: Workload/,
    );
  });

  it.each([
    ['requires metadata.name on Workloads', 'metadata: {}', 3, 1, 'Required value'],
    [
      'refuses a Workload name with a dot (it names a Service)',
      'metadata:\n  name: web.v2',
      4,
      9,
      `Invalid value: "web.v2": metadata.name in body should match '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$'`,
    ],
  ])('%s, at its line and column', (_name, metadata, line, column, message) => {
    const text = `apiVersion: score.dev/v1b1\nkind: Workload\n${metadata}\nspec:\n  containers:\n    web:\n      image: x\n`;
    expect(validateFileText('w.yaml', text).issues).toEqual([
      { file: 'w.yaml', line, column, field: 'metadata.name', message, origin: 'crd' },
    ]);
  });
});

describe('validateFileText with file sources', () => {
  const sources = join(fixtures, 'sources');
  const validateSourced = (name: string) =>
    validateFileText(name, readFileSync(join(sources, name), 'utf8'), { baseDir: sources });

  it('reads files.source relative to the Score file and accepts what it reads', () => {
    expect(validateSourced('source-score.yaml')).toEqual({
      file: 'source-score.yaml',
      kind: 'score',
      workloads: ['sourced'],
      issues: [],
    });
  });

  it('reports a missing source at its field, naming the path as written and as resolved', () => {
    expect(validateSourced('missing-source-score.yaml').issues).toEqual([
      {
        file: 'missing-source-score.yaml',
        line: 9,
        column: 17,
        field: 'containers.web.files["/etc/x"].source',
        message: `failed to read './not-there.txt': ${join(sources, 'not-there.txt')} does not exist`,
        origin: 'score-file',
      },
    ]);
  });

  it('checks the placeholders of what a source holds, as the orchestrator will', () => {
    expect(validateSourced('bad-placeholder-in-source-score.yaml').issues).toEqual([
      expect.objectContaining({
        field: 'containers.web.files["/etc/conf"].content',
        message: "invalid ref 'metadata.team': key 'team' not found",
        origin: 'placeholder',
      }),
    ]);
  });

  it('without a directory, says a source cannot be used as it is', () => {
    const text = readFileSync(join(sources, 'source-score.yaml'), 'utf8');
    const messages = validateFileText('source-score.yaml', text).issues.map((issue) => issue.message);
    expect(messages).toEqual([expect.stringMatching(/inlined/), expect.stringMatching(/inlined/)]);
  });
});

describe('validateFileText with binaryContent', () => {
  const score = (binaryContent: string) =>
    'apiVersion: score.dev/v1b1\nmetadata:\n  name: bin\ncontainers:\n  web:\n    image: nginx\n' +
    `    files:\n      /opt/tool:\n        binaryContent: "${binaryContent}"\n        mode: "0755"\n`;

  it('accepts standard base64 with + and / and padding', () => {
    expect(validateFileText('bin.yaml', score('+/+/Pj8/AA==')).issues).toEqual([]);
  });

  it.each(['-_-_', '//4', 'not base64!'])('refuses %p at the field, as the API server does', (value) => {
    expect(validateFileText('bin.yaml', score(value)).issues).toEqual([
      expect.objectContaining({
        line: 9,
        column: 24,
        field: 'containers.web.files./opt/tool.binaryContent',
        message: expect.stringMatching(/binaryContent in body should match '/),
        origin: 'crd',
      }),
    ]);
  });
});

describe('scorePathOfWorkloadField', () => {
  it.each([
    ['spec.containers.web.image', 'containers.web.image'],
    ['spec.metadataExtras.team', 'metadata.team'],
    ['metadata.name', 'metadata.name'],
    ['spec', ''],
  ])('%s -> %s', (field, path) => {
    expect(scorePathOfWorkloadField(field)).toBe(path);
  });
});
