// How the hosts report a plugin's refusal to take an object that is not theirs: someone else's (reason
// NameConflict), or one an earlier owner of the same name still holds on its way out (a wait, not a conflict).
import { ownershipConflictOf, type ObjectEvents } from '@score-orchestrator/operator-sdk';
import { ClaimEventReason } from '@score-orchestrator/api';

/** How long a claim or plan in `NameConflict` waits before it looks again (the other object may be gone). */
export const NAME_CONFLICT_RECHECK_MS = 60_000;

/**
 * How long a claim or plan waiting for an earlier one's object to go waits before it looks again. Its
 * deletion normally wakes it first (an event on a kind the plugin owns, mapped by the owner's name); this
 * bounds a missed or unwatched one.
 */
export const PREDECESSOR_RECHECK_MS = 2_000;

/** What to report for an ownership conflict (see {@link ownershipRefusalOf}). */
export interface OwnershipRefusal {
  /**
   * The object is still controlled by an earlier owner of the same kind and name (see the SDK's
   * `predecessorOf`): wait for it (reason `WaitingForPredecessor`) instead of failing with `NameConflict`.
   */
  readonly predecessor: boolean;
  /** The object's kind and name, never its content. */
  readonly message: string;
  /** When to look again. */
  readonly recheckMs: number;
}

/**
 * What to report when `err` is an ownership conflict; undefined for any other error. Someone else's object
 * is a `NameConflict`, recorded as a Warning Event too. One an earlier owner of the same name still
 * controls (e.g. a PVC of a claim deleted a moment ago, kept by its `pvc-protection` finalizer until the
 * pod using it stops, or a Deployment of a deleted plan the garbage collector has not taken yet) goes by
 * itself: a wait, looked at again soon, without a Warning.
 */
export function ownershipRefusalOf(
  err: unknown,
  events: ObjectEvents,
  who: string,
): OwnershipRefusal | undefined {
  const conflict = ownershipConflictOf(err);
  if (!conflict) return undefined;
  const name = conflict.objectKey ? conflict.objectKey.name : undefined;
  if (conflict.predecessor && name) {
    return {
      predecessor: true,
      message: `${who} is waiting for ${conflict.objectKind} ${name}, still controlled by an earlier ${conflict.predecessor.kind} of this name, to be deleted`,
      recheckMs: PREDECESSOR_RECHECK_MS,
    };
  }
  const message = name
    ? `${who} will not take ${conflict.objectKind} ${name}: it exists and belongs to someone else; rename the Workload or resource, or ask the platform team to remove it`
    : `${who} refused: ${conflict.message}`;
  events.warning(ClaimEventReason.NameConflict, message);
  return { predecessor: false, message, recheckMs: NAME_CONFLICT_RECHECK_MS };
}
