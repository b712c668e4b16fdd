import { describe, expect, it } from '@jest/globals';
import { createScoreResolver, ScoreApiError, SecretReference } from '@score-orchestrator/api';
import { parsePlatformConfig } from '../platform-config/parse-platform-config.js';
import { planClaims } from './plan-claims.js';

const config = parsePlatformConfig(`
apiVersion: score.dev/v1b1
kind: PlatformConfig
resolvers:
  - type: postgres
    resolver: builtin-postgres
    deprovisionPolicy: Retain
`);

const resources = {
  db: { type: 'postgres' },
  app: { type: 'route', params: { backend: '${resources.db.host}', pw: '${resources.db.password}' } },
};

describe('planClaims', () => {
  it('waits with params that need outputs not available yet', () => {
    const placeholders = createScoreResolver({
      metadata: {},
      resources: { db: { id: 'w-db' }, app: { id: 'w-app' } },
    });
    const intents = planClaims({ workloadName: 'w', resources, config, placeholders });
    expect(intents.map((i) => i.resource)).toEqual(['db', 'app']);
    expect(intents[0]).toMatchObject({
      claim: 'w-db',
      class: 'default',
      resolver: 'builtin-postgres',
      deprovisionPolicy: 'Retain',
      params: {},
    });
    expect(intents[1].params).toBeUndefined();
    expect(intents[1].waitingFor.map((u) => u.placeholder)).toEqual([
      '${resources.db.host}',
      '${resources.db.password}',
    ]);
  });

  it('resolves params once outputs exist, secrets as references', () => {
    const placeholders = createScoreResolver({
      metadata: {},
      resources: {
        db: {
          id: 'w-db',
          outputs: { host: 'db.svc', password: new SecretReference('w-db-outputs', 'password') },
        },
        app: { id: 'w-app' },
      },
    });
    const [, app] = planClaims({ workloadName: 'w', resources, config, placeholders });
    expect(app.params).toEqual({ backend: 'db.svc', pw: new SecretReference('w-db-outputs', 'password') });
    expect(app.deprovisionPolicy).toBe('Delete');
  });

  it('rejects cycles and unknown resources, naming the field', () => {
    const placeholders = createScoreResolver({ metadata: {}, resources: {} });
    const cyclic = {
      aa: { type: 'x', params: { p: '${resources.bb.o}' } },
      bb: { type: 'x', params: { p: '${resources.aa.o}' } },
    };
    expect(() => planClaims({ workloadName: 'w', resources: cyclic, config, placeholders })).toThrow(/cycle/);
    try {
      planClaims({
        workloadName: 'w',
        resources: { aa: { type: 'x', params: { p: '${resources.zz.o}' } } },
        config,
        placeholders,
      });
      throw new Error('expected an error');
    } catch (err) {
      expect(ScoreApiError.is(err, 'Placeholder')).toBe(true);
      expect((err as Error).message).toContain('resources.aa.params.p');
    }
  });

  it("chooses each claim's resolver by the namespace's labels and names the rule", () => {
    const environments = parsePlatformConfig(`
apiVersion: score.dev/v1b1
kind: PlatformConfig
resolvers:
  - { name: dev, type: postgres, namespaceSelector: { matchLabels: { environment: dev } }, resolver: dev-postgres }
  - { name: prod, type: postgres, resolver: file-postgres, deprovisionPolicy: Retain }
`);
    const placeholders = createScoreResolver({ metadata: {}, resources: { db: { id: 'w-db' } } });
    const plan = (namespaceLabels?: Record<string, string>) =>
      planClaims({
        workloadName: 'w',
        resources: { db: { type: 'postgres' } },
        config: environments,
        namespaceLabels,
        placeholders,
      })[0];
    expect(plan({ environment: 'dev' })).toMatchObject({
      resolver: 'dev-postgres',
      resolverRule: 'dev',
      deprovisionPolicy: 'Delete',
    });
    expect(plan({ environment: 'prod' })).toMatchObject({
      resolver: 'file-postgres',
      resolverRule: 'prod',
      deprovisionPolicy: 'Retain',
    });
    expect(plan(undefined)).toMatchObject({ resolver: 'file-postgres', resolverRule: 'prod' });
  });
});
