import { describe, expect, it } from '@jest/globals';
import { readResolverOptions } from '@score-orchestrator/api';
import { Container } from 'inversify';
import { PostgresResolver } from './resolvers/postgres.resolver.js';
import { plugin } from './plugin.js';
import { ResolverDevTokens } from './tokens.js';

describe('plugin', () => {
  const options = (plugin.resolvers ?? []).map((cls) => readResolverOptions(cls));

  it("serves each of score-k8s's and score-compose's default types once, with a unique name", () => {
    expect(options.map((o) => o?.type).sort()).toEqual([
      'amqp',
      'dns',
      'elasticsearch',
      'environment',
      'kafka-topic',
      'mongodb',
      'mssql',
      'mysql',
      'postgres',
      'postgres-instance',
      'redis',
      'route',
      's3',
      'service-port',
      'volume',
    ]);
    expect(new Set(options.map((o) => o?.name)).size).toBe(options.length);
    for (const o of options) expect(o?.name).toBe(`dev-${o?.type}`);
  });

  it('declares what every resolver outputs, with a description', () => {
    for (const o of options) {
      expect(o?.description).toBeTruthy();
      expect(o?.outputs?.length).toBeGreaterThan(0);
    }
  });

  it('resolves from a container with and without bound settings', () => {
    const plain = new Container();
    plain.bind(PostgresResolver).toSelf();
    expect(plain.get(PostgresResolver)).toBeInstanceOf(PostgresResolver);

    const configured = new Container();
    configured.bind(ResolverDevTokens.Settings).toConstantValue({ domain: 'dev.example.com' });
    for (const cls of plugin.resolvers ?? []) configured.bind(cls).toSelf();
    for (const cls of plugin.resolvers ?? []) expect(configured.get(cls)).toBeInstanceOf(cls);
  });
});
