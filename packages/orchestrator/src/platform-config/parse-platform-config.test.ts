import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { OrchestratorError } from '../errors/orchestrator.error.js';
import { issuesOf } from './fixtures/config-issues.js';
import { parsePlatformConfig } from './parse-platform-config.js';

const fixture = readFileSync(new URL('./fixtures/platform.yaml', import.meta.url), 'utf8');
const environments = readFileSync(new URL('./fixtures/environments.yaml', import.meta.url), 'utf8');
const header = 'apiVersion: score.dev/v1b1\nkind: PlatformConfig\n';

describe('parsePlatformConfig', () => {
  it('reads the reference example', () => {
    const config = parsePlatformConfig(fixture);
    expect(config.defaults).toEqual({
      runtimeClass: 'kubernetes',
      deprovisionPolicy: 'Delete',
      profile: 'web',
    });
    expect(config.profiles).toEqual([
      {
        name: 'web',
        description: 'Stateless HTTP services',
        selector: { matchLabels: { tier: 'web' } },
        runtimeClass: 'kubernetes',
        options: { workloadKind: 'Deployment' },
      },
      {
        name: 'stateful',
        selector: { matchExpressions: [{ key: 'tier', operator: 'In', values: ['db', 'cache'] }] },
        options: { workloadKind: 'StatefulSet', replicas: 1 },
      },
    ]);
    expect(config.backends).toHaveLength(1);
    expect(config.resolvers.map((r) => r.resolver ?? r.deprovisionPolicy)).toEqual([
      'builtin-postgres',
      'cloud-postgres',
      'Orphan',
    ]);
    expect(config.policies.map((p) => p.name)).toEqual(['no-latest-tag', 'team-label']);
    expect(config.plugins).toEqual([
      '@score-orchestrator/resolver-dev',
      '@score-orchestrator/runtime-kubernetes',
    ]);
  });

  it('fills in defaults for a minimal document', () => {
    expect(parsePlatformConfig(header)).toEqual({
      apiVersion: 'score.dev/v1b1',
      kind: 'PlatformConfig',
      defaults: { runtimeClass: 'kubernetes', deprovisionPolicy: 'Delete' },
      profiles: [],
      backends: [],
      resolvers: [],
      policies: [],
      patchTemplates: [],
      plugins: [],
    });
  });

  it('treats empty (null) sections as absent', () => {
    expect(parsePlatformConfig(`${header}profiles:\npolicies:\ndefaults:\n`).profiles).toEqual([]);
  });

  it.each<[string, string, string, string]>([
    ['an empty document', '', '(root)', 'the document is empty'],
    ['a list document', '- a\n', '(root)', 'must be a mapping'],
    ['bad YAML', 'a: [\n', '(root)', 'YAML syntax error at line'],
    ['a duplicate key', `${header}plugins: []\nplugins: []\n`, '(root)', 'duplicate key'],
    ['a wrong apiVersion', 'apiVersion: v1\nkind: PlatformConfig\n', 'apiVersion', 'use score.dev/v1b1'],
    ['a missing kind', 'apiVersion: score.dev/v1b1\n', 'kind', 'required'],
    ['a wrong kind', 'apiVersion: score.dev/v1b1\nkind: Workload\n', 'kind', 'use PlatformConfig'],
    ['a misspelt top-level field', `${header}profile: []\n`, 'profile', 'did you mean profiles?'],
    [
      'an unknown default',
      `${header}defaults: { runtime: x }\n`,
      'defaults.runtime',
      'did you mean runtimeClass?',
    ],
    [
      'a bad deprovision policy',
      `${header}defaults: { deprovisionPolicy: Keep }\n`,
      'defaults.deprovisionPolicy',
      'must be one of Delete, Retain, Orphan',
    ],
    [
      'an unknown default profile',
      `${header}defaults: { profile: web }\n`,
      'defaults.profile',
      'names no profile "web"',
    ],
    [
      'a bad runtime class',
      `${header}defaults: { runtimeClass: Kube_1 }\n`,
      'defaults.runtimeClass',
      'a DNS label',
    ],
    ['profiles not a list', `${header}profiles: { web: {} }\n`, 'profiles', 'must be a list'],
    [
      'a profile without a name',
      `${header}profiles: [ { runtimeClass: k } ]\n`,
      'profiles[0].name',
      'required',
    ],
    ['a numeric profile name', `${header}profiles: [ { name: 7 } ]\n`, 'profiles[0].name', 'quote it'],
    [
      'a duplicate profile',
      `${header}profiles: [ { name: web }, { name: web } ]\n`,
      'profiles[1]',
      'duplicate profile name "web" (first at profiles[0])',
    ],
    [
      'options not a mapping',
      `${header}profiles: [ { name: web, options: [] } ]\n`,
      'profiles[0].options',
      'mapping',
    ],
    [
      'a non-string label value',
      `${header}profiles: [ { name: web, selector: { matchLabels: { tier: 1 } } } ]\n`,
      'profiles[0].selector.matchLabels.tier',
      'must be a string',
    ],
    [
      'a bad selector operator',
      `${header}profiles: [ { name: web, selector: { matchExpressions: [ { key: a, operator: Equals } ] } } ]\n`,
      'profiles[0].selector.matchExpressions[0].operator',
      'must be one of In, NotIn, Exists, DoesNotExist',
    ],
    [
      'In without values',
      `${header}profiles: [ { name: web, selector: { matchExpressions: [ { key: a, operator: In } ] } } ]\n`,
      'profiles[0].selector.matchExpressions[0].values',
      'required and non-empty for operator In',
    ],
    [
      'an invalid label key',
      `${header}profiles: [ { name: web, selector: { matchLabels: { "Example.com/tier": x } } } ]\n`,
      'profiles[0].selector.matchLabels["Example.com/tier"]',
      'is not a valid label key',
    ],
    [
      'a malformed endpoint template',
      `${header}backends: [ { runtimeClass: k, endpointTemplate: "http://{{ serviceName }}" } ]\n`,
      'backends[0].endpointTemplate',
      'write {{ .fact }}',
    ],
    [
      'a template calling a function',
      `${header}backends: [ { runtimeClass: k, endpointTemplate: "{{ .a | exec }}" } ]\n`,
      'backends[0].endpointTemplate',
      'is not a substitution',
    ],
    [
      'a duplicate backend',
      `${header}backends: [ { runtimeClass: k }, { runtimeClass: k } ]\n`,
      'backends[1]',
      'duplicate backend runtimeClass',
    ],
    [
      'a resolver rule without type',
      `${header}resolvers: [ { resolver: x } ]\n`,
      'resolvers[0].type',
      'required',
    ],
    [
      'a resolver rule setting nothing',
      `${header}resolvers: [ { type: redis } ]\n`,
      'resolvers[0]',
      'sets nothing',
    ],
    [
      'a bad resolver name',
      `${header}resolvers: [ { type: redis, resolver: My_Resolver } ]\n`,
      'resolvers[0].resolver',
      'a resolver name',
    ],
    ['a policy without rule', `${header}policies: [ { name: p } ]\n`, 'policies[0].rule', 'required'],
    [
      'a policy with a CEL syntax error',
      `${header}policies: [ { name: p, rule: "object.spec +" } ]\n`,
      'policies[0].rule',
      'policy p: CEL syntax error: Unexpected token: EOF (at column 14)',
    ],
    [
      'a policy with an unknown variable',
      `${header}policies: [ { name: p, rule: "self.spec == 1" } ]\n`,
      'policies[0].rule',
      'policy p: CEL type error: Unknown variable: self',
    ],
    [
      'a policy that is not a condition',
      `${header}policies: [ { name: p, rule: "1 + 2" } ]\n`,
      'policies[0].rule',
      'evaluates to int, not bool',
    ],
    [
      'a duplicate policy',
      `${header}policies: [ { name: p, rule: "true" }, { name: p, rule: "true" } ]\n`,
      'policies[1]',
      'duplicate policy name "p"',
    ],
    ['a bad plugin name', `${header}plugins: [ "Not A Package" ]\n`, 'plugins[0]', 'an npm package name'],
    ['a duplicate plugin', `${header}plugins: [ a, a ]\n`, 'plugins[1]', 'duplicate plugin "a"'],
  ])('rejects %s', (_name, text, field, message) => {
    const issues = issuesOf(text);
    expect(issues).toContainEqual({ field, message: expect.stringContaining(message) });
  });

  it('lists every issue in one error, each with its field', () => {
    const text = `${header}defaults: { deprovisionPolicy: Keep }\nprofiles: [ { name: Web } ]\npolicies: [ { name: p, rule: "(" } ]\n`;
    let error: unknown;
    try {
      parsePlatformConfig(text);
    } catch (err) {
      error = err;
    }
    expect(OrchestratorError.is(error, 'Configuration')).toBe(true);
    const { message, issues } = error as OrchestratorError;
    expect(issues.map((i) => i.field)).toEqual([
      'profiles[0].name',
      'defaults.deprovisionPolicy',
      'policies[0].rule',
    ]);
    expect(message).toMatch(
      /^failed to parse platform config: profiles\[0\]\.name: must be a DNS label: .*; got "Web"; /,
    );
    expect(message).toContain(
      '; defaults.deprovisionPolicy: must be one of Delete, Retain, Orphan; got "Keep";',
    );
  });
});

