import { describe, expect, it } from '@jest/globals';
import { readPatchOperations } from './patch-operation.js';

// score-k8s decodes the rendered text with yaml.v3 into `[]PatchOperation` (KnownFields): scalars land in the
// string `path` as written, an absent `value` is nil, and the output may be JSON.
describe('readPatchOperations', () => {
  it.each([
    ['-1', '-1'],
    ['0', '0'],
    ['0.10', '0.10'],
    ['"0.spec.replicas"', '0.spec.replicas'],
    ['0.metadata.annotations.a\\.b/c', '0.metadata.annotations.a\\.b/c'],
  ])('reads path %s as %j', (yaml, path) => {
    expect(readPatchOperations(`- op: delete\n  path: ${yaml}\n`, 't')).toEqual([{ op: 'delete', path }]);
  });

  it('reads JSON, nothing, and a set without a value (null, as score-k8s)', () => {
    expect(readPatchOperations('[{"op": "set", "path": "0.a", "value": {"b": [1]}}]', 't')).toEqual([
      { op: 'set', path: '0.a', value: { b: [1] } },
    ]);
    expect(readPatchOperations('  \n', 't')).toEqual([]);
    expect(readPatchOperations('- op: set\n  path: 0.a\n', 't')).toEqual([
      { op: 'set', path: '0.a', value: null },
    ]);
  });
});
