// Set-up shared by the resolver-dev e2e tests: a LocalCluster with the ResourceClaim CRD, static volumes for
// StatefulSet data, real ResourceClaims to own backing objects, and a resolver context.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KubernetesObject } from '@kubernetes/client-node';
import {
  ResourceClaim,
  ResourceClaimKind,
  type DeprovisionPolicy,
  type ResolverContext,
  type ResourceRequest,
} from '@score-orchestrator/api';
import {
  BuiltinKinds,
  createLogger,
  generateCrd,
  KubeClient,
  renderCrdYaml,
  SharedCache,
} from '@score-orchestrator/operator-sdk';
import { LocalCluster, eventually as pollUntil } from '@score-orchestrator/testing';

/** StorageClass of the static volumes: the dev cluster has no storage provisioner. */
export const storageClassName = 'e2e-static';

export interface DevCluster {
  readonly cluster: LocalCluster;
  readonly client: KubeClient;
  readonly namespace: string;
  /** A context as the resolver host gives it, with the claim's existing secret outputs. */
  context(existingSecretOutputs?: Record<string, string>): ResolverContext;
  /** Creates a ResourceClaim and returns the request the host would build from it. */
  claim(
    name: string,
    type: string,
    params?: Record<string, unknown>,
    policy?: DeprovisionPolicy,
  ): Promise<ResourceRequest>;
  stop(): Promise<void>;
}

export async function startDevCluster(volumes: number): Promise<DevCluster> {
  const dir = await mkdtemp(join(tmpdir(), 'resolver-dev-crds-'));
  await writeFile(join(dir, 'resourceclaims.yaml'), renderCrdYaml(generateCrd(ResourceClaim)));
  const cluster = await LocalCluster.start({ crds: dir });
  await rm(dir, { recursive: true, force: true });
  const client = new KubeClient(cluster.kubeConfig, { fieldManager: 'resolver-dev-e2e' });
  const namespace = 'dev-resolvers';
  await client.create(BuiltinKinds.Namespace, { metadata: { name: namespace } });
  await createStaticVolumes(client, volumes);
  const cache = new SharedCache({ client });
  const logger = createLogger({ silent: true });
  const abort = new AbortController();

  return {
    cluster,
    client,
    namespace,
    context: (existingSecretOutputs = {}) => ({
      client,
      cache,
      logger,
      existingSecretOutputs,
      signal: abort.signal,
    }),
    async claim(name, type, params = {}, policy = 'Delete') {
      const claim = await client.create<KubernetesObject & { spec: Record<string, unknown> }>(
        ResourceClaimKind,
        {
          apiVersion: 'score.dev/v1b1',
          kind: 'ResourceClaim',
          metadata: { name, namespace },
          spec: { type, class: 'default', params, deprovisionPolicy: policy },
        },
      );
      return {
        type,
        class: 'default',
        params,
        metadata: {},
        namespace,
        claimName: name,
        claim,
        deprovisionPolicy: policy,
      };
    },
    async stop() {
      abort.abort();
      await cluster.stop();
    },
  };
}

/** A StorageClass without provisioner and `count` hostPath volumes in it, so StatefulSet PVCs bind. */
async function createStaticVolumes(client: KubeClient, count: number): Promise<void> {
  await client.apply({
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    metadata: { name: storageClassName },
    provisioner: 'kubernetes.io/no-provisioner',
    volumeBindingMode: 'Immediate',
  });
  for (let i = 0; i < count; i++) {
    await client.apply({
      apiVersion: 'v1',
      kind: 'PersistentVolume',
      metadata: { name: `e2e-static-${i}` },
      spec: {
        storageClassName,
        capacity: { storage: '10Gi' },
        accessModes: ['ReadWriteOnce'],
        persistentVolumeReclaimPolicy: 'Retain',
        hostPath: { path: `/tmp/e2e-static-${i}` },
      },
    });
  }
}

/** Polls `probe` every 250 ms until it returns a value other than undefined/false. */
export async function eventually<T>(
  probe: () => Promise<T | undefined | false>,
  what: string,
  timeoutMs = 120_000,
): Promise<T> {
  return pollUntil(probe, what, { timeoutMs, intervalMs: 250 });
}
