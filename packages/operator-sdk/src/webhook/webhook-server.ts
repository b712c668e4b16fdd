import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:tls';
import { Registry } from 'prom-client';
import { describeError, OperatorSdkError } from '../errors/operator-sdk.error.js';
import type { HealthCheck } from '../health/health-check.js';
import { createLogger, type Logger } from '../logging/logger.js';
import { Tracing } from '../tracing/tracing.js';
import type { CustomResourceWebhookConversion } from '../crd/custom-resource-definition.js';
import type { ConversionDefinition } from './conversion/conversion-builder.js';
import { CONVERSION_PATH, conversionWebhook } from './conversion/conversion-crd.js';
import type { Convertible } from './conversion/convertible.interface.js';
import { ConverterRegistry } from './conversion/converter-registry.js';
import type { CustomDefaulter } from './custom-defaulter.interface.js';
import type { CustomValidator } from './custom-validator.interface.js';
import { serveAdmission } from './internal/admission-endpoint.js';
import type { WebhookRegistration } from './internal/admission-dispatch.js';
import { checkRegistration } from './internal/check-registration.js';
import { serveConversion } from './internal/conversion-endpoint.js';
import { DirectoryCertificates } from './tls/directory-certificates.js';
import { GeneratedCertificates } from './tls/generated-certificates.js';
import {
  checkServingCertificate,
  type CertificateSource,
  type ServingCertificate,
} from './tls/serving-certificate.js';
import { generateWebhookConfigurations, type WebhookConfiguration } from './webhook-configuration.js';
import type { WebhookDefinition } from './webhook-definition.js';
import { WebhookMetrics } from './webhook-metrics.js';
import type { WebhookServerOptions } from './webhook-server-options.js';

/**
 * The HTTPS server that answers the API server's admission calls, one path per webhook, and its conversion
 * calls at `/convert` (controller-runtime's webhook server). It runs in the operator's process on its own port; the `Manager` creates one when given
 * `webhookServer` options, serves every class bound to `Tokens.Webhook` and reports it on `/readyz`.
 *
 * The certificate is loaded at `start` and replaced whenever its source reports a new one
 * (`tls.Server.setSecureContext`): new connections use it at once, open ones finish on the old one.
 */
export class WebhookServer {
  private readonly registrations = new Map<string, WebhookRegistration>();
  private readonly converters = new ConverterRegistry();
  private readonly metrics: WebhookMetrics;
  private readonly logger: Logger;
  private readonly certificates: CertificateSource;
  private readonly stopping = new AbortController();
  private readonly tracing: Tracing;
  private server?: https.Server;
  private unwatch?: () => void;
  private certificate?: ServingCertificate;

  constructor(private readonly options: WebhookServerOptions = {}) {
    this.logger = (options.logger ?? createLogger({ silent: true })).child({ component: 'webhook-server' });
    this.metrics = new WebhookMetrics(options.registry ?? new Registry());
    this.tracing = options.tracing ?? new Tracing();
    this.certificates =
      options.certificates ??
      (options.certDir ? new DirectoryCertificates({ dir: options.certDir }) : new GeneratedCertificates());
  }

  /**
   * Serves `handler` at `definition.path` (a validator for a `validating` definition, a defaulter for a
   * `mutating` one). Works before and after `start`.
   * @throws OperatorSdkError `Configuration` when the path or name is taken, or the handler lacks its methods.
   */
  register(definition: WebhookDefinition, handler: CustomValidator | CustomDefaulter): this {
    if (definition.path === CONVERSION_PATH && this.converters.size > 0) {
      throw new OperatorSdkError(
        'Configuration',
        `failed to register webhook ${definition.name}: ${CONVERSION_PATH} is where converters are served; give it another path`,
      );
    }
    checkRegistration(definition, handler, [...this.registrations.values()], this.logger);
    this.registrations.set(definition.path, { definition, handler });
    this.metrics.initialise(definition.path);
    return this;
  }

