// What the runtime last applied, so a reconcile that would send the same object again can skip the call.
import { createHash } from 'node:crypto';
import type { KubernetesObject } from '@kubernetes/client-node';

interface AppliedRecord {
  readonly hash: string;
  readonly uid?: string;
  readonly generation?: number;
  readonly resourceVersion?: string;
}

/** Records kept at most; the least recently applied go first (objects of deleted plans, mostly). */
const MAX_RECORDS = 50_000;

/**
 * Remembers, per object, a hash of the manifest last applied and the object the API server returned.
 * A later apply of the same manifest is skipped while the cached object is still that one: same uid, same
 * `generation` (or `resourceVersion` for kinds without one, e.g. Services), and our labels, annotations
 * and owner references still on it. Anything else (a new manifest, a hand edit of the spec, a deleted or
 * recreated object, a restart) falls through to the SDK's `applyOwned`, which still sends nothing when the
 * fields this runtime's field manager owns in the cached object are exactly the manifest (`alreadyApplied`:
 * what makes a restart cost no apply), and otherwise applies, so server-side apply puts hand edits back.
 * Status changes (a rollout progressing, pods turning ready) no longer cost an apply each. This memo only
 * adds the case `alreadyApplied` cannot see: a value the API server normalises (a quantity `0.5` stored
 * as `500m`), which would otherwise cost one no-op apply per reconcile.
 */
export class AppliedObjects {
  private readonly records = new Map<string, AppliedRecord>();

  /** Whether applying `desired` would change nothing in `cached`, as far as this runtime knows. */
  upToDate(desired: KubernetesObject, cached: KubernetesObject | undefined): boolean {
    const key = keyOf(desired);
    const record = this.records.get(key);
    if (!record) return false;
    if (!cached) {
      this.records.delete(key);
      return false;
    }
    const meta = cached.metadata ?? {};
    if (record.hash !== hashOf(desired) || record.uid !== meta.uid) return false;
    const unchanged = record.generation
      ? meta.generation === record.generation
      : meta.resourceVersion === record.resourceVersion;
    return (
      unchanged &&
      includes(meta.labels, desired.metadata?.labels) &&
      includes(meta.annotations, desired.metadata?.annotations) &&
      (desired.metadata?.ownerReferences ?? []).every((ref) =>
        (meta.ownerReferences ?? []).some((own) => own.uid === ref.uid && own.controller === ref.controller),
      )
    );
  }

  /** Notes that `desired` was applied and the API server returned `applied`. */
  record(desired: KubernetesObject, applied: KubernetesObject): void {
    const key = keyOf(desired);
    this.records.delete(key);
    if (this.records.size >= MAX_RECORDS) this.records.delete(this.records.keys().next().value!);
    this.records.set(key, {
      hash: hashOf(desired),
      uid: applied.metadata?.uid,
      generation: applied.metadata?.generation,
      resourceVersion: applied.metadata?.resourceVersion,
    });
  }
}

function keyOf(obj: KubernetesObject): string {
  return `${obj.apiVersion}/${obj.kind}/${obj.metadata?.namespace ?? ''}/${obj.metadata?.name ?? ''}`;
}

function hashOf(obj: KubernetesObject): string {
  return createHash('sha256').update(JSON.stringify(obj)).digest('base64');
}

function includes(actual: Record<string, string> | undefined, wanted: Record<string, string> | undefined) {
  return Object.entries(wanted ?? {}).every(([key, value]) => actual?.[key] === value);
}
