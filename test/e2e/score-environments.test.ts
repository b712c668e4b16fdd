// examples/two-environments on a LocalCluster: one Score file, two namespaces. In the namespace labelled
// environment=dev the platform config's `dev` rule gives the Workload an in-cluster dev PostgreSQL; in the one
// labelled environment=prod the `prod` rule gives it a database on the managed server (a score-k8s
// provisioner file). Both Workloads reach Ready, each claim's status names the rule and the resolver that
// serve it, and relabelling the dev namespace to prod moves nothing (a ResolverKept Warning Event says so).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { V1Deployment, V1EnvVar } from '@kubernetes/client-node';
import { ResourceClaimKind, WorkloadKind, type ResourceClaim } from '@score-orchestrator/api';
import { BuiltinKinds } from '@score-orchestrator/operator-sdk';
import { provisionersPlugin } from '@score-orchestrator/resolver-provisioners';
import {
  eventually,
  startGoldenCluster,
  startOrchestrator,
  waitForReady,
  workloadFromScore,
  type GoldenCluster,
  type RunningOrchestrator,
  type WorkloadEvent,
} from './golden-path/golden-path-cluster.js';

const example = join(process.cwd(), 'examples', 'two-environments');
const exampleText = (file: string) => readFileSync(join(example, file), 'utf8');

describe('two environments (examples/two-environments)', () => {
  let golden: GoldenCluster;
  let orchestrator: RunningOrchestrator;

  beforeAll(async () => {
    golden = await startGoldenCluster();
    orchestrator = await startOrchestrator(golden.cluster.kubeConfig, exampleText('platform.yaml'), {
      plugins: [provisionersPlugin({ files: [join(example, 'prod.provisioners.yaml')] })],
    });
    for (const environment of ['dev', 'prod']) {
      await golden.client.create(BuiltinKinds.Namespace, {
        metadata: { name: `orders-${environment}`, labels: { environment } },
      });
      await golden.client.create(
        WorkloadKind,
        workloadFromScore(exampleText('score.yaml'), `orders-${environment}`),
      );
    }
  });
  afterAll(async () => {
    await orchestrator?.stop();
    await golden?.stop();
  });

  const claimIn = (namespace: string) =>
    golden.client.get<ResourceClaim>(ResourceClaimKind, { namespace, name: 'orders-db' });
  const envOf = async (namespace: string): Promise<Record<string, V1EnvVar>> => {
    const deployment = await golden.client.get<V1Deployment>(BuiltinKinds.Deployment, {
      namespace,
      name: 'orders',
    });
    const env = deployment?.spec?.template.spec?.containers[0]?.env ?? [];
    return Object.fromEntries(env.map((e) => [e.name, e]));
  };

  it('gives the dev namespace an in-cluster dev database, by the dev rule', async () => {
    await waitForReady(golden.client, 'orders-dev', 'orders');
    const claim = await claimIn('orders-dev');
    expect(claim?.spec).toMatchObject({
      resolver: 'dev-postgres',
      resolverRule: 'dev',
      deprovisionPolicy: 'Delete',
    });
    expect(claim?.status).toMatchObject({
      phase: 'Bound',
      resolver: 'dev-postgres',
      resolverRule: 'dev',
      deprovisionPolicy: 'Delete',
    });
    const env = await envOf('orders-dev');
    expect(env.PGHOST?.value).toBe(claim?.status?.outputs?.host);
    expect(env.PGHOST?.value).not.toBe('postgres.prod.example.internal');
    expect(env.PGPASSWORD?.valueFrom?.secretKeyRef?.key).toBe('password');
    expect(
      await golden.client.list(BuiltinKinds.StatefulSet, {
        namespace: 'orders-dev',
        labelSelector: 'score.dev/claim=orders-db',
      }),
    ).toMatchObject({ items: [expect.anything()] });
  });

  it('gives the prod namespace a database on the managed server, by the prod rule', async () => {
    await waitForReady(golden.client, 'orders-prod', 'orders');
    const claim = await claimIn('orders-prod');
    expect(claim?.spec).toMatchObject({
      resolver: 'provisioners-postgres',
      resolverRule: 'prod',
      deprovisionPolicy: 'Retain',
    });
    expect(claim?.status).toMatchObject({
      phase: 'Bound',
      resolver: 'provisioners-postgres',
      resolverRule: 'prod',
      deprovisionPolicy: 'Retain',
      outputs: { host: 'postgres.prod.example.internal', port: 5432 },
    });
    const env = await envOf('orders-prod');
    expect(env.PGHOST?.value).toBe('postgres.prod.example.internal');
    expect(env.PGDATABASE?.value).toMatch(/^app_[0-9a-f]{8}$/);
    expect(env.PGPASSWORD?.value).toBeUndefined();
    expect(env.PGPASSWORD?.valueFrom?.secretKeyRef?.key).toBe('password');
    // No in-cluster database in prod.
    const { items } = await golden.client.list(BuiltinKinds.StatefulSet, { namespace: 'orders-prod' });
    expect(items).toEqual([]);
  });

  it('keeps the dev database when the dev namespace is relabelled prod, and says so', async () => {
    const before = await claimIn('orders-dev');
    await golden.client.patch(
      BuiltinKinds.Namespace,
      { name: 'orders-dev' },
      {
        metadata: { labels: { environment: 'prod' } },
      },
    );
    const after = await eventually(async () => {
      const claim = await claimIn('orders-dev');
      return (
        claim?.spec.resolverRule === 'prod' &&
        claim.status?.observedGeneration === claim.metadata.generation &&
        claim
      );
    }, 'the dev claim asked for by the prod rule, seen by the resolver host');
    expect(after.status).toMatchObject({
      phase: 'Bound',
      resolver: 'dev-postgres',
      resolverRule: 'dev',
      deprovisionPolicy: 'Delete',
      outputs: before?.status?.outputs,
    });
    const kind = { apiVersion: 'events.k8s.io/v1', kind: 'Event', plural: 'events', namespaced: true };
    const warning = await eventually(async () => {
      const { items } = await golden.client.list<WorkloadEvent>(kind, { namespace: 'orders-dev' });
      return items.find((e) => e.reason === 'ResolverKept' && e.regarding?.name === 'orders-db');
    }, 'a ResolverKept Event');
    expect(warning.type).toBe('Warning');
    expect(warning.note).toContain('keeping resolver dev-postgres (rule dev)');
    expect(warning.note).toContain('now chooses resolver provisioners-postgres (rule prod)');
    await waitForReady(golden.client, 'orders-dev', 'orders');
  });
});
