import { describe, expect, it } from '@jest/globals';
import type { KubernetesObject } from '@kubernetes/client-node';
import { BuiltinKinds } from '../api/builtin-kinds.js';
import { Handlers } from './map-function.js';

const widgetKind = { apiVersion: 'example.dev/v1', kind: 'Widget', plural: 'widgets', namespaced: true };

function owned(refs: NonNullable<KubernetesObject['metadata']>['ownerReferences']): KubernetesObject {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'cm', namespace: 'ns', ownerReferences: refs },
  };
}
const ref = (apiVersion: string, kind: string, controller?: boolean) => ({
  apiVersion,
  kind,
  name: 'w',
  uid: 'u',
  controller,
});

describe('Handlers.controllerOwner', () => {
  it.each([
    ['maps the controller owner', [ref('example.dev/v1', 'Widget', true)], [{ namespace: 'ns', name: 'w' }]],
    [
      'maps an owner at another version of the group',
      [ref('example.dev/v2', 'Widget', true)],
      [{ namespace: 'ns', name: 'w' }],
    ],
    ['ignores non-controller owners', [ref('example.dev/v1', 'Widget', false)], []],
    ['ignores owners of another group', [ref('other.dev/v1', 'Widget', true)], []],
    ['ignores owners of another kind', [ref('example.dev/v1', 'Gadget', true)], []],
    ['handles objects without owners', undefined, []],
  ])('%s', (_name, refs, expected) => {
    expect(Handlers.controllerOwner(widgetKind)(owned(refs))).toEqual(expected);
  });

  it('maps cluster-scoped owners without a namespace', () => {
    const mapped = Handlers.controllerOwner(BuiltinKinds.Namespace)(owned([ref('v1', 'Namespace', true)]));
    expect(mapped).toEqual([{ namespace: undefined, name: 'w' }]);
  });
});

describe('Handlers.forObject', () => {
  it('maps an object to its own key', () => {
    expect(Handlers.forObject()(owned(undefined))).toEqual([{ namespace: 'ns', name: 'cm' }]);
  });
});
