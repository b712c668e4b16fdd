// `npm run bench:cache -w @score-orchestrator/bench`: heap and RSS per cached object for the big kinds the
// orchestrator's hosts cache (Pods, Deployments, StatefulSets), as the SDK's default cache keeps them and in
// the shape the orchestrator keeps them (podCacheShape, rolloutCacheShape of @score-orchestrator/api), side by
// side on one API server. Writes bench-results/cache-memory.json. Needs `npx tsc -b` first.
import { mkdir, writeFile } from 'node:fs/promises';
import type { V1Deployment } from '@kubernetes/client-node';
import { BuiltinKinds } from '@score-orchestrator/operator-sdk';
import {
  benchCacheMemory,
  defaultCacheMemoryCases,
  formatBenchTable,
  type CacheMemoryCase,
} from '@score-orchestrator/operator-sdk/bench';
import { ControlPlane } from '@score-orchestrator/testing';

const objects = Number(process.env.BENCH_CACHE_OBJECTS ?? 2_000);
const runs = Number(process.env.BENCH_CACHE_RUNS ?? 3);
/** Node flag sets to run the shaped kinds with as well, `;`-separated. */
const flagSets = (process.env.BENCH_CACHE_NODE_FLAGS ?? '--max-semi-space-size=1;--max-semi-space-size=4')
  .split(';')
  .map((f) => f.trim())
  .filter(Boolean);
const byLabel = (label: string) => defaultCacheMemoryCases.find((c) => c.label === label)!;
const deployment = byLabel('Deployment');
const statefulSet: CacheMemoryCase = {
  label: 'StatefulSet',
  kind: BuiltinKinds.StatefulSet,
  fill: 'statefulsets',
  objects,
  object: (namespace, i) => {
    const d = deployment.object(namespace, i) as V1Deployment;
    return { ...d, kind: 'StatefulSet', spec: { ...d.spec!, serviceName: d.metadata!.name! } };
  },
};
const shapes: [CacheMemoryCase, string][] = [
  [byLabel('Pod'), 'podCacheShape'],
  [deployment, 'rolloutCacheShape'],
  [statefulSet, 'rolloutCacheShape'],
];
const cases = shapes.flatMap(([c, shape]) => [
  { ...c, objects },
  { ...c, objects, label: `${c.label} (orchestrator shape)`, transform: `@score-orchestrator/api#${shape}` },
]);

const controlPlane = await ControlPlane.start();
try {
  console.log(`cache memory per object, ${objects} objects per kind, ${runs} runs (child processes) ...`);
  const results = await benchCacheMemory(controlPlane.kubeConfig, { cases, runs, keep: true });
  // The shaped kinds again in children with a smaller young generation (how much of the RSS per object is
  // V8's new space grown during the list), and with one malloc arena (how much is native memory glibc keeps
  // after the list's buffers are freed): RSS per object against objects kept.
  const variants = [
    ...flagSets.map((flags) => ({ label: flags, nodeFlags: flags.split(' ') })),
    { label: 'MALLOC_ARENA_MAX=1', env: { MALLOC_ARENA_MAX: '1' } },
  ];
  for (const { label, ...settings } of variants) {
    console.log(`... with ${label}`);
    const shaped = cases.filter((c) => c.transform).map((c) => ({ ...c, label: `${c.label} [${label}]` }));
    results.push(
      ...(await benchCacheMemory(controlPlane.kubeConfig, { cases: shaped, runs, keep: true, ...settings })),
    );
  }
  console.log(`\n${formatBenchTable(results)}\n`);
  const out = new URL('../../bench-results/', import.meta.url);
  await mkdir(out, { recursive: true });
  await writeFile(
    new URL('cache-memory.json', out),
    JSON.stringify({ date: new Date().toISOString(), node: process.version, results }, null, 2),
  );
  console.log(`wrote ${new URL('cache-memory.json', out).pathname}`);
} finally {
  await controlPlane.stop();
}
