// Heap and RSS per cached object, by kind: what a synced cache holds per object, measured in fresh child
// processes (cache-memory-child.ts) as the difference between a cache of all N objects and one of a tenth
// of them, so fixed costs (the connection, the informer, lazily compiled code) cancel out.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { KubeConfig, KubernetesObject, V1Container, V1Pod } from '@kubernetes/client-node';
import { BuiltinKinds } from '../api/builtin-kinds.js';
import type { ResourceKind } from '../api/resource-kind.js';
import { isConflict } from '../client/kube-api.error.js';
import { KubeClient } from '../client/kube-client.js';
import { median, type BenchResult } from './bench-result.js';
import type { CacheMemoryChildInput, CacheMemoryChildSample } from './cache-memory-child.js';

/** One kind to cache, and the objects that fill the cluster for it. */
export interface CacheMemoryCase {
  /** How the results name it, e.g. `ConfigMap` or `Pod (shaped)`. */
  readonly label: string;
  readonly kind: ResourceKind;
  /**
   * The objects of this case: cases with the same `fill` share one namespace of objects (e.g. one kind with
   * and without a transform). Object `i` must carry the label `shard: String(i % 10)`.
   */
  readonly fill: string;
  readonly object: (namespace: string, i: number) => KubernetesObject;
  /** A status written after the create (e.g. what a kubelet writes of a Pod), through `/status`. */
  readonly status?: (obj: KubernetesObject) => unknown;
  /** How many objects. */
  readonly objects: number;
  /** `module#export` of a cache transform for the kind; `null` for none (not even the default). */
  readonly transform?: string | null;
}

/** Options of {@link benchCacheMemory}. */
export interface CacheMemoryOptions {
  /** Default {@link defaultCacheMemoryCases}. */
  readonly cases?: readonly CacheMemoryCase[];
  /** Measured runs per case (each a pair of fresh children). Default 3. */
  readonly runs?: number;
  /** Concurrent create requests. Default 32. */
  readonly concurrency?: number;
  /** Leave the namespaces and their objects behind (to rerun quickly). */
  readonly keep?: boolean;
  /** The node binary (and flags) the children run with. Default this process's node. */
  readonly nodePath?: string;
  readonly nodeFlags?: readonly string[];
  /** Environment variables set for the children, e.g. `MALLOC_ARENA_MAX`. */
  readonly env?: Readonly<Record<string, string>>;
}

const child = fileURLToPath(new URL('./cache-memory-child.js', import.meta.url));

const labels = (i: number) => ({
  app: 'bench',
  shard: String(i % 10),
  'app.kubernetes.io/managed-by': 'bench',
});

/** A container as a runtime renders one: env, ports, probes, resources, mounts. */
function container(name: string): V1Container {
  return {
    name,
    image: `registry.example.com/team/${name}:1.4.2`,
    env: Array.from({ length: 6 }, (_, i) => ({ name: `SETTING_${i}`, value: `value-${i}-of-${name}` })),
    ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }],
    readinessProbe: { httpGet: { path: '/ready', port: 8080 }, periodSeconds: 5 },
    livenessProbe: { tcpSocket: { port: 8080 } },
    resources: { limits: { memory: '256Mi' }, requests: { cpu: '100m', memory: '128Mi' } },
    volumeMounts: [{ name: 'files', mountPath: '/etc/app', readOnly: true }],
  };
}

function podSpec(name: string) {
  return {
    automountServiceAccountToken: false,
    containers: [container(name)],
    volumes: [{ name: 'files', configMap: { name: `${name}-files` } }],
  };
}

/** What a kubelet writes of a running, ready pod. */
function runningStatus(obj: KubernetesObject): V1Pod['status'] {
  const now = new Date();
  const name = (obj as V1Pod).spec?.containers[0]?.name ?? 'main';
  return {
    phase: 'Running',
    hostIP: '10.0.0.12',
    hostIPs: [{ ip: '10.0.0.12' }],
    podIP: '10.244.3.17',
    podIPs: [{ ip: '10.244.3.17' }],
    qosClass: 'Burstable',
    startTime: now,
    conditions: ['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled'].map(
      (type) => ({ type, status: 'True', lastTransitionTime: now, lastProbeTime: null as unknown as Date }),
    ),
    containerStatuses: [
      {
        name,
        image: `registry.example.com/team/${name}:1.4.2`,
        imageID: `registry.example.com/team/${name}@sha256:${'0'.repeat(64)}`,
        containerID: `containerd://${'f'.repeat(64)}`,
        ready: true,
        started: true,
        restartCount: 0,
        state: { running: { startedAt: now } },
      },
    ],
  };
}

