// The golden path: examples/hello/workload.yaml on a LocalCluster, run by the orchestrator with the
// built-in plugins and examples/hello/platform.yaml, reaches Ready with its endpoint, and no secret value
// shows up anywhere but in Secrets.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { V1Deployment, V1EnvVar, V1Service } from '@kubernetes/client-node';
import { WorkloadKind, WorkloadPlanKind, type WorkloadPlan } from '@score-orchestrator/api';
import { BuiltinKinds } from '@score-orchestrator/operator-sdk';
import {
  claimSecretValues,
  claimsIn,
  eventually,
  helloWorkload,
  readExample,
  secretLeaks,
  startGoldenCluster,
  startOrchestrator,
  waitForReady,
  workloadEvents,
  type GoldenCluster,
  type RunningOrchestrator,
} from './golden-path-cluster.js';

describe('golden path: examples/hello', () => {
  let golden: GoldenCluster;
  let orchestrator: RunningOrchestrator;

  beforeAll(async () => {
    golden = await startGoldenCluster();
    orchestrator = await startOrchestrator(golden.cluster.kubeConfig, readExample('platform.yaml'), {
      logLevel: 'info',
    });
  });
  afterAll(async () => {
    await orchestrator?.stop();
    await golden?.stop();
  });

  it('counts the start-up load of the platform config', async () => {
    const text = await orchestrator.manager.metrics.registry.metrics();
    expect(text).toMatch(/score_orchestrator_config_reload_total\{result="success"\} 1/);
  });

  it('runs the hello Workload: Ready with its endpoint, values projected, secrets only as references', async () => {
    const ns = await golden.namespace('hello');
    const started = Date.now();
    await golden.client.create(WorkloadKind, helloWorkload(ns));
    const workload = await waitForReady(golden.client, ns, 'hello');
    // eslint-disable-next-line no-console -- the golden path's headline number
    console.log(`hello: Ready in ${Date.now() - started} ms`);

    // Status: user-centric, one endpoint, the claim summarised.
    expect(workload.status?.endpoint).toBe(`http://hello.${ns}.svc.cluster.local:80`);
    const reasons = Object.fromEntries((workload.status?.conditions ?? []).map((c) => [c.type, c.reason]));
    expect(reasons).toEqual({
      InputsValid: 'Valid',
      ClaimsReady: 'AllClaimsBound',
      RuntimeReady: 'Ready',
      Ready: 'Ready',
    });
    expect(workload.status?.claims).toEqual([
      expect.objectContaining({ name: 'db', claim: 'hello-db', type: 'postgres', phase: 'Bound' }),
    ]);

    // The claim: bound by the dev resolver, its password in its Secret only.
    const [claim, ...others] = await claimsIn(golden.client, ns);
    expect(others).toEqual([]);
    expect(claim.status).toMatchObject({
      phase: 'Bound',
      resolver: 'dev-postgres',
      secretName: 'hello-db-outputs',
      secretOutputKeys: ['password'],
      outputs: { host: 'pg-hello-db', port: 5432, database: 'hello_db', username: 'hello_db' },
    });
    const secrets = await claimSecretValues(golden.client, claim);
    expect(secrets.password).toMatch(/^[A-Za-z0-9]{24}$/);

    // The app's Deployment: plain values, and secretKeyRefs for the password (also inside DATABASE_URL).
    const deployment = await golden.client.get<V1Deployment>(BuiltinKinds.Deployment, {
      namespace: ns,
      name: 'hello',
    });
    const container = deployment!.spec!.template.spec!.containers.find((c) => c.name === 'web')!;
    expect(container.image).toBe('nginxinc/nginx-unprivileged:1.27-alpine');
    const env = Object.fromEntries((container.env ?? []).map((e: V1EnvVar) => [e.name, e]));
    expect(env.DB_HOST).toEqual({ name: 'DB_HOST', value: 'pg-hello-db' });
    expect(env.DB_PORT).toEqual({ name: 'DB_PORT', value: '5432' });
    expect(env.DB_NAME).toEqual({ name: 'DB_NAME', value: 'hello_db' });
    expect(env.DB_USER).toEqual({ name: 'DB_USER', value: 'hello_db' });
    const passwordRef = { secretKeyRef: { name: 'hello-db-outputs', key: 'password' } };
    expect(env.DB_PASSWORD).toEqual({ name: 'DB_PASSWORD', valueFrom: passwordRef });
    const hidden = (container.env ?? []).filter((e) => e.name.startsWith('SCORE_SECRET_'));
    expect(hidden).toEqual([{ name: expect.any(String), valueFrom: passwordRef }]);
    expect(env.DATABASE_URL).toEqual({
      name: 'DATABASE_URL',
      value: `postgres://hello_db:$(${hidden[0].name})@pg-hello-db:5432/hello_db`,
    });
    expect(container.readinessProbe?.httpGet).toMatchObject({ path: '/', port: expect.anything() });
    expect(container.ports).toEqual([expect.objectContaining({ containerPort: 8080 })]);

    // The Service the endpoint names.
    const service = await golden.client.get<V1Service>(BuiltinKinds.Service, {
      namespace: ns,
      name: 'hello',
    });
    expect(service?.spec?.ports).toEqual([expect.objectContaining({ name: 'web', port: 80 })]);

    // No secret value in any spec, status or log line.
    const plan = await golden.client.get<WorkloadPlan>(WorkloadPlanKind, { namespace: ns, name: 'hello' });
    expect(
      secretLeaks(secrets, {
        workload,
        plan,
        claim,
        deployment,
        service,
        logs: orchestrator.logs.text(),
      }),
    ).toEqual([]);
    expect(plan?.status?.endpoint).toBe(workload.status?.endpoint);
    expect(orchestrator.logs.lines.filter((line) => line.level === 'error')).toEqual([]);

    // Events: waiting for the database is Normal and told once per message; nothing Warning on the way.
    const events = await eventually(async () => {
      const found = await workloadEvents(golden.client, ns, 'hello');
      return found.some((e) => e.reason === 'Ready') && found;
    }, 'the Ready event');
    expect(events.filter((e) => e.type === 'Warning')).toEqual([]);
    const waits = events.filter((e) => e.reason === 'WaitingForOutputs');
    expect(waits.length).toBeGreaterThan(0);
    expect(waits.every((e) => e.type === 'Normal' && e.note?.includes('${resources.db.'))).toBe(true);
    expect(new Set(waits.map((e) => e.note)).size).toBe(waits.length);
    expect(secretLeaks(secrets, { events: JSON.stringify(events) })).toEqual([]);

    // The readiness gauge counts it.
    const series = `score_orchestrator_workloads{namespace="${ns}",condition="Ready",status="True"} 1`;
    await eventually(
      async () => (await orchestrator.manager.metrics.registry.metrics()).includes(series),
      series,
    );
  });
});
