// Builds the one controller of a plugin host: it reconciles live objects and finalizes deleting ones.
import type { KubernetesObject } from '@kubernetes/client-node';
import {
  Controller,
  Predicates,
  type Predicate,
  type ReconcileContext,
  type Reconciler,
  type ReconcileResult,
  type ResourceKind,
  type WatchesOptions,
} from '@score-orchestrator/operator-sdk';
import { ownersOfKind } from './owner-map.js';

/** What a host does with live and with deleting objects, and which kinds it watches. */
export interface HostLogic {
  readonly name: string;
  readonly primary: ResourceKind;
  /** Kinds plugins create; their changes reconcile every owner of the primary kind. */
  readonly watched: readonly ResourceKind[];
  /** Other kinds plugins declare in `watches`, with their own maps to keys of the primary kind. */
  readonly mapped?: readonly WatchesOptions[];
  readonly finalizer: string;
  readonly concurrency?: number;
  readonly namespaces?: readonly string[];
  /**
   * Status-only updates that need a reconcile anyway (the host's own status writes never do), e.g. a
   * latched choice removed from the status by hand to have it made again.
   */
  readonly statusUpdates?: Predicate;
  /**
   * Converges a live object. Adds the finalizer itself (`ctx.finalizer.add`), and only when the serving
   * plugin needs a clean-up.
   */
  reconcile(obj: KubernetesObject, ctx: ReconcileContext): Promise<ReconcileResult | void>;
  /** Cleans up a deleted object that carries the finalizer; returning done releases it. */
  finalize(obj: KubernetesObject, ctx: ReconcileContext): Promise<ReconcileResult | void>;
}

/**
 * One controller over the host's kind, with `finalizerMode: 'manual'`: an object no plugin serves (or whose
 * plugin has nothing to clean up) never gets the finalizer, so its deletion is never blocked; the SDK
 * calls `finalize` only for deleting objects that carry it. One controller means one queue, so a provision
 * never overlaps the deprovision of the same object.
 */
export function hostController(logic: HostLogic): Reconciler {
  class PluginHostController implements Reconciler {
    reconcile(obj: KubernetesObject, ctx: ReconcileContext): Promise<ReconcileResult | void> {
      return logic.reconcile(obj, ctx);
    }

    finalize(obj: KubernetesObject, ctx: ReconcileContext): Promise<ReconcileResult | void> {
      return logic.finalize(obj, ctx);
    }
  }
  Controller({
    for: logic.primary,
    watches: [
      ...logic.watched.map((kind) => ({ kind, map: ownersOfKind(logic.primary) })),
      ...(logic.mapped ?? []),
    ],
    // The host's own status writes and finalizer patches need no second reconcile; a deletion does
    // (deletionTimestamp is metadata).
    predicates: [either(Predicates.specOrMetadataChanged(), logic.statusUpdates)],
    name: logic.name,
    concurrency: logic.concurrency,
    namespaces: logic.namespaces,
    finalizer: logic.finalizer,
    finalizerMode: 'manual',
  })(PluginHostController);
  return new PluginHostController();
}

/** Admits what `first` or, when given, `second` admits. */
function either(first: Predicate, second: Predicate | undefined): Predicate {
  return second ? (event) => first(event) || second(event) : first;
}
