import { describe, expect, it } from '@jest/globals';
import { TestingError } from '../errors/testing.error.js';
import { eventually } from './eventually.js';

describe('eventually', () => {
  it('returns the first defined, non-false value', async () => {
    let calls = 0;
    const value = await eventually(() => (++calls < 3 ? undefined : calls), 'three calls', { intervalMs: 1 });
    expect(value).toBe(3);
  });

  it('treats false and thrown errors as not yet', async () => {
    let calls = 0;
    const value = await eventually(
      () => {
        calls++;
        if (calls === 1) throw new Error('not there');
        return calls === 2 ? false : 'ok';
      },
      'ok',
      { intervalMs: 1 },
    );
    expect(value).toBe('ok');
  });

  it('times out naming what it waited for and the last error', async () => {
    const wait = eventually(
      () => {
        throw new Error('403 forbidden');
      },
      'the ConfigMap',
      { timeoutMs: 30, intervalMs: 5 },
    );
    await expect(wait).rejects.toBeInstanceOf(TestingError);
    await expect(wait).rejects.toThrow(/waiting for the ConfigMap: last error: 403 forbidden/);
  });
});
