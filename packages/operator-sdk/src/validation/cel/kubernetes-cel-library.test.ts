import { describe, expect, it } from '@jest/globals';
import { createKubernetesCelEnvironment } from './kubernetes-cel-library.js';

const env = createKubernetesCelEnvironment();

describe('Kubernetes CEL library on cel-js', () => {
  it.each<[string, unknown]>([
    ['[1, 2, 3].isSorted()', true],
    ['["b", "a"].isSorted()', false],
    ['[1, 2, 3].sum()', 6n],
    ['[1.5, 2.5].sum()', 4],
    ['[3, 1, 2].min()', 1n],
    ['["a", "c", "b"].max()', 'c'],
    ['[1, 2, 1].indexOf(1)', 0n],
    ['[1, 2, 1].lastIndexOf(1)', 2n],
    ['[1, 2].indexOf(3)', -1n],
    ['"abc 123 def 456".find("[0-9]+")', '123'],
    ['"abc 123 def 456".findAll("[0-9]+")', ['123', '456']],
    ['"abc 123 def 456".findAll("[0-9]+", 1)', ['123']],
    ['"hello".charAt(1)', 'e'],
    ['"a-b-c".replace("-", "_")', 'a_b_c'],
    ['"a-b-c".replace("-", "_", 1)', 'a_b-c'],
    ['"MiXeD".lowerAscii()', 'mixed'],
    ['"MiXeD".upperAscii()', 'MIXED'],
    ['"a,b".split(",")', ['a', 'b']],
    ['["a", "b"].join("-")', 'a-b'],
    ['"  x ".trim()', 'x'],
    ['"hello".substring(1, 3)', 'el'],
    ['"hello".indexOf("l")', 2n],
    ['"hello".lastIndexOf("l")', 3n],
    ['isURL("https://example.com/x")', true],
    ['isURL("not a url")', false],
    ['[1, 2, 3].exists_one(x, x > 2) && [1, 2].all(x, x > 0) && [1, 2].map(x, x * 2) == [2, 4]', true],
  ])('%s', (expression, expected) => {
    expect(env.evaluate(expression)).toEqual(expected);
  });

  it('fails min() of an empty list like Kubernetes does', () => {
    expect(() => env.evaluate('[].min()')).toThrow();
  });
});
