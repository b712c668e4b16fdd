import { describe, expect, it } from '@jest/globals';
import { OperatorSdkError } from '../errors/operator-sdk.error.js';
import { BucketRateLimiter } from './bucket-rate-limiter.js';
import { FakeClock } from './fake-clock.js';

describe('BucketRateLimiter', () => {
  // Each step is one `when` at absolute time `at` (ms) and the delay it must return.
  it.each([
    {
      name: 'a full bucket lets a burst through, then one token per 1/qps',
      steps: [0, 0, 0, 0, 0].map((at, i) => ({ at, delay: [0, 0, 0, 100, 200][i] })),
    },
    {
      name: 'time refills the bucket',
      steps: [
        { at: 0, delay: 0 },
        { at: 0, delay: 0 },
        { at: 0, delay: 0 },
        { at: 200, delay: 0 },
        { at: 200, delay: 0 },
        { at: 200, delay: 100 },
      ],
    },
    {
      name: 'refill is capped at the burst',
      steps: [
        ...[0, 0, 0].map((at) => ({ at, delay: 0 })),
        ...[60_000, 60_000, 60_000].map((at) => ({ at, delay: 0 })),
        { at: 60_000, delay: 100 },
      ],
    },
    {
      name: 'reservations made while waiting carry over',
      steps: [...[0, 0, 0].map((at) => ({ at, delay: 0 })), { at: 0, delay: 100 }, { at: 50, delay: 150 }],
    },
  ])('$name (qps 10, burst 3)', ({ steps }) => {
    const clock = new FakeClock();
    const limiter = new BucketRateLimiter({ qps: 10, burst: 3, clock });
    for (const step of steps) {
      clock.advance(step.at - clock.now());
      expect(limiter.when('k')).toBeCloseTo(step.delay as number, 6);
    }
  });

  it('has controller-runtime defaults: 100 at once, then 10 per second', () => {
    const clock = new FakeClock();
    const limiter = new BucketRateLimiter({ clock });
    const delays = Array.from({ length: 102 }, (_, i) => limiter.when(`k${i}`));
    expect(delays.slice(0, 100).every((d) => d === 0)).toBe(true);
    expect(delays[100]).toBeCloseTo(100, 6);
    expect(delays[101]).toBeCloseTo(200, 6);
  });

  it('keeps no per-key state', () => {
    const limiter = new BucketRateLimiter({ clock: new FakeClock() });
    limiter.when('a');
    limiter.forget('a');
    expect(limiter.numRequeues('a')).toBe(0);
  });

  it.each([{ qps: 0 }, { burst: 0 }, { qps: Number.NaN }])('rejects %o', (options) => {
    expect(() => new BucketRateLimiter(options)).toThrow(OperatorSdkError);
  });
});
