import { describe, expect, it } from '@jest/globals';
import type { KubernetesObject } from '@kubernetes/client-node';
import {
  getControllerOf,
  isOwnedBy,
  isReferenceToKind,
  setControllerReference,
  setOwnerReference,
} from './owner-references.js';

const owner = (uid: string, namespace: string | undefined = 'ns'): KubernetesObject => ({
  apiVersion: 'example.com/v1',
  kind: 'App',
  metadata: { name: `app-${uid}`, namespace, uid },
});
const child = (): KubernetesObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'c', namespace: 'ns' },
});

describe('owner references', () => {
  it('sets a controller reference idempotently', () => {
    const obj = setControllerReference(owner('1'), child());
    setControllerReference(owner('1'), obj);
    expect(obj.metadata?.ownerReferences).toEqual([
      {
        apiVersion: 'example.com/v1',
        kind: 'App',
        name: 'app-1',
        uid: '1',
        controller: true,
        blockOwnerDeletion: true,
      },
    ]);
    expect(getControllerOf(obj)?.uid).toBe('1');
    expect(isOwnedBy(obj, owner('1'))).toBe(true);
    expect(isOwnedBy(obj, owner('2'))).toBe(false);
  });

  it('refuses a second controller with a Conflict', () => {
    const obj = setControllerReference(owner('1'), child());
    expect(() => setControllerReference(owner('2'), obj)).toThrow(
      expect.objectContaining({
        kind: 'Conflict',
        message: expect.stringContaining('already controlled by App app-1'),
      }),
    );
  });

  it('adds plain owners beside the controller and keeps the controller flag of an existing reference', () => {
    const obj = setControllerReference(owner('1'), child());
    setOwnerReference(owner('2'), obj);
    setOwnerReference(owner('1'), obj);
    expect(obj.metadata?.ownerReferences?.map((r) => [r.uid, r.controller ?? false])).toEqual([
      ['1', true],
      ['2', false],
    ]);
  });

  it.each([
    ['an owner without uid', { ...owner('1'), metadata: { name: 'x', namespace: 'ns' } }],
    ['an owner in another namespace', owner('1', 'elsewhere')],
  ])('rejects %s with a Validation error', (_label, bad) => {
    expect(() => setControllerReference(bad, child())).toThrow(
      expect.objectContaining({ kind: 'Validation' }),
    );
  });

  it('accepts cluster-scoped owners for namespaced objects', () => {
    expect(getControllerOf(setControllerReference(owner('1', undefined), child()))?.uid).toBe('1');
  });

  describe('isReferenceToKind', () => {
    const App = { apiVersion: 'example.com/v1', kind: 'App', plural: 'apps', namespaced: true };
    const ref = (apiVersion: string, kind = 'App') => ({ apiVersion, kind, name: 'a', uid: '1' });

    it('matches the kind in its API group at any version', () => {
      expect(isReferenceToKind(ref('example.com/v1'), App)).toBe(true);
      expect(isReferenceToKind(ref('example.com/v2beta1'), App)).toBe(true);
    });

    it('refuses another kind, another group, a group that only starts alike, or the core group', () => {
      expect(isReferenceToKind(ref('example.com/v1', 'Application'), App)).toBe(false);
      expect(isReferenceToKind(ref('other.com/v1'), App)).toBe(false);
      expect(isReferenceToKind(ref('example.com.evil/v1'), App)).toBe(false);
      expect(isReferenceToKind(ref('v1'), App)).toBe(false);
    });

    it('tells core-group kinds by kind among core references only', () => {
      const ConfigMap = { apiVersion: 'v1', kind: 'ConfigMap' };
      expect(isReferenceToKind(ref('v1', 'ConfigMap'), ConfigMap)).toBe(true);
      expect(isReferenceToKind(ref('example.com/v1', 'ConfigMap'), ConfigMap)).toBe(false);
    });
  });
});
