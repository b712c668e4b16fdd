/** Container images of the backing services, one per resource type. */
export interface DevImages {
  readonly postgres: string;
  readonly mysql: string;
  readonly redis: string;
  readonly mongodb: string;
  readonly rabbitmq: string;
  readonly minio: string;
  /** The MinIO client image, used by the sidecar that creates the bucket. */
  readonly minioClient: string;
  readonly kafka: string;
  readonly mssql: string;
  readonly elasticsearch: string;
}

/** Where backing services keep their data. */
export interface DevStorage {
  /** Size requested for each data volume (and for `volume` resources without a `size` param). */
  readonly size: string;
  /** StorageClass of the data volumes; the cluster default when absent. */
  readonly storageClassName?: string;
  /**
   * Keep data in an `emptyDir` instead of a PersistentVolumeClaim: data dies with the pod. For clusters
   * without a storage provisioner. Does not apply to `volume` resources, which always are claims.
   */
  readonly ephemeral: boolean;
}

/** The Gateway an HTTPRoute attaches to (`route` resources, when the Gateway API is served). */
export interface DevGateway {
  readonly name: string;
  /** The Gateway's namespace; the route's own when absent. */
  readonly namespace?: string;
}

/**
 * Where `environment` resources read their values: a ConfigMap (plain outputs) and a Secret (secret
 * outputs), read by name. Either may be missing; both missing keeps the claim unready.
 */
export interface DevEnvironment {
  readonly configMapName: string;
  readonly secretName: string;
  /**
   * One platform namespace holding both for every claim (the orchestrator then needs `get` on them there);
   * absent: the claim's own namespace, so each namespace (environment) has its own values.
   */
  readonly namespace?: string;
  /** How often a claim reads them again (they are not watched: the caches hold only labelled objects). */
  readonly refreshIntervalMs: number;
}

/** Settings shared by the dev resolvers. Every field has a default ({@link defaultDevResolverSettings}). */
export interface DevResolverSettings {
  /** Domain under which `dns` resources get their hostnames (e.g. `dns1a2b3c.localhost`). */
  readonly domain: string;
  readonly images: DevImages;
  readonly storage: DevStorage;
  readonly gateway: DevGateway;
  /** `spec.ingressClassName` of Ingresses made for `route` resources; the cluster default when absent. */
  readonly ingressClassName?: string;
  /**
   * How long to wait before looking again at something not watched (another workload's Service), and at
   * a backing service still starting (its StatefulSet's watch normally wakes the claim sooner).
   */
  readonly pollIntervalMs: number;
  readonly environment: DevEnvironment;
}

/** What may be bound to `ResolverDevTokens.Settings`: any subset, merged over the defaults per section. */
export interface DevResolverSettingsInput {
  readonly domain?: string;
  readonly images?: Partial<DevImages>;
  readonly storage?: Partial<DevStorage>;
  readonly gateway?: Partial<DevGateway>;
  readonly ingressClassName?: string;
  readonly pollIntervalMs?: number;
  readonly environment?: Partial<DevEnvironment>;
}

/** The defaults: images and storage size as score-k8s's (elasticsearch: score-compose's) default provisioners use them. */
export const defaultDevResolverSettings: DevResolverSettings = {
  domain: 'localhost',
  images: {
    postgres: 'mirror.gcr.io/postgres:17-alpine',
    mysql: 'mirror.gcr.io/mysql:8',
    redis: 'mirror.gcr.io/redis:7-alpine',
    mongodb: 'mirror.gcr.io/mongo:8',
    rabbitmq: 'mirror.gcr.io/rabbitmq:3-management-alpine',
    minio: 'quay.io/minio/minio:latest',
    minioClient: 'quay.io/minio/mc:latest',
    kafka: 'mirror.gcr.io/apache/kafka:3.9.0',
    mssql: 'mcr.microsoft.com/mssql/server:2022-latest',
    elasticsearch: 'docker.elastic.co/elasticsearch/elasticsearch:8.14.0',
  },
  storage: { size: '1Gi', ephemeral: false },
  gateway: { name: 'default' },
  pollIntervalMs: 10_000,
  environment: {
    configMapName: 'score-environment',
    secretName: 'score-environment',
    refreshIntervalMs: 30_000,
  },
};

/** Merges `input` over the defaults, section by section. Pure. */
export function devResolverSettings(input: DevResolverSettingsInput = {}): DevResolverSettings {
  const d = defaultDevResolverSettings;
  return {
    domain: input.domain ?? d.domain,
    images: { ...d.images, ...input.images },
    storage: { ...d.storage, ...input.storage },
    gateway: { ...d.gateway, ...input.gateway },
    ingressClassName: input.ingressClassName ?? d.ingressClassName,
    pollIntervalMs: input.pollIntervalMs ?? d.pollIntervalMs,
    environment: { ...d.environment, ...input.environment },
  };
}
