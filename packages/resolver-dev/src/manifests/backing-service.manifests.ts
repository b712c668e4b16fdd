import type {
  V1Container,
  V1EnvVar,
  V1PersistentVolumeClaim,
  V1Probe,
  V1Secret,
  V1Service,
  V1StatefulSet,
  V1Volume,
  V1VolumeMount,
} from '@kubernetes/client-node';
import type { ResourceRequest } from '@score-orchestrator/api';
import { encodeSecretData } from '../credentials/resolve-credentials.js';
import { backingLabels, backingMetadata, ownedByClaim, selectorLabels } from '../naming/backing-labels.js';
import type { DevStorage } from '../settings/dev-resolver-settings.js';

/** A port the backing service listens on (container port = Service port). */
export interface BackingPort {
  readonly name: string;
  readonly port: number;
}

/**
 * What a resolver says about its backing service; {@link buildBackingService} turns it into a Secret,
 * a Service and a single-replica StatefulSet, all named `name` and controlled by the claim.
 */
export interface BackingServiceSpec {
  /** What runs, e.g. `postgres`: `app.kubernetes.io/name` and the main container's name. */
  readonly component: string;
  /** Name of every backing object (see `backingName`). */
  readonly name: string;
  readonly image: string;
  /** Ports, the first being the one clients use. */
  readonly ports: readonly BackingPort[];
  /** Where the data volume is mounted. */
  readonly dataPath: string;
  /**
   * `user:group` (names inside the image) that must own the data folder, for a server that drops root
   * before it writes there. An init container of the same image, as root, gives the folder to it: volume
   * provisioners create root-owned folders (the host-path provisioner's are 0750), and `fsGroup` does not
   * apply to hostPath or local volumes. Unset: the server prepares its folder itself.
   */
  readonly dataOwner?: string;
  /** Contents of the backing Secret (plain text; encoded here). Empty: no Secret. */
  readonly secretData: Readonly<Record<string, string>>;
  /** Env vars with literal, non-secret values. */
  readonly env?: readonly V1EnvVar[];
  /** Env vars read from the backing Secret: env var name -> Secret key. Values never enter the spec. */
  readonly secretEnv?: Readonly<Record<string, string>>;
  /** Secret keys mounted as files: `mountPath` holds one file per item. */
  readonly secretFiles?: {
    readonly mountPath: string;
    readonly items: readonly { key: string; path: string }[];
  };
  readonly command?: readonly string[];
  readonly args?: readonly string[];
  readonly readinessProbe?: V1Probe;
  /** Further containers in the pod (e.g. one that creates a bucket or topic once the server is up). */
  readonly sidecars?: readonly V1Container[];
}

/** The objects of one backing service. */
export interface BackingServiceManifests {
  /** Absent when the service has no credentials. */
  readonly secret?: V1Secret;
  readonly service: V1Service;
  readonly statefulSet: V1StatefulSet;
}

/** Name of the data volume (and of the StatefulSet's volumeClaimTemplate). */
export const dataVolumeName = 'data';

/** Env vars that read `secretEnv` from the backing Secret `secretName`. */
export function secretEnvVars(secretName: string, secretEnv: Readonly<Record<string, string>>): V1EnvVar[] {
  return Object.entries(secretEnv).map(([name, key]) => ({
    name,
    valueFrom: { secretKeyRef: { name: secretName, key } },
  }));
}

/** Builds the Secret, Service and StatefulSet of `spec` for `request`. Pure: nothing is written. */
export function buildBackingService(
  request: ResourceRequest,
  spec: BackingServiceSpec,
  storage: DevStorage,
): BackingServiceManifests {
  const { name, component } = spec;
  const hasSecret = Object.keys(spec.secretData).length > 0;
  const secret: V1Secret | undefined = hasSecret
    ? ownedByClaim(request, {
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: backingMetadata(request, name, component),
        type: 'Opaque',
        data: encodeSecretData(spec.secretData),
      })
    : undefined;

  const service: V1Service = ownedByClaim(request, {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: backingMetadata(request, name, component),
    spec: {
      type: 'ClusterIP',
      selector: selectorLabels(name),
      ports: spec.ports.map((p) => ({ name: p.name, port: p.port, targetPort: p.name, protocol: 'TCP' })),
    },
  });

  const mounts: V1VolumeMount[] = [{ name: dataVolumeName, mountPath: spec.dataPath }];
  const volumes: V1Volume[] = [];
  if (spec.secretFiles) {
    mounts.push({ name: 'secret-files', mountPath: spec.secretFiles.mountPath, readOnly: true });
    volumes.push({ name: 'secret-files', secret: { secretName: name, items: [...spec.secretFiles.items] } });
  }
  if (storage.ephemeral) volumes.push({ name: dataVolumeName, emptyDir: {} });

  const main: V1Container = {
    name: component,
    image: spec.image,
    command: spec.command ? [...spec.command] : undefined,
    args: spec.args ? [...spec.args] : undefined,
    ports: spec.ports.map((p) => ({ name: p.name, containerPort: p.port, protocol: 'TCP' })),
    env: [...(spec.env ?? []), ...secretEnvVars(name, spec.secretEnv ?? {})],
    volumeMounts: mounts,
    readinessProbe: spec.readinessProbe,
  };

  const claimTemplate: V1PersistentVolumeClaim = {
    metadata: { name: dataVolumeName, labels: backingLabels(request, name, component) },
    spec: {
      accessModes: ['ReadWriteOnce'],
      storageClassName: storage.storageClassName,
      resources: { requests: { storage: storage.size } },
    },
  };

  const statefulSet: V1StatefulSet = ownedByClaim(request, {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: backingMetadata(request, name, component),
    spec: {
      replicas: 1,
      serviceName: name,
      selector: { matchLabels: selectorLabels(name) },
      template: {
        metadata: { labels: backingLabels(request, name, component) },
        spec: {
          automountServiceAccountToken: false,
          enableServiceLinks: false,
          initContainers:
            spec.dataOwner !== undefined ? [prepareDataContainer(spec, spec.dataOwner)] : undefined,
          containers: [main, ...(spec.sidecars ?? [])],
          volumes: volumes.length > 0 ? volumes : undefined,
        },
      },
      volumeClaimTemplates: storage.ephemeral ? undefined : [claimTemplate],
      // Deleting the StatefulSet deletes its data volumes too (the `Delete` deprovision policy).
      persistentVolumeClaimRetentionPolicy: storage.ephemeral
        ? undefined
        : { whenDeleted: 'Delete', whenScaled: 'Retain' },
    },
  });

  return { secret, service, statefulSet: dropUndefined(statefulSet) };
}

/** Name of the init container that gives the data folder to {@link BackingServiceSpec.dataOwner}. */
export const prepareDataContainerName = 'prepare-data';

function prepareDataContainer(spec: BackingServiceSpec, owner: string): V1Container {
  return {
    name: prepareDataContainerName,
    image: spec.image,
    command: ['chown', owner, spec.dataPath],
    securityContext: { runAsUser: 0, runAsNonRoot: false },
    volumeMounts: [{ name: dataVolumeName, mountPath: spec.dataPath }],
  };
}

/** Removes `undefined` fields, so server-side apply sees only the fields this resolver sets. */
function dropUndefined<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
