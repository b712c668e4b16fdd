// The orchestrator in a process of its own (forked by `OrchestratorProcess`), so its RSS is its own: the
// built-in plugins (resolver-dev, runtime-kubernetes) as `score-orchestrator run` binds them, logs counted
// (not printed), and its memory and metrics sent to the parent when asked.
import { createWriteStream, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeHeapSnapshot } from 'node:v8';
import { Writable } from 'node:stream';
import { ScoreTokens, type PluginModule } from '@score-orchestrator/api';
import { createOrchestrator } from '@score-orchestrator/orchestrator';
import { createLogger, LeanKubeConfig } from '@score-orchestrator/operator-sdk';
import { plugin as resolverDev, ResolverDevTokens } from '@score-orchestrator/resolver-dev';
import { plugin as runtimeKubernetes } from '@score-orchestrator/runtime-kubernetes';
import { Container } from 'inversify';
import type { ChildSample, ChildSettings, ParentMessage } from './child-protocol.js';

const settings = JSON.parse(process.argv[2] ?? '{}') as ChildSettings;

const logs = { lines: 0, bytes: 0 };
// BENCH_LOG_FILE keeps the lines too (for finding out where time goes), besides counting them.
const logFile = process.env.BENCH_LOG_FILE
  ? createWriteStream(process.env.BENCH_LOG_FILE, { flags: 'a' })
  : undefined;
const sink = new Writable({
  write(chunk: Buffer, _encoding, done) {
    logFile?.write(chunk);
    logs.bytes += chunk.length;
    for (const byte of chunk) if (byte === 0x0a) logs.lines++;
    done();
  },
});

// As `score-orchestrator run` loads it: without client-node's generated client, whose memory is not the orchestrator's.
const kubeConfig = new LeanKubeConfig();
kubeConfig.loadFromFile(settings.kubeconfigPath);
const container = new Container();
// kwok runs no containers: an emptyDir instead of a PersistentVolumeClaim, as the golden-path tests do.
container.bind(ResolverDevTokens.Settings).toConstantValue({ storage: { ephemeral: true } });
for (const module of [resolverDev, runtimeKubernetes] as PluginModule[]) {
  for (const cls of module.resolvers ?? []) container.bind(ScoreTokens.Resolver).to(cls).inSingletonScope();
  for (const cls of module.runtimes ?? []) container.bind(ScoreTokens.Runtime).to(cls).inSingletonScope();
}
// BENCH_HOST_CONCURRENCY holds both hosts at one setting while --concurrency varies the Workload
// controller's, to tell the two apart (docs/benchmarks.md#concurrency-8-16-and-32-workers).
const hostConcurrency = Number(process.env.BENCH_HOST_CONCURRENCY) || settings.hostConcurrency;
// BENCH_RUNTIME_HOST_CONCURRENCY varies the runtime host's alone (docs/benchmarks.md#apply-order-and-runtime-host-concurrency).
const runtimeHostConcurrency = Number(process.env.BENCH_RUNTIME_HOST_CONCURRENCY) || hostConcurrency;
const manager = await createOrchestrator({
  kubeConfig,
  config: readFileSync(settings.platformConfigPath, 'utf8'),
  plugins: container,
  logger: createLogger({ stream: sink, level: settings.logLevel }),
  probePort: false,
  leaderElection: false,
  workload: { concurrency: settings.workloadConcurrency },
  resolverHost: { concurrency: hostConcurrency },
  runtimeHost: { concurrency: runtimeHostConcurrency },
});
await manager.start();

// BENCH_HEAP_SNAPSHOT=<dir>: a heap snapshot at the samples the bench names (idle before the creates, all
// Ready), taken after the figures so it does not change them; `memory/heap-attribution.js` reads it.
const snapshotDir = process.env.BENCH_HEAP_SNAPSHOT;

async function sample(snapshot?: string): Promise<ChildSample> {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  gc?.();
  const memory = process.memoryUsage();
  if (snapshotDir && snapshot) {
    mkdirSync(snapshotDir, { recursive: true });
    writeHeapSnapshot(join(snapshotDir, `${snapshot}-${process.pid}.heapsnapshot`));
  }
  const cpu = process.cpuUsage();
  const metrics = await manager.metrics.registry.getMetricsAsJSON();
  const reconciles: Record<string, number> = {};
  const outcomes: Record<string, number> = {};
  const requests: Record<string, number> = {};
  for (const metric of metrics) {
    for (const value of metric.values as { labels: Record<string, string | number>; value: number }[]) {
      if (metric.name === 'controller_runtime_reconcile_total') {
        const name = String(value.labels.controller);
        reconciles[name] = (reconciles[name] ?? 0) + value.value;
        const outcome = `${name}:${String(value.labels.result)}`;
        outcomes[outcome] = (outcomes[outcome] ?? 0) + value.value;
      } else if (metric.name === 'rest_client_requests_total') {
        const method = String(value.labels.method);
        requests[method] = (requests[method] ?? 0) + value.value;
      }
    }
  }
  return {
    rssBytes: memory.rss,
    heapUsedBytes: memory.heapUsed,
    heapTotalBytes: memory.heapTotal,
    externalBytes: memory.external,
    cpuMicros: cpu.user + cpu.system,
    logLines: logs.lines,
    logBytes: logs.bytes,
    reconciles,
    outcomes,
    requests,
  };
}

process.on('message', (message: ParentMessage) => {
  if (message.type === 'sample') {
    void sample(message.snapshot).then((s) => process.send?.({ type: 'sample', sample: s }));
  } else if (message.type === 'stop') {
    void manager.stop().finally(() => process.exit(0));
  }
});
process.send?.({ type: 'ready' });
