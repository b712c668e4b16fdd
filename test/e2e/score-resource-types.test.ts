// The resource types score-k8s and score-compose ship beyond the first ones, one example each from
// examples/score-features on a LocalCluster (kwok nodes) with the built-in plugins: every Workload reaches
// Ready, and each output its Score file references reaches the container's env under score-k8s's /
// score-compose's name: plain outputs as values, secret ones as references to the claim's outputs Secret
// (whose values appear in no Workload, claim, plan or Deployment).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import type { KubernetesObject, V1Deployment, V1EnvVar } from '@kubernetes/client-node';
import {
  convertScoreFile,
  validateScoreFile,
  WorkloadKind,
  WorkloadPlanKind,
  type ResourceClaim,
  type Workload,
} from '@score-orchestrator/api';
import { BuiltinKinds } from '@score-orchestrator/operator-sdk';
import {
  claimSecretValues,
  claimsIn,
  conditionOf,
  eventually,
  secretLeaks,
  waitForReady,
  useGoldenOrchestrator,
} from './golden-path/golden-path-cluster.js';

const example = (name: string) =>
  readFileSync(join(process.cwd(), 'examples', 'score-features', `${name}.score.yaml`), 'utf8');

/** A container env var as the test expects it: a value, or a key of the claim's outputs Secret. */
const value = (v: string) => ({ value: v });
const secretRef = (claim: string, key: string) => ({
  valueFrom: { secretKeyRef: { name: `${claim}-outputs`, key } },
});