/** Small labelled ConfigMaps, Pods as a ReplicaSet and a kubelet leave them, and Deployments, each as the API server sends them. */
export const defaultCacheMemoryCases: readonly CacheMemoryCase[] = [
  {
    label: 'ConfigMap',
    kind: BuiltinKinds.ConfigMap,
    fill: 'configmaps',
    objects: 10_000,
    object: (namespace, i) => ({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { namespace, name: `cm-${i}`, labels: labels(i) },
      data: { index: String(i), payload: 'x'.repeat(64) },
    }),
  },
  {
    label: 'Pod',
    kind: BuiltinKinds.Pod,
    fill: 'pods',
    objects: 2_000,
    object: (namespace, i) => ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        namespace,
        name: `web-${i}-7d9c5b6f4-x2k8q`,
        labels: { ...labels(i), 'pod-template-hash': '7d9c5b6f4' },
        ownerReferences: [
          {
            apiVersion: 'apps/v1',
            kind: 'ReplicaSet',
            name: `web-${i}-7d9c5b6f4`,
            uid: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
            controller: true,
            blockOwnerDeletion: true,
          },
        ],
      },
      spec: podSpec(`web-${i}`),
    }),
    status: runningStatus,
  },
  {
    label: 'Deployment',
    kind: BuiltinKinds.Deployment,
    fill: 'deployments',
    objects: 2_000,
    object: (namespace, i) => ({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: {
        namespace,
        name: `web-${i}`,
        labels: labels(i),
        annotations: { 'score.dev/files-hash': 'x'.repeat(44) },
      },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: 'bench', instance: `web-${i}` } },
        template: { metadata: { labels: { app: 'bench', instance: `web-${i}` } }, spec: podSpec(`web-${i}`) },
      },
    }),
  },
];

/**
 * Heap and RSS bytes per cached object for each case, median of `runs`: each run syncs a cache of all the
 * case's objects and one of a tenth of them (label `shard=0`), each in a fresh `node --expose-gc` child that
 * settles the heap with full GCs before and after, and divides the difference by the difference in objects.
 * Also the time to sync all of them. Needs the SDK built (`npx tsc -b`).
 */
export async function benchCacheMemory(
  kubeConfig: KubeConfig,
  options: CacheMemoryOptions = {},
): Promise<BenchResult[]> {
  const cases = options.cases ?? defaultCacheMemoryCases;
  const client = new KubeClient(kubeConfig, { fieldManager: 'bench' });
  const namespaces = new Map<string, string>();
  for (const c of cases) {
    if (namespaces.has(c.fill)) continue;
    const namespace = `bench-cache-${c.fill}`;
    namespaces.set(c.fill, namespace);
    await fill(client, namespace, c, options.concurrency ?? 32);
  }
  const results: BenchResult[] = [];
  const config = kubeConfig.exportConfig();
  for (const c of cases) {
    const heap: number[] = [];
    const reserved: number[] = [];
    const rss: number[] = [];
    const sync: number[] = [];
    for (let run = 0; run < (options.runs ?? 3); run++) {
      const input = {
        kubeConfig: config,
        kind: c.kind,
        namespace: namespaces.get(c.fill)!,
        transform: c.transform,
      };
      const all = await sample(input, options);
      const tenth = await sample({ ...input, labelSelector: 'shard=0' }, options);
      const objects = all.objects - tenth.objects;
      heap.push((all.heapBytes - tenth.heapBytes) / objects);
      reserved.push((all.heapTotalBytes - tenth.heapTotalBytes) / objects);
      rss.push((all.rssBytes - tenth.rssBytes) / objects);
      sync.push(all.syncMs);
    }
    const extra = {
      objects: c.objects,
      transform: c.transform === null ? 'none' : (c.transform ?? 'default'),
    };
    results.push(
      { name: `cache heap per ${c.label}`, unit: 'bytes', runs: heap, median: median(heap), extra },
      {
        name: `cache heap total per ${c.label}`,
        unit: 'bytes',
        runs: reserved,
        median: median(reserved),
        extra,
      },
      { name: `cache RSS per ${c.label}`, unit: 'bytes', runs: rss, median: median(rss), extra },
      { name: `cache sync ${c.label}`, unit: 'ms', runs: sync, median: median(sync), extra },
    );
  }
  if (!options.keep) {
    for (const namespace of namespaces.values())
      await client.delete(BuiltinKinds.Namespace, { name: namespace });
  }
  return results;
}

async function sample(
  input: CacheMemoryChildInput,
  options: CacheMemoryOptions,
): Promise<CacheMemoryChildSample> {
  const { stdout } = await promisify(execFile)(
    options.nodePath ?? process.execPath,
    [...(options.nodeFlags ?? []), '--expose-gc', child, JSON.stringify(input)],
    { maxBuffer: 1 << 20, env: { ...process.env, ...options.env } },
  );
  return JSON.parse(stdout.trim().split('\n').pop()!) as CacheMemoryChildSample;
}

/** Creates the case's objects (and their status), tolerating ones left by an earlier run. */
async function fill(
  client: KubeClient,
  namespace: string,
  c: CacheMemoryCase,
  concurrency: number,
): Promise<void> {
  const tolerateExisting = (err: unknown) => {
    if (!isConflict(err)) throw err;
  };
  await client
    .create(BuiltinKinds.Namespace, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } })
    .catch(tolerateExisting);
  // Pods need their ServiceAccount, which no controller-manager creates on a bare API server.
  await client
    .create(BuiltinKinds.ServiceAccount, {
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { namespace, name: 'default' },
    })
    .catch(tolerateExisting);
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let i = next++; i < c.objects; i = next++) {
      const created = await client.create(c.kind, c.object(namespace, i)).catch((err: unknown) => {
        if (!isConflict(err)) throw err;
        return undefined;
      });
      if (created && c.status) {
        const status = c.status(created);
        await client.updateStatus(c.kind, { namespace, name: created.metadata!.name! }, (current) => {
          (current as { status?: unknown }).status = status;
        });
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}
