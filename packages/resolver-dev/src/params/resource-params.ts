import { TerminalError } from '@score-orchestrator/operator-sdk';
import type { ResourceRequest } from '@score-orchestrator/api';

/** A bad param: terminal (the claim turns `Failed` until its spec changes), naming the param and the fix. */
export function invalidParam(request: ResourceRequest, key: string, problem: string): TerminalError {
  return new TerminalError(
    `failed to provision ${request.type} resource ${request.claimName}: params.${key} ${problem}`,
  );
}

/** `params[key]` as a string; undefined when absent. Throws a terminal error for other types. */
export function stringParam(request: ResourceRequest, key: string): string | undefined {
  const value = request.params[key];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw invalidParam(request, key, `must be a string, not ${typeof value}`);
  return value;
}

// A Kubernetes quantity without a sign (k8s.io/apimachinery resource.ParseQuantity): a number, then a
// binary (Ki…Ei) or decimal (n, u, m, k, M…E) suffix or a decimal exponent.
const QUANTITY = /^(\d+(\.\d*)?|\.\d+)(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]|[eE][+-]?\d+)?$/;

/**
 * A size param (`10Gi`, `500M`): a Kubernetes quantity greater than zero, as a PersistentVolumeClaim's
 * storage request must be. Undefined when absent; a terminal error otherwise (Kubernetes would refuse the
 * object on every retry).
 */
export function quantityParam(request: ResourceRequest, key: string): string | undefined {
  const value = stringParam(request, key);
  if (value === undefined) return undefined;
  const match = QUANTITY.exec(value);
  if (!match || !/[1-9]/.test(match[1] ?? '')) {
    throw invalidParam(
      request,
      key,
      `must be a size greater than zero such as "10Gi" or "500M", not ${JSON.stringify(value)}`,
    );
  }
  return value;
}

/** `params[key]` as a non-empty string; throws a terminal error when absent. */
export function requiredStringParam(request: ResourceRequest, key: string, meaning: string): string {
  const value = stringParam(request, key);
  if (value === undefined) throw invalidParam(request, key, `is required: ${meaning}`);
  return value;
}

/**
 * A port param: a number (or numeric string) 1-65535, or a port name (IANA service name: lower-case
 * letters, digits and `-`, at most 15). Undefined when absent.
 */
export function portParam(request: ResourceRequest, key: string): number | string | undefined {
  const value = request.params[key];
  if (value === undefined || value === null || value === '') return undefined;
  const numeric =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && /^\d+$/.test(value)
        ? Number(value)
        : NaN;
  if (!Number.isNaN(numeric)) {
    if (Number.isInteger(numeric) && numeric >= 1 && numeric <= 65535) return numeric;
    throw invalidParam(request, key, 'must be a port number from 1 to 65535 or a port name');
  }
  if (typeof value === 'string' && /^[a-z0-9]([a-z0-9-]{0,13}[a-z0-9])?$/.test(value)) return value;
  throw invalidParam(request, key, 'must be a port number from 1 to 65535 or a port name');
}

/** An integer param within [min, max]; `fallback` when absent. */
export function integerParam(
  request: ResourceRequest,
  key: string,
  range: { readonly min: number; readonly max: number; readonly fallback: number },
): number {
  const value = request.params[key];
  if (value === undefined || value === null || value === '') return range.fallback;
  const n = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < range.min || n > range.max) {
    throw invalidParam(request, key, `must be an integer from ${range.min} to ${range.max}`);
  }
  return n;
}
