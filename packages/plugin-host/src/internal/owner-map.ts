// Maps objects a plugin created back to the claim or plan that owns them.
import type { KubernetesObject } from '@kubernetes/client-node';
import {
  isReferenceToKind,
  type KindReference,
  type MapFunction,
  type ObjectKey,
  type ResourceKind,
  resourceKindOf,
  type WatchesOptions,
} from '@score-orchestrator/operator-sdk';
import type { PluginWatch } from '@score-orchestrator/api';

/**
 * Every owner of `ownerKind` in the object's owner references, controller or not: resolvers of shared
 * resources may reference a claim without being its controller. Owners live in the object's namespace.
 */
export function ownersOfKind(ownerKind: ResourceKind): MapFunction {
  return (obj: KubernetesObject): ObjectKey[] =>
    (obj.metadata?.ownerReferences ?? [])
      .filter((ref) => isReferenceToKind(ref, ownerKind))
      .map((ref) => ({ namespace: obj.metadata?.namespace, name: ref.name }));
}

/** The kinds in `lists`, each once (by apiVersion and kind), in first-seen order. */
export function distinctKinds(lists: readonly (readonly KindReference[] | undefined)[]): ResourceKind[] {
  const seen = new Map<string, ResourceKind>();
  for (const list of lists) {
    for (const ref of list ?? []) {
      const kind = resourceKindOf(ref);
      const id = `${kind.apiVersion}/${kind.kind}`;
      if (!seen.has(id)) seen.set(id, kind);
    }
  }
  return [...seen.values()];
}

/**
 * The `watches` plugins declare, as controller watches: one per declaration (kinds may repeat), each map
 * normalised to a list. A map that throws drops the event: one plugin's bug must not break the host's watch.
 */
export function pluginWatches(lists: readonly (readonly PluginWatch[] | undefined)[]): WatchesOptions[] {
  return lists.flatMap((list) =>
    (list ?? []).map((watch): WatchesOptions => ({
      kind: watch.kind,
      map: (obj: KubernetesObject): ObjectKey[] => {
        let keys: ObjectKey | readonly ObjectKey[] | undefined;
        try {
          keys = watch.map(obj);
        } catch {
          return [];
        }
        if (keys === undefined) return [];
        return Array.isArray(keys) ? [...(keys as readonly ObjectKey[])] : [keys as ObjectKey];
      },
    })),
  );
}
