// The informer's loop: list, then watch from the list's version; relist on 410; back off on anything else.
import type { KubernetesObject } from '@kubernetes/client-node';
import { statusCodeOf } from '../../client/kube-api.error.js';
import type { WatchEvent, WatchHandle } from '../../client/watch-event.js';
import { describeError } from '../../errors/operator-sdk.error.js';
import type { Logger } from '../../logging/logger.js';
import type { InformerTiming } from '../informer-options.js';
import type { ListWatchScope, ListWatchSource } from '../list-watch-source.js';
import { Backoff } from './backoff.js';

/** Where the loop delivers what it learns. */
export interface ListWatchSink<T extends KubernetesObject> {
  replace(items: T[]): void;
  apply(event: WatchEvent<T>): void;
}

type WatchEnd = 'closed' | 'silent';

// A watch that ends cleanly this fast without a single event is a misbehaving server or proxy, not a timeout.
const shortWatchMs = 1000;

/**
 * Never gives up: every failure leads to another attempt after a backoff, until `stop()`. The list is
 * repeated only when the watch's resourceVersion is gone (410); other reconnects resume from the last
 * version seen (events or bookmarks), so nothing is missed and nothing is replayed.
 */
export class ListWatchLoop<T extends KubernetesObject> {
  private stopped = false;
  // Ends a list in flight at stop: a big first list would otherwise keep the loop (and a socket) busy.
  private readonly halt = new AbortController();
  private current: WatchHandle | undefined;
  private wake: (() => void) | undefined;
  private running: Promise<void> | undefined;
  private resourceVersion: string | undefined;
  private failure: string | undefined;
  private lostAt: number | undefined;
  private readonly backoff: Backoff;
  /** For a server that answers but cannot serve yet (429, 503): short pauses that never grow long. */
  private readonly busyBackoff: Backoff;

  constructor(
    private readonly source: ListWatchSource<T>,
    private readonly scope: ListWatchScope,
    private readonly sink: ListWatchSink<T>,
    private readonly timing: InformerTiming,
    private readonly logger: Logger | undefined,
    private readonly fields: Record<string, string>,
    /** Called when a connection works again after a failure. */
    private readonly onReconnected?: () => void,
  ) {
    this.backoff = new Backoff({
      initialMs: timing.initialBackoffMs,
      maxMs: timing.maxBackoffMs,
      resetAfterMs: timing.backoffResetMs,
    });
    this.busyBackoff = new Backoff({
      initialMs: timing.initialBackoffMs,
      maxMs: Math.min(timing.busyMaxBackoffMs, timing.maxBackoffMs),
      resetAfterMs: timing.backoffResetMs,
    });
  }

  /** The last resourceVersion seen (undefined before the first list). */
  get lastResourceVersion(): string | undefined {
    return this.resourceVersion;
  }

  /** Why the last list or watch failed, until a list succeeds again (shown when a sync times out). */
  get lastError(): string | undefined {
    return this.failure;
  }

  /**
   * Since when (epoch ms) the loop has had no working connection: set by the first failed list or watch
   * (or a watch that went silent or closed at once) after a working one, cleared by a successful list, a
   * watch the server accepted, or any event. Undefined while connected.
   */
  get disconnectedSince(): number | undefined {
    return this.lostAt;
  }

  start(): void {
    this.running ??= this.run();
  }

  /** Ends the watch, a list in flight and a backoff pause, then waits for the loop to return. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.halt.abort();
    this.current?.abort();
    this.wake?.();
    await this.running;
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      try {
        if (this.resourceVersion === undefined) await this.list();
        if (this.stopped) break;
        const started = Date.now();
        const { end, events } = await this.watchOnce(this.resourceVersion as string);
        if (this.stopped) break;
        if (end === 'silent') {
          this.logger?.info('watch silent, restarting', this.fields);
          this.disconnected();
          await this.sleep(this.backoff.next());
        } else if (events === 0 && Date.now() - started < shortWatchMs) {
          this.logger?.debug('watch closed early, reconnecting', this.fields);
          this.disconnected();
          await this.sleep(this.backoff.next());
        } else {
          this.logger?.debug('watch closed, reconnecting', this.fields);
        }
      } catch (err) {
        if (this.stopped) break;
        if (statusCodeOf(err) === 410) {
          this.logger?.info('watch expired, relisting', { ...this.fields, err: describeError(err) });
          this.resourceVersion = undefined;
          continue;
        }
        this.disconnected();
        // An API server that answers 429 or 503 is up but still starting (CRD storage initialising, paths
        // not installed) or shedding load: retry soon, as client-go's reflector does, instead of letting
        // the connection backoff grow to its maximum while the server is already back.
        const busy = statusCodeOf(err) === 429 || statusCodeOf(err) === 503;
        const delayMs = Math.round(busy ? this.busyBackoff.next() : this.backoff.next());
        const stage =
          this.resourceVersion === undefined ? 'list failed, retrying' : 'watch failed, reconnecting';
        this.failure = describeError(err);
        const code = statusCodeOf(err);
        // Missing permissions do not heal by retrying: say so loudly, the operator's role needs fixing.
        const fields = { ...this.fields, err: this.failure, code, delayms: delayMs };
        if (code === 401 || code === 403) this.logger?.error(stage, fields);
        else this.logger?.info(stage, fields);
        await this.sleep(delayMs);
      }
    }
  }

  private async list(): Promise<void> {
    const result = await this.source.list(this.scope, { signal: this.halt.signal });
    if (this.stopped) return;
    this.sink.replace(result.items);
    this.resourceVersion = result.resourceVersion;
    this.failure = undefined;
    this.connected();
  }

  /** Ends a backoff pause now, e.g. because another informer just reached the API server again. */
  retryNow(): void {
    this.wake?.();
  }

  private disconnected(): void {
    this.lostAt ??= Date.now();
  }

  private connected(): void {
    if (this.lostAt === undefined) return;
    this.lostAt = undefined;
    this.onReconnected?.();
  }

  private async watchOnce(resourceVersion: string): Promise<{ end: WatchEnd; events: number }> {
    const [min, max] = this.timing.watchTimeoutSeconds;
    const timeoutSeconds = Math.round(min + Math.random() * (max - min));
    const silenceMs = this.timing.silenceThresholdMs ?? timeoutSeconds * 1000 + 60_000;
    let events = 0;
    let silent = false;
    const watchdog = setTimeout(() => {
      silent = true;
      handle.abort();
    }, silenceMs);
    const handle = this.source.watch(
      { ...this.scope, resourceVersion, allowWatchBookmarks: true, timeoutSeconds },
      (event) => {
        // Bookmarks count as activity: a quiet resource is not a dead connection.
        watchdog.refresh();
        events++;
        this.connected();
        if (event.type !== 'BOOKMARK') this.sink.apply(event);
        const rv = event.object?.metadata?.resourceVersion;
        if (rv) this.resourceVersion = rv;
      },
    );
    this.current = handle;
    void handle.established?.then(() => {
      if (this.current === handle) this.connected();
    });
    const startedAt = Date.now();
    try {
      await handle.done;
    } finally {
      clearTimeout(watchdog);
      this.current = undefined;
    }
    // A stream that stayed up this long proved the connection healthy again.
    if (Date.now() - startedAt >= this.timing.backoffResetMs) this.backoff.reset();
    return { end: silent ? 'silent' : 'closed', events };
  }

  private sleep(ms: number): Promise<void> {
    if (this.stopped) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wake = done;
    });
  }
}
