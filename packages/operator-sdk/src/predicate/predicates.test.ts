import { describe, expect, it } from '@jest/globals';
import type { KubernetesObject } from '@kubernetes/client-node';
import type { WatchEvent } from './predicate.js';
import { Predicates } from './predicates.js';

function obj(meta: KubernetesObject['metadata']): KubernetesObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a', namespace: 'ns', ...meta } };
}
const update = (old: KubernetesObject, now: KubernetesObject): WatchEvent => ({
  type: 'update',
  old,
  new: now,
});

describe('Predicates', () => {
  const base = obj({ generation: 1, resourceVersion: '1', labels: { app: 'web' }, annotations: { a: '1' } });
  const cases: Array<[string, ReturnType<typeof Predicates.custom>, WatchEvent, boolean]> = [
    ['generationChanged passes adds', Predicates.generationChanged(), { type: 'add', new: base }, true],
    ['generationChanged passes deletes', Predicates.generationChanged(), { type: 'delete', old: base }, true],
    [
      'generationChanged drops status-only updates',
      Predicates.generationChanged(),
      update(base, obj({ generation: 1, resourceVersion: '2' })),
      false,
    ],
    [
      'generationChanged passes spec updates',
      Predicates.generationChanged(),
      update(base, obj({ generation: 2 })),
      true,
    ],
    [
      'specOrMetadataChanged drops status-only updates',
      Predicates.specOrMetadataChanged(),
      update(base, {
        ...obj({ ...base.metadata, resourceVersion: '2' }),
        status: { ready: true },
      } as KubernetesObject),
      false,
    ],
    [
      'specOrMetadataChanged drops finalizer-only updates',
      Predicates.specOrMetadataChanged(),
      update(base, obj({ ...base.metadata, resourceVersion: '2', finalizers: ['x'] })),
      false,
    ],
    [
      'specOrMetadataChanged passes spec updates',
      Predicates.specOrMetadataChanged(),
      update(base, obj({ ...base.metadata, generation: 2 })),
      true,
    ],
    [
      'specOrMetadataChanged passes a deletion',
      Predicates.specOrMetadataChanged(),
      update(base, obj({ ...base.metadata, deletionTimestamp: new Date(0) })),
      true,
    ],
    [
      'specOrMetadataChanged passes a resync (the same object as old and new)',
      Predicates.specOrMetadataChanged(),
      update(base, base),
      true,
    ],
    [
      'specOrMetadataChanged passes a label change',
      Predicates.specOrMetadataChanged(),
      update(base, obj({ ...base.metadata, labels: { app: 'api' } })),
      true,
    ],
    [
      'labelsChanged drops equal labels',
      Predicates.labelsChanged(),
      update(base, obj({ labels: { app: 'web' } })),
      false,
    ],
    [
      'labelsChanged passes a changed value',
      Predicates.labelsChanged(),
      update(base, obj({ labels: { app: 'api' } })),
      true,
    ],
    [
      'labelsChanged passes an added label',
      Predicates.labelsChanged(),
      update(base, obj({ labels: { app: 'web', x: 'y' } })),
      true,
    ],
    [
      'annotationsChanged drops equal annotations',
      Predicates.annotationsChanged(),
      update(base, obj({ annotations: { a: '1' } })),
      false,
    ],
    ['annotationsChanged passes removal', Predicates.annotationsChanged(), update(base, obj({})), true],
    ['resourceVersionChanged drops resyncs', Predicates.resourceVersionChanged(), update(base, base), false],
    ['hasLabels matches', Predicates.hasLabels({ app: 'web' }), { type: 'add', new: base }, true],
    [
      'hasLabels rejects other values',
      Predicates.hasLabels({ app: 'api' }),
      { type: 'add', new: base },
      false,
    ],
    [
      'hasLabels looks at the old object on delete',
      Predicates.hasLabels({ app: 'web' }),
      { type: 'delete', old: base },
      true,
    ],
    ['hasAnnotation by key', Predicates.hasAnnotation('a'), { type: 'add', new: base }, true],
    ['hasAnnotation by key and value', Predicates.hasAnnotation('a', '2'), { type: 'add', new: base }, false],
    [
      'and needs all',
      Predicates.and(Predicates.hasLabels({ app: 'web' }), Predicates.hasAnnotation('b')),
      { type: 'add', new: base },
      false,
    ],
    [
      'or needs one',
      Predicates.or(Predicates.hasLabels({ app: 'x' }), Predicates.hasAnnotation('a')),
      { type: 'add', new: base },
      true,
    ],
    ['not inverts', Predicates.not(Predicates.hasAnnotation('a')), { type: 'add', new: base }, false],
    [
      'custom runs the function',
      Predicates.custom((e) => e.type === 'delete'),
      { type: 'delete', old: base },
      true,
    ],
  ];

  it.each(cases)('%s', (_name, predicate, event, expected) => {
    expect(predicate(event)).toBe(expected);
  });
});
