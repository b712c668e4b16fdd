// Sends requests to the API server with node:http(s), counting and timing each one.
import http from 'node:http';
import https from 'node:https';
import { OperatorSdkError } from '../../errors/operator-sdk.error.js';
import type { KubeConfigLike } from '../../kubeconfig/kube-config-like.js';
import type { KubeClientMetrics } from '../kube-client-options.js';
import { noResponseCode, RequestMetrics } from './request-metrics.js';

/** One request: path is absolute (`/api/v1/...`), query values that are undefined are left out. */
export interface TransportRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  contentType?: string;
  /** Client-side deadline; watches pass 0 (none) and rely on the server timeout and the watchdog. */
  timeoutMs?: number;
  /** Destroys the request, and the response being read, when it aborts. */
  signal?: AbortSignal;
}

/** A response whose body has been read and parsed as JSON when possible. */
export interface TransportResponse {
  status: number;
  body: unknown;
}

const defaultTimeoutMs = 30_000;

/**
 * Thin HTTP layer over a KubeConfig. We do not use client-node's generated APIs because we need the raw
 * status code, the Status body, arbitrary patch content types and a streaming watch, all counted the same way.
 */
export class HttpTransport {
  private readonly server: URL;
  private readonly metrics: RequestMetrics;

  constructor(
    private readonly kubeConfig: KubeConfigLike,
    private readonly options: { metrics?: KubeClientMetrics; userAgent?: string },
  ) {
    const cluster = kubeConfig.getCurrentCluster();
    if (!cluster) {
      throw new OperatorSdkError(
        'Configuration',
        'failed to create client: the kubeconfig has no current cluster; set current-context',
      );
    }
    this.server = new URL(cluster.server);
    this.metrics = new RequestMetrics(options.metrics, this.server.host);
  }

  /**
   * Sends a request and reads the whole body, timed until the body's end. Rejects only on transport
   * failures (an aborted signal included), never on HTTP status.
   */
  async request(req: TransportRequest): Promise<TransportResponse> {
    const startedAt = performance.now();
    try {
      const res = await this.send(req);
      const text = await readBody(res);
      return { status: res.statusCode ?? 0, body: parseJson(text) };
    } finally {
      this.metrics.observeSince(startedAt, req.method);
    }
  }

  /**
   * Opens a request and hands back the response stream unread (for watches), timed until the response
   * headers: a watch stays open for minutes, and its latency is how long it took to start.
   */
  async open(req: TransportRequest): Promise<http.IncomingMessage> {
    const startedAt = performance.now();
    try {
      return await this.send(req);
    } finally {
      this.metrics.observeSince(startedAt, req.method);
    }
  }

  private async send(req: TransportRequest): Promise<http.IncomingMessage> {
    const url = this.urlFor(req);
    const auth: https.RequestOptions = {};
    await this.kubeConfig.applyToHTTPSOptions(auth);
    const headers = credentialHeaders(auth);
    if (this.options.userAgent) headers['user-agent'] = this.options.userAgent;
    let payload: Buffer | undefined;
    if (req.body !== undefined) {
      payload = Buffer.from(typeof req.body === 'string' ? req.body : JSON.stringify(req.body));
      headers['content-type'] = req.contentType ?? 'application/json';
      headers['content-length'] = String(payload.length);
    }
    const send = url.protocol === 'http:' ? http.request : https.request;
    return new Promise((resolve, reject) => {
      const clientReq = send(url, {
        method: req.method,
        headers,
        agent: auth.agent as http.Agent | undefined,
        signal: req.signal,
      });
      const timeoutMs = req.timeoutMs ?? defaultTimeoutMs;
      if (timeoutMs > 0) {
        clientReq.setTimeout(timeoutMs, () =>
          clientReq.destroy(new Error(`request timed out after ${timeoutMs}ms`)),
        );
      }
      let responded = false;
      clientReq.on('response', (res) => {
        responded = true;
        this.metrics.count(String(res.statusCode ?? noResponseCode), req.method);
        resolve(res);
      });
      clientReq.on('error', (err) => {
        // An abort or timeout while the body streams errors the request too: it was counted already.
        if (!responded) this.metrics.count(noResponseCode, req.method);
        reject(err);
      });
      clientReq.end(payload);
    });
  }

  /** The API server's `host:port`, as used in the `host` metric label. */
  get host(): string {
    return this.server.host;
  }

  private urlFor(req: TransportRequest): URL {
    // The server URL may carry a path prefix (e.g. behind a proxy): keep it.
    const base = this.server.href.replace(/\/$/, '');
    const url = new URL(base + req.path);
    for (const [key, value] of Object.entries(req.query ?? {})) {
      if (value !== undefined && value !== '') url.searchParams.set(key, String(value));
    }
    return url;
  }
}

/**
 * The request headers the kubeconfig's credentials call for, lower-cased, as client-node's
 * `applyToFetchOptions` turns them into fetch headers (basic auth last, over any bearer token).
 */
function credentialHeaders(options: https.RequestOptions): Record<string, string> {
  const headers: Record<string, string> = { accept: 'application/json' };
  for (const [key, value] of Object.entries(options.headers ?? {})) {
    if (Array.isArray(value)) headers[key.toLowerCase()] = value.join(', ');
    else if (typeof value === 'number' || typeof value === 'string')
      headers[key.toLowerCase()] = String(value);
  }
  if (options.auth) headers.authorization = `Basic ${Buffer.from(options.auth).toString('base64')}`;
  return headers;
}

function readBody(res: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    res.on('data', (chunk: Buffer) => chunks.push(chunk));
    res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    res.on('error', reject);
    // An aborted request may close its response without an error: a half-read body is a failure too.
    res.on('close', () => {
      if (!res.complete) reject(new Error('connection closed before the response body was read'));
    });
  });
}

function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
