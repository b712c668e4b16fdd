import { describe, expect, it } from '@jest/globals';
import type { Condition } from '@score-orchestrator/api';
import { renderProgressLine, renderProgressTable } from '../output/progress-view.js';
import { ConvergenceTracker } from './convergence.js';
import { workloadProgress, workloadVerdict } from './workload-progress.js';

const condition = (
  type: string,
  status: 'True' | 'False' | 'Unknown',
  reason: string,
  message = '',
): Condition => ({
  type,
  status,
  reason,
  message,
  lastTransitionTime: '2025-01-01T00:00:00Z',
  observedGeneration: 1,
});

const workload = (name: string, conditions: Condition[], endpoint?: string) =>
  workloadProgress({
    metadata: { name, namespace: 'default', generation: 1 },
    status: { observedGeneration: 1, conditions, ...(endpoint ? { endpoint } : {}) },
  });

const ready = workload(
  'web',
  [
    condition('InputsValid', 'True', 'Valid'),
    condition('ClaimsReady', 'True', 'NoResources'),
    condition('RuntimeReady', 'True', 'Ready'),
    condition('Ready', 'True', 'Ready'),
  ],
  'http://web.default.svc:80',
);
const progressing = workload('web', [
  condition('InputsValid', 'True', 'Valid'),
  condition('ClaimsReady', 'True', 'NoResources'),
  condition('RuntimeReady', 'False', 'RuntimeProgressing', '0/1 replicas ready'),
  condition('Ready', 'False', 'NotReady'),
]);
const failed = workload('web', [
  condition('InputsValid', 'False', 'PolicyViolation', 'images must come from ghcr.io'),
  condition('Ready', 'False', 'NotReady'),
]);

describe('workloadVerdict', () => {
  it('is ready, pending or failed by the conditions of the current generation', () => {
    expect(workloadVerdict(ready)).toEqual({ state: 'ready' });
    expect(workloadVerdict(progressing)).toEqual({ state: 'pending' });
    expect(workloadVerdict(failed)).toEqual({
      state: 'failed',
      condition: 'InputsValid',
      reason: 'PolicyViolation',
      message: 'images must come from ghcr.io',
    });
    expect(workloadVerdict({ ...ready, generation: 2 })).toEqual({ state: 'pending' });
    const projection = (claims: 'True' | 'False') =>
      workloadVerdict(
        workload('web', [
          condition('ClaimsReady', claims, claims === 'True' ? 'AllClaimsBound' : 'ClaimsPending'),
          condition('RuntimeReady', 'False', 'ProjectionError', 'cannot be resolved'),
        ]),
      ).state;
    expect(projection('False')).toBe('pending');
    expect(projection('True')).toBe('failed');
    expect(workloadVerdict(workloadProgress({ metadata: { name: 'new', namespace: 'default' } }))).toEqual({
      state: 'pending',
    });
  });
});

describe('ConvergenceTracker', () => {
  it('is done when every Workload is Ready', () => {
    const tracker = new ConvergenceTracker(['default/web', 'default/api']);
    expect(tracker.update(ready, 0)).toBe(true);
    expect(tracker.update(ready, 1)).toBe(false);
    expect(tracker.outcome(1)).toBeUndefined();
    tracker.update({ ...ready, key: 'default/api' }, 2);
    expect(tracker.outcome(2)).toEqual({ outcome: 'ready' });
  });

  it('fails once a terminal reason has held for the grace period', () => {
    const tracker = new ConvergenceTracker(['default/web'], 1000);
    tracker.update(failed, 0);
    expect(tracker.outcome(999)).toBeUndefined();
    expect(tracker.outcome(1000)).toMatchObject({
      outcome: 'failed',
      key: 'default/web',
      verdict: { reason: 'PolicyViolation' },
    });
    tracker.update(progressing, 1001);
    expect(tracker.outcome(5000)).toBeUndefined();
  });

  it('ignores Workloads it does not follow', () => {
    const tracker = new ConvergenceTracker(['default/other']);
    expect(tracker.update(ready, 0)).toBe(false);
  });
});

describe('progress view', () => {
  it('renders one line per Workload for logs', () => {
    expect(renderProgressLine(progressing)).toBe(
      'default/web [pending] InputsValid=True ClaimsReady=True RuntimeReady=False(RuntimeProgressing) Ready=False(NotReady): 0/1 replicas ready',
    );
    expect(renderProgressLine(ready)).toBe(
      'default/web [ready] InputsValid=True ClaimsReady=True RuntimeReady=True Ready=True: http://web.default.svc:80',
    );
  });

  it('renders a table for terminals', () => {
    expect(renderProgressTable([progressing, { key: 'default/api', generation: 0, conditions: {} }])).toBe(
      [
        'WORKLOAD     INPUTS  CLAIMS  RUNTIME                     READY             DETAIL',
        'default/web  True    True    False (RuntimeProgressing)  False (NotReady)  0/1 replicas ready',
        'default/api  -       -       -                           -',
        '',
      ].join('\n'),
    );
  });
});
