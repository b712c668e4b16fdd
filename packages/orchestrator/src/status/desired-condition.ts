import type { WorkloadCondition } from '@score-orchestrator/api';

/** A Workload condition as computed, before `lastTransitionTime` and `observedGeneration` are stamped. */
export type DesiredCondition = {
  [C in WorkloadCondition as C['type']]: Omit<C, 'lastTransitionTime' | 'observedGeneration'>;
}[WorkloadCondition['type']];
