import type { KubernetesObject } from '@kubernetes/client-node';
import { WorkloadKind } from '@score-orchestrator/api';
import type { Logger, ResourceEventHandler, SharedCache } from '@score-orchestrator/operator-sdk';

interface ResyncableInformer {
  resync?: () => void;
  readonly store: { list(): KubernetesObject[] };
  /** The informer's registered handlers (an SDK internal; see below). */
  readonly handlers?: Set<ResourceEventHandler>;
}

/**
 * Re-enqueues every cached Workload, as a platform config change must (profiles, resolver rules and
 * policies may all decide differently now). It replays an update event (old = new) for each Workload to
 * the handlers of the Workload informer, which is how the controller's queue receives keys: a resync in
 * client-go's sense. Uses the informer's `resync()` when the SDK offers one; until then it reaches the
 * informer's handler set, an SDK internal (the SDK has no public channel source yet).
 */
export function requeueAllWorkloads(cache: SharedCache, logger?: Logger): number {
  const informer = cache.informerFor(WorkloadKind) as unknown as ResyncableInformer;
  if (typeof informer.resync === 'function') {
    informer.resync();
    return informer.store.list().length;
  }
  const handlers = informer.handlers;
  if (!(handlers instanceof Set)) {
    logger?.warn('cannot re-enqueue Workloads after a platform config change: the informer offers no resync');
    return 0;
  }
  const workloads = informer.store.list();
  for (const workload of workloads) {
    for (const handler of handlers) {
      try {
        handler.onUpdate?.(workload, workload);
      } catch (err) {
        logger?.error('failed to re-enqueue a Workload', { name: workload.metadata?.name, err: String(err) });
      }
    }
  }
  return workloads.length;
}
