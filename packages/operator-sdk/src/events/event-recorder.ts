import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { EventsV1Event, KubernetesObject, V1ObjectReference } from '@kubernetes/client-node';
import { BuiltinKinds } from '../api/builtin-kinds.js';
import { MicroTime } from '../api/micro-time.js';
import { componentClient } from '../client/internal/component-client.js';
import { isNamespaceTerminating, isNotFound } from '../client/kube-api.error.js';
import type { KubeClient } from '../client/kube-client.js';
import { createLogger, type Logger } from '../logging/logger.js';
import { eventAggregationKey, objectReferenceKey, objectReferenceOf } from './event-aggregation-key.js';
import type { EventDetails, EventRecorderOptions } from './event-recorder-options.js';
import { EventSeriesCache, type EventSeries } from './event-series-cache.js';
import { EventSpamFilter } from './event-spam-filter.js';
import { SHORT_FIELD_MAX_BYTES, truncateNote, truncateUtf8 } from './event-text.js';

/**
 * Records `events.k8s.io/v1` Events about objects, the way client-go's events recorder does.
 *
 * Contract: {@link event} is fire-and-forget. It never throws and never waits for the API server; write
 * failures are logged and the Event is lost (Events are best-effort by design). Repeats of the same
 * (regarding, type, reason, action, note, related) within `seriesWindowMs` of the previous one are not
 * written again: they raise `series.count` on the first Event, patched at most once per
 * `flushIntervalMs`. New Events per object pass a token-bucket spam filter (burst 25, one more per
 * 5 minutes); drops are logged once per run. {@link stop} writes the counts still pending.
 *
 * Requests go through a `KubeClient`: `options.client` (the manager passes its own, so they show in its
 * `rest_client_*` metrics), else one built over `options.kubeConfig`; each is bounded by that client's
 * request timeout.
 *
 * @throws OperatorSdkError `Configuration` from the constructor when neither `client` nor `kubeConfig`
 *   is given.
 */
export class EventRecorder {
  private readonly client: KubeClient;
  private readonly logger: Logger;
  private readonly clock: () => number;
  private readonly reportingController: string;
  private readonly reportingInstance: string;
  private readonly flushIntervalMs: number;
  private readonly series: EventSeriesCache;
  private readonly spamFilter: EventSpamFilter;
  private readonly inFlight = new Set<Promise<void>>();
  private flushTimer?: NodeJS.Timeout;
  private sweepTimer?: NodeJS.Timeout;
  private readonly seriesWindowMs: number;
  private stopped = false;

  constructor(options: EventRecorderOptions) {
    this.clock = options.clock ?? Date.now;
    this.reportingController = options.reportingController;
    const fieldManager = truncateUtf8(options.reportingController, SHORT_FIELD_MAX_BYTES);
    this.client = componentClient(options, fieldManager, 'event recorder');
    this.reportingInstance = truncateUtf8(
      options.reportingInstance ?? `${options.reportingController}-${hostname()}`,
      SHORT_FIELD_MAX_BYTES,
    );
    this.logger = (options.logger ?? createLogger({ silent: true })).child({
      reportingController: this.reportingController,
    });
    this.flushIntervalMs = options.flushIntervalMs ?? 1000;
    this.seriesWindowMs = options.seriesWindowMs ?? 6 * 60_000;
    this.series = new EventSeriesCache({
      windowMs: this.seriesWindowMs,
      maxSeries: options.maxCachedEvents ?? 4096,
      onEvict: (evicted) => this.writeCount(evicted),
    });
    this.spamFilter = new EventSpamFilter({
      burst: options.spamBurst,
      refillIntervalMs: options.spamRefillIntervalMs,
      maxObjects: options.maxCachedEvents,
    });
  }

  /** Records that something happened to `regarding`. Never throws; see the class doc for what is written. */
  event(regarding: KubernetesObject, details: EventDetails): void {
    try {
      this.record(regarding, details);
    } catch (err) {
      this.logger.error('failed to record event', { reason: details?.reason, err: String(err) });
    }
  }

  /** Writes every series count not yet on the API server and waits for all writes in flight. */
  async flush(): Promise<void> {
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    for (const series of this.series.unwritten()) this.writeCount(series);
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
    // A create that finished during the wait may have left repeats behind.
    if (this.series.unwritten().length > 0) await this.flush();
  }

