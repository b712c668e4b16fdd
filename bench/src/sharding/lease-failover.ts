// `npm run bench:failover -w @score-orchestrator/bench`: how long the SDK's Lease-based leader election
// takes to fail over on a real kube-apiserver with its default durations (lease 15 s, renew deadline 10 s,
// retry 2 s), for the one Lease the orchestrator uses today and for one Lease per shard as
// docs/adr/0012-sharding-by-key-hash.md designs it. Not a test: the figures are the point. Writes
// bench-results/lease-failover.json.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createLogger, KubeClient, LeaderElector, OperatorMetrics } from '@score-orchestrator/operator-sdk';
import { median } from '@score-orchestrator/operator-sdk/bench';
import { ControlPlane } from '@score-orchestrator/testing';
import { assignShards } from './shard-assignment.js';

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '3' },
    shards: { type: 'string', default: '8' },
    replicas: { type: 'string', default: '3' },
    'steady-seconds': { type: 'string', default: '20' },
    out: { type: 'string', default: 'bench-results/lease-failover.json' },
  },
});
const rounds = Number(values.rounds);
const shards = Number(values.shards);
const replicaCount = Number(values.replicas);
const steadySeconds = Number(values['steady-seconds']);
const root = fileURLToPath(new URL('../../../', import.meta.url));
const began = Date.now();
const progress = (message: string) =>
  console.log(`[${((Date.now() - began) / 1000).toFixed(0).padStart(4)} s] ${message}`);

/** One orchestrator replica: a candidate for some Leases, with its own client so its requests are counted. */
interface Replica {
  readonly identity: string;
  readonly metrics: OperatorMetrics;
  readonly electors: Map<string, LeaderElector>;
  readonly timers: NodeJS.Timeout[];
}

const silent = createLogger({ silent: true });
let leaseSeq = 0;

function replica(identity: string): Replica {
  return { identity, metrics: new OperatorMetrics(), electors: new Map(), timers: [] };
}

/**
 * Starts `r` campaigning for `lease`. With `delayMs` it joins later: a replica first campaigns for the
 * shards it is preferred for, so the first assignment is the hash's, and is a standby for the others.
 */
function campaign(
  controlPlane: ControlPlane,
  r: Replica,
  lease: string,
  delayMs = 0,
  releaseOnCancel = true,
) {
  const start = () => {
    const elector = new LeaderElector({
      client: new KubeClient(controlPlane.kubeConfig, {
        fieldManager: r.identity,
        metrics: r.metrics,
        logger: silent,
      }),
      namespace: 'default',
      name: lease,
      identity: r.identity,
      releaseOnCancel,
      logger: silent,
      onStartedLeading: () => undefined,
      onStoppedLeading: () => undefined,
    });
    r.electors.set(lease, elector);
    void elector.run();
  };
  if (delayMs === 0) start();
  else r.timers.push(setTimeout(start, delayMs));
}

async function stopReplica(r: Replica): Promise<void> {
  for (const timer of r.timers) clearTimeout(timer);
  await Promise.all([...r.electors.values()].map((e) => e.stop()));
}

/** The holder of each Lease as the candidates see it: the replica whose elector says it leads. */
function holders(replicas: readonly Replica[], leases: readonly string[]): Map<string, string | undefined> {
  return new Map(
    leases.map((lease) => [lease, replicas.find((r) => r.electors.get(lease)?.isLeader())?.identity]),
  );
}

