import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { parsePlatformConfig } from './parse-platform-config.js';
import {
  readsNamespaceLabels,
  selectResolver,
  type ResolverSelection,
  type ResourceIdentity,
} from './select-resolver.js';

const config = parsePlatformConfig(`
apiVersion: score.dev/v1b1
kind: PlatformConfig
defaults: { deprovisionPolicy: Delete }
resolvers:
  - { type: postgres, class: default, id: main-db, resolver: shared-postgres, deprovisionPolicy: Orphan }
  - { type: postgres, class: default, resolver: builtin-postgres, deprovisionPolicy: Retain }
  - { type: postgres, resolver: cloud-postgres }
  - { type: dns, id: shared-domain, deprovisionPolicy: Retain }
  - { name: first-route, type: route, class: default, resolver: never-reached }
  - { type: route, resolver: gateway-route }
`);

describe('selectResolver', () => {
  it.each<[string, ResourceIdentity, ResolverSelection]>([
    [
      'a shared resource by type, class and id',
      { type: 'postgres', class: 'default', id: 'main-db' },
      { resolver: 'shared-postgres', deprovisionPolicy: 'Orphan', rule: 0, ruleLabel: 'resolvers[0]' },
    ],
    [
      'the class rule for a private resource (a rule with an id never matches it)',
      { type: 'postgres' },
      { resolver: 'builtin-postgres', deprovisionPolicy: 'Retain', rule: 1, ruleLabel: 'resolvers[1]' },
    ],
    [
      'the class rule for another shared id',
      { type: 'postgres', id: 'other' },
      { resolver: 'builtin-postgres', deprovisionPolicy: 'Retain', rule: 1, ruleLabel: 'resolvers[1]' },
    ],
    [
      'the any-class rule for another class, with the default policy',
      { type: 'postgres', class: 'large' },
      { resolver: 'cloud-postgres', deprovisionPolicy: 'Delete', rule: 2, ruleLabel: 'resolvers[2]' },
    ],
    [
      'a policy-only rule (no resolver name)',
      { type: 'dns', id: 'shared-domain' },
      { deprovisionPolicy: 'Retain', rule: 3, ruleLabel: 'resolvers[3]' },
    ],
    ['nothing for an unlisted id of a policy-only type', { type: 'dns' }, { deprovisionPolicy: 'Delete' }],
    [
      'the first of two matching rules, by its name',
      { type: 'route', class: 'default' },
      { resolver: 'never-reached', deprovisionPolicy: 'Delete', rule: 4, ruleLabel: 'first-route' },
    ],
    ['nothing for an unknown type', { type: 'redis' }, { deprovisionPolicy: 'Delete' }],
    ['nothing for a type that differs only in case', { type: 'Postgres' }, { deprovisionPolicy: 'Delete' }],
  ])('selects %s', (_name, resource, expected) => {
    expect(selectResolver(config, resource)).toEqual(expected);
  });
});

// Rules matched by namespace labels.
const environments = parsePlatformConfig(
  readFileSync(new URL('./fixtures/environments.yaml', import.meta.url), 'utf8'),
);

describe('selectResolver by namespace labels', () => {
  const postgres = { type: 'postgres' };
  it.each<[string, ResourceIdentity, Record<string, string> | undefined, ResolverSelection]>([
    [
      'the dev rule in a dev namespace',
      postgres,
      { environment: 'dev', team: 'a' },
      { resolver: 'dev-postgres', deprovisionPolicy: 'Delete', rule: 0, ruleLabel: 'dev-postgres' },
    ],
    [
      'the prod rule in a prod namespace (In)',
      postgres,
      { environment: 'prod' },
      { resolver: 'cloud-postgres', deprovisionPolicy: 'Retain', rule: 1, ruleLabel: 'prod-postgres' },
    ],
    [
      'the prod rule in a staging namespace (In, second value)',
      postgres,
      { environment: 'staging' },
      { resolver: 'cloud-postgres', deprovisionPolicy: 'Retain', rule: 1, ruleLabel: 'prod-postgres' },
    ],
    [
      'past the prod rule when a DoesNotExist requirement fails (all requirements ANDed)',
      postgres,
      { environment: 'prod', 'example.com/legacy-db': 'yes' },
      { deprovisionPolicy: 'Orphan', rule: 4, ruleLabel: 'any-postgres' },
    ],
    [
      'the rule without a selector in a namespace no selector matches',
      postgres,
      { environment: 'qa' },
      { deprovisionPolicy: 'Orphan', rule: 4, ruleLabel: 'any-postgres' },
    ],
    [
      'the rule without a selector when the namespace labels are unknown',
      postgres,
      undefined,
      { deprovisionPolicy: 'Orphan', rule: 4, ruleLabel: 'any-postgres' },
    ],
    [
      'a NotIn rule in a namespace without the label',
      { type: 'redis' },
      {},
      { resolver: 'dev-redis', deprovisionPolicy: 'Delete', rule: 2, ruleLabel: 'not-prod-redis' },
    ],
    [
      'no NotIn rule in a prod namespace',
      { type: 'redis' },
      { environment: 'prod' },
      { deprovisionPolicy: 'Delete' },
    ],
    [
      'an Exists rule in a namespace with the label',
      { type: 'amqp' },
      { environment: '' },
      { resolver: 'dev-amqp', deprovisionPolicy: 'Delete', rule: 3, ruleLabel: 'labelled-queue' },
    ],
    [
      'no Exists rule in a namespace without the label',
      { type: 'amqp' },
      { team: 'a' },
      { deprovisionPolicy: 'Delete' },
    ],
    [
      'matchLabels exactly (values are case-sensitive)',
      postgres,
      { environment: 'Dev' },
      { deprovisionPolicy: 'Orphan', rule: 4, ruleLabel: 'any-postgres' },
    ],
  ])('selects %s', (_name, resource, namespaceLabels, expected) => {
    expect(selectResolver(environments, resource, { namespaceLabels })).toEqual(expected);
  });

  it('tells whether a config reads namespace labels at all', () => {
    expect(readsNamespaceLabels(environments)).toBe(true);
    expect(readsNamespaceLabels(config)).toBe(false);
  });
});
