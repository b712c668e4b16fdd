// Serves /convert: reads a ConversionReview, converts every object through the hub, writes the answer, counts it.
import type { KubernetesObject } from '@kubernetes/client-node';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { describeError } from '../../errors/operator-sdk.error.js';
import type {
  ConversionRequest,
  ConversionResponse,
  ConversionReview,
} from '../conversion/conversion-review.js';
import type { ConverterRegistry } from '../conversion/converter-registry.js';
import type { EndpointServices } from './admission-endpoint.js';
import { readBody } from './read-body.js';
import { parseEnvelope } from './review-codec.js';

/**
 * Answers one conversion call. As controller-runtime: a body that is no `apiextensions.k8s.io/v1`
 * ConversionReview with a request gets HTTP 400 (the API server reports the call failed); a conversion that
 * fails gets HTTP 200 with `result.status: Failure` and a message naming the object and the problem, which the
 * API server passes on to its client. One failed object fails the call: the API server takes all or nothing.
 */
export async function serveConversion(
  path: string,
  converters: ConverterRegistry,
  req: IncomingMessage,
  res: ServerResponse,
  services: EndpointServices,
): Promise<void> {
  const done = services.metrics.start(path);
  const finish = (status: number, body: string, contentType = 'application/json') => {
    res.writeHead(status, { 'content-type': contentType }).end(body);
    done(status);
  };
  const refuse = (status: number, problem: string) => {
    services.logger.error('refused a conversion call', { webhook: path, problem });
    finish(status, `${problem}\n`, 'text/plain; charset=utf-8');
  };
  try {
    if (req.method !== 'POST') return refuse(405, 'only POST is served');
    const type = (req.headers['content-type'] ?? '').split(';')[0].trim();
    if (type !== 'application/json')
      return refuse(400, `expected content-type application/json, got "${type}"`);
    const body = await readBody(req, services.maxRequestBytes);
    if (body === undefined) return refuse(413, `request body larger than ${services.maxRequestBytes} bytes`);
    const decoded = decodeConversionReview(body);
    if ('problem' in decoded) return refuse(400, decoded.problem);
    const response = await convertAll(decoded.request, converters, services, path);
    if (res.destroyed) return done(499);
    const review: ConversionReview = {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'ConversionReview',
      response,
    };
    finish(200, JSON.stringify(review));
  } finally {
    // Counted once: a call that broke off before it was answered counts as 500.
    done(500);
  }
}

async function convertAll(
  request: ConversionRequest,
  converters: ConverterRegistry,
  services: EndpointServices,
  path: string,
): Promise<ConversionResponse> {
  const { uid, desiredAPIVersion } = request;
  const logger = services.logger.child({ webhook: path, uid });
  const converted: KubernetesObject[] = [];
  try {
    for (const object of request.objects) {
      const ctx = {
        uid,
        desiredAPIVersion,
        logger: logger.child({ namespace: object.metadata?.namespace, name: object.metadata?.name }),
      };
      converted.push(await converters.convert(object, desiredAPIVersion, ctx));
    }
  } catch (err) {
    const message = describeError(err);
    logger.error('conversion failed', { err: message });
    return { uid, convertedObjects: [], result: { status: 'Failure', message } };
  }
  logger.debug('converted objects', { count: converted.length, desiredAPIVersion });
  return { uid, convertedObjects: converted, result: { status: 'Success' } };
}

/** Parses `body` as a ConversionReview v1 with a uid, a desired version and a list of objects. */
export function decodeConversionReview(body: string): { request: ConversionRequest } | { problem: string } {
  const parsed = parseEnvelope<ConversionReview>(
    body,
    'apiextensions.k8s.io/v1',
    'ConversionReview',
    'conversionReviewVersions',
  );
  if ('problem' in parsed) return parsed;
  const request = parsed.review.request;
  if (typeof request?.uid !== 'string' || request.uid === '')
    return { problem: 'the ConversionReview has no request.uid' };
  if (typeof request.desiredAPIVersion !== 'string' || request.desiredAPIVersion === '')
    return { problem: 'the ConversionReview has no request.desiredAPIVersion' };
  if (!Array.isArray(request.objects)) return { problem: 'the ConversionReview has no request.objects list' };
  return { request };
}
