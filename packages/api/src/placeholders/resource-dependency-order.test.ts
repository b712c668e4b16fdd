import { describe, expect, it } from '@jest/globals';
import { ScoreApiError } from '../errors/api.error.js';
import type { ScoreResource } from '../score-file/score-workload.js';
import { resourceDependencyOrder } from './resource-dependency-order.js';

const res = (params?: Record<string, unknown>): ScoreResource => ({
  type: 'thing',
  ...(params ? { params } : {}),
});

describe('resourceDependencyOrder', () => {
  it.each<[string, Record<string, ScoreResource>, string[]]>([
    ['no resources', {}, []],
    ['independent resources in name order', { b: res(), a: res() }, ['a', 'b']],
    ['a dependency first', { app: res({ db: '${resources.db.host}' }), db: res() }, ['db', 'app']],
    [
      'a chain, found in nested params',
      { c: res({ x: [{ y: 'u=${resources.b.url}' }] }), b: res({ a: '${resources.a}' }), a: res() },
      ['a', 'b', 'c'],
    ],
    [
      'a diamond',
      {
        top: res({ l: '${resources.left.x}', r: '${resources.right.x}' }),
        left: res({ b: '${resources.base.x}' }),
        right: res({ b: '${resources.base.x}' }),
        base: res(),
      },
      ['base', 'left', 'right', 'top'],
    ],
    [
      'metadata and escaped references are no dependency',
      { a: res({ m: '${metadata.name}', e: '$${resources.b.x}' }), b: res() },
      ['a', 'b'],
    ],
  ])('%s', (_name, resources, order) => {
    expect(resourceDependencyOrder(resources).order).toEqual(order);
  });

  it('lists what each resource depends on', () => {
    const result = resourceDependencyOrder({
      app: res({ a: '${resources.db.x}${resources.mq.y}', b: '${resources.db.z}' }),
      db: res(),
      mq: res(),
    });
    expect(result.dependsOn).toEqual({ app: ['db', 'mq'], db: [], mq: [] });
  });

  it.each<[string, Record<string, ScoreResource>, string]>([
    ['a self reference', { a: res({ x: '${resources.a.url}' }) }, 'resources.a -> resources.a'],
    [
      'a two-resource cycle',
      { a: res({ x: '${resources.b.url}' }), b: res({ x: '${resources.a.url}' }) },
      'resources.a -> resources.b -> resources.a',
    ],
    [
      'a cycle behind a dependent',
      {
        app: res({ x: '${resources.b.url}' }),
        b: res({ x: '${resources.c.url}' }),
        c: res({ x: '${resources.b.url}' }),
      },
      'resources.b -> resources.c -> resources.b',
    ],
  ])('reports %s with its path', (_name, resources, cycle) => {
    let caught: unknown;
    try {
      resourceDependencyOrder(resources);
    } catch (err) {
      caught = err;
    }
    expect(ScoreApiError.is(caught, 'DependencyCycle')).toBe(true);
    expect((caught as Error).message).toContain(`placeholders form a cycle: ${cycle}`);
  });

  it('reports unknown resources and malformed placeholders, naming each field', () => {
    let caught: unknown;
    try {
      resourceDependencyOrder({ a: res({ x: '${resources.nope.url}', y: ['${resources.b'] }) });
    } catch (err) {
      caught = err;
    }
    expect(ScoreApiError.is(caught, 'Placeholder')).toBe(true);
    expect((caught as ScoreApiError).issues).toEqual([
      { field: 'resources.a.params.x', message: "refers to unknown resource 'nope'" },
      {
        field: 'resources.a.params.y[0]',
        message: expect.stringContaining('unterminated placeholder at offset 0'),
      },
    ]);
  });
});
