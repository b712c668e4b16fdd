import { describe, expect, it } from '@jest/globals';
import { defaultControllerRateLimiter } from './default-controller-rate-limiter.js';
import { FakeClock } from './fake-clock.js';
import { MaxOfRateLimiter } from './max-of-rate-limiter.js';
import type { RateLimiter } from './rate-limiter.js';

/** A limiter that returns fixed delays and records what it was asked. */
function fixed(delay: number, requeues = 0): RateLimiter & { calls: string[]; forgotten: string[] } {
  const calls: string[] = [];
  const forgotten: string[] = [];
  return {
    calls,
    forgotten,
    when: (key) => (calls.push(key), delay),
    forget: (key) => void forgotten.push(key),
    numRequeues: () => requeues,
  };
}

describe('MaxOfRateLimiter', () => {
  it.each([
    { delays: [1, 7, 3], expected: 7 },
    { delays: [0, 0], expected: 0 },
    { delays: [], expected: 0 },
  ])('returns the longest of $delays', ({ delays, expected }) => {
    expect(new MaxOfRateLimiter(...delays.map((d) => fixed(d))).when('a')).toBe(expected);
  });

  it('asks and forgets every limiter, and reports the most requeues', () => {
    const a = fixed(1, 2);
    const b = fixed(2, 5);
    const limiter = new MaxOfRateLimiter(a, b);
    limiter.when('k');
    limiter.forget('k');
    expect([a.calls, b.calls, a.forgotten, b.forgotten]).toEqual([['k'], ['k'], ['k'], ['k']]);
    expect(limiter.numRequeues('k')).toBe(5);
  });
});

describe('defaultControllerRateLimiter', () => {
  it('backs off per key from 5 ms while the bucket has tokens', () => {
    const limiter = defaultControllerRateLimiter(new FakeClock());
    expect([limiter.when('a'), limiter.when('a'), limiter.when('a'), limiter.when('b')]).toEqual([
      5, 10, 20, 5,
    ]);
    expect(limiter.numRequeues('a')).toBe(3);
    limiter.forget('a');
    expect(limiter.when('a')).toBe(5);
  });

  it('lets the overall bucket win once 100 retries went out at once', () => {
    const limiter = defaultControllerRateLimiter(new FakeClock());
    for (let i = 0; i < 100; i++) limiter.when(`k${i}`);
    expect(limiter.when('fresh')).toBeCloseTo(100, 6);
  });
});
