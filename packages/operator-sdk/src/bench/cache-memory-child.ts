// One cache-memory sample, in a fresh `node --expose-gc` child (see cache-memory.ts): settle the heap, sync a
// cache of one kind in one namespace, settle again, print the growth of heap used, RSS and external memory.
// A fresh process per sample keeps what earlier samples (and filling the cluster) left in the heap out.
import type { KubernetesObject } from '@kubernetes/client-node';
import type { ResourceKind } from '../api/resource-kind.js';
import type { CacheTransform } from '../cache/cache-transform.js';
import { SharedCache } from '../cache/shared-cache.js';
import { KubeClient } from '../client/kube-client.js';
import { LeanKubeConfig } from '../kubeconfig/lean-kube-config.js';

/** What the parent asks for (one JSON argument). */
export interface CacheMemoryChildInput {
  readonly kubeConfig: string;
  readonly kind: ResourceKind;
  readonly namespace: string;
  readonly labelSelector?: string;
  /** `module#export` of a {@link CacheTransform} for the kind; `null` for none at all (not even the default). */
  readonly transform?: string | null;
}

/** What the child prints (one JSON line). */
export interface CacheMemoryChildSample {
  readonly objects: number;
  readonly heapBytes: number;
  /** Growth of the heap V8 reserved (`heapTotal`): what it keeps committed beyond what is used. */
  readonly heapTotalBytes: number;
  readonly rssBytes: number;
  readonly externalBytes: number;
  readonly syncMs: number;
}

/** Full GCs until heap used moves by less than 16 KiB (at most 10): V8 frees in stages (weak maps, finalizers). */
async function settle(): Promise<NodeJS.MemoryUsage> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('cache-memory-child needs node --expose-gc');
  let last = Number.POSITIVE_INFINITY;
  for (let round = 0; round < 10; round++) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 50));
    const used = process.memoryUsage().heapUsed;
    if (Math.abs(last - used) < 16 * 1024) break;
    last = used;
  }
  return process.memoryUsage();
}

async function loadTransform(spec: string | null | undefined): Promise<CacheTransform | undefined> {
  if (!spec) return undefined;
  const [module, name] = spec.split('#') as [string, string];
  const loaded = (await import(module)) as Record<string, CacheTransform>;
  if (typeof loaded[name] !== 'function') throw new Error(`${spec} is not a function`);
  return loaded[name];
}

const input = JSON.parse(process.argv[2] ?? '{}') as CacheMemoryChildInput;
const kubeConfig = new LeanKubeConfig();
kubeConfig.loadFromString(input.kubeConfig);
const client = new KubeClient(kubeConfig, { fieldManager: 'bench', pageSize: 500 });
const transform = await loadTransform(input.transform);
const cache = new SharedCache({
  client,
  ...(input.transform === null && { transform: null }),
  byKind: [
    {
      kind: input.kind,
      ...(input.labelSelector && { labelSelector: input.labelSelector }),
      ...(transform && { transform }),
    },
  ],
});
const informer = cache.informerFor<KubernetesObject>(input.kind, { namespace: input.namespace });
const before = await settle();
const started = performance.now();
cache.start();
await cache.waitForSync(600_000);
const syncMs = performance.now() - started;
const after = await settle();
const sample: CacheMemoryChildSample = {
  objects: informer.store.size,
  heapBytes: after.heapUsed - before.heapUsed,
  heapTotalBytes: after.heapTotal - before.heapTotal,
  rssBytes: after.rss - before.rss,
  externalBytes: after.external + after.arrayBuffers - before.external - before.arrayBuffers,
  syncMs,
};
await cache.stop();
process.stdout.write(`${JSON.stringify(sample)}\n`);
