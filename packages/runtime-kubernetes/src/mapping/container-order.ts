import { containerStartOrder, ScoreApiError, type PlanContainer } from '@score-orchestrator/api';
import { RuntimeKubernetesError } from '../errors/runtime-kubernetes.error.js';

/**
 * What a container becomes in the pod:
 * - `main`: a regular container (it has no `before` entries);
 * - `init`: an init container that runs to completion before the containers it names start
 *   (`ready: complete`);
 * - `sidecar`: a native sidecar (KEP-753: an init container with `restartPolicy: Always`) that starts before
 *   the containers it names and keeps running next to them. `healthy` ones get a startup probe (their
 *   readiness probe, else their liveness probe), so the containers after them start only once it passes
 *   (`ready: healthy`); the others let them start as soon as they started (`ready: started`).
 */
export type ContainerRole =
  | { readonly name: string; readonly role: 'main' }
  | { readonly name: string; readonly role: 'init' }
  | { readonly name: string; readonly role: 'sidecar'; readonly healthy: boolean };

/** The pod's layout: init containers in start order, then the main containers in plan order. */
export interface ContainerOrder {
  readonly init: readonly ContainerRole[];
  readonly main: readonly ContainerRole[];
}

/**
 * Lays a plan's containers out in the pod by `before` (see `containerStartOrder`): `A.before.B` means A
 * runs before B, so A becomes an init container (`complete`) or a native sidecar (`started`, `healthy`),
 * the strongest condition among its entries deciding; containers without `before` are the regular
 * containers. Kubernetes starts init containers one by one in list order and the regular ones after all
 * of them, so listing each early container before every early container it names keeps every promise.
 *
 * @throws RuntimeKubernetesError `InvalidPlan` naming `containers.<name>.before.<other>` for an unknown
 *   name, a cycle, `healthy` without a probe, or when no container is left to run as a regular container.
 */
export function orderContainers(containers: Readonly<Record<string, PlanContainer>>): ContainerOrder {
  let order;
  try {
    order = containerStartOrder(containers);
  } catch (err) {
    if (!ScoreApiError.is(err)) throw err;
    throw new RuntimeKubernetesError('InvalidPlan', err.message, { cause: err });
  }
  return {
    init: order.early.map(({ name, ready }): ContainerRole =>
      ready === 'complete' ? { name, role: 'init' } : { name, role: 'sidecar', healthy: ready === 'healthy' },
    ),
    main: order.main.map((name) => ({ name, role: 'main' })),
  };
}
