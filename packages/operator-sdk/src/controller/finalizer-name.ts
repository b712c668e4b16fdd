import { OperatorSdkError } from '../errors/operator-sdk.error.js';
import type { ControllerDefinition } from './controller-definition.js';

// A qualified name, as the API server validates finalizers: `<DNS subdomain>/<name of at most 63 chars>`.
const QUALIFIED_NAME = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?\/[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;

/** Why the API server would refuse `finalizer`, or undefined when it is a valid qualified name. */
export function finalizerNameProblem(finalizer: string): string | undefined {
  if (!finalizer.includes('/')) return 'finalizers must be domain-qualified';
  const [prefix = '', name = ''] = finalizer.split('/');
  if (!QUALIFIED_NAME.test(finalizer) || prefix.length > 253) {
    return 'use a DNS subdomain, a slash, and letters, digits, "-", "_" or "."';
  }
  if (name.length > 63) return 'the part after the slash has at most 63 characters';
  return undefined;
}

/**
 * Checks the finalizer settings of a controller before it starts. Its name matters only when the
 * reconciler has `finalize` (only then is it written); `manual` mode without `finalize` would leave every
 * finalizer the reconciler adds in place for ever.
 * @throws OperatorSdkError `Configuration` naming the controller and the fix.
 */
export function assertFinalizerSettings(definition: ControllerDefinition, hasFinalize: boolean): void {
  const { name, finalizer, finalizerMode } = definition;
  if (!hasFinalize) {
    if (finalizerMode !== 'manual') return;
    throw new OperatorSdkError(
      'Configuration',
      `controller "${name}" has finalizerMode "manual" but no finalize method: the finalizers it adds would never be removed; implement finalize(obj, ctx) or drop finalizerMode`,
    );
  }
  const problem = finalizerNameProblem(finalizer);
  if (!problem) return;
  throw new OperatorSdkError(
    'Configuration',
    `invalid finalizer "${finalizer}" of controller "${name}": ${problem}; set @Controller({ finalizer: "example.dev/cleanup" }) or shorten the controller name`,
  );
}
