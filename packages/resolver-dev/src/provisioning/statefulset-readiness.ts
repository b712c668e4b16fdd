import type { V1StatefulSet } from '@kubernetes/client-node';

/** Whether a backing StatefulSet serves, with counts for the claim's message. */
export interface Readiness {
  readonly ready: boolean;
  readonly readyReplicas: number;
  readonly desiredReplicas: number;
}

/**
 * Ready when the StatefulSet controller has seen the latest spec and every desired replica is updated and
 * ready (for the dev services: the one pod passes its readiness probe). Pure.
 */
export function statefulSetReadiness(statefulSet: V1StatefulSet | undefined): Readiness {
  const desiredReplicas = statefulSet?.spec?.replicas ?? 1;
  const status = statefulSet?.status;
  const readyReplicas = status?.readyReplicas ?? 0;
  const observed =
    status?.observedGeneration !== undefined &&
    status.observedGeneration >= (statefulSet?.metadata?.generation ?? 0);
  const updated = (status?.updatedReplicas ?? 0) >= desiredReplicas;
  return { ready: observed && updated && readyReplicas >= desiredReplicas, readyReplicas, desiredReplicas };
}
