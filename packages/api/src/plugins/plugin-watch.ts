import type { KubernetesObject } from '@kubernetes/client-node';
import type { KindReference, ObjectKey } from '@score-orchestrator/operator-sdk';

/**
 * Another kind a plugin depends on but does not own (e.g. Pods, owned by ReplicaSets, not by the plan):
 * the host watches it and re-runs the plugin for the claims / plans `map` names. Declared in
 * `@Resolver({ watches })` / `@Runtime({ watches })`.
 *
 * ```ts
 * @Runtime({ runtimeClass: 'kubernetes', owns: [...], watches: [{ kind: BuiltinKinds.Pod, map: planKeyOfPod }] })
 * ```
 */
export interface PluginWatch {
  readonly kind: KindReference;
  /**
   * The keys of the claims (resolvers) or plans (runtimes) to reconcile when an object of `kind` changes;
   * `undefined` or `[]` drops the event. Pure and cheap: it runs on every event.
   */
  readonly map: (obj: KubernetesObject) => ObjectKey | readonly ObjectKey[] | undefined;
}
