// The `./bench` subpath entry: the helpers every benchmark suite reports with, kept out of the main entry.
import { describe, expect, it } from '@jest/globals';
import * as sdk from '../index.js';
import { formatBenchTable, median, type BenchResult } from './index.js';

describe('the bench entry', () => {
  it.each([
    [[], Number.NaN],
    [[3], 3],
    [[5, 1, 3], 3],
    [[4, 1, 3, 2], 2.5],
  ])('median(%j) is %d', (values, expected) => {
    expect(median(values)).toBe(expected);
  });

  it('prints results as one aligned table: medians and ranges right-aligned, extras last', () => {
    const results: BenchResult[] = [
      { name: 'queue throughput', unit: 'items/s', runs: [1200.4, 980, 1500], median: 1200.4 },
      { name: 'sync', unit: 'ms', runs: [12.5], median: 12.5, extra: { objects: 500, mode: 'cold' } },
    ];
    expect(formatBenchTable(results).split('\n')).toEqual([
      'benchmark         median  unit       min – max  runs  extra',
      '----------------  ------  -------  -----------  ----  ---------------------',
      'queue throughput   1,200  items/s  980 – 1,500     3',
      'sync                12.5  ms       12.5 – 12.5     1  objects=500 mode=cold',
    ]);
  });

  it('is not part of the main entry', () => {
    expect(Object.keys(sdk)).not.toEqual(expect.arrayContaining(['median']));
    expect(Object.keys(sdk)).not.toEqual(expect.arrayContaining(['formatBenchTable']));
  });
});
