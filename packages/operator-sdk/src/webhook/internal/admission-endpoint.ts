// Serves one webhook path: reads the AdmissionReview, asks the handler, writes the answer, counts it.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../../logging/logger.js';
import type { AdmissionContext } from '../admission-context.js';
import { Admission } from '../admission.js';
import type { WebhookMetrics } from '../webhook-metrics.js';
import { dispatchAdmission, responseOf, type WebhookRegistration } from './admission-dispatch.js';
import { readBody } from './read-body.js';
import { decodeReview, encodeReview } from './review-codec.js';

/** What an endpoint needs from its server. */
export interface EndpointServices {
  readonly metrics: WebhookMetrics;
  readonly logger: Logger;
  readonly maxRequestBytes: number;
  /** Fires when the server stops: in-flight handlers see their `ctx.signal` abort. */
  readonly stopping: AbortSignal;
}

/**
 * Answers one HTTP request for `registration`. As controller-runtime, a body that is no AdmissionReview
 * gets HTTP 200 with a refusal of code 400 (the API server reads only the review), so `code` in the
 * request counter is 200 for every answered review.
 */
export async function serveAdmission(
  registration: WebhookRegistration,
  req: IncomingMessage,
  res: ServerResponse,
  services: EndpointServices,
): Promise<void> {
  const done = services.metrics.start(registration.definition.path);
  try {
    await answer(registration, req, res, services, done);
  } finally {
    // Counted once: a request that failed before it was answered (e.g. its body broke off) counts as 500.
    done(500);
  }
}

async function answer(
  registration: WebhookRegistration,
  req: IncomingMessage,
  res: ServerResponse,
  services: EndpointServices,
  done: (code: number) => void,
): Promise<void> {
  const path = registration.definition.path;
  const finish = (status: number, body: string, contentType = 'application/json') => {
    res.writeHead(status, { 'content-type': contentType }).end(body);
    done(status);
  };
  if (req.method !== 'POST') return finish(405, 'only POST is served\n', 'text/plain; charset=utf-8');

  const refuse = (message: string) =>
    finish(200, encodeReview(responseOf('', Admission.errored(message, 400))));
  const type = (req.headers['content-type'] ?? '').split(';')[0].trim();
  if (type !== 'application/json') return refuse(`expected content-type application/json, got "${type}"`);
  const body = await readBody(req, services.maxRequestBytes);
  if (body === undefined) return refuse(`request body larger than ${services.maxRequestBytes} bytes`);
  const decoded = decodeReview(body);
  if ('problem' in decoded) return refuse(decoded.problem);

  const { request } = decoded;
  const abort = new AbortController();
  const onGone = () => abort.abort(new Error('the API server stopped waiting for the admission response'));
  res.once('close', onGone);
  const onStop = () => abort.abort(new Error('the webhook server is stopping'));
  services.stopping.addEventListener('abort', onStop, { once: true });
  const ctx: AdmissionContext = {
    operation: request.operation,
    userInfo: request.userInfo ?? {},
    dryRun: request.dryRun === true,
    namespace: request.namespace,
    name: request.name,
    request,
    logger: services.logger.child({
      webhook: path,
      uid: request.uid,
      operation: request.operation,
      namespace: request.namespace,
      name: request.name,
    }),
    signal: abort.signal,
  };
  try {
    const response = await dispatchAdmission(registration, request, ctx);
    ctx.logger.debug('admission request answered', {
      allowed: response.allowed,
      code: response.status?.code,
    });
    if (!res.destroyed) finish(200, encodeReview(response));
    else done(499);
  } finally {
    res.off('close', onGone);
    services.stopping.removeEventListener('abort', onStop);
  }
}
