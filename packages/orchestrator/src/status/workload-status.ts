import type { ClaimSummary, WorkloadCondition, WorkloadStatus } from '@score-orchestrator/api';
import { jsonEqual, toJson } from '../internal/json-equal.js';
import type { DesiredCondition } from './desired-condition.js';

/** The order conditions are listed in. */
const CONDITION_ORDER = ['InputsValid', 'ClaimsReady', 'RuntimeReady', 'Ready'] as const;

/** What the controller computed for `Workload.status`. */
export interface DesiredWorkloadStatus {
  readonly observedGeneration: number;
  readonly endpoint?: string;
  readonly conditions: readonly DesiredCondition[];
  readonly claims: readonly ClaimSummary[];
}

/**
 * The status to store: `desired` with each condition's `lastTransitionTime` kept from `previous` when its
 * `status` did not change (and set to `now` when it did or is new), `observedGeneration` stamped on every
 * condition. Conditions of other types in `previous` are kept (someone else's). Pure.
 */
export function mergeWorkloadStatus(
  previous: WorkloadStatus | undefined,
  desired: DesiredWorkloadStatus,
  now: Date,
): WorkloadStatus {
  const before = new Map((previous?.conditions ?? []).map((c) => [c.type, c]));
  const ours = new Set<string>(desired.conditions.map((c) => c.type));
  const conditions = [
    ...CONDITION_ORDER.flatMap((type) => desired.conditions.filter((c) => c.type === type)),
    ...desired.conditions.filter((c) => !(CONDITION_ORDER as readonly string[]).includes(c.type)),
  ].map((condition) => {
    const old = before.get(condition.type);
    const lastTransitionTime =
      old && old.status === condition.status
        ? old.lastTransitionTime
        : now.toISOString().replace(/\.\d+Z$/, 'Z');
    return toJson({
      ...condition,
      lastTransitionTime,
      observedGeneration: desired.observedGeneration,
    }) as WorkloadCondition;
  });
  for (const [type, old] of before) if (!ours.has(type)) conditions.push(old);
  const status: WorkloadStatus = {
    observedGeneration: desired.observedGeneration,
    conditions,
  };
  if (desired.claims.length > 0) status.claims = toJson([...desired.claims]);
  if (desired.endpoint) status.endpoint = desired.endpoint;
  return status;
}

/** Whether storing `next` would change nothing in `current` (ignoring members that are undefined). Pure. */
export function statusUnchanged(current: WorkloadStatus | undefined, next: WorkloadStatus): boolean {
  return jsonEqual(toJson(current ?? {}), toJson(next));
}

/** The condition of `type` in `status`, if any. */
export function conditionOf(
  status: WorkloadStatus | undefined,
  type: WorkloadCondition['type'],
): WorkloadCondition | undefined {
  return status?.conditions?.find((c) => c.type === type);
}
