import type {
  KubernetesObject,
  V1ConfigMap,
  V1CronJob,
  V1Deployment,
  V1Job,
  V1Service,
  V1StatefulSet,
} from '@kubernetes/client-node';
import { setControllerReference } from '@score-orchestrator/operator-sdk';
import { RuntimeKubernetesError } from '../errors/runtime-kubernetes.error.js';
import { batchWorkload } from './batch-workload.js';
import type { SecretVersionLookup } from './container-files.js';
import { headlessServiceName, serviceName } from './object-names.js';
import { planIdentity, type PlanObject } from './plan-object.js';
import { mapPodTemplate } from './pod-template.js';
import { LabelKeys, objectAnnotations, objectLabels, selectorLabels } from './workload-labels.js';

/** The workload kinds a plan can run as (`spec.options.workloadKind`). */
export type WorkloadKindName = 'Deployment' | 'StatefulSet';

/** Options of {@link planToManifests}. */
export interface ManifestOptions {
  /** Replicas when `spec.options.replicas` is absent. */
  readonly defaultReplicas: number;
  /** Versions of Secrets mounted as files, for the pod-template hash. */
  readonly secretVersion?: SecretVersionLookup;
}

/** The object that runs a plan's pods. */
export type WorkloadObject = V1Deployment | V1StatefulSet | V1Job | V1CronJob;

/** Everything a plan needs, each object controller-owned by the plan. */
export interface WorkloadManifests {
  /** A Deployment or StatefulSet; for a plan with `spec.batch`, a Job or CronJob. */
  readonly workload: WorkloadObject;
  /** The Service of `service.ports` (absent without ports); for a StatefulSet also its headless Service. */
  readonly services: V1Service[];
  readonly configMaps: V1ConfigMap[];
  /** Every object in apply order: ConfigMaps, Services, then the workload (so pods find their files). */
  readonly all: KubernetesObject[];
}

/**
 * Maps a plan to Kubernetes objects. Pure: same plan and options, same objects (deep-equal). Names derive
 * from the plan's name; labels, annotations and owner references follow the package README's table.
 *
 * A plan with `spec.batch` runs as a Job or CronJob (see {@link batchWorkload}); `options.workloadKind`
 * and `options.replicas` do not apply to it.
 *
 * @throws RuntimeKubernetesError `InvalidPlan` when the plan cannot run as asked (unknown workload kind,
 *   `before` cycle, malformed volume source, a cronjob name too long).
 */
export function planToManifests(plan: PlanObject, options: ManifestOptions): WorkloadManifests {
  const { namespace, name } = planIdentity(plan);
  const batch = plan.spec.batch;
  const kind = batch ? undefined : workloadKindOf(plan);
  const replicas = batch ? 0 : replicasOf(plan, options.defaultReplicas);
  const pod = mapPodTemplate(plan, options.secretVersion);
  const metadata = (objectName: string) => ({
    name: objectName,
    namespace,
    labels: objectLabels(plan),
    annotations: { ...objectAnnotations(plan), [LabelKeys.workloadName]: plan.spec.workload?.name ?? name },
  });
  const selector = { matchLabels: selectorLabels(plan) };
  const services: V1Service[] = [];
  if (pod.ports.servicePorts.length > 0) {
    services.push({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: metadata(serviceName(name)),
      spec: { selector: selectorLabels(plan), ports: pod.ports.servicePorts },
    });
  }
  let workload: WorkloadObject;
  if (batch) {
    workload = batchWorkload(plan, batch, metadata(name), pod.template);
  } else if (kind === 'StatefulSet') {
    const governing = headlessServiceName(name);
    services.push({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: metadata(governing),
      spec: {
        clusterIP: 'None',
        publishNotReadyAddresses: true,
        selector: selectorLabels(plan),
        ...(pod.ports.servicePorts.length > 0 ? { ports: pod.ports.servicePorts } : {}),
      },
    });
    workload = {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: metadata(name),
      spec: { replicas, serviceName: governing, selector, template: pod.template },
    };
  } else {
    workload = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: metadata(name),
      spec: { replicas, selector, template: pod.template },
    };
  }
  const configMaps = pod.configMaps.map((cm) => ({
    ...cm,
    metadata: { ...metadata(cm.metadata?.name ?? ''), ...cm.metadata, labels: objectLabels(plan) },
  }));
  const all: KubernetesObject[] = [...configMaps, ...services, workload];
  for (const obj of all) setControllerReference(plan, obj);
  return { workload, services, configMaps, all };
}

/** `spec.options.workloadKind` (case-insensitive), default `Deployment`. */
export function workloadKindOf(plan: PlanObject): WorkloadKindName {
  const raw = plan.spec.options?.['workloadKind'];
  if (raw === undefined || raw === null || raw === '') return 'Deployment';
  const text = String(raw).toLowerCase();
  if (text === 'deployment') return 'Deployment';
  if (text === 'statefulset') return 'StatefulSet';
  throw new RuntimeKubernetesError(
    'InvalidPlan',
    `failed to map plan: options.workloadKind ${JSON.stringify(raw)} is not supported; use Deployment or StatefulSet (a job or cronjob is spec.batch: a profile's batch or the k8s.score.dev/kind annotation)`,
  );
}

function replicasOf(plan: PlanObject, fallback: number): number {
  const raw = plan.spec.options?.['replicas'];
  if (raw === undefined) return fallback;
  const n = typeof raw === 'string' ? Number(raw) : raw;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) {
    throw new RuntimeKubernetesError(
      'InvalidPlan',
      `failed to map plan: options.replicas ${JSON.stringify(raw)} is not a whole number of at least 0`,
    );
  }
  return n;
}
