import { describe, expect, it } from '@jest/globals';
import { compileLabelSelector, type LabelSelector } from './label-selector.js';

describe('compileLabelSelector', () => {
  const labels = { app: 'web', tier: 'front', 'example.com/team': 'a' };
  const cases: Array<[LabelSelector | undefined, Record<string, string> | undefined, boolean]> = [
    [undefined, labels, true],
    ['', undefined, true],
    ['app=web', labels, true],
    ['app==web', labels, true],
    ['app=db', labels, false],
    ['app!=db', labels, true],
    ['missing!=x', labels, true],
    ['app=web,tier=front', labels, true],
    ['app=web,tier=back', labels, false],
    ['tier in (front, back)', labels, true],
    ['tier notin (front,back)', labels, false],
    ['missing notin (a)', labels, true],
    ['missing in (a)', labels, false],
    ['app', labels, true],
    ['!app', labels, false],
    ['!missing', labels, true],
    ['example.com/team=a', labels, true],
    ['app=web, tier in (front), !legacy', labels, true],
    ['app=web', undefined, false],
    [{ matchLabels: { app: 'web' } }, labels, true],
    [{ matchLabels: { app: 'db' } }, labels, false],
    [{ matchExpressions: [{ key: 'tier', operator: 'In', values: ['front'] }] }, labels, true],
    [{ matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['front'] }] }, labels, false],
    [{ matchExpressions: [{ key: 'x', operator: 'DoesNotExist' }] }, labels, true],
    [{ matchExpressions: [{ key: 'x', operator: 'Exists' }] }, labels, false],
    [{}, labels, true],
  ];
  it.each(cases)('%j on %j → %s', (selector, objectLabels, expected) => {
    expect(compileLabelSelector(selector)(objectLabels)).toBe(expected);
  });

  it.each(['app=(x', 'a b', '=x'])('rejects %j with a Validation error', (text) => {
    expect(() => compileLabelSelector(text)).toThrow(expect.objectContaining({ kind: 'Validation' }));
  });
});
