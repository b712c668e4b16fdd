// The memory a module costs before any work: RSS and heap used after full GCs, in a fresh child process that
// imports only that module (`node --expose-gc`), next to a bare child as the baseline.
import { execFile } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { median, type BenchResult } from './bench-result.js';

/** A module to import: a label for the table and a specifier (a package name or an absolute file). */
export interface ImportTarget {
  readonly label: string;
  readonly specifier: string;
}

const root = fileURLToPath(new URL('../../../../', import.meta.url));

/** The SDK's entry and the orchestrator's (the CLI's, which `score-orchestrator` runs), as built in dist. */
export const defaultImportTargets: readonly ImportTarget[] = [
  { label: 'bare node', specifier: '' },
  { label: 'operator-sdk entry', specifier: `${root}packages/operator-sdk/dist/index.js` },
  { label: 'orchestrator entry (cli)', specifier: `${root}packages/cli/dist/index.js` },
  { label: '@kubernetes/client-node', specifier: '@kubernetes/client-node' },
];

const probe = `
const spec = process.argv[1];
if (spec) await import(spec);
for (let i = 0; i < 3; i++) { globalThis.gc(); await new Promise((r) => setImmediate(r)); }
const { rss, heapUsed } = process.memoryUsage();
process.stdout.write(JSON.stringify({ rss, heapUsed }));`;

/**
 * Imports each target in `runs` fresh children of `nodePath` and reports the median RSS and heap used, in MiB.
 * Fails when a target does not import (build first: `npx tsc -b`).
 */
export async function benchImportCost(
  options: { targets?: readonly ImportTarget[]; runs?: number; nodePath?: string } = {},
): Promise<BenchResult[]> {
  const { targets = defaultImportTargets, runs = 3, nodePath = process.execPath } = options;
  const results: BenchResult[] = [];
  for (const target of targets) {
    const rss: number[] = [];
    const heap: number[] = [];
    const specifier = target.specifier.startsWith('/')
      ? pathToFileURL(target.specifier).href
      : target.specifier;
    for (let i = 0; i < runs; i++) {
      const { stdout } = await promisify(execFile)(
        nodePath,
        ['--expose-gc', '--input-type=module', '-e', probe, specifier],
        { cwd: root },
      );
      const sample = JSON.parse(stdout) as { rss: number; heapUsed: number };
      rss.push(sample.rss / 2 ** 20);
      heap.push(sample.heapUsed / 2 ** 20);
    }
    const node = (await promisify(execFile)(nodePath, ['--version'])).stdout.trim();
    results.push({
      name: `import ${target.label}: RSS`,
      unit: 'MiB',
      runs: rss,
      median: median(rss),
      extra: { node },
    });
    results.push({
      name: `import ${target.label}: heap used`,
      unit: 'MiB',
      runs: heap,
      median: median(heap),
      extra: { node },
    });
  }
  return results;
}
