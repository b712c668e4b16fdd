// The API server's ceiling on this machine: plain creates per second with bounded concurrency.
import { BuiltinKinds } from '@score-orchestrator/operator-sdk';
import { median, type BenchResult } from '@score-orchestrator/operator-sdk/bench';
import { forEachBounded } from '../cluster/bounded.js';
import { createNamespace, removeNamespace } from '../cluster/bench-namespace.js';
import type { BenchContext } from './bench-context.js';

export interface CeilingOptions {
  readonly objects: number;
  readonly concurrency: number;
  readonly runs: number;
}

/**
 * Creates `objects` small ConfigMaps, `concurrency` at a time, and reports objects per second: what the
 * API server takes from one client on this machine (the orchestrator's writes are compared with it).
 */
export async function benchCeiling(ctx: BenchContext, options: CeilingOptions): Promise<BenchResult> {
  const rates: number[] = [];
  for (let run = 0; run < options.runs; run++) {
    const namespace = await createNamespace(ctx.client, `bench-ceiling-${run}`);
    const started = performance.now();
    await forEachBounded(options.objects, options.concurrency, (i) =>
      ctx.client.create(BuiltinKinds.ConfigMap, {
        metadata: { name: `cm-${i}`, namespace },
        data: { value: String(i) },
      }),
    );
    rates.push(options.objects / ((performance.now() - started) / 1000));
    ctx.progress(`ceiling run ${run + 1}: ${Math.round(rates.at(-1)!)} creates/s`);
    await removeNamespace(ctx.client, namespace);
  }
  return {
    name: 'ceiling: ConfigMap creates',
    unit: 'objects/s',
    runs: rates,
    median: median(rates),
    extra: { objects: options.objects, concurrency: options.concurrency },
  };
}
