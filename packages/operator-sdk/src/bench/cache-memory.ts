import type { KubeConfig } from '@kubernetes/client-node';
import { BuiltinKinds } from '../api/builtin-kinds.js';
import { SharedCache } from '../cache/shared-cache.js';
import { isConflict } from '../client/kube-api.error.js';
import { KubeClient } from '../client/kube-client.js';
import { median, type BenchResult } from './bench-result.js';

/** Options of {@link benchCacheMemory}. */
export interface CacheMemoryOptions {
  /** ConfigMaps to create and cache. Default 10,000. */
  readonly objects?: number;
  /** Measured runs (a fresh cache each). Default 3. */
  readonly runs?: number;
  /** Namespace to fill; created if missing, deleted afterwards unless `keep`. Default `bench-cache-memory`. */
  readonly namespace?: string;
  /** Concurrent create requests. Default 32. */
  readonly concurrency?: number;
  /** Leave the namespace and its objects behind (to rerun quickly). */
  readonly keep?: boolean;
}

/** Collects garbage once pending stream teardown (sockets, timers of a stopped cache) has run. */
async function settledHeap(): Promise<number> {
  const gc = (globalThis as { gc?: () => void }).gc;
  await new Promise((resolve) => setTimeout(resolve, 200));
  gc?.();
  gc?.();
  return process.memoryUsage().heapUsed;
}

/**
 * Cache memory: heap bytes per cached object (the heap a synced cache releases when stopped) (small labelled ConfigMaps), and the time to sync them,
 * median of `runs` fresh caches. Needs `node --expose-gc` for meaningful heap figures (`npm run bench`).
 */
export async function benchCacheMemory(
  kubeConfig: KubeConfig,
  options: CacheMemoryOptions = {},
): Promise<BenchResult[]> {
  const objects = options.objects ?? 10_000;
  const namespace = options.namespace ?? 'bench-cache-memory';
  const client = new KubeClient(kubeConfig, { fieldManager: 'bench', pageSize: 1000 });
  await fill(client, namespace, objects, options.concurrency ?? 32);

  const bytes: number[] = [];
  const syncMs: number[] = [];
  for (let run = 0; run < (options.runs ?? 3); run++) {
    const baseline = await settledHeap();
    const once = await syncOnce(client, namespace);
    // Growth from a settled baseline to a settled heap with the synced cache alive.
    bytes.push((once.heldBytes - baseline) / once.size);
    syncMs.push(once.syncMs);
  }
  if (!options.keep) await client.delete(BuiltinKinds.Namespace, { name: namespace });
  const extra = { objects, gc: typeof (globalThis as { gc?: unknown }).gc === 'function' ? 'on' : 'off' };
  return [
    { name: 'cache heap per ConfigMap', unit: 'bytes', runs: bytes, median: median(bytes), extra },
    { name: 'cache sync', unit: 'ms', runs: syncMs, median: median(syncMs), extra },
  ];
}

/** Syncs a fresh cache, measures the heap while it is alive, stops it; no reference survives the call. */
async function syncOnce(client: KubeClient, namespace: string) {
  const cache = new SharedCache({ client });
  const informer = cache.informerFor(BuiltinKinds.ConfigMap, { namespace });
  const started = performance.now();
  cache.start();
  await cache.waitForSync(300_000);
  const syncMs = performance.now() - started;
  const heldBytes = await settledHeap();
  await cache.stop();
  return { size: informer.store.size, heldBytes, syncMs };
}

/** Creates `count` small labelled ConfigMaps, tolerating ones left by an earlier run. */
async function fill(
  client: KubeClient,
  namespace: string,
  count: number,
  concurrency: number,
): Promise<void> {
  await client
    .create(BuiltinKinds.Namespace, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } })
    .catch((err: unknown) => {
      if (!isConflict(err)) throw err;
    });
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let i = next++; i < count; i = next++) {
      const configMap = {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { namespace, name: `cm-${i}`, labels: { app: 'bench', shard: String(i % 10) } },
        data: { index: String(i), payload: 'x'.repeat(64) },
      };
      await client.create(BuiltinKinds.ConfigMap, configMap).catch((err: unknown) => {
        if (!isConflict(err)) throw err;
      });
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}
