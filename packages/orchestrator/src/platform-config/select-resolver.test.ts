import { describe, expect, it } from '@jest/globals';
import { parsePlatformConfig } from './parse-platform-config.js';
import { selectResolver, type ResolverSelection, type ResourceIdentity } from './select-resolver.js';

const config = parsePlatformConfig(`
apiVersion: score.dev/v1b1
kind: PlatformConfig
defaults: { deprovisionPolicy: Delete }
resolvers:
  - { type: postgres, class: default, id: main-db, resolver: shared-postgres, deprovisionPolicy: Orphan }
  - { type: postgres, class: default, resolver: builtin-postgres, deprovisionPolicy: Retain }
  - { type: postgres, resolver: cloud-postgres }
  - { type: dns, id: shared-domain, deprovisionPolicy: Retain }
  - { type: route, class: default, resolver: never-reached }
  - { type: route, resolver: gateway-route }
`);

describe('selectResolver', () => {
  it.each<[string, ResourceIdentity, ResolverSelection]>([
    [
      'a shared resource by type, class and id',
      { type: 'postgres', class: 'default', id: 'main-db' },
      { resolver: 'shared-postgres', deprovisionPolicy: 'Orphan', rule: 0 },
    ],
    [
      'the class rule for a private resource (a rule with an id never matches it)',
      { type: 'postgres' },
      { resolver: 'builtin-postgres', deprovisionPolicy: 'Retain', rule: 1 },
    ],
    [
      'the class rule for another shared id',
      { type: 'postgres', id: 'other' },
      { resolver: 'builtin-postgres', deprovisionPolicy: 'Retain', rule: 1 },
    ],
    [
      'the any-class rule for another class, with the default policy',
      { type: 'postgres', class: 'large' },
      { resolver: 'cloud-postgres', deprovisionPolicy: 'Delete', rule: 2 },
    ],
    [
      'a policy-only rule (no resolver name)',
      { type: 'dns', id: 'shared-domain' },
      { deprovisionPolicy: 'Retain', rule: 3 },
    ],
    ['nothing for an unlisted id of a policy-only type', { type: 'dns' }, { deprovisionPolicy: 'Delete' }],
    [
      'the first of two matching rules',
      { type: 'route', class: 'default' },
      { resolver: 'never-reached', deprovisionPolicy: 'Delete', rule: 4 },
    ],
    ['nothing for an unknown type', { type: 'redis' }, { deprovisionPolicy: 'Delete' }],
    ['nothing for a type that differs only in case', { type: 'Postgres' }, { deprovisionPolicy: 'Delete' }],
  ])('selects %s', (_name, resource, expected) => {
    expect(selectResolver(config, resource)).toEqual(expected);
  });
});
