import { describe, expect, it } from '@jest/globals';
import { requestFixture } from '../fixtures/resource-request.js';
import { recipeManifests, type BackingServiceRecipe } from '../provisioning/backing-service.provisioner.js';
import { resolveCredentials } from '../credentials/resolve-credentials.js';
import { devResolverSettings } from '../settings/dev-resolver-settings.js';
import { elasticsearchRecipe } from './elasticsearch.resolver.js';
import { meetsSqlServerPasswordPolicy, mssqlRecipe } from './mssql.resolver.js';
import { postgresInstanceRecipe } from './postgres-instance.resolver.js';

const settings = devResolverSettings();
const credentials = { password: 'SECRETpassword0001' };

function build(recipe: BackingServiceRecipe, type: string) {
  const request = requestFixture(type, { claimName: 'web-db' });
  const manifests = recipeManifests(recipe, request, credentials, settings);
  const name = manifests.statefulSet.metadata!.name!;
  const pod = manifests.statefulSet.spec!.template.spec!;
  const env = Object.fromEntries((pod.containers[0]!.env ?? []).map((e) => [e.name, e.value ?? e.valueFrom]));
  return { ...manifests, name, pod, env, ...recipe.outputs({ request, name, credentials, settings }) };
}

describe('postgres-instance', () => {
  const built = build(postgresInstanceRecipe, 'postgres-instance');

  it('outputs host, port, username and a secret password, as score-k8s', () => {
    expect(built.outputs).toEqual({ host: 'pg-web-db', port: 5432, username: 'web_db' });
    expect(built.secretOutputs).toEqual({ password: credentials.password });
  });

  it('creates a user and no database of its own, and probes the default one', () => {
    expect(built.env).toEqual({
      PGDATA: '/var/lib/postgresql/data/pgdata',
      POSTGRES_USER: 'web_db',
      POSTGRES_PASSWORD: { secretKeyRef: { name: 'pg-web-db', key: 'password' } },
    });
    expect(built.pod.containers[0]!.readinessProbe?.exec?.command).toEqual([
      'pg_isready',
      '-U',
      'web_db',
      '-d',
      'web_db',
    ]);
    expect(built.pod.initContainers?.map((c) => c.command)).toEqual([
      ['chown', 'postgres:postgres', '/var/lib/postgresql/data'],
    ]);
  });
});

describe('mssql', () => {
  const built = build(mssqlRecipe, 'mssql');

  it('outputs server, port, database, username and a secret password and connection, as score-k8s', () => {
    expect(built.outputs).toEqual({ server: 'mssql-web-db', port: 1433, database: 'web_db', username: 'sa' });
    expect(built.secretOutputs).toEqual({
      password: credentials.password,
      connection:
        'Server=tcp:mssql-web-db,1433;Initial Catalog=web_db;User ID=sa;Password=SECRETpassword0001;TrustServerCertificate=True',
    });
  });

  it('accepts the EULA, reads the sa password from the backing Secret and owns its data folder', () => {
    expect(built.env).toEqual({
      ACCEPT_EULA: 'Y',
      MSSQL_PID: 'Developer',
      MSSQL_SA_PASSWORD: { secretKeyRef: { name: 'mssql-web-db', key: 'password' } },
    });
    expect(built.pod.initContainers?.map((c) => c.command)).toEqual([['chown', '10001:0', '/var/opt/mssql']]);
  });

  it('creates the database in a sidecar that turns ready only then', () => {
    const sidecar = built.pod.containers.find((c) => c.name === 'create-database')!;
    expect(sidecar.image).toBe('mcr.microsoft.com/mssql/server:2022-latest');
    expect(sidecar.env).toContainEqual({ name: 'DATABASE', value: 'web_db' });
    expect(sidecar.command?.[2]).toContain(`CREATE DATABASE [$DATABASE]`);
    expect(sidecar.readinessProbe?.exec?.command).toEqual(['/bin/sh', '-c', 'test -f /tmp/ready']);
  });

  it.each([
    ['Abcdefg1', true],
    ['abcdefg1', false],
    ['ABCDEFG1', false],
    ['Abcdefgh', false],
    ['Abcdef1', false],
  ])('password policy: %s -> %s', (value, ok) => {
    expect(meetsSqlServerPasswordPolicy(value)).toBe(ok);
  });

  it('generates passwords SQL Server accepts', () => {
    const [key] = mssqlRecipe.credentials;
    let calls = 0;
    // The first candidates fail the policy; generation goes on until one passes.
    const candidates = ['alllowercase1', 'ALLUPPERCASE1', 'NoDigitsHere', 'Good1Password'];
    const generate = () => candidates[calls++]!;
    const { values } = resolveCredentials([key!], { claim: {}, backing: {} }, generate);
    expect(values).toEqual({ password: 'Good1Password' });
    expect(calls).toBe(4);
  });
});

describe('elasticsearch', () => {
  const built = build(elasticsearchRecipe, 'elasticsearch');

  it('outputs host, port, username and a secret password, as score-compose', () => {
    expect(built.outputs).toEqual({ host: 'es-web-db', port: 9200, username: 'elastic' });
    expect(built.secretOutputs).toEqual({ password: credentials.password });
  });

  it('runs one node with security on over plain HTTP, settings in env var names Kubernetes accepts', () => {
    expect(built.env).toMatchObject({
      ES_SETTING_DISCOVERY_TYPE: 'single-node',
      ES_SETTING_XPACK_SECURITY_ENABLED: 'true',
      ES_SETTING_XPACK_SECURITY_HTTP_SSL_ENABLED: 'false',
      ELASTIC_PASSWORD: { secretKeyRef: { name: 'es-web-db', key: 'password' } },
    });
    for (const name of Object.keys(built.env)) expect(name).toMatch(/^[A-Za-z_][A-Za-z0-9_]*$/);
    expect(built.pod.containers[0]!.readinessProbe?.exec?.command?.[2]).toContain(
      'http://127.0.0.1:9200/_cluster/health',
    );
    expect(built.pod.initContainers?.map((c) => c.command)).toEqual([
      ['chown', '1000:0', '/usr/share/elasticsearch/data'],
    ]);
  });
});
