import { describe, expect, it } from '@jest/globals';
import { BuiltinKinds } from '../../api/builtin-kinds.js';
import { resourcePath } from './resource-path.js';

describe('resourcePath', () => {
  it.each([
    [BuiltinKinds.ConfigMap, {}, '/api/v1/configmaps'],
    [BuiltinKinds.ConfigMap, { namespace: 'a' }, '/api/v1/namespaces/a/configmaps'],
    [
      BuiltinKinds.Deployment,
      { namespace: 'a', name: 'w', subresource: 'status' },
      '/apis/apps/v1/namespaces/a/deployments/w/status',
    ],
    [BuiltinKinds.Namespace, { namespace: 'ignored', name: 'n' }, '/api/v1/namespaces/n'],
  ])('%j %j → %s', (kind, target, expected) => {
    expect(resourcePath(kind, target)).toBe(expected);
  });
});
