import { describe, expect, it } from '@jest/globals';
import type { WorkloadStatus } from '@score-orchestrator/api';
import { progressOnly, ProgressWrites } from './progress-writes.js';

const status = (
  claims: [string, string],
  runtime: [string, string],
  message = 'waiting',
  extra: Partial<WorkloadStatus> = {},
): WorkloadStatus =>
  ({
    observedGeneration: 1,
    conditions: [
      { type: 'InputsValid', status: 'True', reason: 'Valid', message: 'valid' },
      { type: 'ClaimsReady', status: claims[0], reason: claims[1], message },
      { type: 'RuntimeReady', status: runtime[0], reason: runtime[1], message },
      { type: 'Ready', status: 'False', reason: 'NotReady', message },
    ],
    ...extra,
  }) as WorkloadStatus;

describe('progressOnly', () => {
  const pending = status(['False', 'ClaimsPending'], ['False', 'ClaimsNotReady'], 'a');
  it.each([
    ['a new message', status(['False', 'ClaimsPending'], ['False', 'ClaimsNotReady'], 'b'), true],
    [
      'one progress reason for another',
      status(['False', 'ClaimsPending'], ['False', 'PlanPending'], 'a'),
      true,
    ],
    [
      'claims bound while not Ready, the plan pending',
      status(['True', 'AllClaimsBound'], ['False', 'PlanPending'], 'a'),
      true,
    ],
    ['a condition turning False', status(['False', 'ClaimsPending'], ['False', 'RuntimeFailed'], 'a'), false],
    [
      'claims bound and a failing plan',
      status(['True', 'AllClaimsBound'], ['False', 'RuntimeFailed'], 'a'),
      false,
    ],
    ['a failure reason', status(['False', 'ClaimFailed'], ['False', 'ClaimsNotReady'], 'a'), false],
    [
      'a new generation',
      status(['False', 'ClaimsPending'], ['False', 'ClaimsNotReady'], 'a', { observedGeneration: 2 }),
      false,
    ],
    [
      'an endpoint while not Ready',
      status(['False', 'ClaimsPending'], ['False', 'ClaimsNotReady'], 'a', { endpoint: 'http://x' }),
      true,
    ],
  ])('%s: %s', (_what, next, expected) => {
    expect(progressOnly(pending, next)).toBe(expected);
  });

  it("is false for the runtime's new progress message, which the runtime host held back already", () => {
    const rolling = (message: string) =>
      status(['True', 'AllClaimsBound'], ['False', 'RuntimeProgressing'], 'a', {
        conditions: status(['True', 'AllClaimsBound'], ['False', 'RuntimeProgressing'], 'a').conditions!.map(
          (c) => (c.type === 'RuntimeReady' ? { ...c, message } : c),
        ),
      });
    expect(progressOnly(rolling('0 of 2 ready'), rolling('1 of 2 ready'))).toBe(false);
    const planPending = status(['True', 'AllClaimsBound'], ['False', 'PlanPending'], 'a');
    expect(progressOnly(planPending, rolling('a'))).toBe(false);
    expect(progressOnly(rolling('0 of 2 ready'), rolling('0 of 2 ready'))).toBe(true);
  });

  it('is false for ClaimsReady turning True from a failure, turning False, or with Ready turning', () => {
    const failed = status(['False', 'ClaimFailed'], ['False', 'ClaimsNotReady'], 'a');
    const unserved = status(['False', 'ResolverNotFound'], ['False', 'ClaimsNotReady'], 'a');
    const bound = status(['True', 'AllClaimsBound'], ['False', 'PlanPending'], 'a');
    expect(progressOnly(failed, bound)).toBe(false);
    expect(progressOnly(unserved, bound)).toBe(false);
    expect(progressOnly(bound, pending)).toBe(false);
    // Bound claims make a placeholder that waited for outputs one that names a missing output: a failure.
    const waiting = status(['False', 'ClaimsPending'], ['False', 'ProjectionError'], 'a');
    const stuck = status(['True', 'AllClaimsBound'], ['False', 'ProjectionError'], 'a');
    expect(progressOnly(waiting, stuck)).toBe(false);
    // The same placeholders resolved as the claims bind: the plan is made, the Workload is on its way.
    expect(progressOnly(waiting, bound)).toBe(true);
    // ProjectionError giving way to PlanPending without claims binding is a failure clearing: written.
    expect(progressOnly(stuck, bound)).toBe(false);
    const ready: WorkloadStatus = {
      ...bound,
      conditions: bound.conditions!.map((c) =>
        c.type === 'Ready' || c.type === 'RuntimeReady' ? { ...c, status: 'True', reason: 'Ready' } : c,
      ) as WorkloadStatus['conditions'],
    };
    expect(progressOnly(pending, ready)).toBe(false);
  });

  it('is true for outputs final before their claims bind: the plan is made, then the runtime comes up', () => {
    // A resolver reported its outputs final (`outputsFinal`) while its resource starts: the claims stay
    // pending while the placeholders resolve and the workload rolls out beside the resource.
    const waiting = status(['False', 'ClaimsPending'], ['False', 'ProjectionError'], 'a');
    const planned = status(['False', 'ClaimsPending'], ['False', 'PlanPending'], 'a');
    const running = status(['False', 'ClaimsPending'], ['True', 'Ready'], 'a');
    expect(progressOnly(waiting, planned)).toBe(true);
    expect(progressOnly(planned, running)).toBe(true);
    expect(progressOnly(waiting, running)).toBe(true);
    // The runtime coming up from a failure is a fix users wait to see; going down is a transition.
    const failing = status(['False', 'ClaimsPending'], ['False', 'RuntimeFailed'], 'a');
    expect(progressOnly(failing, running)).toBe(false);
    expect(progressOnly(running, planned)).toBe(false);
    // Everything up is Ready turning: written at once.
    const ready = status(['True', 'AllClaimsBound'], ['True', 'Ready'], 'a', {
      conditions: status(['True', 'AllClaimsBound'], ['True', 'Ready'], 'a').conditions!.map((c) =>
        c.type === 'Ready' ? { ...c, status: 'True', reason: 'Ready' } : c,
      ) as WorkloadStatus['conditions'],
    });
    expect(progressOnly(running, ready)).toBe(false);
    // A claim failing meanwhile is a failure, whatever the runtime does.
    const claimFailed = status(['False', 'ClaimFailed'], ['True', 'Ready'], 'a');
    expect(progressOnly(planned, claimFailed)).toBe(false);
  });

  it('is false for a new endpoint of a Ready Workload', () => {
    const ready = (endpoint: string): WorkloadStatus => ({
      observedGeneration: 1,
      endpoint,
      conditions: [
        {
          type: 'Ready',
          status: 'True',
          reason: 'Ready',
          message: 'ready',
          lastTransitionTime: '2026-01-01T00:00:00Z',
        },
      ],
    });
    expect(progressOnly(ready('http://a'), ready('http://b'))).toBe(false);
  });

  it('is never true for a first status', () => {
    expect(progressOnly(undefined, pending)).toBe(false);
  });
});

