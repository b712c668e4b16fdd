import type { KubernetesObject } from '@kubernetes/client-node';
import { formatObjectKey } from '../../api/resource-kind.js';
import type { ResourceEventHandler } from '../../cache/event-handler.js';
import type { Logger } from '../../logging/logger.js';
import type { WatchEvent } from '../../predicate/predicate.js';
import type { EventSource } from '../controller-definition.js';

/**
 * Turns informer callbacks of one source into queue keys: predicates first, then the map function.
 * Updates of owned objects also map the old state, so a change of owner reconciles both owners.
 */
export function routeEvents(
  source: EventSource,
  enqueue: (key: string) => void,
  logger: Logger,
): ResourceEventHandler {
  const handle = (event: WatchEvent): void => {
    try {
      if (!source.predicates.every((predicate) => predicate(event))) return;
      const objects = [event.new, event.old].filter((obj): obj is KubernetesObject => obj !== undefined);
      const keys = new Set<string>();
      for (const obj of objects) for (const key of source.map(obj)) keys.add(formatObjectKey(key));
      for (const key of keys) enqueue(key);
    } catch (err) {
      logger.error('failed to map a watch event to reconcile requests', {
        kind: source.kind.kind,
        err: String(err),
      });
    }
  };
  return {
    onAdd: (obj) => handle({ type: 'add', new: obj }),
    onUpdate: (old, obj) => handle({ type: 'update', old, new: obj }),
    onDelete: (obj) => handle({ type: 'delete', old: obj }),
  };
}
