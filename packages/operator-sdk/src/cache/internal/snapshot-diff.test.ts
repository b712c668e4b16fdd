import { describe, expect, it } from '@jest/globals';
import type { KubernetesObject } from '@kubernetes/client-node';
import { diffSnapshot } from './snapshot-diff.js';

const cm = (name: string, rv: string): [string, KubernetesObject] => [
  `ns/${name}`,
  { metadata: { namespace: 'ns', name, resourceVersion: rv } },
];

describe('diffSnapshot', () => {
  it('reports adds, updates by resourceVersion, and deletes with the last known state', () => {
    const before = new Map([cm('same', '1'), cm('changed', '1'), cm('gone', '7')]);
    const listed = new Map([cm('same', '1'), cm('changed', '2'), cm('new', '3')]);
    const diff = diffSnapshot(before, listed);
    expect(diff.added.map((o) => o.metadata?.name)).toEqual(['new']);
    expect(
      diff.updated.map((p) => [p.old.metadata?.resourceVersion, p.new.metadata?.resourceVersion]),
    ).toEqual([['1', '2']]);
    expect(diff.deleted).toEqual([before.get('ns/gone')]);
  });

  it('emits nothing for an unchanged world', () => {
    const world = new Map([cm('a', '1'), cm('b', '2')]);
    expect(diffSnapshot(world, new Map(world))).toEqual({ added: [], updated: [], deleted: [] });
  });

  it('treats objects without a resourceVersion as changed', () => {
    const before = new Map<string, KubernetesObject>([['x', { metadata: { name: 'x' } }]]);
    expect(diffSnapshot(before, new Map(before)).updated).toHaveLength(1);
  });
});