describe('ProgressWrites', () => {
  const a = status(['False', 'ClaimsPending'], ['False', 'ClaimsNotReady'], 'a');
  const b = status(['False', 'ClaimsPending'], ['False', 'ClaimsNotReady'], 'b');
  const failed = status(['False', 'ClaimFailed'], ['False', 'ClaimsNotReady'], 'b');

  it('holds progress back for the delay from the first held-back change, then lets it through', () => {
    let now = 1_000;
    const writes = new ProgressWrites(3_000, () => now);
    expect(writes.holdBack('w', a, b)).toBe(3_000);
    now += 1_000;
    expect(writes.holdBack('w', a, b)).toBe(2_000);
    now += 2_000;
    expect(writes.holdBack('w', a, b)).toBe(0);
    // Written: the next progress waits a full delay again.
    expect(writes.holdBack('w', b, a)).toBe(3_000);
  });

  it('lets a transition through at once and starts afresh after it', () => {
    let now = 0;
    const writes = new ProgressWrites(3_000, () => now);
    expect(writes.holdBack('w', a, b)).toBe(3_000);
    now += 500;
    expect(writes.holdBack('w', a, failed)).toBe(0);
    expect(writes.holdBack('w', failed, { ...failed, claims: [] })).toBe(3_000);
  });

  it('starts the wait afresh when claims bind, once per write', () => {
    let now = 0;
    const writes = new ProgressWrites(3_000, () => now);
    const bound = status(['True', 'AllClaimsBound'], ['False', 'PlanPending'], 'b');
    expect(writes.holdBack('w', a, b)).toBe(3_000);
    now += 2_500;
    // Without the restart only 500 ms would be left: the plan and the runtime get the whole delay.
    expect(writes.holdBack('w', a, bound)).toBe(3_000);
    now += 1_000;
    expect(writes.holdBack('w', a, { ...bound, claims: [] })).toBe(2_000);
    now += 2_000;
    expect(writes.holdBack('w', a, bound)).toBe(0);
    // Written; after a later write of the same kind, claims binding restarts the wait again.
    expect(writes.holdBack('w', a, b)).toBe(3_000);
    now += 2_000;
    expect(writes.holdBack('w', a, bound)).toBe(3_000);
    writes.forget('w');
    expect(writes.holdBack('w', a, bound)).toBe(3_000);
  });

  it('starts the wait afresh when the runtime comes up before the claims bind, once per write', () => {
    let now = 0;
    const writes = new ProgressWrites(3_000, () => now);
    const planned = status(['False', 'ClaimsPending'], ['False', 'PlanPending'], 'a');
    const running = status(['False', 'ClaimsPending'], ['True', 'Ready'], 'a');
    const waiting = status(['False', 'ClaimsPending'], ['False', 'ProjectionError'], 'a');
    expect(writes.holdBack('w', waiting, planned)).toBe(3_000);
    now += 2_500;
    expect(writes.holdBack('w', waiting, running)).toBe(3_000);
    now += 3_000;
    expect(writes.holdBack('w', waiting, running)).toBe(0);
  });

  it('writes everything at once with a delay of 0', () => {
    expect(new ProgressWrites(0).holdBack('w', a, b)).toBe(0);
  });
});
