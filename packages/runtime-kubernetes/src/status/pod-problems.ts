import type { V1Container, V1ContainerStatus, V1Pod, V1Probe } from '@kubernetes/client-node';

/** A reason pods give for not running, most actionable first. */
export type PodProblemReason =
  | 'ImagePullError'
  | 'CrashLoop'
  | 'MissingObject'
  | 'MissingKey'
  | 'ContainerConfigError'
  | 'UnboundVolumeClaim'
  | 'Unschedulable';

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
  'MissingObject',
  'MissingKey',
  'ContainerConfigError',
  'UnboundVolumeClaim',
  'Unschedulable',
];

/**
 * An object a pod needs that is not there, as the scheduler (`persistentvolumeclaim "data" not found`,
 * `persistentvolumeclaim "data" is being deleted`) and the kubelet (`secret "db" not found`,
 * `configmap "cfg" not found`) report it; API errors may use the plural.
 */
const missingObject = /\b(persistentvolumeclaim|configmap|secret)s? "([^"]+)" (not found|is being deleted)/i;
const kindNames: Readonly<Record<string, string>> = {
  persistentvolumeclaim: 'PersistentVolumeClaim',
  configmap: 'ConfigMap',
  secret: 'Secret',
};
/**
 * A key a container reads that its Secret or ConfigMap lacks, as the kubelet reports it:
 * `couldn't find key password in Secret team-a/db` (the message names the key, never a value).
 */
const missingKey = /couldn't find key (\S+) in (Secret|ConfigMap) (?:[^/\s]+\/)?(\S+)/;
/**
 * How a container ends when the kubelet stops it, as it does when its liveness probe fails: the image's
 * stop signal (SIGTERM, or SIGQUIT as nginx's image says, or SIGINT) handled gracefully (0) or not (128 +
 * 15, 3 or 2), or SIGKILL after the grace period (137). The pod's status does not say who stopped it (only
 * Events do); a container that exits of its own accord gives other codes.
 */
const stopExitCodes = new Set([0, 130, 131, 137, 143]);
/** What the scheduler says of a pod whose claims exist but are not bound to a volume. */
const unboundClaims =
  /unbound immediate PersistentVolumeClaims|didn't find available persistent volumes to bind/i;

/**
 * The most actionable problem the pods show, or undefined: image pull errors (`ErrImagePull`,
 * `ImagePullBackOff`...), crash loops (`CrashLoopBackOff`), a PersistentVolumeClaim, ConfigMap or Secret the
 * pod needs that does not exist (`MissingObject`, naming its kind and name), a key of a Secret or ConfigMap
 * that is not there (`MissingKey`, naming the object and the key), other container configuration errors —
 * init containers and sidecars included —, claims not bound to a volume
 * (`UnboundVolumeClaim`), and pods the scheduler cannot place for want of room (`Unschedulable`).
 * Terminating pods are ignored. Pure.
 *
 * Not seen here: a ConfigMap or Secret volume that is missing at mount time shows only in the pod's Events
 * (`FailedMount`), which this does not read; the rollout then stays `RolloutInProgress`.
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
      const unplaced = unschedulableProblem(pod, scheduled.message?.trim() ?? '');
      note(unplaced.reason, unplaced.message);
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
    const liveness = containerSpec(pod, status.name)?.livenessProbe;
    const probeHint =
      liveness !== undefined && last?.exitCode !== undefined && stopExitCodes.has(last.exitCode)
        ? `; it ended as a stopped container does, and its liveness probe (${describeProbe(liveness)}) stops it when failing`
        : '';
    return {
      reason: 'CrashLoop',
      message: `container ${status.name} (image ${image}) keeps exiting (restarted ${status.restartCount ?? 0} times${exit})${probeHint}: check ${probeHint ? 'that probe, ' : ''}its logs, command and configuration`,
    };
  }
  if (configReasons.has(waiting.reason)) {
    const missing = missingObjectProblem(`container ${status.name}`, waiting.message);
    if (missing) return missing;
    const key = missingKey.exec(waiting.message ?? '');
    if (key) {
      return {
        reason: 'MissingKey',
        message: `container ${status.name} needs key ${key[1]} of ${key[2]} ${key[3]}, which has no such key: check the resource outputs and files that provide it, or ask the platform team`,
      };
    }
    return {
      reason: 'ContainerConfigError',
      message: `container ${status.name} cannot start${detail(waiting.message)}`,
    };
  }
  return undefined;
}

/** Why the scheduler cannot place `pod`: an object it needs is missing, its claims are unbound, or no room. */
function unschedulableProblem(pod: V1Pod, message: string): Omit<PodProblem, 'count'> {
  const missing = missingObjectProblem('the workload', message);
  if (missing) return missing;
  if (unboundClaims.test(message)) {
    const claims = (pod.spec?.volumes ?? []).flatMap((v) =>
      v.persistentVolumeClaim ? [v.persistentVolumeClaim.claimName] : [],
    );
    const which =
      claims.length === 0 ? 'its PersistentVolumeClaims' : `PersistentVolumeClaim ${claims.join(', ')}`;
    return {
      reason: 'UnboundVolumeClaim',
      message: `the workload waits for ${which} to be bound to a volume: ask the platform team to check the storage class and its provisioner${detail(message)}`,
    };
  }
  return {
    reason: 'Unschedulable',
    message: `no node has room for the workload${message ? `: ${message}` : ''}; lower its resource requests or ask the platform team for capacity`,
  };
}

