import { describe, expect, it } from '@jest/globals';
import { createScoreResolver } from './score-resolver.js';
import { SecretReference } from './secret-reference.js';
import { substituteResourceParams } from './substitute-params.js';

const password = new SecretReference('db-creds', 'password');
const resolver = createScoreResolver({
  metadata: { name: 'web' },
  resources: {
    db: { id: 'db', outputs: { host: 'db.local', port: 5432, password } },
    queue: { id: 'queue' },
  },
});

describe('substituteResourceParams', () => {
  it('substitutes strings at any depth and keeps keys and other values', () => {
    const params = {
      url: 'postgres://${resources.db.host}:${resources.db.port}',
      port: '${resources.db.port}',
      replicas: 3,
      enabled: true,
      '${not.a.key}': 'x',
      nested: { list: ['${metadata.name}', 7, { deep: '$${literal}' }] },
    };
    expect(substituteResourceParams(params, resolver, 'resources.app.params')).toEqual({
      resolved: true,
      value: {
        url: 'postgres://db.local:5432',
        port: '5432',
        replicas: 3,
        enabled: true,
        '${not.a.key}': 'x',
        nested: { list: ['web', 7, { deep: '${literal}' }] },
      },
    });
  });

  it('passes a whole-value secret on as a reference', () => {
    const result = substituteResourceParams(
      { password: '${resources.db.password}' },
      resolver,
      'resources.app.params',
    );
    expect(result).toEqual({ resolved: true, value: { password } });
  });

  it('rejects a secret inside a longer string, naming the nested field', () => {
    expect(() =>
      substituteResourceParams(
        { conn: ['x', 'pw=${resources.db.password}'] },
        resolver,
        'resources.app.params',
      ),
    ).toThrow(
      'resources.app.params.conn[1]: secret output ${resources.db.password} cannot be used inside a longer param',
    );
  });

  it('reports outputs of a resource not ready yet as unresolved', () => {
    expect(
      substituteResourceParams({ a: { b: '${resources.queue.url}' } }, resolver, 'resources.app.params'),
    ).toEqual({
      resolved: false,
      unresolved: [
        {
          placeholder: '${resources.queue.url}',
          field: 'resources.app.params.a.b',
          resource: 'queue',
          reason: 'pending',
          detail: "resource 'queue' has no outputs yet",
        },
      ],
    });
  });
});
