import type { V1ContainerStatus, V1Pod } from '@kubernetes/client-node';

/** A reason pods give for not running, most actionable first. */
export type PodProblemReason = 'ImagePullError' | 'CrashLoop' | 'ContainerConfigError' | 'Unschedulable';

/** One problem, with what a user can act on. */
export interface PodProblem {
  readonly reason: PodProblemReason;
  readonly message: string;
  /** How many of the pods show it. */
  readonly count: number;
}

const imagePullReasons = new Set([
  'ErrImagePull',
  'ImagePullBackOff',
  'InvalidImageName',
  'ErrImageNeverPull',
]);
const configReasons = new Set(['CreateContainerConfigError', 'CreateContainerError', 'RunContainerError']);
const priority: readonly PodProblemReason[] = [
  'ImagePullError',
  'CrashLoop',
  'ContainerConfigError',
  'Unschedulable',
];

/**
 * The most actionable problem the pods show, or undefined: image pull errors (`ErrImagePull`,
 * `ImagePullBackOff`...), crash loops (`CrashLoopBackOff`), container configuration errors (e.g. a missing
 * Secret key) — init containers and sidecars included — and pods the scheduler cannot place
 * (`PodScheduled=False`, reason `Unschedulable`). Terminating pods are ignored. Pure.
 */
export function findPodProblem(pods: readonly V1Pod[]): PodProblem | undefined {
  const found = new Map<PodProblemReason, { message: string; count: number }>();
  const note = (reason: PodProblemReason, message: string) => {
    const seen = found.get(reason);
    found.set(reason, { message: seen?.message ?? message, count: (seen?.count ?? 0) + 1 });
  };
  for (const pod of pods) {
    if (pod.metadata?.deletionTimestamp) continue;
    const statuses = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])];
    const problem = statuses.map((s) => containerProblem(pod, s)).find((p) => p !== undefined);
    if (problem) {
      note(problem.reason, problem.message);
      continue;
    }
    const scheduled = pod.status?.conditions?.find((c) => c.type === 'PodScheduled');
    if (scheduled?.status === 'False' && scheduled.reason === 'Unschedulable') {
      const detail = scheduled.message ? `: ${scheduled.message.trim()}` : '';
      note(
        'Unschedulable',
        `no node has room for the workload${detail}; lower its resource requests or ask the platform team for capacity`,
      );
    }
  }
  for (const reason of priority) {
    const hit = found.get(reason);
    if (hit) return { reason, ...hit };
  }
  return undefined;
}

function containerProblem(pod: V1Pod, status: V1ContainerStatus): Omit<PodProblem, 'count'> | undefined {
  const waiting = status.state?.waiting;
  if (!waiting?.reason) return undefined;
  const image = imageOf(pod, status.name) ?? status.image;
  if (imagePullReasons.has(waiting.reason)) {
    return {
      reason: 'ImagePullError',
      message: `container ${status.name} cannot pull image ${image}: check that the image and tag exist and that the registry lets the cluster pull it${detail(waiting.message)}`,
    };
  }
  if (waiting.reason === 'CrashLoopBackOff') {
    const last = status.lastState?.terminated;
    const exit = last?.exitCode !== undefined ? `, last exit code ${last.exitCode}` : '';
    return {
      reason: 'CrashLoop',
      message: `container ${status.name} (image ${image}) keeps exiting (restarted ${status.restartCount ?? 0} times${exit}): check its logs, command and configuration`,
    };
  }
  if (configReasons.has(waiting.reason)) {
    return {
      reason: 'ContainerConfigError',
      message: `container ${status.name} cannot start${detail(waiting.message)}`,
    };
  }
  return undefined;
}

function imageOf(pod: V1Pod, container: string): string | undefined {
  const all = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])];
  return all.find((c) => c.name === container)?.image;
}

function detail(message: string | undefined): string {
  const text = message?.trim();
  return text ? ` (${text.length > 200 ? `${text.slice(0, 197)}...` : text})` : '';
}
