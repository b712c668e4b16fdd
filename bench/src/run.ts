// `npm run bench -w @score-orchestrator/bench`: the orchestrator's end-to-end benchmarks on one
// LocalCluster, printed as one table and written to bench-results/orchestrator.json. Not a test: figures
// vary with the machine. See docs/benchmarks.md.
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import { dirname, isAbsolute, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatBenchTable, type BenchResult } from '@score-orchestrator/operator-sdk/bench';
import type { KubernetesObject } from '@kubernetes/client-node';
import { LocalCluster } from '@score-orchestrator/testing';
import { parseBenchOptions } from './bench-options.js';
import { formatPerWorkload } from './cluster/api-server-requests.js';
import { scaleResults } from './report/scale-results.js';
import { formatTargets, judgeTargets } from './report/targets.js';
import { benchContext } from './scenarios/bench-context.js';
import { benchCeiling } from './scenarios/ceiling.js';
import { benchLatency } from './scenarios/latency.js';
import { benchRecovery, type RecoveryRun } from './scenarios/recovery.js';
import { captureManifests, runDirect } from './scenarios/direct-apply.js';
import { CREATE_CONCURRENCY, runScale, type ScaleRun, type ScaleSetting } from './scenarios/scale.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const options = parseBenchOptions(process.argv.slice(2));
const began = Date.now();
const progress = (message: string) =>
  console.log(`[${((Date.now() - began) / 1000).toFixed(0).padStart(4)} s] ${message}`);

// kwok nodes take 110 pods each; a Workload with redis makes two.
const wants = new Set(options.only);
const maxPods =
  Math.max(
    ...(wants.has('scale') ? options.sizes : []),
    wants.has('latency') ? options.latencyRuns : 0,
    wants.has('recovery') ? options.recoverySize + 3 : 0,
    1,
  ) * 2;
const nodes = Math.ceil(maxPods / 100) + 1;
progress(`starting a LocalCluster with ${nodes} nodes ...`);
const cluster = await LocalCluster.start({ crds: join(root, 'crds'), nodes });
const results: BenchResult[] = [];
const scaleRuns: ScaleRun[] = [];
const recoveryRuns: RecoveryRun[] = [];
try {
  const ctx = benchContext(cluster, root, options.logLevel, progress);

  // The scale figures are read against the ceiling: it runs whenever they do.
  const ceiling =
    wants.has('ceiling') || wants.has('scale')
      ? (progress('ceiling: plain creates ...'),
        await benchCeiling(ctx, {
          objects: options.ceilingObjects,
          concurrency: 32,
          runs: options.ceilingRuns,
        }))
      : undefined;
  if (ceiling) results.push(ceiling);

  if (wants.has('latency')) {
    progress('latency: one Workload to Ready ...');
    results.push(
      ...(await benchLatency(ctx, { runs: options.latencyRuns, concurrency: options.concurrencies.at(-1)! })),
    );
  }

  const largest = Math.max(...options.sizes);
  for (const concurrency of wants.has('scale') ? options.concurrencies : []) {
    for (const size of [...options.sizes].sort((a, b) => a - b)) {
      for (const shape of options.shapes) {
        const runs: ScaleRun[] = [];
        // What the first run's runtime and resolvers produced: the direct runs create the same objects.
        let manifests: KubernetesObject[] | undefined;
        for (let run = 0; run < options.scaleRuns; run++) {
          // One idle window in all: after the last run of the largest size with a resource.
          const idle =
            size === largest &&
            shape === options.shapes.at(-1) &&
            concurrency === options.concurrencies.at(-1) &&
            run === options.scaleRuns - 1;
          const setting: ScaleSetting = {
            size,
            shape,
            concurrency,
            idleSeconds: idle ? options.idleSeconds : 0,
          };
          progress(`scale: ${size} x ${shape}, concurrency ${concurrency}, run ${run + 1} ...`);
          let result = await runScale(ctx, setting, run, async (namespace) => {
            if (options.direct) manifests ??= await captureManifests(ctx.client, namespace);
          });
          progress(
            `  all Ready in ${Math.round(result.allReadyMs)} ms; ${JSON.stringify(result.requestsByVerb)}; ` +
              `RSS ${Math.round(result.child.rssBytes / 2 ** 20)} MiB`,
          );
          progress(`  per Workload: ${formatPerWorkload(result.requests, size)}`);
          if (manifests) {
            // Right after the orchestrator's run, on the same cluster: the pair's ratio is the figure.
            const direct = await runDirect(
              ctx,
              manifests,
              `${size}-${shape}-c${concurrency}-${run}`,
              CREATE_CONCURRENCY,
            );
            progress(
              `  direct: ${manifests.length} objects ${JSON.stringify(direct.objects)} all Available in ` +
                `${Math.round(direct.allAvailableMs)} ms (ratio ${(result.allReadyMs / direct.allAvailableMs).toFixed(2)})`,
            );
            result = { ...result, direct };
          }
          runs.push(result);
        }
        scaleRuns.push(...runs);
        results.push(...scaleResults(runs, { objectsPerSecond: ceiling!.median }));
      }
    }
  }

  if (wants.has('recovery') && options.recoverySize > 0) {
    progress(`recovery: ${options.recoverySize} Workloads, then restarts ...`);
    const recovery = await benchRecovery(ctx, cluster, {
      size: options.recoverySize,
      concurrency: options.concurrencies.at(-1)!,
      apiServerDownSeconds: options.apiServerDownSeconds,
    });
    for (const run of recovery.runs) {
      progress(
        `  ${run.name}: new Workload Ready in ${Math.round(run.readyMs)} ms ` +
          `(plan ${Math.round(run.planMs ?? NaN)} ms, Deployment ${Math.round(run.deploymentMs ?? NaN)} ms); ` +
          `requests ${JSON.stringify(run.requests)}; settled in ${Math.round(run.settledMs / 1000)} s`,
      );
    }
    results.push(...recovery.results);
    recoveryRuns.push(...recovery.runs);
  }
} finally {
  await cluster.stop();
}

console.log(`\n${formatBenchTable(results)}\n`);
const targets = judgeTargets(scaleRuns);
if (targets.length > 0) console.log(`targets:\n${formatTargets(targets)}\n`);
const out = isAbsolute(options.out) ? options.out : join(root, options.out);
await mkdir(dirname(out), { recursive: true });
await writeFile(
  out,
  JSON.stringify(
    {
      date: new Date().toISOString(),
      machine: { cpus: cpus().length, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version },
      options,
      durationSeconds: Math.round((Date.now() - began) / 1000),
      results,
      targets,
      scaleRuns,
      recoveryRuns,
    },
    null,
    2,
  ),
);
progress(`wrote ${out}`);
