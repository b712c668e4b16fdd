import { describe, expect, it } from '@jest/globals';
import { claimName, fitName, MAX_CLAIM_NAME_LENGTH } from './claim-name.js';

describe('claimName', () => {
  it.each([
    ['private', 'shop', 'db', { type: 'postgres' }, 'shop-db'],
    ['shared', 'shop', 'db', { type: 'postgres', id: 'main' }, 'shared-postgres-default-main'],
    [
      'shared with class',
      'x',
      'db',
      { type: 'postgres', class: 'large', id: 'main.eu' },
      'shared-postgres-large-main.eu',
    ],
  ])('names a %s resource', (_case, workload, resource, spec, expected) => {
    expect(claimName(workload, resource, spec)).toBe(expected);
  });

  it('is the same for every Workload sharing a resource', () => {
    const spec = { type: 'redis', id: 'cache' };
    expect(claimName('one', 'kv', spec)).toBe(claimName('two', 'other', spec));
  });

  it('cuts long names to 63 characters with a hash that keeps them distinct', () => {
    const a = claimName('w'.repeat(60), 'database-one', { type: 'postgres' });
    const b = claimName('w'.repeat(60), 'database-two', { type: 'postgres' });
    expect(a).toHaveLength(MAX_CLAIM_NAME_LENGTH);
    expect(a).toMatch(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/);
    expect(a).not.toBe(b);
    expect(claimName('w'.repeat(60), 'database-one', { type: 'postgres' })).toBe(a);
  });

  it('lowers and hashes names that need cleaning, so they never collide', () => {
    const upper = fitName('shared-pg-Large-x');
    expect(upper).toMatch(/^shared-pg-large-x-[0-9a-f]{10}$/);
    expect(upper).not.toBe(fitName('shared-pg-large-x'));
  });
});
