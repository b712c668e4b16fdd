import { describe, expect, it } from '@jest/globals';
import type { ResolverOptions } from '@score-orchestrator/api';
import { matchResolver, type ResolverQuery } from './match-resolver.js';

const candidates: { options: ResolverOptions }[] = [
  { options: { name: 'pg-any', type: 'postgres' } },
  { options: { name: 'pg-large', type: 'postgres', classes: ['large'] } },
  { options: { name: 'pg-shared', type: 'postgres', ids: ['main-db'] } },
  { options: { name: 'pg-large-shared', type: 'postgres', classes: ['large'], ids: ['main-db'] } },
  { options: { name: 'redis-a', type: 'redis' } },
  { options: { name: 'redis-b', type: 'redis' } },
  { options: { name: 'dns-only-shared', type: 'dns', ids: ['edge'] } },
];

describe('matchResolver', () => {
  it.each<[string, ResolverQuery, string]>([
    ['any class, private', { type: 'postgres', class: 'default' }, 'pg-any'],
    ['a listed class beats any class', { type: 'postgres', class: 'large' }, 'pg-large'],
    ['a listed id beats any id', { type: 'postgres', class: 'default', id: 'main-db' }, 'pg-shared'],
    ['class first, then id', { type: 'postgres', class: 'large', id: 'main-db' }, 'pg-large-shared'],
    ['an unlisted id falls back to any id', { type: 'postgres', class: 'large', id: 'other' }, 'pg-large'],
    ['ties go to binding order', { type: 'redis', class: 'default' }, 'redis-a'],
    ['a name chooses, whatever the class', { type: 'redis', class: 'x', resolver: 'redis-b' }, 'redis-b'],
    ['ids listed: serves those shared ids', { type: 'dns', class: 'default', id: 'edge' }, 'dns-only-shared'],
  ])('%s', (_, query, expected) => {
    const match = matchResolver(query, candidates);
    expect(match.found && match.candidate.options.name).toBe(expected);
  });

  it.each<[string, ResolverQuery, string]>([
    [
      'unknown type',
      { type: 'mongo', class: 'default' },
      'no resolver serves type "mongo", class "default": none serves type "mongo"',
    ],
    [
      'a private resource never matches a resolver with ids',
      { type: 'dns', class: 'default' },
      'no resolver serves type "dns", class "default"; resolvers of type "dns": dns-only-shared (any class, ids edge)',
    ],
    [
      'an unknown name',
      { type: 'redis', class: 'default', resolver: 'redis-z' },
      'resolver "redis-z" chosen for type "redis" is not installed; installed resolvers: pg-any, pg-large, pg-shared, pg-large-shared, redis-a, redis-b, dns-only-shared',
    ],
    [
      'a name of another type',
      { type: 'redis', class: 'default', resolver: 'pg-any' },
      'resolver "pg-any" serves type "postgres", not "redis"',
    ],
  ])('finds none: %s', (_, query, message) => {
    expect(matchResolver(query, candidates)).toEqual({ found: false, message });
  });
});