  /**
   * Converts `definition.spoke` objects to and from `definition.hub` at `/convert` (one path for every kind, as
   * controller-runtime). Works before and after `start`.
   * @throws OperatorSdkError `Configuration` when the converter lacks its methods, its spoke has a converter
   *   already, or the kind's other converters name another hub.
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  registerConverter(definition: ConversionDefinition, converter: Convertible<any, any>): this {
    if (this.registrations.has(CONVERSION_PATH)) {
      throw new OperatorSdkError(
        'Configuration',
        `failed to register a converter: admission webhook ${this.registrations.get(CONVERSION_PATH)!.definition.name} is served at ${CONVERSION_PATH}; give it another path`,
      );
    }
    this.converters.add({ definition, converter });
    this.metrics.initialise(CONVERSION_PATH);
    return this;
  }

  /** The conversions served, in registration order. */
  get conversions(): ConversionDefinition[] {
    return this.converters.registrations.map((r) => r.definition);
  }

  /**
   * The CRD `spec.conversion` that points the API server at this running server's `/convert` with the CA bundle
   * of its certificate: pass it to `generateCrd` for local runs and tests. In a cluster, generate the CRD with
   * `conversionWebhook({ service })` instead.
   * @throws OperatorSdkError `Configuration` before `start`.
   */
  conversionForUrl(): CustomResourceWebhookConversion {
    const url = this.url;
    if (!url) {
      throw new OperatorSdkError(
        'Configuration',
        'failed to generate the CRD conversion: the webhook server has not started',
      );
    }
    return conversionWebhook({ url }, this.caBundle);
  }

  /** The definitions served, in registration order: what `generateWebhookConfigurations` takes. */
  get definitions(): WebhookDefinition[] {
    return [...this.registrations.values()].map((r) => r.definition);
  }

  /** Where the server listens once started. */
  get address(): { host: string; port: number } | undefined {
    const address = this.server?.address() as AddressInfo | null | undefined;
    return address ? { host: address.address, port: address.port } : undefined;
  }

