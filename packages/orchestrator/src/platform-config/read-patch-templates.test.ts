import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { patchTemplatesFor } from '../projection/patch-templates.js';
import { issuesOf } from './fixtures/config-issues.js';
import { parsePlatformConfig } from './parse-platform-config.js';

const example = readFileSync(
  new URL('../../../../examples/patch-templates/platform.yaml', import.meta.url),
  'utf8',
);
const header = 'apiVersion: score.dev/v1b1\nkind: PlatformConfig\nprofiles: [{ name: web }]\n';

const withTemplate = (template: string, extra = '') =>
  `${header}patchTemplates:\n  - name: p\n${extra}    template: |\n${template
    .split('\n')
    .map((line) => `      ${line}`)
    .join('\n')}\n`;

describe('patchTemplates in the platform config', () => {
  it('reads examples/patch-templates/platform.yaml', () => {
    const config = parsePlatformConfig(example);
    expect(config.patchTemplates.map((t) => [t.name, t.profiles])).toEqual([
      ['replicas', undefined],
      ['security-context', ['hardened']],
      ['team-annotation', undefined],
    ]);
    expect(config.patchTemplates[0]?.template).toContain('{{ range $i, $m := .Manifests }}');
  });

  it('gives a plan the templates of its profile, in config order', () => {
    const config = parsePlatformConfig(example);
    expect(patchTemplatesFor(config, 'hardened')?.map((t) => t.name)).toEqual([
      'replicas',
      'security-context',
      'team-annotation',
    ]);
    expect(patchTemplatesFor(config, 'web')?.map((t) => t.name)).toEqual(['replicas', 'team-annotation']);
    expect(patchTemplatesFor(config, undefined)?.map((t) => t.name)).toEqual(['replicas', 'team-annotation']);
    expect(patchTemplatesFor(parsePlatformConfig(header), 'web')).toBeUndefined();
  });

  it.each<[string, string, string, string]>([
    [
      'a syntax error, with template, line and column',
      withTemplate('- op: set\n  path: 0.a\n  value: {{ .Namespace '),
      'patchTemplates[0].template',
      'template p:3:10: unclosed action',
    ],
    [
      'an unsupported function, with its line',
      withTemplate('{{ range .Manifests }}\n- op: set\n  value: {{ lookup "v1" "Secret" }}\n{{ end }}'),
      'patchTemplates[0].template',
      'unsupported function: lookup (line 3, column 13)',
    ],
    [
      'a random function (patches must be deterministic)',
      withTemplate('- op: set\n  path: 0.a\n  value: {{ randAlphaNum 5 }}'),
      'patchTemplates[0].template',
      'unsupported function: randAlphaNum',
    ],
    [
      'an op score-k8s does not have',
      withTemplate('- op: replace\n  path: 0.spec.replicas\n  value: 2'),
      'patchTemplates[0].template',
      'patch template p: patch 1: op must be one of set, delete',
    ],
    [
      'a patch without a path',
      withTemplate('- op: delete\n  description: no path'),
      'patchTemplates[0].template',
      'patch 1: path is required',
    ],
    [
      'an unknown field in a patch',
      withTemplate('- op: set\n  patch: 0.spec.replicas\n  value: 2'),
      'patchTemplates[0].template',
      'patch 1: unknown field "patch"',
    ],
    [
      'a field the template input does not have',
      withTemplate('{{ range .Resources }}{{ end }}'),
      'patchTemplates[0].template',
      "can't evaluate field Resources in type patchTemplateInput",
    ],
    [
      'a profile that does not exist',
      withTemplate('', '    profiles: [batch]\n'),
      'patchTemplates[0].profiles[0]',
      'names no profile "batch"; use one of: web',
    ],
    [
      'two templates with one name',
      `${header}patchTemplates:\n  - { name: p, template: "[]" }\n  - { name: p, template: "[]" }\n`,
      'patchTemplates[1]',
      'duplicate patch template name "p" (first at patchTemplates[0])',
    ],
    ['no template', `${header}patchTemplates:\n  - { name: p }\n`, 'patchTemplates[0].template', 'required'],
  ])('rejects %s', (_what, text, field, message) => {
    expect(issuesOf(text)).toContainEqual({ field, message: expect.stringContaining(message) });
  });

  it('rejects more templates than a plan may carry', () => {
    const many = Array.from({ length: 17 }, (_, i) => `  - { name: p${i}, template: "[]" }`).join('\n');
    expect(issuesOf(`${header}patchTemplates:\n${many}\n`)).toContainEqual({
      field: 'patchTemplates',
      message: expect.stringContaining('has 17 templates; at most 16 are allowed'),
    });
    expect(() =>
      parsePlatformConfig(`${header}patchTemplates:\n${many.split('\n').slice(1).join('\n')}\n`),
    ).not.toThrow();
  });

  it('accepts a template that fails only on real input (it fails the plan when it applies)', () => {
    expect(() =>
      parsePlatformConfig(withTemplate('- op: set\n  path: 0.x\n  value: {{ (index .Manifests 0).kind }}')),
    ).not.toThrow();
  });
});
