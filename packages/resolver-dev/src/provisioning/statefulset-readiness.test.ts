import { describe, expect, it } from '@jest/globals';
import type { V1StatefulSet } from '@kubernetes/client-node';
import { statefulSetReadiness } from './statefulset-readiness.js';

function sts(generation: number, status: V1StatefulSet['status']): V1StatefulSet {
  return { metadata: { generation }, spec: { replicas: 1 } as V1StatefulSet['spec'], status };
}

describe('statefulSetReadiness', () => {
  it.each([
    ['no StatefulSet', undefined, false, 0],
    ['no status yet', sts(1, undefined), false, 0],
    [
      'pod not ready',
      sts(1, { observedGeneration: 1, replicas: 1, readyReplicas: 0, updatedReplicas: 1 }),
      false,
      0,
    ],
    ['ready', sts(1, { observedGeneration: 1, replicas: 1, readyReplicas: 1, updatedReplicas: 1 }), true, 1],
    [
      'spec change not observed',
      sts(2, { observedGeneration: 1, replicas: 1, readyReplicas: 1, updatedReplicas: 1 }),
      false,
      1,
    ],
    [
      'rolling update pending',
      sts(2, { observedGeneration: 2, replicas: 1, readyReplicas: 1, updatedReplicas: 0 }),
      false,
      1,
    ],
  ])('%s', (_name, statefulSet, ready, readyReplicas) => {
    expect(statefulSetReadiness(statefulSet)).toEqual({ ready, readyReplicas, desiredReplicas: 1 });
  });
});
