// Lets one caller stop waiting for work others share (a discovery lookup) when its own signal aborts.
import { apiErrorFromAbort } from '../kube-api.error.js';

/**
 * Settles like `work`, unless `signal` aborts first: then rejects with an `Aborted` error for `action`.
 * `work` itself goes on, as other callers may be waiting for it.
 */
export function unlessAborted<T>(
  work: Promise<T>,
  signal: AbortSignal | undefined,
  action: string,
): Promise<T> {
  if (!signal) return work;
  if (signal.aborted) return Promise.reject(apiErrorFromAbort(action, signal.reason));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(apiErrorFromAbort(action, signal.reason));
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
