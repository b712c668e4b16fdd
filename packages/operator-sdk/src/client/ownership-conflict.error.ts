// The error of a write, adoption or deletion refused because the object belongs to someone else.
import type { V1OwnerReference } from '@kubernetes/client-node';
import type { ObjectKey } from '../api/resource-kind.js';
import { formatObjectKey } from '../api/resource-kind.js';
import { OperatorSdkError } from '../errors/operator-sdk.error.js';

/**
 * Thrown instead of writing over an existing object that is not ours (see `Ownership`). Its message names
 * the object's kind and key and who it should have belonged to, never the object's content:
 * "failed to apply Deployment apps/billing: an object of that name exists and is not controlled by
 * WorkloadPlan apps/billing". Kind `NotOwned`: retrying cannot help until that object is removed or ours is
 * renamed, so report it (e.g. reason `NameConflict`) rather than hammer the API server.
 *
 * One exception: with `predecessor` set, the object is still controlled by an earlier owner of the same
 * kind and name (see `predecessorOf`), e.g. made for a claim deleted a moment ago and still held by a
 * finalizer. It goes by itself: wait for it (look again in a few seconds) instead of reporting a conflict.
 * The message then says so: "failed to apply PersistentVolumeClaim team/vol-web-data: an object of that
 * name is still controlled by an earlier ResourceClaim team/web-data (uid 3f2a…), being deleted or left to
 * the garbage collector; it is not ours until it is gone".
 */
export class OwnershipConflictError extends OperatorSdkError {
  constructor(
    /** The kind of the object that is in the way, e.g. `Deployment`. */
    readonly objectKind: string,
    /** Its namespace and name. */
    readonly objectKey: ObjectKey,
    /** Who it should have belonged to (`describeOwnership`). */
    readonly expectedOwner: string,
    verb = 'apply',
    /** The controller reference of an earlier owner of the same kind and name, when that is whose it is. */
    readonly predecessor?: V1OwnerReference,
  ) {
    const where = `${objectKind} ${formatObjectKey(objectKey)}`;
    super(
      'NotOwned',
      predecessor
        ? `failed to ${verb} ${where}: an object of that name is still controlled by an earlier ${predecessor.kind} ${objectKey.namespace ? `${objectKey.namespace}/` : ''}${predecessor.name} (uid ${predecessor.uid}), being deleted or left to the garbage collector; it is not ours until it is gone`
        : `failed to ${verb} ${where}: an object of that name exists and is not controlled by ${expectedOwner}`,
    );
    this.name = 'OwnershipConflictError';
  }
}

/**
 * The ownership conflict in `err` or its `cause` chain, if any; also from another copy of the package
 * (then read `message`; the fields are there when that copy has them).
 */
export function ownershipConflictOf(err: unknown): OwnershipConflictError | undefined {
  for (let e = err, depth = 0; typeof e === 'object' && e !== null && depth < 8; depth++) {
    if (OperatorSdkError.is(e) && e.kind === 'NotOwned') return e as OwnershipConflictError;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}
