// `npm run bench:heap -w @score-orchestrator/bench -- [--top=N] [IDLE.heapsnapshot] AT-SCALE.heapsnapshot`:
// what a heap snapshot holds (self and retained size by constructor, retained size by holder property,
// strings and their repeats), and with two snapshots the growth from the first to the second. The scale
// bench writes the snapshots with BENCH_HEAP_SNAPSHOT=<dir> (see docs/benchmarks.md). Run node with a large
// heap: `node --max-old-space-size=4096 dist/heap-report.js ...` (the script does).
import { attribute, type HeapAttribution } from './memory/heap-attribution.js';
import { HeapGraph } from './memory/heap-graph.js';

const args = process.argv.slice(2);
const top = Number(args.find((a) => a.startsWith('--top='))?.slice(6) ?? 30);
const files = args.filter((a) => !a.startsWith('--'));
if (files.length < 1 || files.length > 2) {
  console.error(
    'usage: npm run bench:heap -w @score-orchestrator/bench -- [--top=N] [IDLE] AT-SCALE.heapsnapshot',
  );
  process.exit(2);
}
const reports = files.map((file) => {
  const started = performance.now();
  const graph = HeapGraph.read(file);
  const report = attribute(graph, top);
  console.error(`${file}: ${graph.nodeCount} nodes, ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return report;
});
const [before, after] = reports.length === 2 ? reports : [undefined, reports[0]!];

const mib = (b: number) => (b / 1048576).toFixed(2);
const kib = (b: number) => (b / 1024).toFixed(1);
const size = (b: number) => (Math.abs(b) >= 1048576 ? `${mib(b)} MiB` : `${kib(b)} KiB`);

function table(title: string, header: string[], rows: (string | number)[][]): void {
  console.log(`\n## ${title}\n`);
  console.log(`| ${header.join(' | ')} |`);
  console.log(`|${header.map(() => '---').join('|')}|`);
  for (const row of rows) console.log(`| ${row.join(' | ')} |`);
}

/** Rows by key, largest (or, with two snapshots, largest growth) first. */
function compare<T>(
  pick: (r: HeapAttribution) => Map<string, T>,
  value: (v: T) => number,
  cells: (v: T | undefined) => (string | number)[],
): (string | number)[][] {
  const a = before ? pick(before) : undefined;
  const b = pick(after);
  const keys = new Set([...b.keys(), ...(a?.keys() ?? [])]);
  const delta = (k: string) => (b.has(k) ? value(b.get(k)!) : 0) - (a?.has(k) ? value(a.get(k)!) : 0);
  return [...keys]
    .sort((x, y) => delta(y) - delta(x))
    .slice(0, top)
    .map((k) => [`\`${k}\``, ...(a ? [...cells(a.get(k)), size(delta(k))] : []), ...cells(b.get(k))]);
}

const columns = (names: string[]) => (before ? [...names.map((c) => `${c} (1)`), 'growth', ...names] : names);

console.log(
  `# Heap: ${files.join(' → ')}\n\nreachable: ${after.total.nodes} nodes, ${size(after.total.bytes)}` +
    (before ? ` (first: ${before.total.nodes} nodes, ${size(before.total.bytes)})` : ''),
);
table(
  'Self size by node type',
  ['type', ...columns(['self'])],
  compare(
    (r) => r.byType,
    (v) => v,
    (v) => [size(v ?? 0)],
  ),
);
table(
  'By constructor: instances, self size, retained size of all instances together',
  ['constructor', ...columns(['count', 'self', 'retained'])],
  compare(
    (r) => r.byClass,
    (v) => v.retained,
    (v) => [v?.count ?? 0, size(v?.self ?? 0), size(v?.retained ?? 0)],
  ),
);
table(
  'By owner: the nearest non-structural object up the dominator path (a partition of the heap)',
  ['owner', ...columns(['self', 'strings', 'string repeats'])],
  compare(
    (r) => r.byOwner,
    (v) => v.self,
    (v) => [size(v?.self ?? 0), size(v?.strings ?? 0), size(v?.repeatBytes ?? 0)],
  ),
);
table(
  'By holder: what `Class.property` alone keeps alive, summed over instances',
  ['holder', ...columns(['instances', 'retained'])],
  compare(
    (r) => r.byHolder,
    (v) => v.retained,
    (v) => [v?.count ?? 0, size(v?.retained ?? 0)],
  ),
);
const s = after.strings;
console.log(
  `\n## Strings (flat)\n\n${s.count} strings, ${size(s.bytes)}; ${s.distinct} distinct values; ` +
    `${size(s.repeatBytes)} in copies of a value beyond the first` +
    (before
      ? ` (first snapshot: ${size(before.strings.bytes)}, repeats ${size(before.strings.repeatBytes)})`
      : ''),
);
table(
  'Strings by the property that refers to them',
  ['property', ...columns(['count', 'bytes', 'repeat bytes'])],
  compare(
    (r) => r.strings.byProperty,
    (v) => v.bytes,
    (v) => [v?.count ?? 0, size(v?.bytes ?? 0), size(v?.repeatBytes ?? 0)],
  ),
);
table(
  'Most repeated string values',
  ['value', 'copies', 'bytes'],
  s.topRepeats.map((r) => [
    `\`${JSON.stringify(r.value.slice(0, 60)).slice(1, -1)}\``,
    r.count,
    size(r.bytes),
  ]),
);
