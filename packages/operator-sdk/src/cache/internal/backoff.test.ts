import { describe, expect, it } from '@jest/globals';
import { Backoff } from './backoff.js';

describe('Backoff', () => {
  it('doubles up to the cap, jittered into [d/2, d], and resets after a quiet period', () => {
    let now = 0;
    const backoff = new Backoff({ initialMs: 100, maxMs: 1000, resetAfterMs: 5000 }, () => now);
    const ceilings = [100, 200, 400, 800, 1000, 1000];
    for (const ceiling of ceilings) {
      now += 10;
      const delay = backoff.next();
      expect(delay).toBeGreaterThanOrEqual(ceiling / 2);
      expect(delay).toBeLessThanOrEqual(ceiling);
    }
    now += 5001;
    expect(backoff.next()).toBeLessThanOrEqual(100);
  });
});
