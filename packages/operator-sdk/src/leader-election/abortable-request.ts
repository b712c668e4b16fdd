import { ApiException, Observable } from '@kubernetes/client-node';
import type { ConfigurationOptions, RequestContext, ResponseContext } from '@kubernetes/client-node';
import { OperatorSdkError, describeError } from '../errors/operator-sdk.error.js';

/**
 * Per-request options that abort the HTTP request when `signal` aborts. client-node 1.x has no timeout
 * of its own, and a renewal that hangs past the renew deadline must not keep us believing we lead.
 */
export function abortableRequest(signal: AbortSignal): ConfigurationOptions {
  return {
    middleware: [
      {
        pre: (context: RequestContext) => {
          context.setSignal(signal);
          return new Observable(Promise.resolve(context));
        },
        post: (context: ResponseContext) => new Observable(Promise.resolve(context)),
      },
    ],
    middlewareMergeStrategy: 'append',
  };
}

/** The HTTP status of a client-node failure, if it has one. */
export function statusCodeOf(err: unknown): number | undefined {
  return err instanceof ApiException ? err.code : undefined;
}

/** Wraps a failed request as an SDK error whose kind says whether it was a conflict, a miss or a timeout. */
export function requestError(
  verb: string,
  object: string,
  err: unknown,
  signal: AbortSignal,
): OperatorSdkError {
  const code = statusCodeOf(err);
  const kind = code === 409 ? 'Conflict' : code === 404 ? 'NotFound' : signal.aborted ? 'Timeout' : 'Api';
  return new OperatorSdkError(kind, `failed to ${verb} ${object}: ${describeError(err)}`, { cause: err });
}