  /** Stops accepting Events (later ones are dropped) and flushes what is pending. Idempotent. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.sweepTimer);
    await this.flush();
  }

  private record(regarding: KubernetesObject, details: EventDetails): void {
    if (this.stopped) return;
    const ref = objectReferenceOf(regarding);
    if (!ref.name || !ref.kind) {
      this.logger.warn('dropping event: regarding object has no kind or name', { reason: details.reason });
      return;
    }
    const fields = {
      type: details.type,
      reason: truncateUtf8(details.reason, SHORT_FIELD_MAX_BYTES),
      action: truncateUtf8(details.action, SHORT_FIELD_MAX_BYTES),
      note: truncateNote(details.note),
      related: details.related ? objectReferenceOf(details.related) : undefined,
    };
    const key = eventAggregationKey(ref, fields);
    const now = this.clock();
    if (this.series.repeat(key, now)) {
      this.scheduleFlush();
      return;
    }
    const verdict = this.spamFilter.admit(objectReferenceKey(ref), now);
    if (!verdict.allowed) {
      if (verdict.firstDrop) this.logger.warn('dropping events: too many for one object', logFields(ref));
      return;
    }
    const event: EventsV1Event = {
      apiVersion: 'events.k8s.io/v1',
      kind: 'Event',
      // Events of cluster-scoped objects live in `default`, as the API server requires.
      metadata: { name: eventName(ref.name), namespace: ref.namespace ?? 'default' },
      eventTime: new MicroTime(now),
      type: fields.type,
      reason: fields.reason,
      action: fields.action,
      note: fields.note,
      regarding: ref,
      related: fields.related,
      reportingController: this.reportingController,
      reportingInstance: this.reportingInstance,
    };
    const series = this.series.start(key, event, now);
    this.track(series, () => this.create(series));
    this.scheduleSweep();
  }

  // Series past their window are never read again: without this they stayed until 4,096 newer ones
  // pushed them out (about 1 KiB each; 4 MiB at 1,000 Workloads with a resource, long after they were Ready).
  private scheduleSweep(): void {
    if (this.sweepTimer || this.stopped) return;
    this.sweepTimer = setTimeout(() => {
      this.sweepTimer = undefined;
      this.series.expire(this.clock());
      if (this.series.size > 0) this.scheduleSweep();
    }, this.seriesWindowMs);
    this.sweepTimer.unref();
  }

  private scheduleFlush(): void {
    if (this.flushTimer || this.stopped) return;
    this.flushTimer = setTimeout(() => void this.flush(), this.flushIntervalMs);
    this.flushTimer.unref();
  }

  private track(series: EventSeries, write: () => Promise<void>): void {
    const promise: Promise<void> = write().finally(() => {
      series.inFlight = undefined;
      this.inFlight.delete(promise);
      if (series.created && series.count > series.writtenCount) this.scheduleFlush();
    });
    series.inFlight = promise;
    this.inFlight.add(promise);
  }

  private writeCount(series: EventSeries): void {
    if (!series.created || series.inFlight || series.count <= series.writtenCount) return;
    this.track(series, () => this.patchCount(series));
  }

  private async create(series: EventSeries): Promise<void> {
    const { event } = series;
    try {
      await this.client.create(BuiltinKinds.Event, event);
      series.created = true;
      series.writtenCount = event.series?.count ?? 1;
    } catch (err) {
      this.series.forget(series);
      // An object in a namespace being deleted: its Events are refused and would go with it anyway.
      const fields = { ...logFields(event.regarding), reason: event.reason, err: String(err) };
      if (isNamespaceTerminating(err)) this.logger.debug('failed to create event', fields);
      else this.logger.warn('failed to create event', fields);
    }
  }

  private async patchCount(series: EventSeries): Promise<void> {
    const count = series.count;
    const eventSeries = { count, lastObservedTime: new MicroTime(series.lastObservedAt) };
    const { name = '', namespace = 'default' } = series.event.metadata ?? {};
    try {
      await this.client.patch(BuiltinKinds.Event, { namespace, name }, { series: eventSeries });
      series.writtenCount = count;
    } catch (err) {
      if (isNotFound(err)) {
        // The Event expired (its TTL is an hour by default) while the series went on: carry it over.
        series.event = {
          ...series.event,
          metadata: { name: eventName(series.event.regarding?.name ?? name), namespace },
          series: eventSeries,
        };
        series.created = false;
        await this.create(series);
        return;
      }
      // Not retried: an API server that rejects Event writes must not be hammered with more of them.
      series.writtenCount = count;
      this.logger.warn('failed to update event series', {
        ...logFields(series.event.regarding),
        reason: series.event.reason,
        err: String(err),
      });
    }
  }
}

/** `<name>.<time><random>`, as client-go names Events, made a valid DNS subdomain whatever `name` is. */
export function eventName(name: string): string {
  const suffix = `${Date.now().toString(16)}${randomBytes(3).toString('hex')}`;
  const base = name
    .toLowerCase()
    .replace(/[^a-z0-9.-]/g, '-')
    .slice(0, 253 - suffix.length - 1)
    .replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '');
  return base ? `${base}.${suffix}` : suffix;
}

function logFields(ref: V1ObjectReference | undefined): Record<string, string | undefined> {
  return { kind: ref?.kind, namespace: ref?.namespace, name: ref?.name };
}
