import { describe, expect, it } from '@jest/globals';
import { apiKeyDigest, apiKeyId, generateApiKey } from './api-key.js';

describe('API keys', () => {
  it('generates 256-bit keys, URL-safe, different each time', () => {
    const keys = new Set(Array.from({ length: 20 }, generateApiKey));
    expect(keys.size).toBe(20);
    for (const key of keys) expect(key).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('derives a stable digest and a short public id that does not contain the key', () => {
    const key = 'k'.repeat(43);
    expect(apiKeyDigest(key)).toMatch(/^[0-9a-f]{64}$/);
    expect(apiKeyDigest(key)).toBe(apiKeyDigest(key));
    expect(apiKeyId(key)).toBe(apiKeyDigest(key).slice(0, 12));
    expect(apiKeyId('another key')).not.toBe(apiKeyId(key));
  });
});
