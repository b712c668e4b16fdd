// Shared set-up of the runtime-kubernetes e2e tests: a LocalCluster with the Score CRDs, a client, a
// cache watching what the runtime owns plus Pods, and helpers that create plans and run `apply` until an
// observation matches (standing in for the runtime host, which re-runs apply on every watched change).
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { KubernetesObject, V1Pod } from '@kubernetes/client-node';
import {
  WorkloadPlan,
  WorkloadPlanKind,
  type RuntimeContext,
  type RuntimeObservation,
  type WorkloadPlanSpec,
} from '@score-orchestrator/api';
import {
  BuiltinKinds,
  KubeClient,
  SharedCache,
  createLogger,
  writeCrds,
} from '@score-orchestrator/operator-sdk';
import { KubernetesRuntime, OwnedKinds, type PlanObject } from '@score-orchestrator/runtime-kubernetes';
import { LocalCluster, eventually as pollUntil } from '@score-orchestrator/testing';

export interface RuntimeHarness {
  readonly cluster: LocalCluster;
  readonly client: KubeClient;
  readonly ctx: RuntimeContext;
  readonly runtime: KubernetesRuntime;
  stop(): Promise<void>;
}

const repoCrds = join(process.cwd(), 'crds');

/** Starts a cluster with the WorkloadPlan CRD (from `crds/`, else generated) and a started cache. */
export async function startHarness(): Promise<RuntimeHarness> {
  let generated: string | undefined;
  let crds = repoCrds;
  if (!existsSync(join(repoCrds, 'score.dev_workloadplans.yaml'))) {
    generated = await mkdtemp(join(tmpdir(), 'runtime-k8s-crds-'));
    await writeCrds([WorkloadPlan], generated);
    crds = generated;
  }
  const cluster = await LocalCluster.start({ crds });
  const client = new KubeClient(cluster.kubeConfig, { fieldManager: 'e2e-test' });
  client.registerKind(WorkloadPlanKind);
  const cache = new SharedCache({ client });
  for (const kind of [...OwnedKinds, BuiltinKinds.Pod]) cache.informerFor(kind);
  cache.start();
  await cache.waitForSync(30_000);
  const controller = new AbortController();
  const ctx: RuntimeContext = {
    client,
    cache,
    logger: createLogger({ silent: true }),
    signal: controller.signal,
  };
  return {
    cluster,
    client,
    ctx,
    runtime: new KubernetesRuntime(),
    async stop() {
      controller.abort();
      await cache.stop();
      await cluster.stop();
      if (generated) await rm(generated, { recursive: true, force: true });
    },
  };
}

let namespaces = 0;

/** A fresh namespace per test, so tests never see each other's objects. */
export async function createNamespace(h: RuntimeHarness, prefix: string): Promise<string> {
  const name = `${prefix}-${++namespaces}`;
  await h.client.create(BuiltinKinds.Namespace, { apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
  return name;
}

/** Creates (or replaces the spec of) a real WorkloadPlan; returns it as stored (with its uid). */
export async function putPlan(
  h: RuntimeHarness,
  namespace: string,
  name: string,
  spec: Omit<WorkloadPlanSpec, 'runtimeClass' | 'workload'>,
): Promise<PlanObject> {
  const body = {
    apiVersion: 'score.dev/v1b1',
    kind: 'WorkloadPlan',
    metadata: { name, namespace },
    spec: { runtimeClass: 'kubernetes', workload: { name, uid: `uid-of-${name}`, generation: 1 }, ...spec },
  };
  return h.client.apply(body as PlanObject, { force: true });
}

/** Runs `apply` until `done` holds for its observation (the host would, on each watched change). */
export async function applyUntil(
  h: RuntimeHarness,
  plan: PlanObject,
  done: (o: RuntimeObservation) => boolean,
  timeoutMs = 90_000,
): Promise<RuntimeObservation> {
  const deadline = Date.now() + timeoutMs;
  let last: RuntimeObservation | undefined;
  for (;;) {
    last = await h.runtime.apply(plan, h.ctx);
    if (done(last)) return last;
    if (Date.now() > deadline) throw new Error(`timed out; last observation: ${JSON.stringify(last)}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** Polls `probe` until it returns a value. */
export async function eventually<T>(
  probe: () => Promise<T | undefined>,
  what: string,
  timeoutMs = 60_000,
): Promise<T> {
  return pollUntil(probe, what, { timeoutMs, intervalMs: 250 });
}

/** The plan's pods, from the API. */
export async function podsOf(h: RuntimeHarness, namespace: string, plan: string): Promise<V1Pod[]> {
  const list = await h.client.list<V1Pod>(BuiltinKinds.Pod, {
    namespace,
    labelSelector: `app.kubernetes.io/instance=${plan}`,
  });
  return list.items.filter((p) => !p.metadata?.deletionTimestamp);
}

/**
 * Makes every pod of the plan report `waiting` (as a kubelet would for a bad image or a crashing
 * process): kwok plays the kubelet and reports pods Running and Ready, so failures are patched in.
 */
export async function failPods(
  h: RuntimeHarness,
  namespace: string,
  plan: string,
  container: string,
  state: { reason: string; message?: string; exitCode?: number },
): Promise<void> {
  const pods = await eventually(async () => {
    const found = await podsOf(h, namespace, plan);
    return found.length > 0 && found.every((p) => p.status?.phase === 'Running') ? found : undefined;
  }, `running pods of ${plan}`);
  const now = new Date().toISOString();
  for (const pod of pods) {
    await h.client.patch(
      BuiltinKinds.Pod,
      { namespace, name: pod.metadata!.name! },
      {
        status: {
          conditions: [
            { type: 'Ready', status: 'False', reason: 'ContainersNotReady', lastTransitionTime: now },
            {
              type: 'ContainersReady',
              status: 'False',
              reason: 'ContainersNotReady',
              lastTransitionTime: now,
            },
          ],
          containerStatuses: [
            {
              name: container,
              image: pod.spec!.containers[0]!.image,
              imageID: '',
              ready: false,
              started: false,
              restartCount: state.exitCode === undefined ? 0 : 5,
              state: { waiting: { reason: state.reason, message: state.message } },
              ...(state.exitCode === undefined
                ? {}
                : { lastState: { terminated: { exitCode: state.exitCode, reason: 'Error' } } }),
            },
          ],
        },
      },
      { type: 'strategic', subresource: 'status' },
    );
  }
}

/** Reads one object from the API. */
export function read<T extends KubernetesObject>(
  h: RuntimeHarness,
  kind: keyof typeof BuiltinKinds,
  namespace: string,
  name: string,
): Promise<T | undefined> {
  return h.client.get<T>(BuiltinKinds[kind], { namespace, name });
}
