import { describe, expect, it } from '@jest/globals';
import { FakeClock } from './fake-clock.js';

describe('FakeClock', () => {
  it('runs due timers in due order, each at its due time', () => {
    const clock = new FakeClock(100);
    const seen: string[] = [];
    clock.setTimer(() => seen.push(`b@${clock.now()}`), 20);
    clock.setTimer(() => seen.push(`a@${clock.now()}`), 10);
    clock.setTimer(() => seen.push(`a2@${clock.now()}`), 10);
    clock.setTimer(() => seen.push('late'), 50);
    clock.advance(30);
    expect(seen).toEqual(['a@110', 'a2@110', 'b@120']);
    expect(clock.now()).toBe(130);
    expect(clock.pendingTimers).toBe(1);
  });

  it('runs timers scheduled by a timer when they fall inside the same advance', () => {
    const clock = new FakeClock();
    const seen: number[] = [];
    clock.setTimer(() => clock.setTimer(() => seen.push(clock.now()), 5), 5);
    clock.advance(10);
    expect(seen).toEqual([10]);
  });

  it('skips cancelled timers', () => {
    const clock = new FakeClock();
    let ran = false;
    clock.setTimer(() => (ran = true), 1).cancel();
    clock.advance(5);
    expect([ran, clock.pendingTimers]).toEqual([false, 0]);
  });
});