describe('examples/score-features: resource types', () => {
  const cluster = useGoldenOrchestrator();

  /** Creates the example in its own namespace and returns it once Ready, with its claim and Deployment env. */
  async function runExample(name: string, before?: (ns: string) => Promise<void>) {
    const text = example(name);
    expect(validateScoreFile(text).issues).toEqual([]);
    const ns = await cluster.golden.namespace(`types-${name}`);
    await before?.(ns);
    await cluster.golden.client.create(WorkloadKind, convertScoreFile(text, { namespace: ns }));
    const workload = await waitForReady(cluster.golden.client, ns, name);
    const [claim, ...others] = await claimsIn(cluster.golden.client, ns);
    expect(others).toEqual([]);
    const deployment = await cluster.golden.client.get<V1Deployment>(BuiltinKinds.Deployment, {
      namespace: ns,
      name,
    });
    const env = Object.fromEntries(
      (deployment!.spec!.template.spec!.containers[0]!.env ?? []).map(({ name: key, ...rest }: V1EnvVar) => [
        key,
        rest,
      ]),
    );
    return { ns, workload, claim: claim!, deployment: deployment!, env };
  }

  /** No secret output value in the Workload, the claim, the plan or the Deployment. */
  async function expectNoLeaks(ns: string, name: string, claim: ResourceClaim, objects: KubernetesObject[]) {
    const secrets = await claimSecretValues(cluster.golden.client, claim);
    expect(Object.keys(secrets).length).toBeGreaterThan(0);
    const plan = await cluster.golden.client.get(WorkloadPlanKind, { namespace: ns, name });
    const places: Record<string, KubernetesObject | undefined> = { claim, plan };
    objects.forEach((obj, i) => (places[`object ${i}`] = obj));
    expect(secretLeaks(secrets, places)).toEqual([]);
    return secrets;
  }

  it('postgres-instance: host, port, username and the password reach the container', async () => {
    const { ns, workload, claim, deployment, env } = await runExample('postgres-instance');
    expect(claim.spec.type).toBe('postgres-instance');
    const c = claim.metadata.name!;
    expect(env).toEqual({
      PGHOST: value(`pg-${c}`),
      PGPORT: value('5432'),
      PGUSER: value(c.replaceAll('-', '_')),
      PGPASSWORD: secretRef(c, 'password'),
      PGDATABASE: value(c.replaceAll('-', '_')),
    });
    const secrets = await expectNoLeaks(ns, 'postgres-instance', claim, [workload, deployment]);
    expect(Object.keys(secrets)).toEqual(['password']);
  });

  it('mssql: server, port, database, username, password and connection reach the container', async () => {
    const { ns, workload, claim, deployment, env } = await runExample('mssql');
    const c = claim.metadata.name!;
    const database = c.replaceAll('-', '_');
    expect(env).toEqual({
      DB_SERVER: value(`mssql-${c}`),
      DB_PORT: value('1433'),
      DB_NAME: value(database),
      DB_USER: value('sa'),
      DB_PASSWORD: secretRef(c, 'password'),
      ConnectionStrings__Default: secretRef(c, 'connection'),
    });
    const secrets = await expectNoLeaks(ns, 'mssql', claim, [workload, deployment]);
    expect(secrets['connection']).toBe(
      `Server=tcp:mssql-${c},1433;Initial Catalog=${database};User ID=sa;Password=${secrets['password']};TrustServerCertificate=True`,
    );
  });

  it('elasticsearch: host, port, username and the password reach the container', async () => {
    const { ns, workload, claim, deployment, env } = await runExample('elasticsearch');
    const c = claim.metadata.name!;
    expect(env).toEqual({
      ES_HOST: value(`es-${c}`),
      ES_PORT: value('9200'),
      ES_USER: value('elastic'),
      ES_PASSWORD: secretRef(c, 'password'),
    });
    await expectNoLeaks(ns, 'elasticsearch', claim, [workload, deployment]);
  });

  it("environment: the namespace's ConfigMap and Secret values reach the container; a key set nowhere is refused by name", async () => {
    const apiKey = 'sk_test_e2e_0123456789';
    const { ns, workload, claim, deployment, env } = await runExample('environment', async (namespace) => {
      await cluster.golden.client.create(BuiltinKinds.ConfigMap, {
        metadata: { name: 'score-environment', namespace },
        data: { LOG_LEVEL: 'debug', REGION: 'eu-west-1', UNUSED: 'x' },
      });
      await cluster.golden.client.create(BuiltinKinds.Secret, {
        metadata: { name: 'score-environment', namespace },
        stringData: { PAYMENT_API_KEY: apiKey },
      });
    });
    const c = claim.metadata.name!;
    expect(env).toEqual({
      LOG_LEVEL: value('debug'),
      REGION: value('eu-west-1'),
      PAYMENT_API_KEY: secretRef(c, 'PAYMENT_API_KEY'),
    });
    expect(claim.status?.outputs).toEqual({ LOG_LEVEL: 'debug', REGION: 'eu-west-1', UNUSED: 'x' });
    expect(await expectNoLeaks(ns, 'environment', claim, [workload, deployment])).toEqual({
      PAYMENT_API_KEY: apiKey,
    });

    // A Workload reading a key the platform did not set is not run, and says which key.
    const missing = example('environment')
      .replace('name: environment', 'name: missing-key')
      .replace('${resources.env.REGION}', '${resources.env.NOT_SET}');
    await cluster.golden.client.create(WorkloadKind, convertScoreFile(missing, { namespace: ns }));
    const refused = await eventually(async () => {
      const found = await cluster.golden.client.get<Workload>(WorkloadKind, {
        namespace: ns,
        name: 'missing-key',
      });
      const runtime = conditionOf(found, 'RuntimeReady');
      return runtime?.reason === 'ProjectionError' && runtime.message?.includes('NOT_SET') && runtime;
    }, 'missing-key refused');
    expect(refused.status).toBe('False');
    expect(refused.message).toContain("resource 'env' has no output 'NOT_SET'");
    expect(
      await cluster.golden.client.get(WorkloadPlanKind, { namespace: ns, name: 'missing-key' }),
    ).toBeUndefined();
  });

  it('logs no errors', () => {
    expect(cluster.orchestrator.logs.lines.filter((line) => line.level === 'error')).toEqual([]);
  });
});
