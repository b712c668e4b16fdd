import { describe, expect, it } from '@jest/globals';
import { deepEqual } from './deep-equal.js';

describe('deepEqual', () => {
  it.each([
    [{ a: 1, b: [1, { c: 'x' }] }, { b: [1, { c: 'x' }], a: 1 }, true],
    [{ a: 1, b: undefined }, { a: 1 }, true],
    [{ a: [1, 2] }, { a: [2, 1] }, false],
    [{ a: {} }, { a: [] }, false],
    [undefined, {}, false],
    [null, null, true],
    [{ conditions: [{ type: 'Ready' }] }, { conditions: [{ type: 'Ready', status: 'True' }] }, false],
  ])('%j vs %j → %s', (a, b, expected) => {
    expect(deepEqual(a, b)).toBe(expected);
  });
});
