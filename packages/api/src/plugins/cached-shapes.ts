// What the hosts' cache keeps of the big kinds the plugins read: Pods, Deployments and StatefulSets.
import type {
  KubernetesObject,
  V1Container,
  V1ContainerStatus,
  V1Deployment,
  V1Pod,
  V1StatefulSet,
} from '@kubernetes/client-node';
import type { CacheTransform } from '@score-orchestrator/operator-sdk';

/**
 * A cached Pod keeps its metadata and what the runtimes read to explain a rollout (pod problems, unready
 * containers): each container's and init container's `name`, `image`, `readinessProbe` and `livenessProbe`,
 * each volume's `name` and `persistentVolumeClaim`, and `status.phase`, `conditions`, and each container
 * status's `name`, `image`, `ready`, `started`, `restartCount`, `state` and `lastState`. Everything else
 * (env, mounts, resources, tolerations, node and IP fields, the service account token volume...) is
 * dropped: about three quarters of a Pod. A plugin that reads more of a Pod reads it through `ctx.client`.
 */
export const podCacheShape: CacheTransform = (obj) => {
  const pod = obj as V1Pod;
  const spec = pod.spec;
  const status = pod.status;
  const shaped: V1Pod = {
    apiVersion: pod.apiVersion,
    kind: pod.kind,
    metadata: pod.metadata,
    ...(spec && {
      spec: {
        containers: spec.containers?.map(containerShape),
        ...(spec.initContainers && { initContainers: spec.initContainers.map(containerShape) }),
        ...(spec.volumes && {
          volumes: spec.volumes.map((v) =>
            v.persistentVolumeClaim
              ? { name: v.name, persistentVolumeClaim: v.persistentVolumeClaim }
              : { name: v.name },
          ),
        }),
      },
    }),
    ...(status && {
      status: {
        phase: status.phase,
        conditions: status.conditions,
        containerStatuses: status.containerStatuses?.map(containerStatusShape),
        initContainerStatuses: status.initContainerStatuses?.map(containerStatusShape),
      },
    }),
  };
  return shaped as KubernetesObject;
};

/**
 * A cached Deployment or StatefulSet keeps its metadata, its status and of its spec `replicas`, `selector`,
 * `progressDeadlineSeconds`, `paused` and `serviceName`: what a rollout reading needs. The pod template and
 * volume claim templates (most of the object) are dropped; whether an apply would change them is known from
 * the digest the cache keeps of what each field manager applied (`alreadyApplied`), not from the spec.
 */
export const rolloutCacheShape: CacheTransform = (obj) => {
  const workload = obj as V1Deployment & V1StatefulSet;
  const spec = workload.spec;
  if (!spec) return obj;
  const kept = {
    replicas: spec.replicas,
    selector: spec.selector,
    progressDeadlineSeconds: spec.progressDeadlineSeconds,
    paused: spec.paused,
    serviceName: spec.serviceName,
  };
  const shapedSpec = Object.fromEntries(Object.entries(kept).filter(([, value]) => value !== undefined));
  return { ...workload, spec: shapedSpec } as KubernetesObject;
};

function containerShape(container: V1Container): V1Container {
  const { name, image, readinessProbe, livenessProbe } = container;
  return {
    name,
    ...(image !== undefined && { image }),
    ...(readinessProbe && { readinessProbe }),
    ...(livenessProbe && { livenessProbe }),
  };
}

function containerStatusShape(status: V1ContainerStatus): V1ContainerStatus {
  const { name, image, imageID, ready, started, restartCount, state, lastState } = status;
  return {
    name,
    image,
    imageID,
    ready,
    restartCount,
    ...(started !== undefined && { started }),
    state,
    lastState,
  };
}
