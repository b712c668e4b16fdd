// What changed between the cache's contents and a fresh list: the events a relist must emit.
import type { KubernetesObject } from '@kubernetes/client-node';

/** The events that turn `before` into the listed state. */
export interface SnapshotDiff<T> {
  added: T[];
  updated: { old: T; new: T }[];
  /** Objects that vanished, with their last known state (e.g. deleted while the watch was down). */
  deleted: T[];
}

/**
 * Diffs by key. An object counts as updated when its resourceVersion differs (or either side lacks one),
 * so relisting an unchanged world emits nothing.
 */
export function diffSnapshot<T extends KubernetesObject>(
  before: ReadonlyMap<string, T>,
  listed: ReadonlyMap<string, T>,
): SnapshotDiff<T> {
  const diff: SnapshotDiff<T> = { added: [], updated: [], deleted: [] };
  for (const [key, next] of listed) {
    const old = before.get(key);
    if (!old) diff.added.push(next);
    else if (!sameVersion(old, next)) diff.updated.push({ old, new: next });
  }
  for (const [key, old] of before) if (!listed.has(key)) diff.deleted.push(old);
  return diff;
}

function sameVersion(a: KubernetesObject, b: KubernetesObject): boolean {
  const left = a.metadata?.resourceVersion;
  return left !== undefined && left === b.metadata?.resourceVersion;
}
