// The `Ready` condition the hosts keep beside a claim's or plan's phase.
import type { Condition } from '@score-orchestrator/api';

/** What the `Ready` condition should say now. */
export interface ReadyState {
  readonly ready: boolean;
  readonly reason: string;
  readonly message: string;
  readonly observedGeneration?: number;
}

/**
 * `conditions` with its `Ready` entry set to `state`; other entries are kept. `lastTransitionTime` moves
 * only when the condition's status changes, so re-reconciling an unchanged object writes nothing.
 */
export function withReadyCondition(
  conditions: readonly Condition[] | undefined,
  state: ReadyState,
  now: string,
): Condition[] {
  return withCondition(conditions, 'Ready', state, now);
}

/** `conditions` with its entry of `type` set to `state` (True when `state.ready`), as {@link withReadyCondition}. */
export function withCondition(
  conditions: readonly Condition[] | undefined,
  type: string,
  state: ReadyState,
  now: string,
): Condition[] {
  const status = state.ready ? 'True' : 'False';
  const previous = conditions?.find((condition) => condition.type === type);
  const next: Condition = {
    type,
    status,
    reason: state.reason,
    message: state.message,
    lastTransitionTime: previous?.status === status ? previous.lastTransitionTime : now,
    observedGeneration: state.observedGeneration,
  };
  return [...(conditions ?? []).filter((condition) => condition.type !== type), next];
}

/** Sets `target[key]` to `value`, or deletes it when `value` is undefined, an empty object or an empty list. */
export function setOrDelete<T extends object, K extends keyof T>(
  target: T,
  key: K,
  value: T[K] | undefined,
): void {
  const empty =
    value === undefined ||
    (Array.isArray(value) && value.length === 0) ||
    (typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 0);
  if (empty) delete target[key];
  else target[key] = value;
}
