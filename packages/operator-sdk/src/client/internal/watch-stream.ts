// Opens one watch stream and turns its newline-delimited JSON into events.
import type http from 'node:http';
import { createInterface } from 'node:readline';
import type { KubernetesObject } from '@kubernetes/client-node';
import { apiErrorFromAbort, apiErrorFromResponse, apiErrorFromTransport } from '../kube-api.error.js';
import type { WatchEvent, WatchHandle } from '../watch-event.js';
import type { HttpTransport } from './http-transport.js';

interface RawEvent {
  type?: string;
  object?: KubernetesObject & { code?: number; message?: string };
}

/** What to watch: `action` reads like "watch ConfigMap in default", for error messages. */
export interface WatchRequest {
  action: string;
  path: string;
  query: Record<string, string | number | boolean | undefined>;
  /** The caller's signal: its abort ends the stream with an `Aborted` error. */
  signal?: AbortSignal;
}

/** Starts a watch on `path`; see {@link WatchHandle} for how it ends. */
export function openWatch<T extends KubernetesObject>(
  transport: HttpTransport,
  { action, path, query, signal }: WatchRequest,
  onEvent: (event: WatchEvent<T>) => void,
): WatchHandle {
  const controller = new AbortController();
  let settle!: { resolve: () => void; reject: (err: unknown) => void };
  const done = new Promise<void>((resolve, reject) => (settle = { resolve, reject }));
  let finished = false;
  let accepted!: () => void;
  const established = new Promise<void>((resolve) => (accepted = resolve));
  const onCallerAbort = (): void => finish(apiErrorFromAbort(action, signal?.reason));
  const finish = (err?: unknown): void => {
    if (finished) return;
    finished = true;
    signal?.removeEventListener('abort', onCallerAbort);
    controller.abort();
    if (err === undefined) settle.resolve();
    else settle.reject(err);
  };
  if (signal?.aborted) {
    onCallerAbort();
    return { abort: () => finish(), done, established };
  }
  signal?.addEventListener('abort', onCallerAbort, { once: true });

  const consume = (res: http.IncomingMessage): void => {
    if (res.statusCode !== 200) {
      collect(res).then((body) => finish(apiErrorFromResponse(action, res.statusCode ?? 0, body)), finish);
      return;
    }
    accepted();
    const lines = createInterface({ input: res, crlfDelay: Infinity });
    lines.on('line', (line) => {
      if (finished || line.trim() === '') return;
      let event: RawEvent;
      try {
        event = JSON.parse(line) as RawEvent;
      } catch (err) {
        finish(apiErrorFromTransport(action, err));
        return;
      }
      if (event.type === 'ERROR') {
        // The body is a Status: its code (e.g. 410 "too old resource version") becomes the status code.
        const status = event.object as { code?: number };
        finish(apiErrorFromResponse(action, status.code ?? 500, { kind: 'Status', ...status }));
        return;
      }
      try {
        onEvent({ type: event.type as WatchEvent['type'], object: event.object as T });
      } catch (err) {
        finish(err);
      }
    });
    res.on('error', (err) => finish(apiErrorFromTransport(action, err)));
    // readline re-emits input errors; without a listener they would crash the process.
    lines.on('error', (err) => finish(apiErrorFromTransport(action, err)));
    // A stream the server ended on purpose (timeoutSeconds) is complete; a dropped connection is not.
    lines.on('close', () =>
      finish(res.complete ? undefined : apiErrorFromTransport(action, 'connection closed mid-stream')),
    );
  };

  transport
    .open({ method: 'GET', path, query: { ...query, watch: true }, timeoutMs: 0, signal: controller.signal })
    .then(consume, (err: unknown) =>
      finish(controller.signal.aborted ? undefined : apiErrorFromTransport(action, err)),
    );

  return { abort: () => finish(), done, established };
}

async function collect(res: http.IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of res) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
