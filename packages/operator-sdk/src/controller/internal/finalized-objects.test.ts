import { describe, expect, it } from '@jest/globals';
import type { KubernetesObject } from '@kubernetes/client-node';
import { FinalizedObjects } from './finalized-objects.js';

const FINALIZER = 'test.dev/cleanup';
const KEY = 'ns/thing';

function copy(uid: string, options: { deleting?: boolean; finalizers?: string[] } = {}): KubernetesObject {
  return {
    metadata: {
      namespace: 'ns',
      name: 'thing',
      uid,
      deletionTimestamp: options.deleting === false ? undefined : new Date(),
      finalizers: options.finalizers ?? [FINALIZER],
    },
  };
}

describe('FinalizedObjects', () => {
  it('calls nothing stale before a finalize is recorded', () => {
    expect(new FinalizedObjects(FINALIZER).isStale(KEY, copy('a'))).toBe(false);
  });

  it('calls a deleting copy of the finalized object that still carries the finalizer stale, until the cache catches up', () => {
    const finalized = new FinalizedObjects(FINALIZER);
    finalized.record(KEY, copy('a'));
    expect(finalized.isStale(KEY, copy('a'))).toBe(true);
    expect(finalized.isStale(KEY, copy('a'))).toBe(true);
    // The copy without the finalizer (other finalizers keep the object) ends the record.
    expect(finalized.isStale(KEY, copy('a', { finalizers: ['other.dev/hold'] }))).toBe(false);
    expect(finalized.isStale(KEY, copy('a'))).toBe(false);
  });

  it('never calls another object of the same name stale', () => {
    const finalized = new FinalizedObjects(FINALIZER);
    finalized.record(KEY, copy('a'));
    expect(finalized.isStale(KEY, copy('b', { deleting: false }))).toBe(false);
    expect(finalized.isStale(KEY, copy('b'))).toBe(false);
  });

  it('forgets an object once it is gone, but not for the deletion of an older object of that name', () => {
    const finalized = new FinalizedObjects(FINALIZER);
    finalized.record(KEY, copy('b'));
    finalized.forget(KEY, copy('a'));
    expect(finalized.isStale(KEY, copy('b'))).toBe(true);
    finalized.forget(KEY, copy('b'));
    expect(finalized.isStale(KEY, copy('b'))).toBe(false);
    finalized.record(KEY, copy('b'));
    finalized.forget(KEY);
    expect(finalized.isStale(KEY, copy('b'))).toBe(false);
  });
});
