import type { ObjectEvents } from '@score-orchestrator/operator-sdk';
import type { WorkloadStatus } from '@score-orchestrator/api';
import { conditionOf } from '../status/workload-status.js';

/** Event reasons the Workload controller records on Workloads. */
export const WorkloadEventReason = {
  ClaimsBound: 'ClaimsBound',
  PlanApplied: 'PlanApplied',
  Ready: 'Ready',
  /** Normal: placeholders wait for outputs on their way (see `projectionEvent`). */
  WaitingForOutputs: 'WaitingForOutputs',
  /** Warning: placeholders wait for outputs that will not come until something is fixed. */
  ProjectionError: 'ProjectionError',
  PolicyViolation: 'PolicyViolation',
  InvalidSpec: 'InvalidSpec',
  /** Warning: a resolver or the runtime refused an object of the Workload's names that is someone else's. */
  NameConflict: 'NameConflict',
  Deleting: 'Deleting',
  DeletionStalled: 'DeletionStalled',
} as const;

/**
 * Records an event for each key transition from `before` to `after`: claims bound, ready, policy
 * violation, invalid spec, a name taken by someone else's object (`NameConflict`). Only transitions, so a converged Workload records nothing (the SDK's recorder
 * aggregates repeats anyway). Messages are the conditions' messages: they name fields and placeholders,
 * never values. Waiting for outputs (`RuntimeReady=False ProjectionError`) is recorded by
 * `ProjectionEvents` instead, once per distinct message.
 */
export function recordTransitions(
  events: ObjectEvents,
  before: WorkloadStatus | undefined,
  after: WorkloadStatus,
): void {
  const changed = (type: 'InputsValid' | 'ClaimsReady' | 'RuntimeReady' | 'Ready') => {
    const old = conditionOf(before, type);
    const now = conditionOf(after, type);
    return now && (old?.status !== now.status || old?.reason !== now.reason) ? now : undefined;
  };
  const inputs = changed('InputsValid');
  if (inputs?.reason === 'PolicyViolation' || inputs?.reason === 'InvalidSpec') {
    events.warning(inputs.reason, inputs.message ?? inputs.reason);
  }
  const claims = changed('ClaimsReady');
  if (claims?.reason === 'AllClaimsBound')
    events.normal(WorkloadEventReason.ClaimsBound, claims.message ?? '');
  const taken = after.claims?.some((c) => c.reason === WorkloadEventReason.NameConflict);
  if (claims?.reason === 'ClaimFailed' && taken) {
    events.warning(WorkloadEventReason.NameConflict, claims.message ?? '');
  }
  const runtime = changed('RuntimeReady');
  if (runtime?.reason === WorkloadEventReason.NameConflict) {
    events.warning(WorkloadEventReason.NameConflict, runtime.message ?? '');
  }
  const ready = changed('Ready');
  if (ready?.status === 'True') {
    events.normal(
      WorkloadEventReason.Ready,
      after.endpoint ? `the workload is ready at ${after.endpoint}` : 'the workload is ready',
    );
  }
}
