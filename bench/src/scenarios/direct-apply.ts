// The real limit: the objects the orchestrator's runtime and resolvers produced for a scale run, created
// again by a plain client in a fresh namespace at the same concurrency, timed until every Deployment and
// StatefulSet is Available. What the cluster itself needs to roll those workloads out, whatever an
// orchestrator does.
import type { KubernetesObject, V1Service } from '@kubernetes/client-node';
import { BuiltinKinds, type KubeClient, type ResourceKind } from '@score-orchestrator/operator-sdk';
import { observeRollout } from '@score-orchestrator/runtime-kubernetes';
import type { V1Deployment, V1StatefulSet } from '@kubernetes/client-node';
import { forEachBounded } from '../cluster/bounded.js';
import { createNamespace, removeNamespace } from '../cluster/bench-namespace.js';
import { ReadyTracker, type ReadinessRule } from '../workloads/ready-tracker.js';
import type { BenchContext } from './bench-context.js';

/** The kinds copied, in the order they are created (what a workload reads before what reads it). */
const COPIED_KINDS: readonly ResourceKind[] = [
  BuiltinKinds.Secret,
  BuiltinKinds.ConfigMap,
  BuiltinKinds.Service,
  BuiltinKinds.StatefulSet,
  BuiltinKinds.Deployment,
];

/** Owners whose objects are the orchestrator's output: the plans' (runtime) and the claims' (resolvers). */
const PRODUCERS = new Set(['WorkloadPlan', 'ResourceClaim']);

/** Annotations the API server or controllers set, not the producer. */
const SERVER_ANNOTATIONS = ['deployment.kubernetes.io/revision'];

/** Available as the runtime judges a rollout (`observeRollout`, without pods): every replica updated and ready. */
const rolledOut = (obj: KubernetesObject) =>
  observeRollout(obj as V1Deployment | V1StatefulSet, []).phase === 'Ready';

const AVAILABLE_RULES: readonly ReadinessRule[] = [
  { kind: BuiltinKinds.Deployment, ready: rolledOut },
  { kind: BuiltinKinds.StatefulSet, ready: rolledOut },
];

/**
 * The objects a plan or a claim controls in `namespace`, as their producer wrote them: identity, owner
 * references, status and server-set fields (a Service's cluster IPs) left out, so they can be created
 * anywhere without an orchestrator. Secrets keep their data: held in memory only, never written out.
 */
export async function captureManifests(client: KubeClient, namespace: string): Promise<KubernetesObject[]> {
  const manifests: KubernetesObject[] = [];
  for (const kind of COPIED_KINDS) {
    const { items } = await client.list<KubernetesObject>(kind, { namespace });
    for (const obj of items) {
      if (!(obj.metadata?.ownerReferences ?? []).some((ref) => ref.controller && PRODUCERS.has(ref.kind)))
        continue;
      manifests.push(plainCopy(obj, kind));
    }
  }
  return manifests;
}

/** `obj` with only what its producer sets. Pure. */
export function plainCopy(obj: KubernetesObject, kind: ResourceKind): KubernetesObject {
  const { status: _status, metadata, ...rest } = obj as KubernetesObject & { status?: unknown };
  const annotations = Object.fromEntries(
    Object.entries(metadata?.annotations ?? {}).filter(([key]) => !SERVER_ANNOTATIONS.includes(key)),
  );
  const copy: KubernetesObject = {
    ...rest,
    apiVersion: kind.apiVersion,
    kind: kind.kind,
    metadata: {
      name: metadata?.name,
      ...(metadata?.labels ? { labels: metadata.labels } : {}),
      ...(Object.keys(annotations).length > 0 ? { annotations } : {}),
    },
  };
  if (kind.kind === 'Service') {
    const spec = { ...(copy as V1Service).spec };
    delete spec.clusterIP;
    delete spec.clusterIPs;
    (copy as V1Service).spec = spec;
  }
  return copy;
}

/** What one direct run measured. */
export interface DirectRun {
  /** From the first create until the last Deployment or StatefulSet was Available. */
  readonly allAvailableMs: number;
  /** Objects created, by kind. */
  readonly objects: Readonly<Record<string, number>>;
}

/**
 * Creates `manifests` in a fresh namespace `concurrency` at a time (kinds in {@link COPIED_KINDS} order)
 * and waits until every Deployment and StatefulSet among them is Available; removes the namespace after.
 */
export async function runDirect(
  ctx: BenchContext,
  manifests: readonly KubernetesObject[],
  label: string,
  concurrency: number,
): Promise<DirectRun> {
  const kinds = new Map(COPIED_KINDS.map((kind) => [kind.kind, kind]));
  const rollouts = new Set(
    manifests
      .filter((m) => m.kind === 'Deployment' || m.kind === 'StatefulSet')
      .map((m) => m.metadata!.name!),
  );
  const namespace = await createNamespace(ctx.client, `bench-direct-${label}`);
  try {
    const tracker = await ReadyTracker.start(ctx.client, namespace, AVAILABLE_RULES);
    const started = performance.now();
    await forEachBounded(manifests.length, concurrency, (i) => {
      const obj = manifests[i]!;
      return ctx.client.create(kinds.get(obj.kind!)!, { ...obj, metadata: { ...obj.metadata, namespace } });
    });
    await tracker.waitFor(rollouts.size, 900_000);
    tracker.stop();
    const objects: Record<string, number> = {};
    for (const obj of manifests) objects[obj.kind!] = (objects[obj.kind!] ?? 0) + 1;
    return {
      allAvailableMs: Math.max(...[...tracker.readyAt.values()].map((t) => t - started)),
      objects,
    };
  } finally {
    await removeNamespace(ctx.client, namespace);
  }
}
