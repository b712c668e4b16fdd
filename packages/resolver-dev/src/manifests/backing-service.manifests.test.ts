import { describe, expect, it } from '@jest/globals';
import type { V1Container } from '@kubernetes/client-node';
import { requestFixture } from '../fixtures/resource-request.js';
import { recipeManifests, type BackingServiceRecipe } from '../provisioning/backing-service.provisioner.js';
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

// Distinctive values, so a leak into a spec is easy to find.
const credentials = {
  password: 'SECRETpassword0001',
  root_password: 'SECRETrootpassword02',
  access_key_id: 'ACCESSKEY00000000001',
  secret_key: 'SECRETkey000000000000000000000000000003',
};
const settings = devResolverSettings();

const table: [string, BackingServiceRecipe, string, string, number][] = [
  // type, recipe, backing name, image, client port
  ['postgres', postgresRecipe, 'pg-web-postgres', 'mirror.gcr.io/postgres:17-alpine', 5432],
  ['mysql', mysqlRecipe, 'mysql-web-mysql', 'mirror.gcr.io/mysql:8', 3306],
  ['redis', redisRecipe, 'redis-web-redis', 'mirror.gcr.io/redis:7-alpine', 6379],
  ['mongodb', mongodbRecipe, 'mongo-web-mongodb', 'mirror.gcr.io/mongo:8', 27017],
  ['amqp', amqpRecipe, 'rabbitmq-web-amqp', 'mirror.gcr.io/rabbitmq:3-management-alpine', 5672],
  ['s3', s3Recipe, 'minio-web-s3', 'quay.io/minio/minio:latest', 9000],
  ['kafka-topic', kafkaTopicRecipe, 'kafka-web-kafka-topic', 'mirror.gcr.io/apache/kafka:3.9.0', 9092],
  [
    'postgres-instance',
    postgresInstanceRecipe,
    'pg-web-postgres-instance',
    'mirror.gcr.io/postgres:17-alpine',
    5432,
  ],
  ['mssql', mssqlRecipe, 'mssql-web-mssql', 'mcr.microsoft.com/mssql/server:2022-latest', 1433],
  [
    'elasticsearch',
    elasticsearchRecipe,
    'es-web-elasticsearch',
    'docker.elastic.co/elasticsearch/elasticsearch:8.14.0',
    9200,
  ],
];

describe.each(table)('%s backing service', (type, recipe, name, image, port) => {
  const request = requestFixture(type);
  const { secret, service, statefulSet } = recipeManifests(recipe, request, credentials, settings);
  const objects = [secret, service, statefulSet].filter((o) => o !== undefined);

  it('names every object after the claim, in its namespace', () => {
    for (const obj of objects) {
      expect(obj.metadata?.name).toBe(name);
      expect(obj.metadata?.namespace).toBe('team-a');
    }
  });

  it('labels every object with app.kubernetes.io/* and the claim', () => {
    for (const obj of objects) {
      expect(obj.metadata?.labels).toEqual({
        'app.kubernetes.io/name': recipe.component,
        'app.kubernetes.io/instance': name,
        'app.kubernetes.io/managed-by': 'score-orchestrator-resolver-dev',
        'score.dev/claim': request.claimName,
        'score.dev/resource-type': type,
      });
    }
  });

  it('makes the claim the controller of every object', () => {
    for (const obj of objects) {
      expect(obj.metadata?.ownerReferences).toEqual([
        {
          apiVersion: 'score.dev/v1b1',
          kind: 'ResourceClaim',
          name: request.claimName,
          uid: request.claim.metadata?.uid,
          controller: true,
          blockOwnerDeletion: true,
        },
      ]);
    }
  });

  it('runs one replica of the image, selected by the Service', () => {
    expect(statefulSet.spec?.replicas).toBe(1);
    expect(statefulSet.spec?.serviceName).toBe(name);
    expect(statefulSet.spec?.template.spec?.containers[0]?.image).toBe(image);
    const selector = statefulSet.spec?.selector.matchLabels ?? {};
    expect(service.spec?.selector).toEqual(selector);
    for (const [k, v] of Object.entries(selector))
      expect(statefulSet.spec?.template.metadata?.labels?.[k]).toBe(v);
    expect(service.spec?.ports?.[0]?.port).toBe(port);
    expect(statefulSet.spec?.template.spec?.containers[0]?.readinessProbe).toBeDefined();
  });

  it('keeps data on a PVC that is deleted with the StatefulSet', () => {
    expect(statefulSet.spec?.volumeClaimTemplates?.[0]?.spec?.resources?.requests).toEqual({
      storage: '1Gi',
    });
    expect(statefulSet.spec?.volumeClaimTemplates?.[0]?.metadata?.labels?.['score.dev/claim']).toBe(
      request.claimName,
    );
    expect(statefulSet.spec?.persistentVolumeClaimRetentionPolicy?.whenDeleted).toBe('Delete');
  });

  it('never puts a credential in the Service or StatefulSet, only Secret references', () => {
    const specs = JSON.stringify([service, statefulSet]);
    for (const value of Object.values(credentials)) {
      if (recipe.outputs({ request, name, credentials, settings }).outputs.access_key_id === value) continue;
      expect(specs).not.toContain(value);
    }
    const containers: V1Container[] = statefulSet.spec?.template.spec?.containers ?? [];
    const refs = containers
      .flatMap((c) => c.env ?? [])
      .flatMap((e) => (e.valueFrom?.secretKeyRef ? [e.valueFrom.secretKeyRef] : []));
    for (const ref of refs) {
      expect(ref.name).toBe(name);
      expect(Object.keys(secret?.data ?? {})).toContain(ref.key);
    }
    expect(refs.length > 0).toBe(recipe.credentials.length > 0);
  });

  it('returns secret values only as secret outputs', () => {
    const { outputs, secretOutputs } = recipe.outputs({ request, name, credentials, settings });
    const published = JSON.stringify(outputs);
    for (const key of ['password', 'root_password', 'secret_key'] as const) {
      expect(published).not.toContain(credentials[key]);
    }
    for (const value of Object.values(secretOutputs)) expect(value.length).toBeGreaterThan(0);
  });
});

