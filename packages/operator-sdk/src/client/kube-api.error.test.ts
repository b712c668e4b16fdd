import { describe, expect, it } from '@jest/globals';
import { OperatorSdkError } from '../errors/operator-sdk.error.js';
import {
  apiErrorFromResponse,
  apiErrorFromTransport,
  isConflict,
  isNamespaceTerminating,
  isNotFound,
  statusCodeOf,
} from './kube-api.error.js';

describe('KubeApiError', () => {
  it.each([
    [404, 'NotFound'],
    [409, 'Conflict'],
    [422, 'Validation'],
    [500, 'Api'],
    [410, 'Api'],
  ])('maps HTTP %i to kind %s', (status, kind) => {
    const err = apiErrorFromResponse('get ConfigMap ns/x', status, { kind: 'Status', message: 'nope' });
    expect(err).toMatchObject({ kind, statusCode: status, message: 'failed to get ConfigMap ns/x: nope' });
    expect(OperatorSdkError.is(err)).toBe(true);
  });

  it('keeps the field paths of a 422', () => {
    const causes = [{ field: 'spec.replicas', reason: 'FieldValueInvalid', message: 'must be >= 0' }];
    const err = apiErrorFromResponse('apply Deployment default/web', 422, {
      kind: 'Status',
      reason: 'Invalid',
      message: 'Deployment "web" is invalid',
      details: { causes },
    });
    expect(err.causes).toEqual(causes);
    expect(err.reason).toBe('Invalid');
  });

  it('finds status codes through cause chains and client-node errors', () => {
    const wrapped = new OperatorSdkError('Api', 'outer', {
      cause: apiErrorFromResponse('x', 409, undefined),
    });
    expect(isConflict(wrapped)).toBe(true);
    expect(isNotFound({ code: 404 })).toBe(true);
    expect(statusCodeOf(apiErrorFromTransport('get x', new Error('ECONNREFUSED')))).toBeUndefined();
    expect(statusCodeOf('text')).toBeUndefined();
  });

  it('tells a create refused by a terminating namespace from other 403s', () => {
    // The body kube-apiserver's NamespaceLifecycle admission sends (namespace-terminating.int.test.ts).
    const terminating = apiErrorFromResponse('create Secret gone/x', 403, {
      kind: 'Status',
      reason: 'Forbidden',
      message:
        'secrets "x" is forbidden: unable to create new content in namespace gone because it is being terminated',
      details: {
        name: 'x',
        kind: 'secrets',
        causes: [
          {
            reason: 'NamespaceTerminating',
            message: 'namespace gone is being terminated',
            field: 'metadata.namespace',
          },
        ],
      },
    });
    expect(isNamespaceTerminating(terminating)).toBe(true);
    expect(isNamespaceTerminating(new OperatorSdkError('Api', 'outer', { cause: terminating }))).toBe(true);
    const rbac = apiErrorFromResponse('create Secret kube-system/x', 403, {
      kind: 'Status',
      reason: 'Forbidden',
      message: 'secrets is forbidden: User "u" cannot create resource "secrets"',
    });
    expect(isNamespaceTerminating(rbac)).toBe(false);
    expect(isNamespaceTerminating(undefined)).toBe(false);
  });
});
