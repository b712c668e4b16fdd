import type { KubernetesObject } from '@kubernetes/client-node';
import type { ReconcileContext } from './reconcile-context.js';
import type { ReconcileResult } from './result.js';

/**
 * The one thing an operator author writes: converge the world towards `obj`'s spec.
 *
 * Contract (as controller-runtime's Reconciler):
 * - **Level-based, not event-based.** `reconcile` gets the latest cached state of the object, never the
 *   event that caused the call. Several changes may collapse into one call.
 * - **Idempotent.** It must be safe to run again with nothing changed, and then it should write nothing.
 * - **One at a time per object.** The controller never runs two reconciles of the same key at once.
 * - **Errors.** A thrown error is retried with per-item exponential backoff; a thrown `TerminalError` is
 *   recorded and not retried. Return {@link ReconcileResult} values to requeue without an error. An error
 *   of a create refused because the namespace is being deleted (`isNamespaceTerminating`) ends the
 *   reconcile quietly (debug log, no retry, not counted as an error): the deletion removes the object.
 * - **Deletion.** If `finalize` is defined, the controller adds a finalizer before the first `reconcile`
 *   (or, with `@Controller({ finalizerMode: 'manual' })`, `reconcile` adds it with `ctx.finalizer.add`
 *   when the object gets something to clean up), calls `finalize` (and not `reconcile`) once an object
 *   carrying it is being deleted, and removes the finalizer when `finalize` returns without throwing or
 *   asking for a requeue. `finalize` must be idempotent too: it may run more than once (a process that
 *   stops before the removal runs it again), but not after the removal, even from a cached copy older
 *   than it. Objects deleted without the finalizer are not reconciled; clean up through owner references
 *   instead.
 */
export interface Reconciler<T extends KubernetesObject = KubernetesObject> {
  reconcile(obj: T, ctx: ReconcileContext): Promise<ReconcileResult | void>;
  finalize?(obj: T, ctx: ReconcileContext): Promise<ReconcileResult | void>;
}
