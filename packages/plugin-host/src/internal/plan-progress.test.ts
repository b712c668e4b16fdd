import { describe, expect, it } from '@jest/globals';
import type { WorkloadPlan } from '@score-orchestrator/api';
import { ProgressHoldBack } from '../progress-hold-back.js';
import { planProgressOnly, type PlanOutcome } from './plan-progress.js';

const progressing: PlanOutcome = {
  phase: 'Progressing',
  reason: 'RolloutInProgress',
  message: '0 of 1 ready',
};
const written: WorkloadPlan['status'] = {
  phase: 'Progressing',
  reason: 'RolloutInProgress',
  message: '0 of 1 ready',
  observedGeneration: 1,
};

describe('planProgressOnly', () => {
  it.each<[string, WorkloadPlan['status'] | undefined, PlanOutcome, number, boolean]>([
    ['a new message while progressing', written, { ...progressing, message: '1 of 2 ready' }, 1, true],
    ['a new endpoint while progressing', written, { ...progressing, endpoint: 'http://web.ns' }, 1, true],
    ["a plan's first status while it rolls out", undefined, progressing, 1, true],
    ['Ready', written, { phase: 'Ready', reason: 'Ready', message: 'ready' }, 1, false],
    ['a failure', written, { phase: 'Failed', reason: 'CrashLoop', message: 'crashing' }, 1, false],
    ['another reason', written, { ...progressing, reason: 'Waiting' }, 1, false],
    ['a new generation', written, { ...progressing, message: 'x' }, 2, false],
    ['an apply error', written, { ...progressing, reason: 'ApplyError' }, 1, false],
    ["a batch plan's runs", undefined, { ...progressing, batch: { state: 'Running' } }, 1, false],
    [
      'a new patch list',
      written,
      { ...progressing, patches: [{ op: 'add', path: '/x' } as never] },
      1,
      false,
    ],
  ])('%s: %s', (_, before, outcome, generation, expected) => {
    expect(planProgressOnly(before, outcome, generation)).toBe(expected);
  });
});

describe('ProgressHoldBack', () => {
  it('holds progress back for the delay from its first change, and forgets it on a transition', () => {
    let now = 1_000;
    const writes = new ProgressHoldBack(10_000, () => now);
    expect(writes.holdBack('a', true)).toBe(10_000);
    now += 4_000;
    expect(writes.holdBack('a', true)).toBe(6_000);
    now += 6_000;
    expect(writes.holdBack('a', true)).toBe(0);
    expect(writes.holdBack('a', true)).toBe(10_000);
    expect(writes.holdBack('a', false)).toBe(0);
    expect(writes.holdBack('a', true)).toBe(10_000);
    expect(new ProgressHoldBack(0, () => now).holdBack('b', true)).toBe(0);
  });
});
