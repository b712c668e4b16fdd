// `npm run bench:plot -w @score-orchestrator/bench -- OUT.svg RESULT.json...`: all-Ready time against
// Workload count (the orchestrator's and the direct-apply run's) from one or more orchestrator bench
// results (their scale runs together). See docs/benchmarks.md.
import { readFile, writeFile } from 'node:fs/promises';
import { allReadyPlot } from './report/all-ready-plot.js';
import type { ScaleRun } from './scenarios/scale.js';

const [out, ...inputs] = process.argv.slice(2);
if (!out?.endsWith('.svg') || inputs.length === 0) {
  console.error('usage: npm run bench:plot -w @score-orchestrator/bench -- OUT.svg RESULT.json...');
  process.exit(2);
}
const runs: ScaleRun[] = [];
for (const input of inputs) {
  const result = JSON.parse(await readFile(input, 'utf8')) as { scaleRuns?: ScaleRun[] };
  runs.push(...(result.scaleRuns ?? []));
}
await writeFile(out, allReadyPlot(runs, 'All Ready against Workload count: orchestrator and direct apply'));
console.log(`wrote ${out} from ${runs.length} scale runs`);
