import { describe, expect, it } from '@jest/globals';
import { workloadServiceName } from './workload-service-name.js';

describe('workloadServiceName', () => {
  it('keeps a name that starts with a letter', () => {
    expect(workloadServiceName('web')).toBe('web');
  });

  it('prefixes a name that starts with a digit, since Service names must start with a letter', () => {
    expect(workloadServiceName('3d-viewer')).toBe('svc-3d-viewer');
  });

  it('cuts a long prefixed name to 63 characters and keeps distinct names distinct', () => {
    const a = workloadServiceName(`1${'a'.repeat(62)}`);
    const b = workloadServiceName(`2${'a'.repeat(62)}`);
    expect(a).toHaveLength(63);
    expect(a).toMatch(/^svc-1a+-[0-9a-f]{8}$/);
    expect(a).not.toBe(b);
  });
});
