// Shared set-up of the golden-path e2e tests: a LocalCluster with the Score CRDs, the orchestrator run
// in-process with the built-in plugins (as `score-orchestrator run` does), the example files, and helpers
// to wait for a Workload and to look for secret values where none may be.
import { afterAll, beforeAll } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { KubeConfig, KubernetesObject, V1Secret } from '@kubernetes/client-node';
import {
  convertScoreFile,
  ResourceClaimKind,
  ScoreTokens,
  WorkloadKind,
  WorkloadPlanKind,
  type PluginModule,
  type ResourceClaim,
  type Workload,
} from '@score-orchestrator/api';
import { createOrchestrator, type PlatformConfigSource } from '@score-orchestrator/orchestrator';
import {
  BuiltinKinds,
  createLogger,
  KubeClient,
  type Manager,
  type ManagerLeaderElectionOptions,
} from '@score-orchestrator/operator-sdk';
import {
  plugin as resolverDev,
  ResolverDevTokens,
  type DevResolverSettingsInput,
} from '@score-orchestrator/resolver-dev';
import { plugin as runtimeKubernetes } from '@score-orchestrator/runtime-kubernetes';
import { LocalCluster, eventually as pollUntil, type LocalClusterOptions } from '@score-orchestrator/testing';
import { Container } from 'inversify';
import { parse } from 'yaml';

const root = process.cwd();

/** A file of `examples/hello`, as text. */
export function readExample(file: string): string {
  return readFileSync(join(root, 'examples', 'hello', file), 'utf8');
}

/** `examples/hello/workload.yaml` in `namespace`. */
export function helloWorkload(namespace: string): Workload {
  const workload = parse(readExample('workload.yaml')) as Workload;
  return { ...workload, metadata: { ...workload.metadata, namespace } };
}

/** A Workload from Score YAML, in `namespace`. */
export function workloadFromScore(score: string, namespace: string): Workload {
  return convertScoreFile(score, { namespace }) as unknown as Workload;
}

/** A LocalCluster with the checked-in CRDs (`crds/`) and an admin client. */
export interface GoldenCluster {
  readonly cluster: LocalCluster;
  readonly client: KubeClient;
  namespace(name: string): Promise<string>;
  stop(): Promise<void>;
}

export async function startGoldenCluster(options: LocalClusterOptions = {}): Promise<GoldenCluster> {
  const cluster = await LocalCluster.start({ crds: join(root, 'crds'), ...options });
  const client = new KubeClient(cluster.kubeConfig, { fieldManager: 'golden-path-e2e' });
  for (const kind of [WorkloadKind, ResourceClaimKind, WorkloadPlanKind]) client.registerKind(kind);
  return {
    cluster,
    client,
    async namespace(name) {
      await client.create(BuiltinKinds.Namespace, { metadata: { name } });
      return name;
    },
    stop: () => cluster.stop(),
  };
}

/** What the orchestrator logged (level warn and above unless asked), one parsed JSON line each. */
export interface LogCapture {
  readonly lines: Record<string, unknown>[];
  readonly text: () => string;
}

export interface RunningOrchestrator {
  readonly manager: Manager;
  readonly logs: LogCapture;
  stop(): Promise<void>;
}

/**
 * Starts the orchestrator in-process with the built-in plugins (resolver-dev, runtime-kubernetes) and
 * `config` (platform YAML, or a source to read it from). Dev databases keep their data in an `emptyDir`
 * (`storage.ephemeral`) unless `resolverDevSettings` says otherwise: kwok runs no containers, so volumes
 * would only slow the tests down.
 */
export async function startOrchestrator(
  kubeConfig: KubeConfig,
  config: string | PlatformConfigSource,
  options: {
    leaderElection?: ManagerLeaderElectionOptions;
    logLevel?: string;
    resolverDevSettings?: DevResolverSettingsInput;
    /** More plugin modules, bound after the built-in ones (e.g. a provisioner-file plugin). */
    plugins?: readonly PluginModule[];
  } = {},
): Promise<RunningOrchestrator> {
  const container = new Container();
  container
    .bind(ResolverDevTokens.Settings)
    .toConstantValue(options.resolverDevSettings ?? { storage: { ephemeral: true } });
  for (const module of [resolverDev, runtimeKubernetes, ...(options.plugins ?? [])] as PluginModule[]) {
    for (const cls of module.resolvers ?? []) container.bind(ScoreTokens.Resolver).to(cls).inSingletonScope();
    for (const cls of module.runtimes ?? []) container.bind(ScoreTokens.Runtime).to(cls).inSingletonScope();
  }
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (line.trim()) lines.push(JSON.parse(line) as Record<string, unknown>);
      }
      done();
    },
  });
  const manager = await createOrchestrator({
    kubeConfig,
    ...(typeof config === 'string' ? { config } : { configSource: config }),
    plugins: container,
    logger: createLogger({ stream, level: options.logLevel ?? 'warn' }),
    probePort: false,
    leaderElection: options.leaderElection ?? false,
    workload: { deletionTimeoutMs: 60_000 },
  });
  await manager.start();
  return {
    manager,
    logs: { lines, text: () => lines.map((line) => JSON.stringify(line)).join('\n') },
    stop: () => manager.stop(),
  };
}

