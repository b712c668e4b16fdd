import { describe, expect, it } from '@jest/globals';
import type { KubernetesObject } from '@kubernetes/client-node';
import { OwnershipConflictError } from './ownership-conflict.error.js';
import { describeOwnership, ownershipOf, predecessorOf, type Ownership } from './ownership.js';

const owner = { apiVersion: 'v1', kind: 'Owner', metadata: { namespace: 'a', name: 'o', uid: 'u1' } };
const ref = (uid: string, controller = true) => ({
  apiVersion: 'v1',
  kind: 'Owner',
  name: 'x',
  uid,
  controller,
});
const obj = (meta: KubernetesObject['metadata']): KubernetesObject => ({ metadata: { name: 'n', ...meta } });
const mine = { 'score.dev/claim': 'db' };

describe('ownershipOf', () => {
  it.each<[string, KubernetesObject | undefined, Ownership, string]>([
    ['nothing there', undefined, { owner }, 'absent'],
    ['controlled by the owner', obj({ ownerReferences: [ref('u1')] }), { owner }, 'controlled'],
    ['controlled by another object', obj({ ownerReferences: [ref('u2')] }), { owner }, 'foreign'],
    [
      'merely owned (not controlled) by the owner',
      obj({ ownerReferences: [ref('u1', false)] }),
      { owner },
      'foreign',
    ],
    ['made by hand, no labels asked', obj({}), { owner }, 'foreign'],
    ['no controller, our labels', obj({ labels: mine }), { owner, labels: mine }, 'adoptable'],
    [
      'no controller, other labels',
      obj({ labels: { 'score.dev/claim': 'x' } }),
      { owner, labels: mine },
      'foreign',
    ],
    [
      'another controller, our labels',
      obj({ labels: mine, ownerReferences: [ref('u2')] }),
      { owner, labels: mine },
      'foreign',
    ],
    ['labels only, labelled', obj({ labels: mine }), { labels: mine }, 'controlled'],
    [
      'labels only, controlled by someone',
      obj({ labels: mine, ownerReferences: [ref('u2')] }),
      { labels: mine },
      'foreign',
    ],
    ['labels only, unlabelled', obj({}), { labels: mine }, 'foreign'],
    ['empty labels never adopt', obj({}), { owner, labels: {} }, 'foreign'],
  ])('%s', (_name, existing, ownership, expected) => {
    expect(ownershipOf(existing, ownership)).toBe(expected);
  });

  it('refuses an ownership that names neither an owner uid nor labels', () => {
    expect(() => ownershipOf(undefined, { owner: { metadata: { name: 'o' } } })).toThrow(/uid/);
  });

  it('describes the owner or the labels', () => {
    expect(describeOwnership({ owner })).toBe('Owner a/o');
    expect(describeOwnership({ labels: mine })).toBe('labels score.dev/claim=db');
  });
});

describe('predecessorOf', () => {
  const named = (name: string, uid: string, kind = 'Owner', apiVersion = 'v1') => ({
    apiVersion,
    kind,
    name,
    uid,
    controller: true,
  });

  it('names the controller when it is an earlier owner of the same group, kind and name', () => {
    const earlier = obj({ ownerReferences: [named('o', 'u0')] });
    expect(ownershipOf(earlier, { owner })).toBe('foreign'); // still not ours to write or delete
    expect(predecessorOf(earlier, { owner })).toEqual(named('o', 'u0'));
    // Another version of the same group and kind is the same owner kind.
    const group = { ...owner, apiVersion: 'score.dev/v1b1' };
    const otherVersion = obj({ ownerReferences: [named('o', 'u0', 'Owner', 'score.dev/v1')] });
    expect(predecessorOf(otherVersion, { owner: group })?.uid).toBe('u0');
  });

  it.each<[string, KubernetesObject | undefined, Ownership]>([
    ['nothing there', undefined, { owner }],
    ['controlled by the owner itself', obj({ ownerReferences: [named('o', 'u1')] }), { owner }],
    ['controlled by another name', obj({ ownerReferences: [named('p', 'u0')] }), { owner }],
    ['controlled by another kind', obj({ ownerReferences: [named('o', 'u0', 'Other')] }), { owner }],
    [
      'controlled by another group',
      obj({ ownerReferences: [named('o', 'u0', 'Owner', 'x.io/v1')] }),
      { owner },
    ],
    [
      'merely owned (not controlled) by an earlier one',
      obj({ ownerReferences: [{ ...named('o', 'u0'), controller: false }] }),
      { owner },
    ],
    [
      'owned by another object besides an earlier one',
      obj({ ownerReferences: [named('o', 'u0'), { ...named('k', 'u9', 'Keeper'), controller: false }] }),
      { owner },
    ],
    ['no controller', obj({ labels: mine }), { owner, labels: mine }],
    ['no owner asked (labels only)', obj({ ownerReferences: [named('o', 'u0')] }), { labels: mine }],
  ])('is undefined when %s', (_name, existing, ownership) => {
    expect(predecessorOf(existing, ownership)).toBeUndefined();
  });

  it('gives the conflict a message that says to wait, not to rename', () => {
    const key = { namespace: 'a', name: 'vol-o' };
    const earlier = new OwnershipConflictError('PVC', key, 'Owner a/o', 'apply', named('o', 'u0'));
    expect(earlier.kind).toBe('NotOwned');
    expect(earlier.message).toBe(
      'failed to apply PVC a/vol-o: an object of that name is still controlled by an earlier Owner a/o (uid u0), being deleted or left to the garbage collector; it is not ours until it is gone',
    );
    const other = new OwnershipConflictError('PVC', key, 'Owner a/o');
    expect(other.predecessor).toBeUndefined();
    expect(other.message).toMatch(/exists and is not controlled by Owner a\/o$/);
  });
});
