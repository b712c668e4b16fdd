import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { readResolverOptions } from '@score-orchestrator/api';
import { requestFixture } from '../fixtures/resource-request.js';
import { plugin } from '../plugin.js';
import type { BackingServiceRecipe } from '../provisioning/backing-service.provisioner.js';
import { amqpRecipe } from '../resolvers/amqp.resolver.js';
import { elasticsearchRecipe } from '../resolvers/elasticsearch.resolver.js';
import { kafkaTopicRecipe } from '../resolvers/kafka-topic.resolver.js';
import { mongodbRecipe } from '../resolvers/mongodb.resolver.js';
import { mssqlRecipe } from '../resolvers/mssql.resolver.js';
import { mysqlRecipe } from '../resolvers/mysql.resolver.js';
import { postgresInstanceRecipe } from '../resolvers/postgres-instance.resolver.js';
import { postgresRecipe } from '../resolvers/postgres.resolver.js';
import { redisRecipe } from '../resolvers/redis.resolver.js';
import { s3Recipe } from '../resolvers/s3.resolver.js';
import { devResolverSettings } from '../settings/dev-resolver-settings.js';
import { generatedBegin, generatedEnd, renderResourceTypes } from './resource-types-doc.js';
import { scoreCompose, scoreK8s } from './upstream-resource-types.js';

const page = new URL('../../../../docs/platform/resource-types.md', import.meta.url);
const resolvers = plugin.resolvers ?? [];
const declared = resolvers.map((cls) => readResolverOptions(cls)!);

describe('docs/platform/resource-types.md', () => {
  it('holds what the resolvers declare (UPDATE_GOLDEN=1 rewrites it)', () => {
    const rendered = renderResourceTypes(resolvers);
    const generated = () => {
      const text = readFileSync(page, 'utf8');
      const start = text.indexOf(generatedBegin);
      const end = text.indexOf(generatedEnd);
      expect(start).toBeGreaterThanOrEqual(0);
      expect(end).toBeGreaterThan(start);
      return { text, current: text.slice(start, end + generatedEnd.length + 1) };
    };
    if (process.env['UPDATE_GOLDEN'] === '1') {
      const { text, current } = generated();
      writeFileSync(page, text.replace(current, rendered));
    }
    expect(generated().current).toBe(rendered);
  });

  it("serves every type of score-k8s's and score-compose's default provisioners", () => {
    const upstream = new Set([...Object.keys(scoreK8s.types), ...Object.keys(scoreCompose.types)]);
    const served = new Set(declared.map((o) => o.type));
    expect([...upstream].filter((type) => !served.has(type))).toEqual([]);
  });

  it('names every output score-k8s declares for the type (same Score file, same references)', () => {
    for (const o of declared) {
      const upstream = scoreK8s.types[o.type] ?? scoreCompose.types[o.type];
      if (!upstream || upstream.dynamicOutputs) continue;
      const ours = (o.outputs ?? []).map((x) => x.name);
      expect({ type: o.type, missing: upstream.outputs.filter((n) => !ours.includes(n)) }).toEqual({
        type: o.type,
        missing: [],
      });
    }
  });
});

describe('output declarations', () => {
  const recipes: [string, BackingServiceRecipe][] = [
    ['postgres', postgresRecipe],
    ['postgres-instance', postgresInstanceRecipe],
    ['mysql', mysqlRecipe],
    ['mssql', mssqlRecipe],
    ['redis', redisRecipe],
    ['mongodb', mongodbRecipe],
    ['amqp', amqpRecipe],
    ['s3', s3Recipe],
    ['kafka-topic', kafkaTopicRecipe],
    ['elasticsearch', elasticsearchRecipe],
  ];

  it.each(recipes)('%s declares exactly the outputs and secret outputs it returns', (type, recipe) => {
    const request = requestFixture(type);
    const credentials = { password: 'p', root_password: 'r', access_key_id: 'a', secret_key: 's' };
    const input = { request, name: 'x', credentials, settings: devResolverSettings() };
    const { outputs, secretOutputs } = recipe.outputs(input);
    const options = declared.find((o) => o.type === type)!;
    const names = (secret: boolean) =>
      (options.outputs ?? [])
        .filter((x) => Boolean(x.secret) === secret)
        .map((x) => x.name)
        .sort();
    expect(Object.keys(outputs).sort()).toEqual(names(false));
    expect(Object.keys(secretOutputs).sort()).toEqual(names(true));
  });
});
