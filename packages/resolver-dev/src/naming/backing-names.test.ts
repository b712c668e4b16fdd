import { describe, expect, it } from '@jest/globals';
import { backingName, databaseIdentifier, labelValue, maxBackingNameLength } from './backing-names.js';

const dns1035 = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

describe('backingName', () => {
  it.each([
    ['pg', 'web-db', 'pg-web-db'],
    ['redis', 'shared-redis-default-cache', 'redis-shared-redis-default-cache'],
    ['pg', 'Web.DB', 'pg-web-db-'],
    ['minio', 'a'.repeat(63), 'minio-aaaa'],
  ])('%s + %s starts with %s', (prefix, claim, start) => {
    const name = backingName(prefix, claim);
    expect(name.startsWith(start)).toBe(true);
    expect(name.length).toBeLessThanOrEqual(maxBackingNameLength);
    expect(name).toMatch(dns1035);
  });

  it('is deterministic and keeps long names apart by a hash', () => {
    const a = `${'x'.repeat(60)}-a`;
    const b = `${'x'.repeat(60)}-b`;
    expect(backingName('pg', a)).toBe(backingName('pg', a));
    expect(backingName('pg', a)).not.toBe(backingName('pg', b));
  });

  it('honours a larger limit (PVC and Ingress names)', () => {
    expect(backingName('vol', 'y'.repeat(70), 63)).toHaveLength(63);
  });
});

describe('databaseIdentifier', () => {
  it.each([
    ['web-db', 63, 'web_db'],
    ['shared-postgres-default-main', 63, 'shared_postgres_default_main'],
    ['1st-db', 63, 'r_1st_db'],
  ])('%s -> %s', (claim, max, expected) => {
    expect(databaseIdentifier(claim, max)).toBe(expected);
  });

  it('cuts to the limit with a hash suffix', () => {
    const id = databaseIdentifier('a-very-long-claim-name-for-mysql-users', 32);
    expect(id).toHaveLength(32);
    expect(id).toMatch(/^[a-z][a-z0-9_]*$/);
  });
});

describe('labelValue', () => {
  it.each([
    ['web-db', 'web-db'],
    ['a.b_c', 'a.b_c'],
  ])('keeps valid %s', (text, expected) => expect(labelValue(text)).toBe(expected));

  it('cuts long values to 63 with a hash', () => {
    const value = labelValue('z'.repeat(80));
    expect(value).toHaveLength(63);
    expect(value).toMatch(/^[a-z0-9]([-a-z0-9_.]*[a-z0-9])?$/);
  });
});
