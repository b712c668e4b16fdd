import { describe, expect, it } from '@jest/globals';
import { ProvisionersError } from '../errors/provisioners.error.js';
import { loadProvisionerFile } from './load-provisioner-file.js';

const good = `# provisioners
- uri: template://example/one
  type: postgres
  class: null
  description: A database.
  init: |
    user: u-{{ randAlpha 4 }}
  outputs: |
    user: {{ .Init.user }}
  supported_params: [size]
  expected_outputs: [user]
- uri: cmd://python3#thing
  type: postgres
  class: large
  id: main
  args: ["-c", "print('{}')", "<mode>"]
- uri: cmd://./bin/provision
  type: redis
`;

describe('loadProvisionerFile', () => {
  it('loads template and cmd provisioners in file order with their match fields', () => {
    const defs = loadProvisionerFile(good, { fileName: 'p.yaml', baseDir: '/etc/score' });
    expect(defs.map((d) => [d.scheme, d.uri, d.type, d.class, d.id])).toEqual([
      ['template', 'template://example/one', 'postgres', undefined, undefined],
      ['cmd', 'cmd://python3#thing', 'postgres', 'large', 'main'],
      ['cmd', 'cmd://./bin/provision', 'redis', undefined, undefined],
    ]);
    expect(defs[0]).toMatchObject({
      supportedParams: ['size'],
      expectedOutputs: ['user'],
      source: { file: 'p.yaml', index: 0, line: 2 },
    });
    expect(defs[1]).toMatchObject({
      command: { lookup: 'path', name: 'python3' },
      source: { index: 1, line: 12 },
    });
    expect(defs[2]).toMatchObject({ command: { lookup: 'file', path: '/etc/score/bin/provision' } });
  });

  it('treats an empty file as no provisioners', () => {
    expect(loadProvisionerFile('# nothing\n')).toEqual([]);
  });

  it.each([
    [
      'an unknown function, when the file loads',
      '- uri: template://x\n  type: t\n  outputs: |\n    a: {{ toml .Params }}\n',
      'failed to load provisioners file p.yaml: entry 0 (template://x, line 1): template outputs: unsupported function: toml (line 1, column 7) (supported: see the Go template README of @score-orchestrator/api)',
    ],
    [
      'a template syntax error',
      '- uri: template://ok\n  type: t\n- uri: template://x\n  type: t\n  state: |\n    a: {{ if .x }}\n',
      'failed to load provisioners file p.yaml: entry 1 (template://x, line 3): template state:1:7: unexpected EOF: {{if}} has no {{end}}',
    ],
    [
      'a bad uri scheme',
      '- uri: http://x\n  type: t\n',
      "entry 0 (http://x, line 1): unsupported provisioner type 'http'; use template:// or cmd://",
    ],
    ['a uri without scheme', '- uri: just-a-name\n  type: t\n', "missing uri scheme in 'just-a-name'"],
    ['a missing uri', '- type: t\n', 'entry 0 (line 1): uri not set'],
    ['a missing type', '- uri: template://x\n', 'type not set'],
    [
      'an unknown field',
      '- uri: template://x\n  type: t\n  output: |\n    a: b\n',
      'field output not found in template provisioner',
    ],
    [
      'args on a template provisioner',
      '- uri: template://x\n  type: t\n  args: []\n',
      'field args not found in template provisioner',
    ],
    [
      'a cmd uri with a port',
      '- uri: cmd://host:80\n  type: t\n',
      'cmd provisioner uri cannot contain a port',
    ],
    [
      'a cmd uri with a query',
      '- uri: cmd://prog?x=1\n  type: t\n',
      'cmd provisioner uri cannot contain query params',
    ],
    [
      'a cmd uri with user info',
      '- uri: cmd://me@prog\n  type: t\n',
      'cmd provisioner uri cannot contain user info',
    ],
    [
      'a program name with a path',
      '- uri: cmd://prog/sub\n  type: t\n',
      'direct command reference cannot contain additional path parts',
    ],
    [
      'invalid YAML',
      '- uri: template://x\n  type: [t\n',
      'failed to load provisioners file p.yaml: invalid YAML at line 3, column 1',
    ],
    ['not a list', 'uri: template://x\n', 'expected a list of provisioners'],
  ])('rejects %s', (_name, yaml, message) => {
    let error: unknown;
    try {
      loadProvisionerFile(yaml, { fileName: 'p.yaml' });
    } catch (err) {
      error = err;
    }
    expect(ProvisionersError.is(error, 'Load')).toBe(true);
    expect((error as Error).message).toContain(message);
  });
});
