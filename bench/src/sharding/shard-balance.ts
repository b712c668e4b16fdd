// `node bench/dist/sharding/shard-balance.js --idle-rss=77 --rss-per-workload=0.09`: simulates the sharding of
// docs/adr/0012-sharding-by-key-hash.md over namespaces of uneven size and prints, per replica count, the
// Workloads and the estimated RSS of the busiest replica, and how many Workloads change replica when one
// replica fails. The RSS model (idle RSS plus a per-Workload slope) takes its two inputs from measurements
// (docs/benchmarks.md); nothing here talks to a cluster.
import { parseArgs } from 'node:util';
import { assignShards, shardOf, type NamespaceHash } from './shard-assignment.js';

const { values } = parseArgs({
  options: {
    workloads: { type: 'string', default: '1000,10000' },
    namespaces: { type: 'string', default: '200' },
    shards: { type: 'string', default: '16' },
    replicas: { type: 'string', default: '1,2,3,4,8' },
    // Zipf exponent of namespace sizes: 0 is even, 1 a few big teams and a long tail.
    skew: { type: 'string', default: '0,1' },
    hash: { type: 'string', default: 'fnv1a,fnv1a+mix' },
    'idle-rss': { type: 'string' },
    'rss-per-workload': { type: 'string' },
  },
});
const list = (text: string) => text.split(',').map(Number);
const idleRss = Number(values['idle-rss']);
const slope = Number(values['rss-per-workload']);
if (!(idleRss > 0 && slope > 0)) {
  throw new Error('--idle-rss and --rss-per-workload (MiB, measured: see docs/benchmarks.md) are required');
}
const shards = Number(values.shards);
const namespaceCount = Number(values.namespaces);

/** Workloads per namespace: `total` spread over `count` namespaces with Zipf exponent `s`. */
function namespaceSizes(total: number, count: number, s: number): Map<string, number> {
  const weights = Array.from({ length: count }, (_, i) => 1 / (i + 1) ** s);
  const sum = weights.reduce((a, b) => a + b, 0);
  const sizes = weights.map((w) => Math.floor((w / sum) * total));
  // What flooring left over goes to the largest namespaces, so the total is exact.
  for (let i = 0, left = total - sizes.reduce((a, b) => a + b, 0); left > 0; i++, left--) sizes[i % count]!++;
  return new Map(sizes.map((size, i) => [`team-${i}`, size]));
}

console.log(
  `${shards} shards by namespace hash over ${namespaceCount} namespaces; RSS = ${idleRss} MiB + ` +
    `${slope} MiB per Workload\n`,
);
console.log(
  'hash | Workloads | skew | busiest shard (ideal) | replicas | busiest replica: Workloads (ideal), RSS | after it fails: busiest survivor, RSS | Workloads moved',
);
for (const hash of values.hash.split(',') as NamespaceHash[]) {
  for (const total of list(values.workloads)) {
    for (const skew of list(values.skew)) {
      const sizes = namespaceSizes(total, namespaceCount, skew);
      const perShard = new Array<number>(shards).fill(0);
      for (const [namespace, size] of sizes) perShard[shardOf(namespace, shards, hash)]! += size;
      const shardCell = `${Math.max(...perShard)} (${Math.ceil(total / shards)})`;
      for (const replicas of list(values.replicas)) {
        const identities = Array.from({ length: replicas }, (_, i) => `replica-${i}`);
        const owners = assignShards(shards, identities);
        const load = (ids: readonly string[], by: readonly string[]) =>
          ids.map((id) => by.reduce((sum, owner, shard) => sum + (owner === id ? perShard[shard]! : 0), 0));
        const busiest = Math.max(...load(identities, owners));
        // The busiest replica fails; the survivors keep their shards and take over its shards.
        const victim = identities[load(identities, owners).indexOf(busiest)]!;
        const survivors = identities.filter((id) => id !== victim);
        const rss = (workloads: number) => `${Math.round(idleRss + slope * workloads)} MiB`;
        let afterCell = '-';
        if (survivors.length > 0) {
          const after = assignShards(shards, survivors, owners);
          const moved = owners.reduce(
            (sum, owner, shard) => sum + (owner !== after[shard] ? perShard[shard]! : 0),
            0,
          );
          const busiestAfter = Math.max(...load(survivors, after));
          afterCell = `${busiestAfter}, ${rss(busiestAfter)} | ${moved}`;
        }
        console.log(
          `${hash} | ${total} | ${skew} | ${shardCell} | ${replicas} | ` +
            `${busiest} (${Math.ceil(total / replicas)}), ${rss(busiest)} | ${afterCell}`,
        );
      }
    }
  }
}
