import { describe, expect, it } from '@jest/globals';
import { isTerminalError } from '@score-orchestrator/operator-sdk';
import type { ResourceRequest } from '@score-orchestrator/api';
import { quantityParam } from './resource-params.js';

const request = (size: unknown) =>
  ({ type: 'volume', claimName: 'web-data', params: { size } }) as unknown as ResourceRequest;

describe('quantityParam', () => {
  it.each(['10Gi', '500M', '1.5Gi', '1k', '100', '0.5Gi', '1e9', '.5Gi'])('accepts %j', (size) => {
    expect(quantityParam(request(size), 'size')).toBe(size);
  });

  it.each([undefined, null, ''])('leaves %j to the default', (size) => {
    expect(quantityParam(request(size), 'size')).toBeUndefined();
  });

  // Each of these fails the PersistentVolumeClaim on the API server, on every retry.
  it.each(['1Gx', '10 Gi', '10GB', '128K', '-1Gi', '0', '0Gi', 'lots'])('refuses %j terminally', (size) => {
    let thrown: unknown;
    try {
      quantityParam(request(size), 'size');
    } catch (err) {
      thrown = err;
    }
    expect(isTerminalError(thrown)).toBe(true);
    expect(String((thrown as Error).message)).toBe(
      `failed to provision volume resource web-data: params.size must be a size greater than zero such as "10Gi" or "500M", not ${JSON.stringify(size)}`,
    );
  });

  it('refuses a number terminally (sizes need a unit, as a string)', () => {
    expect(() => quantityParam(request(10), 'size')).toThrow('params.size must be a string, not number');
  });
});
