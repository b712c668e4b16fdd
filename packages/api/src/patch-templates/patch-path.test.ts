import { describe, expect, it } from '@jest/globals';
import { deleteAtPath, parsePatchPath, setAtPath } from './patch-path.js';

// Path semantics of tidwall/sjson, which score-k8s applies patches with (its README's path syntax and examples).
describe('patch paths (sjson syntax)', () => {
  it.each([
    ['name.last', [{ key: 'name' }, { key: 'last' }]],
    ['fav\\.movie', [{ key: 'fav.movie' }]],
    ['children.1', [{ key: 'children' }, { key: '1', index: 1 }]],
    ['children.-1', [{ key: 'children' }, { key: '-1', index: -1 }]],
    ['users.:2313.name', [{ key: 'users' }, { key: '2313' }, { key: 'name' }]],
    ['a\\:b', [{ key: 'a:b' }]],
  ])('parses %s', (path, steps) => {
    expect(parsePatchPath(path)).toEqual(steps);
  });

  it.each([
    [{ name: { last: 'Anderson' } }, 'name.first', 'Sara', { name: { last: 'Anderson', first: 'Sara' } }],
    [{ friends: ['Andy', 'Carol'] }, 'friends.2', 'Sara', { friends: ['Andy', 'Carol', 'Sara'] }],
    [{ friends: ['Andy', 'Carol'] }, 'friends.-1', 'Sara', { friends: ['Andy', 'Carol', 'Sara'] }],
    [{ friends: ['Andy', 'Carol'] }, 'friends.4', 'Sara', { friends: ['Andy', 'Carol', null, null, 'Sara'] }],
    [{}, 'name.last', 'Anderson', { name: { last: 'Anderson' } }],
    [{ users: {} }, 'users.:2313.name', 'Sara', { users: { '2313': { name: 'Sara' } } }],
    [{ m: { '0': 'a' } }, 'm.0', 'b', { m: { '0': 'b' } }],
    [{ kind: 'Deployment' }, 'kind.x', 1, { kind: { x: 1 } }],
    [{ a: null }, 'a.0', 'x', { a: ['x'] }],
    [{ l: [] }, 'l.-1.name', 'n', { l: [{ name: 'n' }] }],
  ])('sets %j %s', (root, path, value, expected) => {
    expect(setAtPath(root, path, value)).toEqual(expected);
  });

  it.each([
    [{ name: { first: 'Sara', last: 'Anderson' } }, 'name.first', { name: { last: 'Anderson' } }],
    [{ friends: ['Andy', 'Carol'] }, 'friends.1', { friends: ['Andy'] }],
    [{ friends: ['Andy', 'Carol'] }, 'friends.-1', { friends: ['Andy'] }],
    [{ a: 1 }, 'b.c', { a: 1 }],
  ])('deletes from %j %s', (root, path, expected) => {
    expect(deleteAtPath(root, path)).toEqual(expected);
  });

  it('leaves its input unchanged', () => {
    const root = { a: { b: [1, 2] } };
    setAtPath(root, 'a.b.0', 9);
    deleteAtPath(root, 'a.b.1');
    expect(root).toEqual({ a: { b: [1, 2] } });
  });
});
