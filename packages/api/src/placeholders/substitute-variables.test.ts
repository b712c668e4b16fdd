import { describe, expect, it } from '@jest/globals';
import { ScoreApiError } from '../errors/api.error.js';
import { createScoreResolver } from './score-resolver.js';
import { SecretReference } from './secret-reference.js';
import { substituteVariables } from './substitute-variables.js';

const password = new SecretReference('db-creds', 'password');
const user = new SecretReference('db-creds', 'username');
const resolver = createScoreResolver({
  metadata: { name: 'web' },
  resources: {
    db: { id: 'db', outputs: { host: 'db.local', port: 5432, password, user, all: { password } } },
  },
});

function variable(value: string): unknown {
  const result = substituteVariables({ V: value }, resolver, 'containers.web.variables');
  if (!result.resolved) throw new Error('unexpectedly unresolved');
  return result.value.V;
}

describe('substituteVariables', () => {
  it.each([
    ['plain', 'plain'],
    ['${resources.db.host}:${resources.db.port}', 'db.local:5432'],
    ['${resources.db.password}', password],
    ['pw=${resources.db.password}', { kind: 'secretTemplate', parts: ['pw=', password] }],
    [
      'postgres://${resources.db.user}:${resources.db.password}@${resources.db.host}',
      { kind: 'secretTemplate', parts: ['postgres://', user, ':', password, '@db.local'] },
    ],
    ['${resources.db.password}${resources.db.user}', { kind: 'secretTemplate', parts: [password, user] }],
  ])('%j projects to %j', (input, expected) => {
    expect(variable(input)).toEqual(expected);
  });

  it('keeps a whole-value secret a reference, never a value', () => {
    const value = variable('${resources.db.password}');
    expect(SecretReference.is(value)).toBe(true);
    expect(JSON.stringify(value)).toBe('{"secretName":"db-creds","key":"password"}');
    expect(String(value)).toBe('[secret db-creds/password]');
  });

  it('rejects a secret hidden inside a JSON-encoded output, naming the variable', () => {
    expect(() => variable('${resources.db.all}')).toThrow(
      'containers.web.variables.V: secret output ${resources.db.all} cannot be used inside a JSON-encoded value',
    );
  });

  it('reports every bad variable of the map at once', () => {
    let caught: unknown;
    try {
      substituteVariables(
        { A: '${resources.nope.host}', B: '${metadata.nope}', C: 'fine' },
        resolver,
        'containers.web.variables',
      );
    } catch (err) {
      caught = err;
    }
    expect(ScoreApiError.is(caught, 'Placeholder')).toBe(true);
    expect((caught as ScoreApiError).issues.map((issue) => issue.field)).toEqual([
      'containers.web.variables.A',
      'containers.web.variables.B',
    ]);
  });
});
