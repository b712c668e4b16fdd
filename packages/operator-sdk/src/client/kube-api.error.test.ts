import { describe, expect, it } from '@jest/globals';
import { OperatorSdkError } from '../errors/operator-sdk.error.js';
import {
  apiErrorFromResponse,
  apiErrorFromTransport,
  isConflict,
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
});
