import type { V1Deployment, V1Pod, V1StatefulSet } from '@kubernetes/client-node';
import type { RuntimePhase } from '@score-orchestrator/api';
import { findPodProblem, findUnreadyContainer } from './pod-problems.js';

/** The runtime's reading of a workload, without the endpoint. */
export interface RolloutObservation {
  readonly phase: RuntimePhase;
  /** `Ready`, `RolloutInProgress`, `ImagePullError`, `CrashLoop`, `MissingObject`, `MissingKey`, `ContainerConfigError`, `UnboundVolumeClaim`, `Unschedulable`, `RolloutStalled`. */
  readonly reason: string;
  readonly message: string;
}

/**
 * Reads a Deployment's or StatefulSet's rollout and its pods. Pure.
 *
 * - `Ready` only when the rollout is complete: the controller has seen the newest spec
 *   (`observedGeneration >= generation`) and every replica is updated, ready and available (a StatefulSet
 *   also has `currentRevision == updateRevision`).
 * - Otherwise a problem the pods show (see `findPodProblem`), or a Deployment past its progress deadline
 *   (`ProgressDeadlineExceeded` → `RolloutStalled`), is `Degraded` while some replicas still serve and
 *   `Failed` when none does.
 * - Otherwise `Progressing` (`RolloutInProgress`), with counts, and the first container that runs but is not
 *   ready with the readiness probe it waits for (a probe that keeps failing shows there).
 */
export function observeRollout(
  workload: V1Deployment | V1StatefulSet,
  pods: readonly V1Pod[],
): RolloutObservation {
  const wanted = workload.spec?.replicas ?? 1;
  const status = workload.status ?? {};
  const seen =
    (status.observedGeneration ?? 0) >= (workload.metadata?.generation ?? 0) && workload.status !== undefined;
  const updated = status.updatedReplicas ?? 0;
  const ready = status.readyReplicas ?? 0;
  const available = status.availableReplicas ?? 0;
  const total = status.replicas ?? 0;
  const isStatefulSet = workload.kind === 'StatefulSet';
  const revisionsMatch =
    !isStatefulSet ||
    (workload as V1StatefulSet).status?.currentRevision ===
      (workload as V1StatefulSet).status?.updateRevision;
  if (
    seen &&
    updated === wanted &&
    ready === wanted &&
    available === wanted &&
    total === wanted &&
    revisionsMatch
  ) {
    return {
      phase: 'Ready',
      reason: 'Ready',
      message: wanted === 0 ? 'scaled to zero replicas' : `all ${wanted} ${plural(wanted, 'replica')} ready`,
    };
  }
  const serving = available > 0 ? `; ${available} of ${wanted} ${plural(wanted, 'replica')} still serve` : '';
  const broken = (reason: string, message: string): RolloutObservation => ({
    phase: available > 0 ? 'Degraded' : 'Failed',
    reason,
    message: `${message}${serving}`,
  });
  const problem = findPodProblem(pods);
  if (problem) return broken(problem.reason, problem.message);
  const progressing = isStatefulSet
    ? undefined
    : (workload as V1Deployment).status?.conditions?.find((c) => c.type === 'Progressing');
  if (progressing?.status === 'False' && progressing.reason === 'ProgressDeadlineExceeded') {
    const deadline = (workload as V1Deployment).spec?.progressDeadlineSeconds ?? 600;
    return broken(
      'RolloutStalled',
      `the update did not finish within ${deadline}s: ${updated} of ${wanted} ${plural(wanted, 'replica')} updated, ${available} available`,
    );
  }
  const unready = findUnreadyContainer(pods);
  return {
    phase: 'Progressing',
    reason: 'RolloutInProgress',
    message: seen
      ? `waiting for replicas: ${updated} of ${wanted} updated, ${ready} ready, ${available} available${unready ? `; ${unready}` : ''}`
      : 'waiting for the update to start',
  };
}

/** `word`, with an `s` unless `n` is 1. */
export function plural(n: number, word: string): string {
  return n === 1 ? word : `${word}s`;
}
