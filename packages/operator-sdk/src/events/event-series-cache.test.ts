import { describe, expect, it } from '@jest/globals';
import type { EventsV1Event } from '@kubernetes/client-node';
import { EventSeriesCache, type EventSeries } from './event-series-cache.js';

const event = { metadata: { name: 'web.1' } } as EventsV1Event;
const minute = 60_000;

function cache(onEvict?: (s: EventSeries) => void, maxSeries = 10): EventSeriesCache {
  return new EventSeriesCache({ windowMs: 6 * minute, maxSeries, onEvict });
}

describe('EventSeriesCache', () => {
  it('counts repeats within the window onto one series', () => {
    const c = cache();
    expect(c.repeat('k', 0)).toBeUndefined();
    const series = c.start('k', event, 0);
    for (let t = 1; t <= 9; t++) c.repeat('k', t * 1000);
    expect(series).toMatchObject({ count: 10, firstObservedAt: 0, lastObservedAt: 9000 });
  });

  it('slides the window from the last occurrence', () => {
    const c = cache();
    c.start('k', event, 0);
    expect(c.repeat('k', 5 * minute)).toBeDefined();
    expect(c.repeat('k', 10 * minute)).toBeDefined();
    expect(c.repeat('k', 16 * minute + 1)).toBeUndefined();
  });

  it('hands an expired or evicted series to onEvict so its count can still be written', () => {
    const evicted: string[] = [];
    const c = cache((s) => evicted.push(s.key), 2);
    c.start('a', event, 0);
    c.start('b', event, 0);
    c.start('c', event, 0);
    c.repeat('b', 7 * minute);
    expect(evicted).toEqual(['a', 'b']);
  });

  it('forgets series past their window, least recently seen first, through onEvict', () => {
    const evicted: string[] = [];
    const c = cache((s) => evicted.push(s.key));
    c.start('old', event, 0);
    c.start('repeated', event, 0);
    c.start('recent', event, 4 * minute);
    c.repeat('repeated', 5 * minute);
    c.expire(6 * minute + 1);
    expect(evicted).toEqual(['old']);
    expect(c.size).toBe(2);
    c.expire(11 * minute + 1);
    expect(evicted).toEqual(['old', 'recent', 'repeated']);
    expect(c.size).toBe(0);
  });

  it('lists only created, idle series with counts the API server lacks', () => {
    const c = cache();
    const created = c.start('a', event, 0);
    const pending = c.start('b', event, 0);
    const busy = c.start('c', event, 0);
    for (const s of [created, busy]) Object.assign(s, { created: true, writtenCount: 1 });
    busy.inFlight = Promise.resolve();
    for (const key of ['a', 'b', 'c']) c.repeat(key, 1);
    expect(c.unwritten()).toEqual([created]);
    expect(pending.count).toBe(2);
  });

  it('forgets a series whose Event could not be created', () => {
    const c = cache();
    const s = c.start('a', event, 0);
    c.forget(s);
    expect(c.repeat('a', 1)).toBeUndefined();
  });
});
