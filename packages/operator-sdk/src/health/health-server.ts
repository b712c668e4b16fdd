import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';
import { OperatorSdkError, describeError } from '../errors/operator-sdk.error.js';
import { createLogger, type Logger } from '../logging/logger.js';
import { ping, type HealthCheck } from './health-check.js';
import { HealthCheckSet, type CheckResponse } from './health-check-set.js';

/** Options for {@link HealthServer}. */
export interface HealthServerOptions {
  /** Port to listen on; 0 picks a free one (read it from `address`). Default 0. */
  port?: number;
  /** Interface to bind (default `0.0.0.0`, so kubelet can reach it). */
  host?: string;
  /** Served at `/metrics` in the Prometheus text format; without it `/metrics` is 404. */
  registry?: Registry;
  logger?: Logger;
  /** A check still running after this long counts as failed, so a hung check cannot hang probes (default 5000). */
  checkTimeoutMs?: number;
}

/** Where a started {@link HealthServer} listens. */
export interface HealthServerAddress {
  readonly host: string;
  readonly port: number;
}

const plainText = { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' };

/**
 * Serves liveness (`/healthz`), readiness (`/readyz`) and `/metrics` for an operator, like
 * controller-runtime's probe and metrics servers in one. Each probe endpoint is the conjunction of its
 * named checks (plus `ping`): 200 `ok` when all pass, 500 listing them when any fails. Also answers
 * `/healthz/<name>` for one check and `?exclude=<name>` to skip one, as Kubernetes' own endpoints do.
 */
export class HealthServer {
  private readonly health: HealthCheckSet;
  private readonly ready: HealthCheckSet;
  private readonly logger: Logger;
  private server?: http.Server;

  constructor(private readonly options: HealthServerOptions = {}) {
    const timeoutMs = options.checkTimeoutMs ?? 5000;
    this.health = new HealthCheckSet('healthz', timeoutMs);
    this.ready = new HealthCheckSet('readyz', timeoutMs);
    this.health.add('ping', ping);
    this.ready.add('ping', ping);
    this.logger = (options.logger ?? createLogger({ silent: true })).child({ component: 'health-server' });
  }

  /** Adds a liveness check: failing it makes kubelet restart the pod, so only check what a restart fixes. */
  addHealthCheck(name: string, check: HealthCheck): this {
    this.health.add(name, check);
    return this;
  }

  /** Adds a readiness check: failing it takes the pod out of Service endpoints, without a restart. */
  addReadinessCheck(name: string, check: HealthCheck): this {
    this.ready.add(name, check);
    return this;
  }

  /** Where the server listens, once started. */
  get address(): HealthServerAddress | undefined {
    const info = this.server?.address() as AddressInfo | null | undefined;
    return info ? { host: info.address, port: info.port } : undefined;
  }

  /**
   * Starts listening. Idempotent while running.
   * @throws OperatorSdkError of kind `Configuration` when the port cannot be bound.
   */
  async start(): Promise<void> {
    if (this.server) return;
    const server = http.createServer((req, res) => void this.handle(req, res));
    this.server = server;
    try {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(this.options.port ?? 0, this.options.host ?? '0.0.0.0', () => {
          server.off('error', reject);
          resolve();
        });
      });
    } catch (err) {
      this.server = undefined;
      throw new OperatorSdkError('Configuration', `failed to start health server: ${describeError(err)}`, {
        cause: err,
      });
    }
    this.logger.info('health server listening', { ...this.address });
  }

  /** Stops listening and drops open connections (probes are short; nothing is worth waiting for). */
  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
    await closed;
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { ...plainText, allow: 'GET, HEAD' }).end('method not allowed\n');
        return;
      }
      const url = new URL(req.url ?? '/', 'http://health');
      const [, endpoint, only, ...rest] = url.pathname.split('/');
      if (endpoint === 'metrics' && only === undefined && this.options.registry) {
        const body = await this.options.registry.metrics();
        res.writeHead(200, { 'content-type': this.options.registry.contentType }).end(body);
        return;
      }
      const checks = endpoint === 'healthz' ? this.health : endpoint === 'readyz' ? this.ready : undefined;
      if (!checks || rest.length > 0 || only === '') {
        res.writeHead(404, plainText).end('not found\n');
        return;
      }
      const answer = await checks.respond({
        verbose: url.searchParams.has('verbose'),
        exclude: url.searchParams.getAll('exclude'),
        only: only === undefined ? undefined : decodeURIComponent(only),
      });
      this.logFailures(checks.endpoint, answer);
      res.writeHead(answer.status, { ...plainText, 'cache-control': 'no-store' }).end(answer.body);
    } catch (err) {
      this.logger.error('failed to serve request', { path: req.url, err: describeError(err) });
      if (!res.headersSent) res.writeHead(500, plainText);
      res.end('internal server error\n');
    }
  }

  private logFailures(endpoint: string, answer: CheckResponse): void {
    for (const failure of answer.failed) {
      this.logger.info('health check failed', { endpoint, check: failure.name, err: failure.error });
    }
  }
}
