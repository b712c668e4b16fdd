import { describe, expect, it } from '@jest/globals';
import { addFinalizerPatch, hasFinalizer, removeFinalizerPatch } from './finalizers.js';

const obj = (finalizers?: string[]) => ({ metadata: { name: 'x', resourceVersion: '7', finalizers } });

describe('finalizer patches', () => {
  it('creates the list when absent, appends otherwise, guarded by resourceVersion', () => {
    expect(addFinalizerPatch(obj(), 'f')).toEqual([
      { op: 'test', path: '/metadata/resourceVersion', value: '7' },
      { op: 'add', path: '/metadata/finalizers', value: ['f'] },
    ]);
    expect(addFinalizerPatch(obj(['g']), 'f')?.[1]).toEqual({
      op: 'add',
      path: '/metadata/finalizers/-',
      value: 'f',
    });
  });

  it('also tests the uid when the object has one', () => {
    const withUid = { metadata: { name: 'x', uid: 'u-1', finalizers: ['f'] } };
    expect(removeFinalizerPatch(withUid, 'f')).toEqual([
      { op: 'test', path: '/metadata/uid', value: 'u-1' },
      { op: 'remove', path: '/metadata/finalizers/0' },
    ]);
  });

  it('writes nothing when there is nothing to do', () => {
    expect(addFinalizerPatch(obj(['f']), 'f')).toBeUndefined();
    expect(removeFinalizerPatch(obj(['g']), 'f')).toBeUndefined();
  });

  it('removes by index', () => {
    expect(removeFinalizerPatch(obj(['g', 'f']), 'f')?.[1]).toEqual({
      op: 'remove',
      path: '/metadata/finalizers/1',
    });
    expect(hasFinalizer(obj(['f']), 'f')).toBe(true);
    expect(hasFinalizer(obj(), 'f')).toBe(false);
  });
});
