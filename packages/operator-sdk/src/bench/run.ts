// `npm run bench -w @score-orchestrator/operator-sdk`: the SDK's benchmarks, printed as one table and
// written to bench-results/operator-sdk.json. Not a test: figures vary with the machine.
import { mkdir, writeFile } from 'node:fs/promises';
import { ControlPlane } from '@score-orchestrator/testing';
import { formatBenchTable, type BenchResult } from './bench-result.js';
import { benchCacheMemory } from './cache-memory.js';
import { benchImportCost } from './import-cost.js';
import { benchQueueThroughput } from './queue-throughput.js';
import { benchReconcileRate } from './reconcile-rate.js';

const results: BenchResult[] = [];
console.log('import cost (child processes) ...');
results.push(...(await benchImportCost()));
console.log('queue throughput ...');
results.push(...(await benchQueueThroughput()));

console.log('starting a control plane ...');
const controlPlane = await ControlPlane.start();
try {
  console.log('cache memory per object by kind (child processes) ...');
  results.push(...(await benchCacheMemory(controlPlane.kubeConfig)));
  console.log('reconcile rate ...');
  results.push(...(await benchReconcileRate(controlPlane.kubeConfig)));
} finally {
  await controlPlane.stop();
}

console.log(`\n${formatBenchTable(results)}\n`);
const out = new URL('../../../../bench-results/', import.meta.url);
await mkdir(out, { recursive: true });
await writeFile(
  new URL('operator-sdk.json', out),
  JSON.stringify({ date: new Date().toISOString(), results }, null, 2),
);
console.log(`wrote ${new URL('operator-sdk.json', out).pathname}`);
