import { describe, expect, it, jest } from '@jest/globals';
import { generateCredential } from './generate-credential.js';
import {
  decodeSecretData,
  encodeSecretData,
  hasAllCredentials,
  resolveCredentials,
} from './resolve-credentials.js';

const keys = [{ key: 'password' }, { key: 'root_password', length: 32 }];

interface Case {
  name: string;
  claim: Record<string, string>;
  backing: Record<string, string>;
  values: Record<string, string>;
  origins: Record<string, string>;
}

describe('resolveCredentials', () => {
  it.each<Case>([
    {
      name: 'takes the claim Secret first',
      claim: { password: 'c1', root_password: 'c2' },
      backing: { password: 'b1', root_password: 'b2' },
      values: { password: 'c1', root_password: 'c2' },
      origins: { password: 'claim', root_password: 'claim' },
    },
    {
      name: 'falls back to the backing Secret when the claim Secret is missing',
      claim: {},
      backing: { password: 'b1', root_password: 'b2' },
      values: { password: 'b1', root_password: 'b2' },
      origins: { password: 'backing', root_password: 'backing' },
    },
    {
      name: 'mixes sources key by key, empty values counting as missing',
      claim: { password: '' },
      backing: { password: 'b1' },
      values: { password: 'b1', root_password: 'generated-32' },
      origins: { password: 'backing', root_password: 'generated' },
    },
    {
      name: 'generates what exists nowhere',
      claim: {},
      backing: {},
      values: { password: 'generated-24', root_password: 'generated-32' },
      origins: { password: 'generated', root_password: 'generated' },
    },
  ])('$name', ({ claim, backing, values, origins }) => {
    const generate = (length = 24) => `generated-${length}`;
    expect(resolveCredentials(keys, { claim, backing }, generate)).toEqual({ values, origins });
  });

  it('never generates again once the values are stored (stable across re-reconciles)', () => {
    const generate = jest.fn(generateCredential);
    const first = resolveCredentials(keys, { claim: {}, backing: {} }, generate);
    expect(generate).toHaveBeenCalledTimes(2);
    // The host wrote the secret outputs into the claim's Secret; the next reconciles read them back.
    for (let i = 0; i < 3; i++) {
      const again = resolveCredentials(keys, { claim: first.values, backing: {} }, generate);
      expect(again.values).toEqual(first.values);
    }
    // The claim Secret was lost but the backing Secret kept them.
    const recovered = resolveCredentials(keys, { claim: {}, backing: first.values }, generate);
    expect(recovered.values).toEqual(first.values);
    expect(generate).toHaveBeenCalledTimes(2);
  });

  it('says when every credential is present', () => {
    expect(hasAllCredentials(keys, { password: 'a', root_password: 'b' })).toBe(true);
    expect(hasAllCredentials(keys, { password: 'a' })).toBe(false);
    expect(hasAllCredentials([], {})).toBe(true);
  });
});

describe('generateCredential', () => {
  it('makes alphanumeric strings of the asked length, different each time', () => {
    const seen = new Set<string>();
    for (const length of [1, 16, 24, 40, 64]) {
      const value = generateCredential(length);
      expect(value).toMatch(new RegExp(`^[A-Za-z0-9]{${length}}$`));
      seen.add(value);
    }
    expect(seen.size).toBe(5);
  });
});

describe('Secret data', () => {
  it('round-trips through base64', () => {
    const values = { password: 'p@ss wörd', 'redis.conf': 'requirepass x\n' };
    expect(decodeSecretData({ data: encodeSecretData(values) })).toEqual(values);
    expect(decodeSecretData(undefined)).toEqual({});
  });
});
