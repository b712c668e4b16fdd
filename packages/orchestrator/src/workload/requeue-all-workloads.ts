import { WorkloadKind } from '@score-orchestrator/api';
import type { SharedCache } from '@score-orchestrator/operator-sdk';

/**
 * Re-enqueues every cached Workload, as a platform config change must (profiles, resolver rules and
 * policies may all decide differently now): a resync of the Workload informer, which replays each cached
 * Workload to the controller as an update. Returns how many Workloads were re-enqueued.
 */
export function requeueAllWorkloads(cache: SharedCache): number {
  let count = 0;
  // One informer, or one per watched namespace.
  for (const informer of cache.informersFor(WorkloadKind)) {
    informer.resync();
    count += informer.store.list().length;
  }
  return count;
}
