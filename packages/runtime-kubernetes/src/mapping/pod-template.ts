import type {
  V1ConfigMap,
  V1Container,
  V1ContainerPort,
  V1PodTemplateSpec,
  V1ResourceRequirements,
  V1Volume,
  V1VolumeMount,
} from '@kubernetes/client-node';
import type { ContainerResources, PlanContainer } from '@score-orchestrator/api';
import { contentHash } from './content-hash.js';
import { mapContainerFiles, type SecretVersionLookup } from './container-files.js';
import { orderContainers, type ContainerRole } from './container-order.js';
import { mapPorts, type MappedPorts } from './container-ports.js';
import { mapProbe } from './container-probes.js';
import { mapContainerVolumes } from './container-volumes.js';
import { mapEnvVars } from './env-vars.js';
import { planIdentity, type PlanObject } from './plan-object.js';
import { LabelKeys, objectAnnotations, objectLabels } from './workload-labels.js';

/** The pod template of a plan and what goes with it. */
export interface MappedPodTemplate {
  readonly template: V1PodTemplateSpec;
  /** The ConfigMaps of the containers' files (one per container with content files). */
  readonly configMaps: V1ConfigMap[];
  readonly ports: MappedPorts;
}

/**
 * Builds the pod template: containers in `before` order (see {@link orderContainers}), their env, files,
 * volumes, resources, probes and ports, the plan's labels and annotations, and — when files are mounted —
 * the `score.dev/files-hash` annotation, so a change of any file's content, mode or Secret rolls the pods.
 *
 * @throws RuntimeKubernetesError `InvalidPlan` (from ordering or volumes).
 */
export function mapPodTemplate(plan: PlanObject, secretVersion?: SecretVersionLookup): MappedPodTemplate {
  const { namespace, name } = planIdentity(plan);
  const containers = plan.spec.containers ?? {};
  const order = orderContainers(containers);
  const ports = mapPorts(plan.spec.service, containers, order);
  const volumes: V1Volume[] = [];
  const configMaps: V1ConfigMap[] = [];
  const hashInputs: Record<string, unknown> = {};
  const build = (role: ContainerRole): V1Container => {
    const spec = containers[role.name]!;
    const files = mapContainerFiles(name, namespace, role.name, spec.files, secretVersion);
    const mounted = mapContainerVolumes(role.name, spec.volumes);
    if (files.configMap) configMaps.push(files.configMap);
    if (files.volume) volumes.push(files.volume);
    if (files.hashInput !== undefined) hashInputs[role.name] = files.hashInput;
    for (const v of mounted.volumes) if (!volumes.some((o) => o.name === v.name)) volumes.push(v);
    return buildContainer(role, spec, ports, [...files.mounts, ...mounted.mounts]);
  };
  const initContainers = order.init.map(build);
  const mainContainers = order.main.map(build);
  const hash = Object.keys(hashInputs).length > 0 ? contentHash(hashInputs) : undefined;
  const annotations = { ...objectAnnotations(plan), ...(hash ? { [LabelKeys.filesHash]: hash } : {}) };
  return {
    template: {
      metadata: {
        labels: objectLabels(plan),
        ...(Object.keys(annotations).length > 0 ? { annotations } : {}),
      },
      spec: {
        ...(initContainers.length > 0 ? { initContainers } : {}),
        containers: mainContainers,
        ...(volumes.length > 0 ? { volumes } : {}),
      },
    },
    configMaps,
    ports,
  };
}

function buildContainer(
  role: ContainerRole,
  spec: PlanContainer,
  ports: MappedPorts,
  mounts: V1VolumeMount[],
): V1Container {
  const containerPorts = ports.containerPorts.get(role.name) ?? [];
  const env = mapEnvVars(spec.env);
  const resources = mapResources(spec.resources);
  // Init containers that run to completion may not have probes; sidecars and main containers may. A
  // `healthy` sidecar's startup probe holds back the containers after it until it passes (validation
  // makes sure it has a readiness or liveness probe to copy).
  const probes = role.role === 'init' ? {} : mapProbes(spec, containerPorts);
  const startupProbe =
    role.role === 'sidecar' && role.healthy
      ? mapProbe(spec.readinessProbe ?? spec.livenessProbe, containerPorts)
      : undefined;
  return {
    name: role.name,
    image: spec.image,
    ...(spec.command?.length ? { command: [...spec.command] } : {}),
    ...(spec.args?.length ? { args: [...spec.args] } : {}),
    ...(env ? { env } : {}),
    ...(containerPorts.length > 0 ? { ports: containerPorts } : {}),
    ...(resources ? { resources } : {}),
    ...(mounts.length > 0 ? { volumeMounts: mounts } : {}),
    ...probes,
    ...(startupProbe ? { startupProbe } : {}),
    ...(role.role === 'sidecar' ? { restartPolicy: 'Always' } : {}),
  };
}

function mapProbes(spec: PlanContainer, ports: readonly V1ContainerPort[]) {
  const livenessProbe = mapProbe(spec.livenessProbe, ports);
  const readinessProbe = mapProbe(spec.readinessProbe, ports);
  return { ...(livenessProbe ? { livenessProbe } : {}), ...(readinessProbe ? { readinessProbe } : {}) };
}

/**
 * CPU and memory requests and limits as Kubernetes quantities: as given, except Score's decimal kilo `K`
 * (`128K`), which Kubernetes spells `k` and refuses in upper case. Every other Score unit is one of
 * Kubernetes'.
 */
export function mapResources(resources: ContainerResources | undefined): V1ResourceRequirements | undefined {
  const amounts = (a: { cpu?: string; memory?: string } | undefined) => {
    const out: Record<string, string> = {};
    if (a?.cpu) out['cpu'] = a.cpu;
    if (a?.memory) out['memory'] = a.memory.replace(/K$/, 'k');
    return Object.keys(out).length > 0 ? out : undefined;
  };
  const limits = amounts(resources?.limits);
  const requests = amounts(resources?.requests);
  if (!limits && !requests) return undefined;
  return { ...(limits ? { limits } : {}), ...(requests ? { requests } : {}) };
}
