import type { ObjectKey } from '../api/resource-kind.js';
import type { SharedCache } from '../cache/shared-cache.js';
import type { KubeClient } from '../client/kube-client.js';
import type { Logger } from '../logging/logger.js';
import type { FinalizerControl } from './finalizer-control.js';

/** Records events about the object being reconciled (aggregated; never throws). */
export interface ObjectEvents {
  normal(reason: string, note: string, action?: string): void;
  warning(reason: string, note: string, action?: string): void;
}

/** What one reconcile gets besides the object: its identity, a logger and the SDK's clients. */
export interface ReconcileContext {
  /** The controller's name, as in metrics and logs. */
  readonly controller: string;
  /** The key of the object being reconciled. */
  readonly key: ObjectKey;
  /** A unique id of this reconcile, in every log line it writes. */
  readonly reconcileID: string;
  /** A child logger carrying `controller`, `namespace`, `name` and `reconcileID`. */
  readonly logger: Logger;
  /** Writes go to the API server. */
  readonly client: KubeClient;
  /** Reads come from the shared informer cache (eventually consistent, cheap). */
  readonly cache: SharedCache;
  /** Events about the reconciled object. */
  readonly events: ObjectEvents;
  /**
   * The controller's finalizer: whether an object carries it, and (under `finalizerMode: 'manual'`) adding
   * it when the object gets something to clean up and removing it when that is gone.
   */
  readonly finalizer: FinalizerControl;
  /**
   * Aborted when the manager stops and its drain timeout (`shutdownTimeoutMs`) expires, or when the
   * reconcile deadline (`reconcileTimeoutMs`) passes. Pass it to client calls (`{ signal: ctx.signal }`) so
   * they are cut off then and reject with an `Aborted` error (`isAborted`); the SDK does so for the
   * finalizer patches it sends for you. Check it between long steps with `signal.throwIfAborted()`.
   */
  readonly signal: AbortSignal;
}
