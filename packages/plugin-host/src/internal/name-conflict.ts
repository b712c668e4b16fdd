// How the hosts report a plugin's refusal to take an object that is not theirs (reason NameConflict).
import { ownershipConflictOf, type ObjectEvents } from '@score-orchestrator/operator-sdk';
import { ClaimEventReason } from '@score-orchestrator/api';

/** How long a claim or plan in `NameConflict` waits before it looks again (the other object may be gone). */
export const NAME_CONFLICT_RECHECK_MS = 60_000;

/**
 * The message to report when `err` is an ownership conflict (the object's kind and name, never its
 * content), after recording a Warning Event `NameConflict` with it; undefined for any other error.
 */
export function reportNameConflict(err: unknown, events: ObjectEvents, who: string): string | undefined {
  const conflict = ownershipConflictOf(err);
  if (!conflict) return undefined;
  const name = conflict.objectKey ? conflict.objectKey.name : undefined;
  const message = name
    ? `${who} will not take ${conflict.objectKind} ${name}: it exists and belongs to someone else; rename the Workload or resource, or ask the platform team to remove it`
    : `${who} refused: ${conflict.message}`;
  events.warning(ClaimEventReason.NameConflict, message);
  return message;
}
