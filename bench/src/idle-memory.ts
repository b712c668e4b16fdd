// `npm run bench:idle -w @score-orchestrator/bench`: the memory of an idle `score-orchestrator run` on an
// empty cluster (a ControlPlane with the Score CRDs), for each node binary x flag set x source tree given,
// all combinations side by side in every round, medians over the rounds. Not a test: figures vary with the
// machine. See docs/benchmarks.md#import-cost-and-idle-memory.
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, isAbsolute, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ControlPlane } from '@score-orchestrator/testing';
import { measureIdle, type IdleMeasurement } from './idle/idle-orchestrator.js';
import { parseIdleOptions } from './idle/idle-options.js';
import { parseNodeSetting } from './orchestrator/node-setting.js';

/** The target for an idle orchestrator on an empty cluster, on every supported Node line. */
const TARGET_RSS_MIB = 80;

const root = fileURLToPath(new URL('../../', import.meta.url));
const options = parseIdleOptions(process.argv.slice(2), root, process.execPath);
const mib = (bytes: number) => bytes / 2 ** 20;
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

const combos = options.trees.flatMap((tree) =>
  options.nodes.flatMap((node) =>
    options.flags.map((flags) => ({
      label: `${tree.label} ${node.label} ${flags.label}`,
      ...treeEntry(tree.value),
      node: node.value,
      ...parseNodeSetting(flags.value),
    })),
  ),
);
/**
 * A tree's CLI bin and its platform config; or a `.js` file (a bundled entry such as
 * packages/cli/bundle/score-orchestrator.js of deploy/bundle's production tree) and this repository's config.
 */
function treeEntry(tree: string): { entry: string; config: string } {
  if (tree.endsWith('.js')) return { entry: tree, config: join(root, options.config) };
  return { entry: join(tree, 'packages/cli/bin/score-orchestrator.js'), config: join(tree, options.config) };
}

const measured = new Map<string, IdleMeasurement[]>(combos.map((combo) => [combo.label, []]));
const loads: number[] = [];

console.log(
  `starting a control plane; ${combos.length} combinations x ${options.runs} rounds of ${options.seconds} s`,
);
const controlPlane = await ControlPlane.start({ crds: join(root, 'crds') });
try {
  for (let round = 0; round < options.runs; round++) {
    // All combinations at once, so the machine's load falls on each alike.
    const results = await Promise.all(
      combos.map((combo) =>
        measureIdle({ ...combo, kubeconfigPath: controlPlane.kubeconfigPath }, options.seconds),
      ),
    );
    loads.push(loadavg()[0]!);
    results.forEach((result, i) => measured.get(combos[i]!.label)!.push(result));
    console.log(
      `round ${round + 1}: ` +
        results.map((r, i) => `${combos[i]!.label} ${mib(r.rssBytes).toFixed(1)}`).join(', ') +
        ` MiB RSS (load ${loads.at(-1)!.toFixed(1)})`,
    );
  }
} finally {
  await controlPlane.stop();
}

const rows = combos.map((combo) => {
  const runs = measured.get(combo.label)!;
  const pick = (f: (m: IdleMeasurement) => number) => mib(median(runs.map(f)));
  return {
    combination: combo.label,
    flags: combo.flags.join(' '),
    env: combo.env,
    node: runs[0]!.sample.node,
    rssMiB: pick((m) => m.rssBytes),
    rssRangeMiB: [
      mib(Math.min(...runs.map((m) => m.rssBytes))),
      mib(Math.max(...runs.map((m) => m.rssBytes))),
    ],
    anonymousMiB: pick((m) => m.anonymousBytes),
    fileMiB: pick((m) => m.fileBytes),
    pssAnonMiB: pick((m) => m.pssAnonBytes),
    pssFileMiB: pick((m) => m.pssFileBytes),
    threads: median(runs.map((m) => m.threads)),
    heapUsedMiB: pick((m) => m.sample.before.heapUsed),
    heapTotalMiB: pick((m) => m.sample.before.heapTotal),
    newSpaceMiB: pick((m) => m.sample.spaceSizes.new_space ?? 0),
    codeSpaceMiB: pick((m) => m.sample.spaces.code_space ?? 0),
    rssAfterGcMiB: pick((m) => m.sample.afterGc?.rss ?? NaN),
    heapUsedAfterGcMiB: pick((m) => m.sample.afterGc?.heapUsed ?? NaN),
  };
});
const f = (n: number) => n.toFixed(1).padStart(6);
console.log(
  `\n${'combination'.padEnd(36)}    RSS   anon   file  PssAn  PssFi thr  heapU  heapT  new-sp  code  | after GC: RSS  heapU  | target <= ${TARGET_RSS_MIB} MiB RSS`,
);
for (const row of rows) {
  console.log(
    `${row.combination.padEnd(36)} ${f(row.rssMiB)} ${f(row.anonymousMiB)} ${f(row.fileMiB)} ` +
      `${f(row.pssAnonMiB)} ${f(row.pssFileMiB)} ${String(row.threads).padStart(3)} ${f(row.heapUsedMiB)} ` +
      `${f(row.heapTotalMiB)} ${f(row.newSpaceMiB)} ${f(row.codeSpaceMiB)}  |     ${f(row.rssAfterGcMiB)} ` +
      `${f(row.heapUsedAfterGcMiB)}  | ${row.rssMiB <= TARGET_RSS_MIB ? 'met' : 'missed'} (${row.node})`,
  );
}
console.log(
  `(MiB; medians of ${options.runs} rounds of ${options.seconds} s idle; 1-min load ${loads.map((l) => l.toFixed(1)).join(', ')})`,
);

const out = isAbsolute(options.out) ? options.out : join(root, options.out);
await mkdir(dirname(out), { recursive: true });
await writeFile(
  out,
  JSON.stringify(
    {
      date: new Date().toISOString(),
      machine: { cpus: cpus().length, memoryGiB: Math.round(totalmem() / 2 ** 30), loads },
      options,
      targetRssMiB: TARGET_RSS_MIB,
      rows,
      runs: Object.fromEntries(measured),
    },
    null,
    2,
  ),
);
console.log(`wrote ${out}`);
