import type { KubernetesObject } from '@kubernetes/client-node';
import type { Logger } from '../../logging/logger.js';

/** What a converter knows besides the object: the call it serves and a logger for it. */
export interface ConversionContext {
  /** The ConversionReview's uid (one call may carry many objects). */
  readonly uid: string;
  /** The version the API server asked for, e.g. `webhooks.example.dev/v1`. */
  readonly desiredAPIVersion: string;
  /** A child of the server's logger with `uid`, `namespace` and `name` fields. */
  readonly logger: Logger;
}

/**
 * Converts one spoke version of a kind to its hub version and back (controller-runtime's `Convertible`,
 * with the hub as controller-runtime's `Hub`). Each served version other than the hub has one converter;
 * the SDK chains two of them to convert between spokes (v1 → hub → v1beta1), so no spoke knows another.
 *
 * Contract: lose nothing on a round trip. `convertFrom(convertTo(x))` must give back `x`, and
 * `convertTo(convertFrom(h))` must give back `h`, because the API server stores one version and serves the
 * others by converting: a field a version lacks is kept in an annotation of the object on the way through
 * (see `ConversionAnnotations`) and restored from it on the way back. Be pure and quick: the API server waits
 * on every read and write of a non-storage version.
 *
 * Return the body only: the SDK sets `apiVersion` and `kind`, and keeps `metadata` as sent except `labels` and
 * `annotations` (the only metadata the API server lets a conversion change). A thrown error fails the whole
 * conversion; its message reaches the client, so say which field was wrong.
 */
export interface Convertible<Spoke extends KubernetesObject, Hub extends KubernetesObject> {
  /** The spoke as the hub version. */
  convertTo(spoke: Spoke, ctx: ConversionContext): Hub | Promise<Hub>;
  /** The hub as the spoke version. */
  convertFrom(hub: Hub, ctx: ConversionContext): Spoke | Promise<Spoke>;
}