/** `who needs <Kind> <name>, which does not exist …` when `message` says an object is missing. */
function missingObjectProblem(
  who: string,
  message: string | undefined,
): Omit<PodProblem, 'count'> | undefined {
  const match = message === undefined ? null : missingObject.exec(message);
  if (!match) return undefined;
  const kind = kindNames[match[1]!.toLowerCase()]!;
  const state = match[3]!.toLowerCase() === 'not found' ? 'does not exist' : 'is being deleted';
  const hint =
    kind === 'PersistentVolumeClaim'
      ? "check the volume's source and that its resource is bound"
      : 'check the resources and files that provide it, or ask the platform team';
  return {
    reason: 'MissingObject',
    message: `${who} needs ${kind} ${match[2]}, which ${state}: ${hint}${detail(message)}`,
  };
}

/**
 * The first container (sidecars included) that runs but is not ready although it has a readiness probe, as
 * `container web is running but not ready: its readiness probe (httpGet :8080/) has not passed`, or
 * undefined. Pod status does not say whether a probe ran and failed (only Events do), so this names the probe
 * that has to pass. Terminating pods are ignored. Pure.
 */
export function findUnreadyContainer(pods: readonly V1Pod[]): string | undefined {
  for (const pod of pods) {
    if (pod.metadata?.deletionTimestamp) continue;
    const statuses = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])];
    for (const status of statuses) {
      const probe = containerSpec(pod, status.name)?.readinessProbe;
      if (status.state?.running === undefined || status.ready || probe === undefined) continue;
      return `container ${status.name} is running but not ready: its readiness probe (${describeProbe(probe)}) has not passed`;
    }
  }
  return undefined;
}

/** A probe in a few words: `httpGet :8080/healthz`, `exec cat /tmp/ready`, `tcpSocket :5432`, `grpc :9090`. */
export function describeProbe(probe: V1Probe): string {
  if (probe.exec) return `exec ${(probe.exec.command ?? []).join(' ')}`;
  if (probe.httpGet) return `httpGet :${probe.httpGet.port}${probe.httpGet.path ?? '/'}`;
  if (probe.tcpSocket) return `tcpSocket :${probe.tcpSocket.port}`;
  if (probe.grpc) return `grpc :${probe.grpc.port}`;
  return 'no handler';
}

function containerSpec(pod: V1Pod, container: string): V1Container | undefined {
  const all = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])];
  return all.find((c) => c.name === container);
}

function imageOf(pod: V1Pod, container: string): string | undefined {
  return containerSpec(pod, container)?.image;
}

function detail(message: string | undefined): string {
  const text = message?.trim();
  return text ? ` (${text.length > 200 ? `${text.slice(0, 197)}...` : text})` : '';
}
