import type { EventsV1Event } from '@kubernetes/client-node';
import { LruMap } from './lru-map.js';

/** One Event written to the API server and the repeats of it counted since. */
export interface EventSeries {
  readonly key: string;
  /** The Event as created; `metadata.name` is what repeats are patched onto. */
  event: EventsV1Event;
  /** Occurrences seen, the first included. */
  count: number;
  /** The count the API server has (1 once created, then whatever the last patch carried). */
  writtenCount: number;
  firstObservedAt: number;
  lastObservedAt: number;
  /** Set while a create or patch for this series is in flight. */
  inFlight?: Promise<void>;
  /** False until the create succeeded: repeats are counted but nothing can be patched yet. */
  created: boolean;
}

/** Options for {@link EventSeriesCache}. */
export interface EventSeriesCacheOptions {
  /** A repeat this long after the previous occurrence starts a new Event instead (client-go: 6 min). */
  windowMs: number;
  /** Series remembered at once; the least recently seen are forgotten first. */
  maxSeries: number;
  /** Sees series forgotten for capacity, so counts not yet written can still be flushed. */
  onEvict?: (series: EventSeries) => void;
}

/**
 * The bounded memory of recent Events that turns repeats into a series count. Pure bookkeeping: it
 * decides, the recorder writes. Times are ms passed in by the caller.
 */
export class EventSeriesCache {
  private readonly series: LruMap<string, EventSeries>;

  constructor(private readonly options: EventSeriesCacheOptions) {
    this.series = new LruMap(options.maxSeries, (_key, value) => options.onEvict?.(value));
  }

  /**
   * Counts a repeat of `key` at `now` and returns its series, or undefined when there is none within the
   * window (the caller then writes a new Event and {@link start}s a series).
   */
  repeat(key: string, now: number): EventSeries | undefined {
    const existing = this.series.get(key);
    if (!existing) return undefined;
    if (now - existing.lastObservedAt > this.options.windowMs) {
      this.series.delete(key);
      this.options.onEvict?.(existing);
      return undefined;
    }
    existing.count += 1;
    existing.lastObservedAt = Math.max(existing.lastObservedAt, now);
    return existing;
  }

  /** Remembers a newly written Event as the start of a series. */
  start(key: string, event: EventsV1Event, now: number): EventSeries {
    const series: EventSeries = {
      key,
      event,
      count: 1,
      writtenCount: 0,
      firstObservedAt: now,
      lastObservedAt: now,
      created: false,
    };
    this.series.set(key, series);
    return series;
  }

  /** Series remembered now. */
  get size(): number {
    return this.series.size;
  }

  /**
   * Forgets every series whose last occurrence is more than the window before `now`: a repeat would start
   * a new Event anyway, so nothing reads them again (client-go's recorder drops them every 6 minutes too).
   * Each goes to `onEvict`, so a count not yet written still is. Series are kept least recently seen
   * first, so this stops at the first one still within the window.
   */
  expire(now: number): void {
    for (const series of this.series.values()) {
      if (now - series.lastObservedAt <= this.options.windowMs) return;
      this.series.delete(series.key);
      this.options.onEvict?.(series);
    }
  }

  /** Forgets a series, e.g. because its Event could not be created. */
  forget(series: EventSeries): void {
    if (this.series.get(series.key) === series) this.series.delete(series.key);
  }

  /** Series whose count the API server does not have yet and that can be patched now. */
  unwritten(): EventSeries[] {
    return [...this.series.values()].filter((s) => s.created && !s.inFlight && s.count > s.writtenCount);
  }
}