/** A GoldenCluster with the orchestrator running on it, as {@link useGoldenOrchestrator} provides. */
export interface GoldenOrchestrator {
  readonly golden: GoldenCluster;
  readonly orchestrator: RunningOrchestrator;
}

/**
 * For a test file whose examples share one cluster: registers `beforeAll`/`afterAll` that start a
 * GoldenCluster and the orchestrator with examples/hello's platform config, and stop both. Read `golden` and
 * `orchestrator` from the returned object inside tests (they are set once `beforeAll` has run).
 */
export function useGoldenOrchestrator(): GoldenOrchestrator {
  const env = {} as { golden: GoldenCluster; orchestrator: RunningOrchestrator };
  beforeAll(async () => {
    env.golden = await startGoldenCluster();
    env.orchestrator = await startOrchestrator(env.golden.cluster.kubeConfig, readExample('platform.yaml'));
  });
  afterAll(async () => {
    await env.orchestrator?.stop();
    await env.golden?.stop();
  });
  return env;
}

/** Polls `probe` every 100 ms until it returns something other than undefined/false. */
export async function eventually<T>(
  probe: () => Promise<T | undefined | false>,
  what: string,
  timeoutMs = 120_000,
): Promise<T> {
  return pollUntil(probe, what, { timeoutMs, intervalMs: 100 });
}

/** The condition of `type` on a Workload, or undefined. */
export function conditionOf(workload: Workload | undefined, type: string) {
  return workload?.status?.conditions?.find((condition) => condition.type === type);
}

/** Waits until the Workload is Ready (and has observed its generation); says where it stands on timeout. */
export async function waitForReady(client: KubeClient, namespace: string, name: string): Promise<Workload> {
  let last: Workload | undefined;
  try {
    return await eventually(async () => {
      last = await client.get<Workload>(WorkloadKind, { namespace, name });
      const ready = conditionOf(last, 'Ready');
      return (
        ready?.status === 'True' && last?.status?.observedGeneration === last?.metadata.generation && last
      );
    }, `Workload ${namespace}/${name} Ready`);
  } catch (err) {
    throw new Error(`${(err as Error).message}; last status: ${JSON.stringify(last?.status)}`);
  }
}

/** An events.k8s.io/v1 Event, as far as these tests read it. */
export type WorkloadEvent = KubernetesObject & {
  type?: string;
  reason?: string;
  note?: string;
  regarding?: { kind?: string; name?: string };
  series?: { count: number };
};

/** The Events regarding one Workload. */
export async function workloadEvents(
  client: KubeClient,
  namespace: string,
  name: string,
): Promise<WorkloadEvent[]> {
  const kind = { apiVersion: 'events.k8s.io/v1', kind: 'Event', plural: 'events', namespaced: true };
  const { items } = await client.list<WorkloadEvent>(kind, { namespace });
  return items.filter((e) => e.regarding?.kind === 'Workload' && e.regarding.name === name);
}

/** The claims of a namespace. */
export async function claimsIn(client: KubeClient, namespace: string): Promise<ResourceClaim[]> {
  return (await client.list<ResourceClaim>(ResourceClaimKind, { namespace })).items;
}

/** The decoded values of the claim's outputs Secret (`status.secretName`). */
export async function claimSecretValues(
  client: KubeClient,
  claim: ResourceClaim,
): Promise<Record<string, string>> {
  const name = claim.status?.secretName;
  if (!name) return {};
  const secret = await client.get<V1Secret>(BuiltinKinds.Secret, {
    namespace: claim.metadata.namespace,
    name,
  });
  return Object.fromEntries(
    Object.entries(secret?.data ?? {}).map(([key, value]) => [
      key,
      Buffer.from(value, 'base64').toString('utf8'),
    ]),
  );
}

/** Each of `secrets` (and its base64 form) found in the serialized objects, as `<where>: <key>`. */
export function secretLeaks(
  secrets: Record<string, string>,
  places: Record<string, KubernetesObject | string | undefined>,
): string[] {
  const leaks: string[] = [];
  for (const [where, obj] of Object.entries(places)) {
    const text = typeof obj === 'string' ? obj : JSON.stringify(obj);
    for (const [key, value] of Object.entries(secrets)) {
      if (value.length < 8) continue; // not a generated credential (e.g. a user name)
      if (text.includes(value) || text.includes(Buffer.from(value).toString('base64'))) {
        leaks.push(`${where}: ${key}`);
      }
    }
  }
  return leaks;
}
