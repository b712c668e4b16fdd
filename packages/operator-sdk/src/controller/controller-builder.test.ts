import { describe, expect, it } from '@jest/globals';
import type { KubernetesObject } from '@kubernetes/client-node';
import { BuiltinKinds } from '../api/builtin-kinds.js';
import { configurationError } from '../errors/fixtures/configuration-error.js';
import { GadgetKind } from '../manager/fixtures/gadget.resource.js';
import { Predicates } from '../predicate/predicates.js';
import { ControllerBuilder } from './controller-builder.js';
import { Controller, readControllerOptions } from './controller.decorator.js';
import { assertFinalizerSettings } from './finalizer-name.js';

const owned = (ownerKind: string, name: string): KubernetesObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: {
    namespace: 'ns',
    name: 'cm',
    ownerReferences: [
      { apiVersion: 'controllers.test.dev/v1', kind: ownerKind, name, uid: 'u', controller: true },
    ],
  },
});

describe('ControllerBuilder', () => {
  it('fills in the defaults', () => {
    const definition = ControllerBuilder.for(GadgetKind).build();
    expect(definition).toEqual({
      name: 'gadget',
      primary: GadgetKind,
      sources: [{ kind: GadgetKind, map: expect.any(Function), predicates: [] }],
      concurrency: 1,
      namespaces: [],
      finalizer: 'controllers.test.dev/gadget-finalizer',
      finalizerMode: 'managed',
      reconcileTimeoutMs: undefined,
    });
    const gadget = {
      apiVersion: 'controllers.test.dev/v1',
      kind: 'Gadget',
      metadata: { namespace: 'ns', name: 'g' },
    };
    expect(definition.sources[0].map(gadget)).toEqual([{ namespace: 'ns', name: 'g' }]);
  });

  it('qualifies the default finalizer of a core kind with the SDK group', () => {
    expect(ControllerBuilder.for(BuiltinKinds.ConfigMap).build().finalizer).toBe(
      'core.operator-sdk/configmap-finalizer',
    );
  });

  it('resolves @Controller options: owned and watched kinds with their own predicates', () => {
    const primaryOnly = Predicates.generationChanged();
    const ownedOnly = Predicates.labelsChanged();
    const watchedOnly = Predicates.hasLabels({ a: 'b' });
    const map = () => [{ namespace: 'ns', name: 'x' }];
    const definition = ControllerBuilder.fromOptions({
      for: GadgetKind,
      predicates: [primaryOnly],
      owns: [BuiltinKinds.ConfigMap, { kind: BuiltinKinds.Secret, predicates: [ownedOnly] }],
      watches: [{ kind: BuiltinKinds.Service, map, predicates: [watchedOnly] }],
      name: 'gadgets',
      concurrency: 3,
      namespaces: ['a', 'b', 'a'],
      finalizer: 'example.dev/cleanup',
      reconcileTimeoutMs: 1_000,
    }).build();

    expect(definition).toMatchObject({
      name: 'gadgets',
      concurrency: 3,
      namespaces: ['a', 'b'],
      finalizer: 'example.dev/cleanup',
      reconcileTimeoutMs: 1_000,
    });
    expect(definition.sources.map((s) => [s.kind.kind, s.predicates])).toEqual([
      ['Gadget', [primaryOnly]],
      ['ConfigMap', []],
      ['Secret', [ownedOnly]],
      ['Service', [watchedOnly]],
    ]);
    // Owned kinds map to their controller owner of the primary kind, and nothing else.
    expect(definition.sources[1].map(owned('Gadget', 'g'))).toEqual([{ namespace: 'ns', name: 'g' }]);
    expect(definition.sources[1].map(owned('Other', 'g'))).toEqual([]);
    expect(definition.sources[3].map).toBe(map);
  });

  it('is what @Controller records', () => {
    @Controller({ for: GadgetKind, concurrency: 2 })
    class Recorded {}
    const options = readControllerOptions(Recorded)!;
    expect(ControllerBuilder.fromOptions(options).build()).toMatchObject({ name: 'gadget', concurrency: 2 });
    expect(readControllerOptions(class NotAController {})).toBeUndefined();
  });

  it.each([
    [
      'an upper-case name',
      () => ControllerBuilder.for(GadgetKind).named('Gadget'),
      /invalid controller name "Gadget".*e\.g\. "widget"/,
    ],
    ['an empty name', () => ControllerBuilder.for(GadgetKind).named(''), /invalid controller name ""/],
    [
      'concurrency 0',
      () => ControllerBuilder.for(GadgetKind).withConcurrency(0),
      /invalid controller concurrency 0: use an integer >= 1/,
    ],
    [
      'fractional concurrency',
      () => ControllerBuilder.for(GadgetKind).withConcurrency(1.5),
      /concurrency 1.5/,
    ],
    [
      'an unqualified finalizer',
      () => ControllerBuilder.for(GadgetKind).withFinalizer('cleanup'),
      /invalid finalizer "cleanup": .*e\.g\. "example\.dev\/cleanup"/,
    ],
    [
      'a finalizer with spaces',
      () => ControllerBuilder.for(GadgetKind).withFinalizer('example.dev/clean up'),
      /invalid finalizer "example\.dev\/clean up"/,
    ],
    [
      'an unknown finalizer mode',
      () => ControllerBuilder.for(GadgetKind).withFinalizerMode('auto' as 'manual'),
      /invalid finalizerMode "auto": use "managed" .* or "manual"/,
    ],
    [
      'a zero timeout',
      () => ControllerBuilder.for(GadgetKind).withReconcileTimeout(0),
      /invalid reconcile timeout 0: use a value > 0 ms/,
    ],
    [
      'a NaN timeout',
      () => ControllerBuilder.for(GadgetKind).withReconcileTimeout(Number.NaN),
      /invalid reconcile timeout NaN/,
    ],
    [
      'an undecorated class',
      () => ControllerBuilder.for(class Plain {}),
      /class Plain: it has no @KubernetesResource decorator/,
    ],
  ])('rejects %s, saying how to fix it', (_, build, message) => {
    expect(configurationError(build)).toMatch(message);
  });

  it('derives a default finalizer that assertFinalizerSettings checks where it is used', () => {
    const definition = ControllerBuilder.for(GadgetKind).named('x'.repeat(60)).build();
    expect(() => assertFinalizerSettings(definition, true)).toThrow(
      /invalid finalizer "controllers\.test\.dev\/x+-finalizer" of controller "x+": .*63 characters; set @Controller\(\{ finalizer/,
    );
    // Without finalize the name is never written, so it is not checked.
    expect(() => assertFinalizerSettings(definition, false)).not.toThrow();
    expect(() => assertFinalizerSettings(ControllerBuilder.for(GadgetKind).build(), true)).not.toThrow();
  });

  it('takes finalizerMode from the options, and refuses manual mode without finalize', () => {
    const manual = ControllerBuilder.fromOptions({ for: GadgetKind, finalizerMode: 'manual' }).build();
    expect(manual.finalizerMode).toBe('manual');
    expect(() => assertFinalizerSettings(manual, true)).not.toThrow();
    expect(() => assertFinalizerSettings(manual, false)).toThrow(
      /controller "gadget" has finalizerMode "manual" but no finalize method: .*implement finalize\(obj, ctx\)/,
    );
  });
});
