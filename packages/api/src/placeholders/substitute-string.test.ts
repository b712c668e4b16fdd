import { describe, expect, it } from '@jest/globals';
import { ScoreApiError } from '../errors/api.error.js';
import { Missing } from './missing.js';
import { createScoreResolver } from './score-resolver.js';
import { SecretReference } from './secret-reference.js';
import { substituteString } from './substitute-string.js';

// The fixture of score-go framework/substitution_test.go, plus outputs of every JSON type.
const resolver = createScoreResolver({
  metadata: {
    name: 'test-name',
    other: { key: 'value' },
    annotations: { 'key.com/foo-bar': 'thing' },
  },
  resources: {
    static: { id: 'static', outputs: { x: 'a' } },
    db: {
      id: 'postgres.default#web.db',
      outputs: {
        host: 'db.local',
        port: 5432,
        tls: false,
        ratio: 0.5,
        nothing: null,
        hosts: ['a', 'b'],
        nested: { z: 1, a: '<&>' },
        password: new SecretReference('db-creds', 'password'),
      },
    },
    cache: { id: 'redis.default#web.cache' },
  },
});

function substitute(text: string): string {
  const result = substituteString(text, resolver, 'containers.web.variables.X');
  if (!result.resolved) throw new Error('unexpectedly unresolved');
  return result.value;
}

describe('substituteString', () => {
  it.each([
    ['', ''],
    ['abc $$ abc', 'abc $ abc'],
    ['$${abc}', '${abc}'],
    ['my name is ${metadata.name}', 'my name is test-name'],
    ['${metadata.other}', '{"key":"value"}'],
    ['${metadata.other.key}', 'value'],
    ['${metadata.annotations.key\\.com/foo-bar}', 'thing'],
    ['${resources.static}', 'static'],
    ['${resources.static.x}', 'a'],
    ['${resources.db.port}', '5432'],
    ['${resources.db.tls}', 'false'],
    ['${resources.db.ratio}', '0.5'],
    ['${resources.db.nothing}', 'null'],
    ['${resources.db.hosts}', '["a","b"]'],
    ['${resources.db.nested}', '{"a":"\\u003c\\u0026\\u003e","z":1}'],
    ['${resources.db}', 'postgres.default#web.db'],
    ['${resources.db.host}:${resources.db.port}/${metadata.name}', 'db.local:5432/test-name'],
  ])('%j becomes %j', (input, expected) => {
    expect(substitute(input)).toBe(expected);
  });

  it.each([
    ['${missing}', "invalid ref 'missing': unknown reference root, use $$ to escape the substitution"],
    ['$$${abc}', "invalid ref 'abc': unknown reference root"],
    ['${}', "invalid ref '': unknown reference root"],
    ['${metadata}', "invalid ref 'metadata': requires at least a metadata key to lookup"],
    ['${metadata.missing}', "invalid ref 'metadata.missing': key 'missing' not found"],
    [
      '${metadata.name.foo}',
      "invalid ref 'metadata.name.foo': cannot lookup key 'foo', context is not a map",
    ],
    ['${metadata.thing\\.two}', "invalid ref 'metadata.thing\\.two': key 'thing.two' not found"],
    ['${resources}', "invalid ref 'resources': requires at least a resource name to lookup"],
    ['${resources.missing.x}', "invalid ref 'resources.missing.x': no known resource 'missing'"],
    ['${resources.db.password}', 'secret output ${resources.db.password} cannot be used in plain text'],
    ['${metadata.name', 'unterminated placeholder at offset 0'],
  ])('%j fails with %j, naming the field', (input, message) => {
    let caught: unknown;
    try {
      substitute(input);
    } catch (err) {
      caught = err;
    }
    expect(ScoreApiError.is(caught, 'Placeholder')).toBe(true);
    const error = caught as ScoreApiError;
    expect(error.issues).toHaveLength(1);
    expect(error.issues[0].field).toBe('containers.web.variables.X');
    expect(error.issues[0].message).toContain(message);
    expect(error.message).toContain('containers.web.variables.X: ');
  });

  it('lists every error of one string in one error', () => {
    expect(() => substitute('${metadata.a} ${resources.nope.b}')).toThrow(
      /metadata\.a': key 'a' not found; containers\.web\.variables\.X: invalid ref 'resources\.nope\.b'/,
    );
  });

  it('reports outputs of a resource that is not ready as unresolved, not as an error', () => {
    const result = substituteString('${resources.cache.host}:${resources.cache.port}', resolver, 'f');
    expect(result).toEqual({
      resolved: false,
      unresolved: [
        {
          placeholder: '${resources.cache.host}',
          field: 'f',
          resource: 'cache',
          reason: 'pending',
          detail: "resource 'cache' has no outputs yet",
        },
        {
          placeholder: '${resources.cache.port}',
          field: 'f',
          resource: 'cache',
          reason: 'pending',
          detail: "resource 'cache' has no outputs yet",
        },
      ],
    });
  });

  it.each([
    ['${resources.static.y}', "resource 'static' has no output 'y'"],
    ['${resources.db.nested.q}', "output 'nested' of resource 'db' has no key 'q'"],
    ['${resources.db.host.x}', "output 'host' of resource 'db' is not a map, so it has no key 'x'"],
    ['${resources.db.password.value}', "output 'password' of resource 'db' is not a map"],
  ])('reports %j, which the ready resource does not output, as absent: %j', (input, detail) => {
    const result = substituteString(input, resolver, 'f');
    expect(result).toEqual({
      resolved: false,
      unresolved: [
        expect.objectContaining({
          placeholder: input,
          field: 'f',
          reason: 'absent',
          detail: expect.any(String),
        }),
      ],
    });
    expect(!result.resolved && result.unresolved[0].detail).toContain(detail);
  });

  it('lets errors win over pending placeholders, since waiting cannot fix them', () => {
    expect(() => substituteString('${resources.cache.host} ${metadata.nope}', resolver, 'f')).toThrow(/nope/);
  });

  it('accepts any resolver, including one returning Missing for single outputs', () => {
    const custom = {
      lookup: (path: readonly string[]) =>
        path[1] === 'later' ? Missing.pending('not yet') : path.join('/'),
    };
    expect(substituteString('${a.b}', custom, 'f')).toEqual({ resolved: true, value: 'a/b' });
    expect(substituteString('${a.later}', custom, 'f')).toMatchObject({ resolved: false });
  });
});
