import { describe, expect, it } from '@jest/globals';
import type { KubernetesObject } from '@kubernetes/client-node';
import {
  eventAggregationKey,
  objectReferenceOf,
  type AggregatedEventFields,
} from './event-aggregation-key.js';

const pod: KubernetesObject = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { namespace: 'ns', name: 'web', uid: 'u1', resourceVersion: '10' },
};
const fields: AggregatedEventFields = { type: 'Warning', reason: 'Failed', action: 'Pull', note: 'boom' };
const key = (obj: KubernetesObject, overrides: Partial<AggregatedEventFields> = {}): string =>
  eventAggregationKey(objectReferenceOf(obj), { ...fields, ...overrides });

describe('eventAggregationKey', () => {
  it('is equal for the same object at another resourceVersion', () => {
    expect(key({ ...pod, metadata: { ...pod.metadata, resourceVersion: '11' } })).toBe(key(pod));
  });

  it.each<[string, KubernetesObject, Partial<AggregatedEventFields>]>([
    ['type', pod, { type: 'Normal' }],
    ['reason', pod, { reason: 'BackOff' }],
    ['action', pod, { action: 'Start' }],
    ['note', pod, { note: 'other' }],
    ['related object', pod, { related: { kind: 'Node', name: 'n1' } }],
    ['object name', { ...pod, metadata: { ...pod.metadata, name: 'api' } }, {}],
    ['object uid (recreated)', { ...pod, metadata: { ...pod.metadata, uid: 'u2' } }, {}],
    ['kind', { ...pod, kind: 'Service' }, {}],
  ])('differs when the %s differs', (_what, obj, overrides) => {
    expect(key(obj, overrides)).not.toBe(key(pod));
  });

  it('cannot be forged by field values containing the separators', () => {
    expect(key(pod, { reason: 'a', action: 'b\u0001c' })).not.toBe(
      key(pod, { reason: 'a\u0001b', action: 'c' }),
    );
  });
});

describe('objectReferenceOf', () => {
  it('drops an empty namespace so cluster-scoped objects have none', () => {
    expect(
      objectReferenceOf({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'n', namespace: '' } }).namespace,
    ).toBeUndefined();
  });
});
