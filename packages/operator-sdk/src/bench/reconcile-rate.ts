import type { KubeConfig, KubernetesObject, V1ConfigMap } from '@kubernetes/client-node';
import { Container } from 'inversify';
import { BuiltinKinds } from '../api/builtin-kinds.js';
import { KubeClient } from '../client/kube-client.js';
import { setControllerReference } from '../client/owner-references.js';
import { Controller } from '../controller/controller.decorator.js';
import { createLogger } from '../logging/logger.js';
import { Manager } from '../manager/manager.js';
import type { ReconcileContext } from '../reconcile/reconcile-context.js';
import type { Reconciler } from '../reconcile/reconciler.interface.js';
import { Tokens } from '../tokens.js';
import { median, type BenchResult } from './bench-result.js';

/** Options of {@link benchReconcileRate}. */
export interface ReconcileRateOptions {
  /** Primary objects (ConfigMaps labelled for the bench) to reconcile per run. Default 2,000. */
  readonly objects?: number;
  /** Worker counts to measure. Default [1, 8]. */
  readonly concurrencies?: readonly number[];
  /** Runs per setting. Default 3. */
  readonly runs?: number;
}

const PRIMARY_LABEL = 'bench.operator-sdk/primary';

/** Counts reconciles and resolves once every primary has been reconciled once. */
class Tally {
  private readonly seen = new Set<string>();
  private resolve?: () => void;
  constructor(private readonly target: number) {}
  readonly done = new Promise<void>((resolve) => (this.resolve = resolve));
  mark(key: string): void {
    this.seen.add(key);
    if (this.seen.size >= this.target) this.resolve?.();
  }
}

function benchController(tally: Tally, write: boolean, concurrency: number) {
  @Controller({
    for: BuiltinKinds.ConfigMap,
    name: `bench-${write ? 'write' : 'read'}-${concurrency}`,
    concurrency,
  })
  class BenchController implements Reconciler<V1ConfigMap> {
    async reconcile(obj: V1ConfigMap, ctx: ReconcileContext): Promise<void> {
      if (obj.metadata?.labels?.[PRIMARY_LABEL] !== 'true') return;
      if (write) {
        const child: V1ConfigMap = setControllerReference(obj as KubernetesObject, {
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name: `${obj.metadata!.name}-child`, namespace: obj.metadata!.namespace },
          data: { copy: obj.data?.value ?? '' },
        });
        await ctx.client.apply(child);
      }
      tally.mark(`${ctx.key.namespace}/${ctx.key.name}`);
    }
  }
  return BenchController;
}

async function fill(client: KubeClient, namespace: string, count: number): Promise<void> {
  await client.apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } });
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < count) {
      const i = next++;
      await client.apply({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: `primary-${i}`, namespace, labels: { [PRIMARY_LABEL]: 'true' } },
        data: { value: String(i) },
      });
    }
  };
  await Promise.all(Array.from({ length: 32 }, worker));
}

/**
 * Reconciles per second through a real manager against a real API server: `objects` ConfigMaps exist
 * before the manager starts; the clock runs from `start()` resolving (caches synced) until every one has
 * been reconciled once. Two reconcilers: one that only reads (the SDK's own overhead: queue, cache,
 * metrics, logging) and one that server-side-applies an owned ConfigMap per reconcile (one write each).
 */
export async function benchReconcileRate(
  kubeConfig: KubeConfig,
  options: ReconcileRateOptions = {},
): Promise<BenchResult[]> {
  const objects = options.objects ?? 2_000;
  const client = new KubeClient(kubeConfig, { fieldManager: 'bench' });
  const results: BenchResult[] = [];
  for (const write of [false, true]) {
    for (const concurrency of options.concurrencies ?? [1, 8]) {
      const rates: number[] = [];
      for (let run = 0; run < (options.runs ?? 3); run++) {
        const namespace = `bench-reconcile-${write ? 'w' : 'r'}${concurrency}-${run}`;
        await fill(client, namespace, objects);
        const tally = new Tally(objects);
        const container = new Container();
        container.bind(Tokens.Controller).to(benchController(tally, write, concurrency));
        const manager = Manager.create({
          container,
          kubeConfig,
          name: 'bench',
          probePort: false,
          logger: createLogger({ silent: true }),
        });
        await manager.start();
        const started = performance.now();
        await tally.done;
        rates.push(objects / ((performance.now() - started) / 1000));
        await manager.stop();
        await client.delete(BuiltinKinds.Namespace, { name: namespace });
      }
      results.push({
        name: `reconcile rate (${write ? 'one apply each' : 'read only'})`,
        unit: 'reconciles/s',
        runs: rates,
        median: median(rates),
        extra: { objects, concurrency },
      });
    }
  }
  return results;
}
