import type { Registry } from 'prom-client';
import type { Logger } from '../logging/logger.js';
import type { Tracing } from '../tracing/tracing.js';
import type { CertificateSource } from './tls/serving-certificate.js';

/** Options of {@link WebhookServer} (and the `webhookServer` option of the `Manager`). */
export interface WebhookServerOptions {
  /** Port to listen on (default 9443, controller-runtime's; 0 picks a free one: read it from `address`). */
  readonly port?: number;
  /** Interface to bind (default `0.0.0.0`, so a Service can reach it). */
  readonly host?: string;
  /**
   * Read `tls.crt` and `tls.key` (and `ca.crt` when present) from this directory and reload them when they
   * change: where a cert-manager (or any `kubernetes.io/tls`) Secret is mounted in a cluster. Shortcut for
   * `certificates: new DirectoryCertificates({ dir: certDir })`.
   */
  readonly certDir?: string;
  /**
   * Where the serving certificate comes from. Default: `DirectoryCertificates` when `certDir` is set, else
   * `GeneratedCertificates` for `localhost` and `127.0.0.1` (local runs and tests).
   */
  readonly certificates?: CertificateSource;
  /** Where the `controller_runtime_webhook_*` series go (the Manager passes its own registry). */
  readonly registry?: Registry;
  readonly logger?: Logger;
  /** Larger request bodies are refused (default 7 MiB, controller-runtime's limit). */
  readonly maxRequestBytes?: number;
  /**
   * Where each call's span goes (`webhook <path>`, a child of the API server's `traceparent` when it sends one),
   * when enabled; the `Manager` passes its own.
   */
  readonly tracing?: Tracing;
}
