import { describe, expect, it } from '@jest/globals';
import type { ConditionStatus, Workload } from '@score-orchestrator/api';
import { countWorkloads } from './workload-conditions-metric.js';

const workload = (namespace: string, ready?: ConditionStatus): Workload =>
  ({
    metadata: { namespace, name: 'w' },
    status:
      ready === undefined
        ? undefined
        : {
            conditions: [
              { type: 'InputsValid', status: 'True', reason: 'Valid', lastTransitionTime: '' },
              {
                type: 'Ready',
                status: ready,
                reason: ready === 'True' ? 'Ready' : 'NotReady',
                lastTransitionTime: '',
              },
            ],
          },
  }) as Workload;

const ready = (namespace: string, counts: ReturnType<typeof countWorkloads>) =>
  Object.fromEntries(
    counts
      .filter((c) => c.namespace === namespace && c.condition === 'Ready')
      .map((c) => [c.status, c.count]),
  );

describe('countWorkloads', () => {
  it.each([
    ['none', [], {}],
    ['one Ready', [workload('a', 'True')], { True: 1, False: 0, Unknown: 0 }],
    [
      'mixed',
      [workload('a', 'True'), workload('a', 'False'), workload('a', 'False')],
      { True: 1, False: 2, Unknown: 0 },
    ],
    ['not reconciled yet', [workload('a')], { True: 0, False: 0, Unknown: 1 }],
  ] as const)('%s', (_case, workloads, expected) => {
    expect(ready('a', countWorkloads(workloads))).toEqual(expected);
  });

  it('gives every namespace with a Workload all 12 series, and others none', () => {
    const counts = countWorkloads([workload('b', 'True'), workload('a', 'False')]);
    expect(counts).toHaveLength(24);
    expect(new Set(counts.map((c) => c.namespace))).toEqual(new Set(['a', 'b']));
    expect(
      counts.find((c) => c.namespace === 'b' && c.condition === 'ClaimsReady' && c.status === 'Unknown')
        ?.count,
    ).toBe(1);
    expect(
      counts.find((c) => c.namespace === 'a' && c.condition === 'InputsValid' && c.status === 'True')?.count,
    ).toBe(1);
  });
});
