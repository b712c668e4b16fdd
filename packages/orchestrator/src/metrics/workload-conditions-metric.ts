// The gauge of Workloads by condition, counted from the shared cache whenever /metrics is scraped.
import {
  WorkloadConditionType,
  WorkloadKind,
  type ConditionStatus,
  type Workload,
} from '@score-orchestrator/api';
import type { SharedCache } from '@score-orchestrator/operator-sdk';
import { Gauge, type Registry } from 'prom-client';

/** Name of the gauge; labels `namespace`, `condition` (a Workload condition type), `status`. */
export const WORKLOADS_METRIC = 'score_orchestrator_workloads';

const STATUSES: readonly ConditionStatus[] = ['True', 'False', 'Unknown'];
const CONDITIONS = Object.values(WorkloadConditionType);

/** One series of {@link WORKLOADS_METRIC}. */
export interface WorkloadCount {
  readonly namespace: string;
  readonly condition: WorkloadConditionType;
  readonly status: ConditionStatus;
  readonly count: number;
}

/**
 * How many `workloads` have each status of each condition, per namespace: every combination for every
 * namespace that holds a Workload (zeros included, so `status="False"` exists to compare and alert on),
 * none for namespaces without one. A Workload without the condition yet counts as `Unknown`; one being
 * deleted counts as its status says (`Ready=False`, reason `Deleting`). Pure.
 */
export function countWorkloads(workloads: readonly Workload[]): WorkloadCount[] {
  const counts = new Map<string, Map<string, number>>();
  for (const workload of workloads) {
    const namespace = workload.metadata.namespace ?? '';
    let byCondition = counts.get(namespace);
    if (!byCondition) counts.set(namespace, (byCondition = new Map()));
    for (const condition of CONDITIONS) {
      const status =
        workload.status?.conditions?.find((c) => c.type === condition)?.status ?? ('Unknown' as const);
      const key = `${condition}/${status}`;
      byCondition.set(key, (byCondition.get(key) ?? 0) + 1);
    }
  }
  return [...counts.keys()].sort().flatMap((namespace) =>
    CONDITIONS.flatMap((condition) =>
      STATUSES.map((status) => ({
        namespace,
        condition,
        status,
        count: counts.get(namespace)?.get(`${condition}/${status}`) ?? 0,
      })),
    ),
  );
}

/**
 * Registers {@link WORKLOADS_METRIC} in `registry`, counted from the Workload informer of `cache` on every
 * scrape, so it is never out of step with the cache: a deleted Workload leaves the counts as soon as the
 * cache drops it, and a namespace's series go with its last Workload. Reports nothing until the informer
 * has synced (a partial list would look like Workloads vanishing). Standby replicas hold warm caches and
 * report the same values as the leader. Returns the function that unregisters it.
 *
 * Labels: per namespace, not per Workload. Series are namespaces × 4 conditions × 3 statuses, bounded by
 * the number of teams rather than by Workloads and their churn, and enough to route "Workloads not Ready"
 * alerts to the team owning the namespace; which Workload and why is one `kubectl get workloads` away (or
 * per Workload from kube-state-metrics, see docs/operations.md). `reason` is left out: it would multiply
 * the series by the reason vocabulary for little an alert needs.
 *
 * @throws Error from prom-client when `registry` already holds a metric of that name.
 */
export function reportWorkloadConditions(cache: SharedCache, registry: Registry): () => void {
  // One informer, or one per watched namespace.
  const informers = cache.informersFor<Workload>(WorkloadKind);
  new Gauge({
    name: WORKLOADS_METRIC,
    help: 'Workloads by namespace and the status (True, False, Unknown) of each of their conditions (InputsValid, ClaimsReady, RuntimeReady, Ready), from the orchestrator cache.',
    labelNames: ['namespace', 'condition', 'status'] as const,
    registers: [registry],
    collect() {
      this.reset();
      if (!informers.every((i) => i.hasSynced)) return;
      const workloads = informers.flatMap((i) => i.store.list());
      for (const { count, ...labels } of countWorkloads(workloads)) this.set(labels, count);
    },
  });
  return () => registry.removeSingleMetric(WORKLOADS_METRIC);
}
