import type { KubernetesObject } from '@kubernetes/client-node';

/**
 * Callbacks of an informer. Objects are the cache's frozen copies: do not mutate them. Handlers run
 * synchronously on the informer's loop, so keep them short (enqueue a key, return); a handler that throws is
 * logged and does not affect other handlers.
 */
export interface ResourceEventHandler<T extends KubernetesObject = KubernetesObject> {
  /**
   * `isInInitialList` is true for objects of the informer's first list and for the cached objects replayed
   * to a handler added late (controller-runtime's `IsInInitialList`): they say what exists, not that
   * something changed. Objects that appear later (watch events, relists) come with false.
   */
  onAdd?(obj: T, isInInitialList: boolean): void;
  /** Called for every new resourceVersion; `old` is the last state the cache held. */
  onUpdate?(old: T, obj: T): void;
  /** Called with the last known state, also for objects that vanished while the watch was down. */
  onDelete?(obj: T): void;
}

/** Returned by `addEventHandler`: removes the handler. */
export interface EventHandlerRegistration {
  remove(): void;
}
