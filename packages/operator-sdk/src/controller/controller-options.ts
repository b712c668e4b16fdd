import type { KubernetesObject } from '@kubernetes/client-node';
import type { ResourceKind } from '../api/resource-kind.js';
import type { ResourceClass } from '../crd/kubernetes-resource.decorator.js';
import type { MapFunction } from '../handler/map-function.js';
import type { Predicate } from '../predicate/predicate.js';

/** A kind, given either as a `ResourceKind` or as a class decorated with `@KubernetesResource`. */
export type KindReference = ResourceKind | ResourceClass;

/** An owned kind with options: events on it reconcile its controller owner. */
export interface OwnsOptions {
  readonly kind: KindReference;
  readonly predicates?: readonly Predicate[];
}

/** Another kind to watch, with a function mapping its objects to primary keys. */
export interface WatchesOptions {
  readonly kind: KindReference;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly map: MapFunction<any>;
  readonly predicates?: readonly Predicate[];
}

/**
 * Who puts a controller's finalizer on objects (only for reconcilers with `finalize`):
 * - `managed`: the SDK adds it before the first `reconcile` of every object.
 * - `manual`: the reconciler adds it with `ctx.finalizer.add(obj)` when an object gets something to clean
 *   up (and may remove it with `ctx.finalizer.remove(obj)` when that is gone); objects that never get it
 *   are deleted without waiting for the controller.
 *
 * In both modes the SDK calls `finalize` for deleting objects that carry the finalizer and removes it once
 * `finalize` returns done.
 */
export type FinalizerMode = 'managed' | 'manual';

/**
 * What a controller reconciles and what it listens to. `@Controller(options)` records this; the
 * {@link ControllerBuilder} accepts the same settings call by call.
 */
export interface ControllerOptions {
  /** The primary kind: each reconcile receives one object of it. */
  readonly for: KindReference;
  /** Kinds this controller creates and controls (via a controller owner reference). */
  readonly owns?: readonly (KindReference | OwnsOptions)[];
  /** Other kinds that affect the primary objects. */
  readonly watches?: readonly WatchesOptions[];
  /** Filters for events on the primary kind (owned and watched kinds take their own). */
  readonly predicates?: readonly Predicate[];
  /** How many objects are reconciled at once (default 1). Never two reconciles of one object. */
  readonly concurrency?: number;
  /** Restrict every watch of this controller to these namespaces (default: all). */
  readonly namespaces?: readonly string[];
  /** Name in metrics and logs (default: the lower-case primary kind). */
  readonly name?: string;
  /** Finalizer name used when the reconciler has `finalize` (default `<group>/<controller name>-finalizer`). */
  readonly finalizer?: string;
  /** Who adds the finalizer (default `managed`: the SDK, to every object); see {@link FinalizerMode}. */
  readonly finalizerMode?: FinalizerMode;
  /** Deadline for one reconcile; its `ctx.signal` aborts then (default none). */
  readonly reconcileTimeoutMs?: number;
}

/** Re-exported for option authors: the objects a map function receives. */
export type { KubernetesObject };
