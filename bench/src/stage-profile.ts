// `npm run bench:stages -w @score-orchestrator/bench -- [--size=200] [--shape=port] [--concurrency=32]
// [--runs=1]`: where the time to all-Ready goes. Creates `size` Workloads at once (as the scale scenario
// does) with a fresh orchestrator child per run, and prints when each stage of the chain was reached
// (Workload, claims Bound, plan, Deployment created and Available, plan Ready, Workload Ready) and the
// steps between them. See docs/benchmarks.md.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { WorkloadKind } from '@score-orchestrator/api';
import { DEFAULT_WORKLOAD_CONCURRENCY } from '@score-orchestrator/orchestrator';
import { LocalCluster } from '@score-orchestrator/testing';
import { forEachBounded } from './cluster/bounded.js';
import { createNamespace, removeNamespace } from './cluster/bench-namespace.js';
import { benchContext, startOrchestrator } from './scenarios/bench-context.js';
import { CREATE_CONCURRENCY } from './scenarios/scale.js';
import { benchWorkload, type WorkloadShape } from './workloads/bench-workload.js';
import { formatStages, StageTracker } from './workloads/stage-tracker.js';

const { values } = parseArgs({
  options: {
    size: { type: 'string', default: '200' },
    shape: { type: 'string', default: 'port' },
    concurrency: { type: 'string', default: String(DEFAULT_WORKLOAD_CONCURRENCY) },
    runs: { type: 'string', default: '1' },
  },
});
const positive = (name: string, text: string) => {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`--${name} must be an integer >= 1, not "${text}"`);
  return value;
};
const size = positive('size', values.size);
const concurrency = positive('concurrency', values.concurrency);
const runs = positive('runs', values.runs);
if (values.shape !== 'port' && values.shape !== 'redis')
  throw new Error(`--shape: port or redis, not "${values.shape}"`);
const shape: WorkloadShape = values.shape;

const root = fileURLToPath(new URL('../../', import.meta.url));
const began = Date.now();
const progress = (message: string) =>
  console.log(`[${((Date.now() - began) / 1000).toFixed(0).padStart(4)} s] ${message}`);
// kwok nodes take 110 pods each; a Workload with redis makes two.
const cluster = await LocalCluster.start({
  crds: join(root, 'crds'),
  nodes: Math.ceil((size * 2) / 100) + 1,
});
try {
  const ctx = benchContext(cluster, root, 'info', progress);
  const { client } = ctx;
  for (let run = 0; run < runs; run++) {
    const namespace = await createNamespace(client, `bench-stages-${size}-${shape}-${run}`);
    const orchestrator = await startOrchestrator(ctx, concurrency);
    try {
      const tracker = await StageTracker.start(client, namespace);
      const started = performance.now();
      await forEachBounded(size, CREATE_CONCURRENCY, (i) =>
        client.create(WorkloadKind, benchWorkload(namespace, `w-${i}`, shape)),
      );
      const deadline = Date.now() + 600_000;
      const ready = () =>
        [...tracker.reached.values()].filter((r) => r['Workload Ready'] !== undefined).length;
      while (ready() < size) {
        if (Date.now() > deadline) throw new Error(`${ready()} of ${size} Workloads Ready after 600 s`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      tracker.stop();
      const { reconciles } = await orchestrator.sample();
      progress(
        `${size} x ${shape}, concurrency ${concurrency}, run ${run + 1}: reconciles ${JSON.stringify(reconciles)}`,
      );
      console.log(formatStages(tracker.reached, started));
    } finally {
      await orchestrator.stop();
      await removeNamespace(client, namespace);
    }
  }
} finally {
  await cluster.stop();
}
