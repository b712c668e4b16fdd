import type { KubernetesObject } from '@kubernetes/client-node';
import { eventObject, type Predicate, type WatchEvent } from './predicate.js';

function sameRecord(a: Record<string, string> | undefined, b: Record<string, string> | undefined): boolean {
  const left = a ?? {};
  const right = b ?? {};
  const keys = Object.keys(left);
  if (keys.length !== Object.keys(right).length) return false;
  return keys.every((key) => left[key] === right[key]);
}

function onUpdate(changed: (old: KubernetesObject, now: KubernetesObject) => boolean): Predicate {
  return (event: WatchEvent) => (event.type === 'update' ? changed(event.old!, event.new!) : true);
}

/**
 * Ready-made predicates. Each passes adds and deletes through and filters updates, except the
 * selector-based ones, which filter every event by the object's own labels or annotations.
 */
export const Predicates = {
  /** Updates that changed `metadata.generation` (spec changes; status-only updates are dropped). */
  generationChanged(): Predicate {
    return onUpdate((old, now) => old.metadata?.generation !== now.metadata?.generation);
  },
  /**
   * Updates that changed what a reconcile of the object itself acts on: `metadata.generation` (spec),
   * labels, annotations or `deletionTimestamp`. Drops status-only updates (e.g. a controller's own status
   * writes, which would otherwise reconcile it again for nothing) and finalizer-only ones. Passes resyncs
   * (`Informer.resync()`), which replay an object as an update of itself.
   */
  specOrMetadataChanged(): Predicate {
    return onUpdate(
      (old, now) =>
        // A resync replays the very same object: it asks for a reconcile on purpose.
        old === now ||
        old.metadata?.generation !== now.metadata?.generation ||
        old.metadata?.deletionTimestamp !== now.metadata?.deletionTimestamp ||
        !sameRecord(old.metadata?.labels, now.metadata?.labels) ||
        !sameRecord(old.metadata?.annotations, now.metadata?.annotations),
    );
  },
  /** Updates that changed `metadata.labels`. */
  labelsChanged(): Predicate {
    return onUpdate((old, now) => !sameRecord(old.metadata?.labels, now.metadata?.labels));
  },
  /** Updates that changed `metadata.annotations`. */
  annotationsChanged(): Predicate {
    return onUpdate((old, now) => !sameRecord(old.metadata?.annotations, now.metadata?.annotations));
  },
  /** Updates that changed `metadata.resourceVersion` (drops the periodic no-op resyncs). */
  resourceVersionChanged(): Predicate {
    return onUpdate((old, now) => old.metadata?.resourceVersion !== now.metadata?.resourceVersion);
  },
  /** Events whose object carries every given label with the given value. */
  hasLabels(labels: Record<string, string>): Predicate {
    return (event) => {
      const own = eventObject(event).metadata?.labels ?? {};
      return Object.entries(labels).every(([key, value]) => own[key] === value);
    };
  },
  /** Events whose object carries the annotation (with the value, when one is given). */
  hasAnnotation(key: string, value?: string): Predicate {
    return (event) => {
      const own = eventObject(event).metadata?.annotations ?? {};
      return value === undefined ? key in own : own[key] === value;
    };
  },
  /** A predicate of your own, named for readability at the call site. */
  custom<T extends KubernetesObject>(fn: Predicate<T>): Predicate<T> {
    return fn;
  },
  /** Passes when every predicate passes. */
  and<T extends KubernetesObject>(...predicates: Predicate<T>[]): Predicate<T> {
    return (event) => predicates.every((predicate) => predicate(event));
  },
  /** Passes when any predicate passes. */
  or<T extends KubernetesObject>(...predicates: Predicate<T>[]): Predicate<T> {
    return (event) => predicates.some((predicate) => predicate(event));
  },
  /** Inverts a predicate. */
  not<T extends KubernetesObject>(predicate: Predicate<T>): Predicate<T> {
    return (event) => !predicate(event);
  },
} as const;
