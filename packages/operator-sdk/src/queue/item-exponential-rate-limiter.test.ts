import { describe, expect, it } from '@jest/globals';
import { OperatorSdkError } from '../errors/operator-sdk.error.js';
import { ItemExponentialRateLimiter } from './item-exponential-rate-limiter.js';

describe('ItemExponentialRateLimiter', () => {
  it.each([
    { name: 'defaults start at 5 ms and double', options: {}, calls: 5, expected: [5, 10, 20, 40, 80] },
    {
      name: 'caps at the maximum',
      options: { baseDelayMs: 1, maxDelayMs: 5 },
      calls: 5,
      expected: [1, 2, 4, 5, 5],
    },
    {
      name: 'a zero base stays zero',
      options: { baseDelayMs: 0, maxDelayMs: 10 },
      calls: 3,
      expected: [0, 0, 0],
    },
  ])('$name', ({ options, calls, expected }) => {
    const limiter = new ItemExponentialRateLimiter(options);
    expect(Array.from({ length: calls }, () => limiter.when('a'))).toEqual(expected);
    expect(limiter.numRequeues('a')).toBe(calls);
  });

  it('reaches the default 1000 s ceiling and stays there without overflowing', () => {
    const limiter = new ItemExponentialRateLimiter();
    const delays = Array.from({ length: 2000 }, () => limiter.when('a'));
    expect(delays[17]).toBe(655_360);
    expect(delays[18]).toBe(1_000_000);
    expect(delays[1999]).toBe(1_000_000);
    expect(delays.every((d) => Number.isFinite(d))).toBe(true);
  });

  it('keeps keys apart and forget resets one key only', () => {
    const limiter = new ItemExponentialRateLimiter();
    limiter.when('a');
    limiter.when('a');
    limiter.when('b');
    limiter.forget('a');
    expect(limiter.numRequeues('a')).toBe(0);
    expect(limiter.numRequeues('b')).toBe(1);
    expect(limiter.when('a')).toBe(5);
    expect(limiter.when('b')).toBe(10);
  });

  it.each([{ baseDelayMs: -1 }, { baseDelayMs: 10, maxDelayMs: 5 }, { baseDelayMs: Number.NaN }])(
    'rejects %o as a configuration error',
    (options) => {
      const create = (): unknown => new ItemExponentialRateLimiter(options);
      expect(create).toThrow(OperatorSdkError);
      expect(create).toThrow(/failed to create rate limiter/);
    },
  );
});
