import { describe, expect, it } from '@jest/globals';
import { BuiltinKinds } from '../api/builtin-kinds.js';
import { configurationError } from '../errors/fixtures/configuration-error.js';
import { Gadget, GadgetKind } from '../manager/fixtures/gadget.resource.js';
import { webhookDefinitionsOf } from './decorated-webhooks.js';
import { Defaulter, readDefaulterOptions } from './defaulter.decorator.js';
import { readValidatorOptions, Validator } from './validator.decorator.js';
import { WebhookBuilder } from './webhook-builder.js';
import type { DefaulterOptions } from './webhook-options.js';

describe('WebhookBuilder', () => {
  it('fills in controller-runtime-like defaults for a validating webhook', () => {
    expect(WebhookBuilder.validating(Gadget).build()).toEqual({
      type: 'validating',
      name: 'vgadget.controllers.test.dev',
      path: '/validate-controllers-test-dev-v1-gadget',
      kind: GadgetKind,
      operations: ['CREATE', 'UPDATE'],
      failurePolicy: 'Fail',
      sideEffects: 'None',
      timeoutSeconds: 10,
      matchPolicy: 'Equivalent',
    });
  });

  it('names a mutating webhook of a core kind under the SDK domain and defaults its reinvocation', () => {
    expect(WebhookBuilder.mutating(BuiltinKinds.ConfigMap).build()).toMatchObject({
      type: 'mutating',
      name: 'mconfigmap.core.operator-sdk',
      path: '/mutate-core-v1-configmap',
      reinvocationPolicy: 'Never',
    });
    expect(WebhookBuilder.validating(BuiltinKinds.Deployment).build().name).toBe(
      'vdeployment.apps.operator-sdk',
    );
  });

  it('takes every setting from options, as the decorators record them', () => {
    const options: Omit<DefaulterOptions, 'for'> = {
      name: 'defaults.gadgets.example.dev',
      path: '/gadgets/default',
      operations: ['CREATE'],
      failurePolicy: 'Ignore',
      sideEffects: 'NoneOnDryRun',
      timeoutSeconds: 3,
      matchPolicy: 'Exact',
      namespaceSelector: { matchLabels: { team: 'a' } },
      objectSelector: { matchExpressions: [{ key: 'skip', operator: 'DoesNotExist' }] },
      reinvocationPolicy: 'IfNeeded',
    };
    const definition = WebhookBuilder.fromOptions('mutating', { for: GadgetKind, ...options }).build();
    expect(definition).toEqual({ type: 'mutating', kind: GadgetKind, ...options });
  });

  it('is what @Validator and @Defaulter record, also both on one class', () => {
    @Validator({ for: GadgetKind, operations: ['*'] })
    @Defaulter({ for: GadgetKind, timeoutSeconds: 2 })
    class Both {}
    expect(readValidatorOptions(Both)).toEqual({ for: GadgetKind, operations: ['*'] });
    expect(readDefaulterOptions(Both)).toEqual({ for: GadgetKind, timeoutSeconds: 2 });
    expect(webhookDefinitionsOf(Both)).toEqual([
      WebhookBuilder.validating(GadgetKind).forOperations('*').build(),
      WebhookBuilder.mutating(GadgetKind).withTimeout(2).build(),
    ]);
    expect(webhookDefinitionsOf(class Plain {})).toEqual([]);
    expect(readValidatorOptions(class Plain {})).toBeUndefined();
  });

  it.each([
    [
      'a two-segment name',
      () => WebhookBuilder.validating(GadgetKind).named('gadget.dev'),
      /invalid webhook name "gadget\.dev": .*e\.g\. "vwidget\.example\.dev"/,
    ],
    [
      'an upper-case name',
      () => WebhookBuilder.validating(GadgetKind).named('V.gadget.dev'),
      /invalid webhook name "V\.gadget\.dev"/,
    ],
    [
      'a relative path',
      () => WebhookBuilder.validating(GadgetKind).atPath('validate'),
      /invalid webhook path "validate": start with "\/"/,
    ],
    [
      'a path with a space',
      () => WebhookBuilder.validating(GadgetKind).atPath('/a b'),
      /invalid webhook path "\/a b"/,
    ],
    [
      'no operations',
      () => WebhookBuilder.validating(GadgetKind).forOperations(),
      /invalid webhook operations \[\]: use one or more of CREATE, UPDATE, DELETE, CONNECT/,
    ],
    [
      'an unknown operation',
      () => WebhookBuilder.validating(GadgetKind).forOperations('PATCH' as never),
      /invalid webhook operations \[PATCH\]/,
    ],
    [
      'a timeout of 0',
      () => WebhookBuilder.validating(GadgetKind).withTimeout(0),
      /invalid webhook timeout 0: use whole seconds from 1 to 30/,
    ],
    [
      'a timeout of 31',
      () => WebhookBuilder.validating(GadgetKind).withTimeout(31),
      /invalid webhook timeout 31/,
    ],
    [
      'a fractional timeout',
      () => WebhookBuilder.validating(GadgetKind).withTimeout(1.5),
      /invalid webhook timeout 1\.5/,
    ],
    [
      'an unknown failure policy',
      () => WebhookBuilder.validating(GadgetKind).withFailurePolicy('Retry' as never),
      /invalid webhook failure policy "Retry": use one of Fail, Ignore/,
    ],
    [
      'an unknown side effect',
      () => WebhookBuilder.validating(GadgetKind).withSideEffects('Some' as never),
      /invalid webhook side effects "Some": use one of None, NoneOnDryRun/,
    ],
    [
      'a reinvocation policy on a validator',
      () => WebhookBuilder.validating(GadgetKind).withReinvocationPolicy('IfNeeded'),
      /only mutating webhooks \(@Defaulter\) have one/,
    ],
    [
      'an undecorated class',
      () => WebhookBuilder.validating(class Plain {}),
      /class Plain: it has no @KubernetesResource decorator/,
    ],
  ])('rejects %s, saying how to fix it', (_, build, message) => {
    expect(configurationError(build)).toMatch(message);
  });
});
