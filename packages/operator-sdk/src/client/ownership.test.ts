import { describe, expect, it } from '@jest/globals';
import type { KubernetesObject } from '@kubernetes/client-node';
import { describeOwnership, ownershipOf, type Ownership } from './ownership.js';

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
