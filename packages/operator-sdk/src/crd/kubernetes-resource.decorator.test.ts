import { describe, expect, it } from '@jest/globals';
import {
  KubernetesResource,
  readKubernetesResource,
  resourceKindOf,
} from './kubernetes-resource.decorator.js';
import { pluralNameOf } from './plural-name.js';

describe('@KubernetesResource', () => {
  it('records the options with defaults filled in', () => {
    @KubernetesResource({ group: 'example.com', version: 'v1', kind: 'Widget' })
    class Widget {}
    expect(readKubernetesResource(Widget)).toEqual({
      group: 'example.com',
      version: 'v1',
      kind: 'Widget',
      plural: 'widgets',
      singular: 'widget',
      listKind: 'WidgetList',
      scope: 'Namespaced',
      shortNames: [],
      categories: [],
      printerColumns: [],
      statusSubresource: true,
      storageVersion: true,
    });
  });

  it('keeps explicit values over defaults', () => {
    @KubernetesResource({ group: 'g.io', version: 'v2', kind: 'Mouse', plural: 'mice', scope: 'Cluster' })
    class Mouse {}
    expect(resourceKindOf(Mouse)).toEqual({
      apiVersion: 'g.io/v2',
      kind: 'Mouse',
      plural: 'mice',
      namespaced: false,
    });
  });

  it('passes a ResourceKind through and rejects an undecorated class', () => {
    const kind = { apiVersion: 'v1', kind: 'Pod', plural: 'pods', namespaced: true };
    expect(resourceKindOf(kind)).toBe(kind);
    class Bare {}
    expect(() => resourceKindOf(Bare)).toThrow(/Bare: it has no @KubernetesResource/);
  });

  it.each([
    ['Widget', 'widgets'],
    ['Ingress', 'ingresses'],
    ['Box', 'boxes'],
    ['Batch', 'batches'],
    ['Policy', 'policies'],
    ['Gateway', 'gateways'],
    ['WorkloadPlan', 'workloadplans'],
  ])('pluralises %s as %s', (kind, plural) => {
    expect(pluralNameOf(kind)).toBe(plural);
  });
});
