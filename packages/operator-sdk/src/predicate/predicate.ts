import type { KubernetesObject } from '@kubernetes/client-node';

/** A change seen by a watch: an add has no `old`, a delete has no `new`. */
export interface WatchEvent<T extends KubernetesObject = KubernetesObject> {
  readonly type: 'add' | 'update' | 'delete';
  readonly old?: T;
  readonly new?: T;
}

/** Decides whether a watch event should enqueue a reconcile. Pure and cheap: it runs on every event. */
export type Predicate<T extends KubernetesObject = KubernetesObject> = (event: WatchEvent<T>) => boolean;

/** The object the event is about: the new state, or the last known state for deletes. */
export function eventObject<T extends KubernetesObject>(event: WatchEvent<T>): T {
  return (event.new ?? event.old) as T;
}
