import { describe, expect, it } from '@jest/globals';
import { EventSpamFilter } from './event-spam-filter.js';

const minute = 60_000;

describe('EventSpamFilter', () => {
  it('lets a burst of 25 through per object, then drops', () => {
    const filter = new EventSpamFilter();
    const verdicts = Array.from({ length: 30 }, () => filter.admit('pod-a', 0));
    expect(verdicts.filter((v) => v.allowed)).toHaveLength(25);
    expect(verdicts.slice(25).every((v) => !v.allowed)).toBe(true);
  });

  it('marks only the first drop of a run, so the caller logs once', () => {
    const filter = new EventSpamFilter({ burst: 1 });
    filter.admit('pod-a', 0);
    expect(filter.admit('pod-a', 0)).toEqual({ allowed: false, firstDrop: true });
    expect(filter.admit('pod-a', 0)).toEqual({ allowed: false, firstDrop: false });
    expect(filter.admit('pod-a', 5 * minute)).toEqual({ allowed: true, firstDrop: false });
    expect(filter.admit('pod-a', 5 * minute)).toEqual({ allowed: false, firstDrop: true });
  });

  it('refills one token per 5 minutes, up to the burst', () => {
    const filter = new EventSpamFilter();
    for (let i = 0; i < 25; i++) filter.admit('pod-a', 0);
    expect(filter.admit('pod-a', 4 * minute).allowed).toBe(false);
    expect(filter.admit('pod-a', 5 * minute).allowed).toBe(true);
    expect(filter.admit('pod-a', 6 * minute).allowed).toBe(false);
    // A long quiet spell refills the bucket only up to the burst.
    const later = 24 * 60 * minute;
    const afterQuiet = Array.from({ length: 30 }, () => filter.admit('pod-a', later));
    expect(afterQuiet.filter((v) => v.allowed)).toHaveLength(25);
  });

  it('keeps one bucket per object', () => {
    const filter = new EventSpamFilter({ burst: 1 });
    expect(filter.admit('pod-a', 0).allowed).toBe(true);
    expect(filter.admit('pod-b', 0).allowed).toBe(true);
    expect(filter.admit('pod-a', 0).allowed).toBe(false);
  });

  it('forgets the least recently seen objects beyond maxObjects', () => {
    const filter = new EventSpamFilter({ burst: 1, maxObjects: 2 });
    filter.admit('pod-a', 0);
    filter.admit('pod-b', 0);
    filter.admit('pod-c', 0);
    // pod-a was forgotten, so it starts with a full bucket again.
    expect(filter.admit('pod-a', 0).allowed).toBe(true);
  });
});
