import { describe, expect, it } from '@jest/globals';
import { isTerminalError } from '@score-orchestrator/operator-sdk';
import { apiKeyParams } from './api-key-params.js';

describe('apiKeyParams', () => {
  it.each<[string, Record<string, unknown>, readonly string[]]>([
    ['no scopes', {}, []],
    ['null scopes', { scopes: null }, []],
    ['an empty list', { scopes: [] }, []],
    [
      'sorted and deduplicated',
      { scopes: ['orders:write', 'orders:read', 'orders:write'] },
      ['orders:read', 'orders:write'],
    ],
    ['single words and digits', { scopes: ['admin', 'v2:reports-export'] }, ['admin', 'v2:reports-export']],
  ])('accepts %s', (_name, params, scopes) => {
    expect(apiKeyParams(params)).toEqual({ scopes });
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['a string', { scopes: 'orders:read' }, 'params.scopes must be a list of scope names, not string'],
    ['a map', { scopes: { read: true } }, 'params.scopes must be a list of scope names, not object'],
    [
      'a number item',
      { scopes: ['orders:read', 42] },
      'params.scopes[1] must be a scope name like "orders:read" (lower-case words joined by ":"), not 42',
    ],
    [
      'an upper-case item',
      { scopes: ['Orders:Read'] },
      'params.scopes[0] must be a scope name like "orders:read" (lower-case words joined by ":"), not "Orders:Read"',
    ],
    ['an empty word', { scopes: ['orders::read'] }, 'not "orders::read"'],
    ['an empty item', { scopes: [''] }, 'params.scopes[0] must be a scope name'],
  ])('rejects %s with a terminal error naming the param', (_name, params, message) => {
    let thrown: unknown;
    try {
      apiKeyParams(params);
    } catch (err) {
      thrown = err;
    }
    expect(isTerminalError(thrown)).toBe(true);
    expect((thrown as Error).message).toContain(message);
  });
});
