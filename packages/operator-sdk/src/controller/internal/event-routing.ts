import type { KubernetesObject } from '@kubernetes/client-node';
import { formatObjectKey } from '../../api/resource-kind.js';
import type { ResourceEventHandler } from '../../cache/event-handler.js';
import type { Logger } from '../../logging/logger.js';
import type { WatchEvent } from '../../predicate/predicate.js';
import { DefaultPriority, LowPriority } from '../../queue/priority.js';
import type { EventSource } from '../controller-definition.js';

/**
 * Turns informer callbacks of one source into queue keys: predicates first, then the map function.
 * Updates of owned objects also map the old state, so a change of owner reconciles both owners.
 *
 * Priorities (controller-runtime's `WithLowPriorityWhenUnchanged`): adds from an informer's initial list
 * (and replays to a late handler) and updates whose old and new state have one resourceVersion (resyncs)
 * are enqueued at {@link LowPriority}; every other event at the default priority, so it is handed out first.
 */
export function routeEvents(
  source: EventSource,
  enqueue: (key: string, priority: number) => void,
  logger: Logger,
): ResourceEventHandler {
  const handle = (event: WatchEvent, priority = DefaultPriority): void => {
    try {
      if (!source.predicates.every((predicate) => predicate(event))) return;
      const objects = [event.new, event.old].filter((obj): obj is KubernetesObject => obj !== undefined);
      const keys = new Set<string>();
      for (const obj of objects) for (const key of source.map(obj)) keys.add(formatObjectKey(key));
      for (const key of keys) enqueue(key, priority);
    } catch (err) {
      logger.error('failed to map a watch event to reconcile requests', {
        kind: source.kind.kind,
        err: String(err),
      });
    }
  };
  return {
    onAdd: (obj, initialList) =>
      handle({ type: 'add', new: obj }, initialList ? LowPriority : DefaultPriority),
    onUpdate: (old, obj) =>
      handle({ type: 'update', old, new: obj }, unchanged(old, obj) ? LowPriority : DefaultPriority),
    onDelete: (obj) => handle({ type: 'delete', old: obj }),
  };
}

/** A resync replays an object as an update of itself: nothing new happened to it. */
function unchanged(old: KubernetesObject, obj: KubernetesObject): boolean {
  const version = old.metadata?.resourceVersion;
  return old === obj || (version !== undefined && version === obj.metadata?.resourceVersion);
}