describe('parsePlatformConfig: resolvers[] matched by environment', () => {
  it('reads named rules with namespace selectors (matchLabels and matchExpressions)', () => {
    const config = parsePlatformConfig(environments);
    expect(config.resolvers.map((r) => r.name)).toEqual([
      'dev-postgres',
      'prod-postgres',
      'not-prod-redis',
      'labelled-queue',
      'any-postgres',
    ]);
    expect(config.resolvers[0]).toEqual({
      name: 'dev-postgres',
      type: 'postgres',
      namespaceSelector: { matchLabels: { environment: 'dev' } },
      resolver: 'dev-postgres',
    });
    expect(config.resolvers[1]).toEqual({
      name: 'prod-postgres',
      type: 'postgres',
      namespaceSelector: {
        matchExpressions: [
          { key: 'environment', operator: 'In', values: ['prod', 'staging'] },
          { key: 'example.com/legacy-db', operator: 'DoesNotExist' },
        ],
      },
      resolver: 'cloud-postgres',
      deprovisionPolicy: 'Retain',
    });
    expect(config.resolvers[4]).toEqual({
      name: 'any-postgres',
      type: 'postgres',
      deprovisionPolicy: 'Orphan',
    });
  });

  it.each<[string, string, string, string]>([
    [
      'a bad selector operator',
      `resolvers: [ { type: redis, resolver: r, namespaceSelector: { matchExpressions: [ { key: environment, operator: Equals, values: [dev] } ] } } ]`,
      'resolvers[0].namespaceSelector.matchExpressions[0].operator',
      'must be one of In, NotIn, Exists, DoesNotExist',
    ],
    [
      'a missing operator',
      `resolvers: [ { type: redis, resolver: r, namespaceSelector: { matchExpressions: [ { key: environment } ] } } ]`,
      'resolvers[0].namespaceSelector.matchExpressions[0].operator',
      'required; use one of In, NotIn, Exists, DoesNotExist',
    ],
    [
      'NotIn without values',
      `resolvers: [ { type: redis, resolver: r, namespaceSelector: { matchExpressions: [ { key: environment, operator: NotIn } ] } } ]`,
      'resolvers[0].namespaceSelector.matchExpressions[0].values',
      'required and non-empty for operator NotIn',
    ],
    [
      'Exists with values',
      `resolvers: [ { type: redis, resolver: r, namespaceSelector: { matchExpressions: [ { key: environment, operator: Exists, values: [x] } ] } } ]`,
      'resolvers[0].namespaceSelector.matchExpressions[0].values',
      'must be empty for operator Exists',
    ],
    [
      'an invalid label key',
      `resolvers: [ { type: redis, resolver: r, namespaceSelector: { matchLabels: { "-env": dev } } } ]`,
      'resolvers[0].namespaceSelector.matchLabels.-env',
      'is not a valid label key',
    ],
    [
      'an invalid label value',
      `resolvers: [ { type: redis, resolver: r, namespaceSelector: { matchLabels: { environment: "dev env" } } } ]`,
      'resolvers[0].namespaceSelector.matchLabels.environment',
      'is not a valid label value',
    ],
    [
      'a non-string label value',
      `resolvers: [ { type: redis, resolver: r, namespaceSelector: { matchLabels: { tier: 1 } } } ]`,
      'resolvers[0].namespaceSelector.matchLabels.tier',
      'must be a string',
    ],
    [
      'a misspelt selector field',
      `resolvers: [ { type: redis, resolver: r, namespaceSelector: { matchLabel: { environment: dev } } } ]`,
      'resolvers[0].namespaceSelector.matchLabel',
      'did you mean matchLabels?',
    ],
    [
      'a selector that is not a mapping',
      `resolvers: [ { type: redis, resolver: r, namespaceSelector: "environment=dev" } ]`,
      'resolvers[0].namespaceSelector',
      'must be a mapping',
    ],
    [
      'a misspelt rule field',
      `resolvers: [ { type: redis, resolver: r, namespaceSelectors: {} } ]`,
      'resolvers[0].namespaceSelectors',
      'did you mean namespaceSelector?',
    ],
    [
      'a rule name that is not a DNS label',
      `resolvers: [ { name: Prod_DB, type: redis, resolver: r } ]`,
      'resolvers[0].name',
      'must be a DNS label',
    ],
    [
      'a duplicate rule name',
      `resolvers: [ { name: db, type: redis, resolver: r }, { name: db, type: postgres, resolver: p } ]`,
      'resolvers[1]',
      'duplicate resolver rule name "db" (first at resolvers[0])',
    ],
  ])('rejects %s, naming the field', (_name, yaml, field, message) => {
    expect(issuesOf(`${header}${yaml}\n`)).toContainEqual({
      field,
      message: expect.stringContaining(message),
    });
  });
});