async function until(condition: () => boolean, timeoutMs = 60_000): Promise<number> {
  const start = performance.now();
  while (!condition()) {
    if (performance.now() - start > timeoutMs) throw new Error('not within the timeout');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return performance.now();
}

async function requestsByMethod(replicas: readonly Replica[]): Promise<Record<string, number>> {
  const sums: Record<string, number> = {};
  for (const r of replicas) {
    for (const sample of (await r.metrics.restClientRequests.get()).values) {
      const method = String(sample.labels.method);
      sums[method] = (sums[method] ?? 0) + sample.value;
    }
  }
  return sums;
}

interface Round {
  readonly shards: number;
  readonly replicas: number;
  readonly mode: 'crash' | 'graceful';
  /** Shards the stopped replica held. */
  readonly orphaned: number;
  /** From the stop until each orphaned shard had a new holder, ms (sorted). */
  readonly takeoverMs: number[];
  /** Shards each survivor holds afterwards. */
  readonly afterwards: Record<string, number>;
  readonly initialAssignment: Record<string, number>;
}

/** `replicaCount` replicas over `shardCount` Leases; stops the replica holding most, as `mode` says. */
async function failoverRound(
  controlPlane: ControlPlane,
  shardCount: number,
  replicaTotal: number,
  mode: 'crash' | 'graceful',
): Promise<Round> {
  const run = ++leaseSeq;
  const leases = Array.from({ length: shardCount }, (_, i) => `failover-${run}-shard-${i}`);
  const identities = Array.from({ length: replicaTotal }, (_, i) => `replica-${i}`);
  const replicas = identities.map((id) => replica(id));
  try {
    const assignment = assignShards(shardCount, identities);
    for (const [i, lease] of leases.entries()) {
      const preferred = assignment[i];
      for (const r of replicas) {
        // A crash writes nothing: the stopped replica must not hand its Leases back.
        const release = mode === 'graceful';
        campaign(controlPlane, r, lease, r.identity === preferred ? 0 : 3_000, release);
      }
    }
    await until(() => [...holders(replicas, leases).values()].every((h) => h !== undefined));
    // Let the standbys join and observe the holders before anything fails.
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    const before = holders(replicas, leases);
    const count = (map: Map<string, string | undefined>) => {
      const out: Record<string, number> = {};
      for (const h of map.values()) if (h) out[h] = (out[h] ?? 0) + 1;
      return out;
    };
    const initialAssignment = count(before);
    const victim = replicas
      .map((r) => ({ r, held: [...before.values()].filter((h) => h === r.identity).length }))
      .sort((a, b) => b.held - a.held)[0]!.r;
    const orphans = leases.filter((lease) => before.get(lease) === victim.identity);
    const survivors = replicas.filter((r) => r !== victim);
    const stoppedAt = performance.now();
    await stopReplica(victim);
    const takeoverMs: number[] = [];
    await Promise.all(
      orphans.map(async (lease) => {
        const at = await until(() => survivors.some((r) => r.electors.get(lease)?.isLeader()));
        takeoverMs.push(Math.round(at - stoppedAt));
      }),
    );
    return {
      shards: shardCount,
      replicas: replicaTotal,
      mode,
      orphaned: orphans.length,
      takeoverMs: takeoverMs.sort((a, b) => a - b),
      afterwards: count(holders(survivors, leases)),
      initialAssignment,
    };
  } finally {
    await Promise.all(replicas.map(stopReplica));
  }
}

/** Requests per second all replicas send for `shardCount` Leases once every Lease has a holder. */
async function steadyRate(controlPlane: ControlPlane, shardCount: number, replicaTotal: number) {
  const run = ++leaseSeq;
  const leases = Array.from({ length: shardCount }, (_, i) => `steady-${run}-shard-${i}`);
  const replicas = Array.from({ length: replicaTotal }, (_, i) => replica(`replica-${i}`));
  try {
    for (const lease of leases) for (const r of replicas) campaign(controlPlane, r, lease);
    await until(() => [...holders(replicas, leases).values()].every((h) => h !== undefined));
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const from = await requestsByMethod(replicas);
    await new Promise((resolve) => setTimeout(resolve, steadySeconds * 1000));
    const to = await requestsByMethod(replicas);
    const perSecond: Record<string, number> = {};
    for (const [method, n] of Object.entries(to)) {
      perSecond[method] = Math.round(((n - (from[method] ?? 0)) / steadySeconds) * 100) / 100;
    }
    return { shards: shardCount, replicas: replicaTotal, requestsPerSecond: perSecond };
  } finally {
    await Promise.all(replicas.map(stopReplica));
  }
}

progress('starting a ControlPlane (etcd, kube-apiserver) ...');
const controlPlane = await ControlPlane.start();
const rounds_: Round[] = [];
const rates: Awaited<ReturnType<typeof steadyRate>>[] = [];
try {
  for (const [shardCount, replicaTotal] of [
    [1, 2],
    [shards, replicaCount],
  ] as const) {
    for (const mode of ['crash', 'graceful'] as const) {
      for (let i = 0; i < rounds; i++) {
        progress(`${shardCount} Lease(s), ${replicaTotal} replicas: ${mode}, round ${i + 1} ...`);
        const round = await failoverRound(controlPlane, shardCount, replicaTotal, mode);
        progress(
          `  ${round.orphaned} orphaned shard(s) taken over after ${round.takeoverMs.join(', ')} ms; ` +
            `initially ${JSON.stringify(round.initialAssignment)}, then ${JSON.stringify(round.afterwards)}`,
        );
        rounds_.push(round);
      }
    }
    progress(`${shardCount} Lease(s), ${replicaTotal} replicas: requests over ${steadySeconds} s ...`);
    const rate = await steadyRate(controlPlane, shardCount, replicaTotal);
    progress(`  ${JSON.stringify(rate.requestsPerSecond)} requests/s`);
    rates.push(rate);
  }
} finally {
  await controlPlane.stop();
}

const summary = rounds_.reduce<Record<string, { lastTakeoverMs: number[] }>>((acc, round) => {
  const key = `${round.shards} shard(s), ${round.replicas} replicas, ${round.mode}`;
  (acc[key] ??= { lastTakeoverMs: [] }).lastTakeoverMs.push(round.takeoverMs.at(-1)!);
  return acc;
}, {});
console.log('\nfailover: time until every orphaned Lease had a new holder (median of rounds; all rounds)');
for (const [key, { lastTakeoverMs }] of Object.entries(summary)) {
  console.log(`  ${key}: ${median(lastTakeoverMs)} ms (${lastTakeoverMs.join(', ')})`);
}
const out = isAbsolute(values.out) ? values.out : join(root, values.out);
await mkdir(dirname(out), { recursive: true });
await writeFile(
  out,
  JSON.stringify(
    {
      date: new Date().toISOString(),
      durations: 'LeaderElector defaults (lease 15 s, renew deadline 10 s, retry 2 s)',
      rounds: rounds_,
      rates,
    },
    null,
    2,
  ),
);
progress(`wrote ${out}`);
