// Builds the two controllers of a plugin host: one for live objects, one that only finalizes.
import type { KubernetesObject } from '@kubernetes/client-node';
import {
  Controller,
  formatObjectKey,
  hasFinalizer,
  Predicates,
  type Predicate,
  type ReconcileContext,
  type Reconciler,
  type ReconcileResult,
  type ResourceKind,
  type WatchesOptions,
} from '@score-orchestrator/operator-sdk';
import { KeyedLock } from './keyed-lock.js';
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
  /** Converges a live object. Adds `finalizer` itself, and only when the plugin needs a clean-up. */
  reconcile(obj: KubernetesObject, ctx: ReconcileContext): Promise<ReconcileResult | void>;
  /** Cleans up a deleted object that carries `finalizer`; returning releases it. */
  finalize(obj: KubernetesObject, ctx: ReconcileContext): Promise<ReconcileResult | void>;
}

/**
 * Two controllers over one kind. The SDK adds a controller's finalizer to every object it reconciles when
 * the reconciler has `finalize`; a host must not (an object no plugin serves must never be blocked from
 * deletion). So the live controller has no `finalize` and adds the finalizer only when a plugin needs it,
 * and a second controller, which sees only deleting objects carrying that finalizer, finalizes them.
 * A lock per object key keeps the two from overlapping.
 */
export function hostControllers(logic: HostLogic): Reconciler[] {
  const lock = new KeyedLock();
  // Re-reads under the lock: a reconcile queued before a deletion must not provision after a deprovision.
  const latest = (ctx: ReconcileContext) => ctx.cache.get<KubernetesObject>(logic.primary, ctx.key);

  class PluginHostController implements Reconciler {
    reconcile(_obj: KubernetesObject, ctx: ReconcileContext): Promise<ReconcileResult | void> {
      return lock.run(formatObjectKey(ctx.key), async () => {
        const obj = latest(ctx);
        if (!obj || obj.metadata?.deletionTimestamp) return;
        return logic.reconcile(structuredClone(obj), ctx);
      });
    }
  }
  Controller({
    for: logic.primary,
    watches: [
      ...logic.watched.map((kind) => ({ kind, map: ownersOfKind(logic.primary) })),
      ...(logic.mapped ?? []),
    ],
    // The host's own status writes (and the finalizer it adds) need no second reconcile.
    predicates: [either(Predicates.specOrMetadataChanged(), logic.statusUpdates)],
    name: logic.name,
    concurrency: logic.concurrency,
    namespaces: logic.namespaces,
  })(PluginHostController);

  class PluginHostFinalizer implements Reconciler {
    async reconcile(): Promise<void> {
      // Never called: the predicate admits deleting objects only, and deletion is irreversible.
    }

    finalize(obj: KubernetesObject, ctx: ReconcileContext): Promise<ReconcileResult | void> {
      return lock.run(formatObjectKey(ctx.key), () => logic.finalize(obj, ctx));
    }
  }
  Controller({
    for: logic.primary,
    predicates: [deletingWith(logic.finalizer)],
    name: `${logic.name}-finalizer`,
    finalizer: logic.finalizer,
    namespaces: logic.namespaces,
  })(PluginHostFinalizer);

  return [new PluginHostController(), new PluginHostFinalizer()];
}

/** Admits what `first` or, when given, `second` admits. */
function either(first: Predicate, second: Predicate | undefined): Predicate {
  return second ? (event) => first(event) || second(event) : first;
}

/** Admits only objects being deleted that still carry `finalizer`. */
function deletingWith(finalizer: string): Predicate {
  return (event) =>
    event.new !== undefined &&
    Boolean(event.new.metadata?.deletionTimestamp) &&
    hasFinalizer(event.new, finalizer);
}
