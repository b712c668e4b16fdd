import type { ResourceKind } from '../api/resource-kind.js';
import type { MapFunction } from '../handler/map-function.js';
import type { Predicate } from '../predicate/predicate.js';
import type { FinalizerMode } from './controller-options.js';

/** One stream of events feeding a controller's queue. */
export interface EventSource {
  readonly kind: ResourceKind;
  readonly map: MapFunction;
  readonly predicates: readonly Predicate[];
}

/**
 * A controller's settings with every reference resolved and every default filled in: what the
 * {@link ControllerBuilder} produces and the manager runs.
 */
export interface ControllerDefinition {
  readonly name: string;
  readonly primary: ResourceKind;
  readonly sources: readonly EventSource[];
  readonly concurrency: number;
  readonly namespaces: readonly string[];
  readonly finalizer: string;
  readonly finalizerMode: FinalizerMode;
  readonly reconcileTimeoutMs?: number;
}
