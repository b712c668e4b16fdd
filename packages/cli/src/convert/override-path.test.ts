import { describe, expect, it } from '@jest/globals';
import { CliError } from '../errors/cli.error.js';
import { applyOverrideProperty, mergeOverrides, parseDotPath } from './override-path.js';

describe('parseDotPath', () => {
  it.each([
    ['a.b.c', ['a', 'b', 'c']],
    ['containers.web.variables.A\\.B', ['containers', 'web', 'variables', 'A.B']],
    ['a\\\\.b', ['a\\', 'b']],
    ['files./etc/x', ['files', '/etc/x']],
  ])('splits %s', (path, parts) => {
    expect(parseDotPath(path)).toEqual(parts);
  });
});

describe('applyOverrideProperty (score-k8s semantics)', () => {
  const spec = { a: { b: 'x', list: [1, 2] }, keep: true };

  it.each([
    ['a.b=y', { a: { b: 'y', list: [1, 2] }, keep: true }],
    ['a.c=42', { a: { b: 'x', c: 42, list: [1, 2] }, keep: true }],
    ['a.c="42"', { a: { b: 'x', c: '42', list: [1, 2] }, keep: true }],
    ['a.c={d: 1}', { a: { b: 'x', c: { d: 1 }, list: [1, 2] }, keep: true }],
    ['new.deep.key=v', { a: spec.a, keep: true, new: { deep: { key: 'v' } } }],
    ['a.b=', { a: { list: [1, 2] }, keep: true }],
    ['a.list.0=9', { a: { b: 'x', list: [9, 2] }, keep: true }],
    ['a.list.-1=3', { a: { b: 'x', list: [1, 2, 3] }, keep: true }],
    ['a.list.1=', { a: { b: 'x', list: [1] }, keep: true }],
    ['a.b=null', { a: { list: [1, 2] }, keep: true }],
  ])('%s', (entry, expected) => {
    expect(applyOverrideProperty(spec, entry)).toEqual(expected);
    expect(spec).toEqual({ a: { b: 'x', list: [1, 2] }, keep: true });
  });

  it.each([
    ['a.b', 'Usage', "--override-property 'a.b' is invalid: expected PATH=VALUE (PATH= deletes)"],
    [
      'a.list.5=1',
      'Failure',
      "failed to apply --override-property 'a.list.5=1': a: list: cannot set '5' in the list: out of range",
    ],
    [
      'a.b.c=1',
      'Failure',
      "failed to apply --override-property 'a.b.c=1': a: b: cannot set a path inside a value that is neither a map nor a list",
    ],
    [
      'a.list.x=1',
      'Failure',
      "failed to apply --override-property 'a.list.x=1': a: list: 'x' is not a list index",
    ],
  ])('rejects %s', (entry, kind, message) => {
    try {
      applyOverrideProperty(spec, entry);
      throw new Error('expected an error');
    } catch (err) {
      expect(CliError.is(err, kind as 'Usage' | 'Failure')).toBe(true);
      expect((err as Error).message).toBe(message);
    }
  });
});

describe('mergeOverrides', () => {
  it('merges maps, replaces other values and deletes null ones', () => {
    const merged = mergeOverrides(
      { a: { b: 1, c: 2 }, list: [1], gone: 'x' },
      { a: { c: 3, d: 4 }, list: [2], gone: null },
    );
    expect(merged).toEqual({ a: { b: 1, c: 3, d: 4 }, list: [2] });
  });
});