  /** `https://<host>:<port>` once started (`127.0.0.1` when bound to all interfaces): a `url` client config's base. */
  get url(): string | undefined {
    const address = this.address;
    if (!address) return undefined;
    const host = ['0.0.0.0', '::'].includes(address.host) ? '127.0.0.1' : address.host;
    return `https://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
  }

  /** The CA bundle (PEM) of the certificate in use, when its source knows it. */
  get caBundle(): string | undefined {
    return this.certificate?.caBundle;
  }

  /**
   * The webhook configurations that point the API server at this running server: its {@link url} and the CA
   * bundle of its certificate. For local runs and tests, where the API server can reach this process; in a
   * cluster, generate them for a Service with `generateWebhookConfigurations` instead.
   * @throws OperatorSdkError `Configuration` before `start`.
   */
  configurationsForUrl(name: string): WebhookConfiguration[] {
    const url = this.url;
    if (!url) {
      throw new OperatorSdkError(
        'Configuration',
        `failed to generate webhook configurations ${name}: the webhook server has not started`,
      );
    }
    return generateWebhookConfigurations(this.definitions, {
      name,
      clientConfig: { url },
      caBundle: this.caBundle,
    });
  }

  /** Loads the certificate, starts watching it and listens. @throws OperatorSdkError `Configuration`. */
  async start(): Promise<void> {
    if (this.server || this.stopping.signal.aborted) {
      throw new OperatorSdkError(
        'Configuration',
        'webhook server cannot start: it has started before; create a new one',
      );
    }
    const certificate = await this.certificates.load();
    checkServingCertificate(certificate, 'the webhook certificate');
    this.certificate = certificate;
    const server = https.createServer({
      cert: certificate.cert,
      key: certificate.key,
      minVersion: 'TLSv1.2',
    });
    const services = {
      metrics: this.metrics,
      logger: this.logger,
      maxRequestBytes: this.options.maxRequestBytes ?? 7 * 1024 * 1024,
      stopping: this.stopping.signal,
    };
    server.on('request', (req, res) => {
      const path = (req.url ?? '').split('?')[0];
      const registration = this.registrations.get(path);
      const serve =
        path === CONVERSION_PATH && this.converters.size > 0
          ? () => serveConversion(path, this.converters, req, res, services)
          : registration && (() => serveAdmission(registration, req, res, services));
      if (!serve) return void res.writeHead(404, { 'content-type': 'text/plain' }).end('no webhook here\n');
      // The API server sends a W3C traceparent when its own tracing is on: the call's span continues its trace,
      // and the handler's API requests are children of it.
      const attributes = { 'k8s.webhook.path': path, 'http.request.method': req.method };
      const served = this.tracing.inSpan(
        `webhook ${path}`,
        { kind: 'server', attributes, carrier: req.headers },
        async (span) => {
          await serve();
          span.setAttributes({ 'http.response.status_code': res.statusCode });
        },
      );
      served.catch((err: unknown) => {
        this.logger.error('failed to serve a webhook request', { webhook: path, err: describeError(err) });
        if (!res.headersSent) res.writeHead(500).end();
      });
    });
    this.server = server;
    this.unwatch = this.certificates.watch(
      (next) => this.useCertificate(next),
      (err) =>
        this.logger.error('failed to reload the webhook certificate; keeping the current one', {
          err: describeError(err),
        }),
    );
    await new Promise<void>((resolve, reject) => {
      server.once('error', (err) =>
        reject(
          new OperatorSdkError('Configuration', `failed to start the webhook server: ${describeError(err)}`, {
            cause: err,
          }),
        ),
      );
      server.listen(this.options.port ?? 9443, this.options.host ?? '0.0.0.0', () => resolve());
    }).catch((err: unknown) => {
      this.unwatch?.();
      this.server = undefined;
      throw err;
    });
    const paths = [...this.registrations.keys(), ...(this.converters.size > 0 ? [CONVERSION_PATH] : [])];
    this.logger.info('webhook server started', { ...this.address, webhooks: paths });
  }

  /** Stops listening, aborts the signals of in-flight handlers and closes connections. Idempotent. */
  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    this.unwatch?.();
    this.stopping.abort();
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    setTimeout(() => server.closeAllConnections(), 2_000).unref();
    await closed;
    this.logger.info('webhook server stopped');
  }

  /**
   * A readiness check that passes once the server completes TLS handshakes (controller-runtime's
   * `StartedChecker`): the Manager adds it to `/readyz` as `webhook`.
   */
  readonly readinessCheck: HealthCheck = () => {
    const address = this.address;
    if (!address) throw new Error('webhook server is not listening');
    const host = ['0.0.0.0', '::'].includes(address.host) ? '127.0.0.1' : address.host;
    return new Promise<void>((resolve, reject) => {
      const socket = connect({ host, port: address.port, rejectUnauthorized: false }, () => {
        socket.end();
        resolve();
      });
      socket.once('error', (err) => reject(new Error(`webhook server is not serving TLS: ${err.message}`)));
    });
  };

  private useCertificate(certificate: ServingCertificate): void {
    try {
      checkServingCertificate(certificate, 'the new webhook certificate');
      this.server?.setSecureContext({ cert: certificate.cert, key: certificate.key, minVersion: 'TLSv1.2' });
      // Idle keep-alive connections still speak the old certificate: close them so the API server's next
      // call handshakes with the new one (before the old one expires). Busy connections finish first.
      this.server?.closeIdleConnections();
      this.certificate = certificate;
      this.logger.info('webhook certificate reloaded');
    } catch (err) {
      this.logger.error('failed to reload the webhook certificate; keeping the current one', {
        err: describeError(err),
      });
    }
  }
}