describe('data folder ownership', () => {
  it('gives the postgres data folder to postgres before the server starts (provisioners make root-owned folders)', () => {
    const { statefulSet } = recipeManifests(
      postgresRecipe,
      requestFixture('postgres'),
      credentials,
      settings,
    );
    expect(statefulSet.spec?.template.spec?.initContainers).toEqual([
      {
        name: 'prepare-data',
        image: 'mirror.gcr.io/postgres:17-alpine',
        command: ['chown', 'postgres:postgres', '/var/lib/postgresql/data'],
        securityContext: { runAsUser: 0, runAsNonRoot: false },
        volumeMounts: [{ name: 'data', mountPath: '/var/lib/postgresql/data' }],
      },
    ]);
  });

  it('adds no init container for servers that prepare their folder themselves', () => {
    const { statefulSet } = recipeManifests(redisRecipe, requestFixture('redis'), credentials, settings);
    expect(statefulSet.spec?.template.spec?.initContainers).toBeUndefined();
  });
});

describe('storage settings', () => {
  it('uses an emptyDir and no PVC when ephemeral', () => {
    const ephemeral = devResolverSettings({ storage: { ephemeral: true } });
    const { statefulSet } = recipeManifests(
      postgresRecipe,
      requestFixture('postgres'),
      credentials,
      ephemeral,
    );
    expect(statefulSet.spec?.volumeClaimTemplates).toBeUndefined();
    expect(statefulSet.spec?.template.spec?.volumes).toEqual([{ name: 'data', emptyDir: {} }]);
  });

  it('applies size and storage class', () => {
    const custom = devResolverSettings({ storage: { size: '5Gi', storageClassName: 'fast' } });
    const { statefulSet } = recipeManifests(redisRecipe, requestFixture('redis'), credentials, custom);
    expect(statefulSet.spec?.volumeClaimTemplates?.[0]?.spec).toMatchObject({
      storageClassName: 'fast',
      resources: { requests: { storage: '5Gi' } },
    });
  });
});

describe('outputs', () => {
  const input = (recipe: BackingServiceRecipe, type: string, name: string) => ({
    request: requestFixture(type),
    name,
    credentials,
    settings,
  });

  it.each([
    [
      postgresRecipe,
      'postgres',
      'pg-web-postgres',
      ['host', 'port', 'name', 'database', 'username'],
      ['password'],
    ],
    [mysqlRecipe, 'mysql', 'mysql-web-mysql', ['host', 'port', 'name', 'database', 'username'], ['password']],
    [redisRecipe, 'redis', 'redis-web-redis', ['host', 'port', 'username'], ['password']],
    [mongodbRecipe, 'mongodb', 'mongo-web-mongodb', ['host', 'port', 'username'], ['password', 'connection']],
    [amqpRecipe, 'amqp', 'rabbitmq-web-amqp', ['host', 'port', 'vhost', 'username'], ['password']],
    [
      s3Recipe,
      's3',
      'minio-web-s3',
      ['endpoint', 'region', 'bucket', 'access_key_id', 'aws_access_key_id'],
      ['secret_key', 'aws_secret_key'],
    ],
    [
      kafkaTopicRecipe,
      'kafka-topic',
      'kafka-web-kafka-topic',
      ['host', 'port', 'name', 'num_partitions'],
      [],
    ],
  ])('%#: %s has score-k8s output names', (recipe, type, name, outputKeys, secretKeys) => {
    const { outputs, secretOutputs } = recipe.outputs(input(recipe, type, name));
    expect(Object.keys(outputs).sort()).toEqual([...outputKeys].sort());
    expect(Object.keys(secretOutputs).sort()).toEqual([...secretKeys].sort());
  });

  it('gives postgres host, port and a database named after the claim', () => {
    expect(postgresRecipe.outputs(input(postgresRecipe, 'postgres', 'pg-web-postgres')).outputs).toEqual({
      host: 'pg-web-postgres',
      port: 5432,
      name: 'web_postgres',
      database: 'web_postgres',
      username: 'web_postgres',
    });
  });

  it('builds the mongodb connection string from the secret password', () => {
    const { secretOutputs } = mongodbRecipe.outputs(input(mongodbRecipe, 'mongodb', 'mongo-web-mongodb'));
    expect(secretOutputs.connection).toBe(
      `mongodb://web_mongodb:${credentials.password}@mongo-web-mongodb:27017/`,
    );
  });

  it('takes kafka partitions from params', () => {
    const request = requestFixture('kafka-topic', { params: { num_partitions: 6 } });
    const { outputs } = kafkaTopicRecipe.outputs({ request, name: 'k', credentials: {}, settings });
    expect(outputs.num_partitions).toBe(6);
    const bad = requestFixture('kafka-topic', { params: { num_partitions: 0 } });
    expect(() => kafkaTopicRecipe.outputs({ request: bad, name: 'k', credentials: {}, settings })).toThrow(
      'params.num_partitions must be an integer from 1 to 1000',
    );
  });
});
