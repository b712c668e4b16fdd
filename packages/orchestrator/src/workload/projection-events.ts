import type { ClaimSummary, UnresolvedPlaceholder } from '@score-orchestrator/api';
import { LruMap, type ObjectEvents } from '@score-orchestrator/operator-sdk';
import { MAX_TRACKED_WORKLOADS } from '../internal/tracked-workloads.js';
import { claimFailed, claimUnserved } from '../status/claim-summaries.js';
import { WorkloadEventReason } from './workload-events.js';

/** The Event a Workload whose placeholders wait for outputs deserves. */
export interface ProjectionEvent {
  readonly type: 'Normal' | 'Warning';
  readonly reason: typeof WorkloadEventReason.WaitingForOutputs | typeof WorkloadEventReason.ProjectionError;
  readonly note: string;
}

/**
 * The Event for `RuntimeReady=False ProjectionError` with `message`: Normal `WaitingForOutputs` while every
 * unresolved placeholder waits for a claim on its way (not made yet, provisioning, re-provisioning after a
 * params change, or retrying a transient error), as every new Workload with resources does; Warning
 * `ProjectionError` when one waits for a claim that will not deliver until someone changes something (no
 * resolver, failed, in conflict), or names an output the claim's outputs do not have (`absent`: the
 * resolver or the reference must change). Placeholders that can never resolve (unknown resource or
 * metadata key, cycles) do not get here: they are `InputsValid=False InvalidSpec`, with their own Warning.
 * Pure.
 */
export function projectionEvent(
  unresolved: readonly UnresolvedPlaceholder[],
  message: string,
  claims: readonly ClaimSummary[],
): ProjectionEvent {
  const byResource = new Map(claims.map((claim) => [claim.name, claim]));
  const stuck = new Set<string>();
  let absent = false;
  for (const placeholder of unresolved) {
    if (placeholder.reason === 'absent') {
      absent = true;
      continue;
    }
    const claim = placeholder.resource === undefined ? undefined : byResource.get(placeholder.resource);
    if (claim && !claimUnserved(claim) && !claimFailed(claim)) continue;
    stuck.add(claim ? `resources.${claim.name}` : placeholder.placeholder);
  }
  if (stuck.size === 0 && !absent) {
    return { type: 'Normal', reason: WorkloadEventReason.WaitingForOutputs, note: message };
  }
  const undelivered =
    stuck.size === 0
      ? ''
      : `; ${[...stuck].join(', ')} will not deliver outputs until fixed (see ClaimsReady)`;
  return { type: 'Warning', reason: WorkloadEventReason.ProjectionError, note: `${message}${undelivered}` };
}

/**
 * Records each distinct projection Event of a Workload once per wait. A wait lasts from the first reconcile
 * that finds `RuntimeReady=False ProjectionError` to the first that does not (or deletion), so a Workload
 * that waits again later (a changed param, a re-provisioned claim) is told again.
 *
 * Why memory and not the status: every claim change during provisioning reconciles the Workload, and the
 * cached Workload may not show the status just written yet, so comparing with it records the same Event
 * over and over. The memory is per process: a restart or a new leader records each Event once more. It is
 * bounded: past `MAX_TRACKED_WORKLOADS` Workloads (only reachable when Workloads vanish mid-wait without their
 * finalizer running) the least recently used wait is forgotten.
 */
export class ProjectionEvents {
  private readonly waits: LruMap<string, Set<string>>;

  constructor(maxWaits = MAX_TRACKED_WORKLOADS) {
    this.waits = new LruMap(maxWaits);
  }

  /** Records `event` on `events` unless the Workload `uid` already had it during this wait. */
  record(uid: string, events: ObjectEvents, event: ProjectionEvent): void {
    let seen = this.waits.get(uid);
    if (!seen) {
      seen = new Set();
      this.waits.set(uid, seen);
    }
    const key = `${event.type}/${event.reason}/${event.note}`;
    if (seen.has(key)) return;
    seen.add(key);
    if (event.type === 'Normal') events.normal(event.reason, event.note);
    else events.warning(event.reason, event.note);
  }

  /** Ends the wait of the Workload `uid` (it no longer waits, or is being deleted). Idempotent. */
  end(uid: string): void {
    this.waits.delete(uid);
  }
}
