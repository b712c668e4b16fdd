import { describe, expect, it } from '@jest/globals';
import type { WorkloadPlan } from '@score-orchestrator/api';
import { claimSummary as claim } from './fixtures/claim-summary.js';
import { claimsReadyCondition, readyCondition, runtimeReadyCondition } from './workload-conditions.js';
import { mergeWorkloadStatus, statusUnchanged } from './workload-status.js';

const plan = (status: WorkloadPlan['status'], generation = 1) =>
  ({ metadata: { generation }, spec: { runtimeClass: 'kubernetes' }, status }) as WorkloadPlan;

describe('claimsReadyCondition', () => {
  it.each([
    [[], 'True', 'NoResources'],
    [[claim({ phase: 'Bound', outputsAvailable: true })], 'True', 'AllClaimsBound'],
    [[claim({ phase: 'Provisioning' })], 'False', 'ClaimsPending'],
    [[claim({ phase: 'Failed', message: 'bad params' })], 'False', 'ClaimFailed'],
    [[claim({ phase: 'Pending', reason: 'ResolverNotFound' })], 'False', 'ResolverNotFound'],
    [[claim({ reason: 'ClaimConflict' })], 'False', 'ClaimFailed'],
    [[claim({ phase: 'Bound', outputsAvailable: true, reason: 'ParamsConflict' })], 'False', 'ClaimFailed'],
    [[claim({ phase: 'Bound', outputsAvailable: true, reason: 'MetadataConflict' })], 'False', 'ClaimFailed'],
    [
      [
        claim({ reason: 'ParamsConflict' }),
        claim({ name: 'kv', phase: 'Pending', reason: 'ResolverNotFound' }),
      ],
      'False',
      'ResolverNotFound',
    ],
  ] as const)('%# → %s %s', (claims, status, reason) => {
    expect(claimsReadyCondition(claims)).toMatchObject({ type: 'ClaimsReady', status, reason });
  });
});

describe('runtimeReadyCondition', () => {
  it.each([
    [{ state: 'planned', runtimeClass: 'k' }, 'False', 'PlanPending'],
    [
      { state: 'planned', runtimeClass: 'k', plan: plan({ observedGeneration: 1, phase: 'Ready' }) },
      'True',
      'Ready',
    ],
    [
      { state: 'planned', runtimeClass: 'k', plan: plan({ observedGeneration: 1, phase: 'Ready' }, 2) },
      'False',
      'PlanPending',
    ],
    [
      { state: 'planned', runtimeClass: 'k', plan: plan({ observedGeneration: 1, phase: 'Progressing' }) },
      'False',
      'RuntimeProgressing',
    ],
    [
      { state: 'planned', runtimeClass: 'k', plan: plan({ observedGeneration: 1, phase: 'Degraded' }) },
      'False',
      'RuntimeDegraded',
    ],
    [
      { state: 'planned', runtimeClass: 'k', plan: plan({ observedGeneration: 1, phase: 'Failed' }) },
      'False',
      'RuntimeFailed',
    ],
    [
      { state: 'planned', runtimeClass: 'k', plan: plan({ phase: 'Pending', reason: 'RuntimeNotFound' }) },
      'False',
      'RuntimeNotFound',
    ],
    [{ state: 'claimsNotReady' }, 'False', 'ClaimsNotReady'],
    [{ state: 'inputsInvalid' }, 'False', 'InputsInvalid'],
    [
      {
        state: 'projectionError',
        unresolved: [
          {
            placeholder: '${resources.db.host}',
            field: 'containers.main.variables.H',
            reason: 'pending',
            detail: 'no outputs yet',
          },
        ],
      },
      'False',
      'ProjectionError',
    ],
  ] as const)('%# → %s %s', (facts, status, reason) => {
    expect(runtimeReadyCondition(facts)).toMatchObject({ type: 'RuntimeReady', status, reason });
  });

  it('names the placeholder in a projection error', () => {
    const condition = runtimeReadyCondition({
      state: 'projectionError',
      unresolved: [
        {
          placeholder: '${resources.db.host}',
          field: 'containers.main.variables.H',
          reason: 'pending',
          detail: 'x',
        },
      ],
    });
    expect(condition.message).toContain('${resources.db.host} in containers.main.variables.H');
  });

  const unresolved = (reason: 'pending' | 'absent', detail: string) => ({
    placeholder: '${resources.db.nosuch}',
    field: 'containers.main.variables.H',
    resource: 'db',
    reason,
    detail,
  });

  it.each([
    [
      'an output the bound claim does not have',
      unresolved('absent', "resource 'db' has no output 'nosuch'"),
      claim({ phase: 'Bound', reason: 'Bound', outputsAvailable: true }),
      "${resources.db.nosuch} in containers.main.variables.H cannot be resolved: resource 'db' has no output 'nosuch'",
    ],
    [
      'a resource no resolver serves',
      unresolved('pending', "resource 'db' has no outputs yet"),
      claim({ phase: 'Pending', reason: 'ResolverNotFound' }),
      '${resources.db.nosuch} in containers.main.variables.H cannot be resolved: resources.db (postgres.default) has no resolver, so it has no outputs (see ClaimsReady)',
    ],
    [
      'a failed claim',
      unresolved('pending', "resource 'db' has no outputs yet"),
      claim({ phase: 'Failed', reason: 'ProvisionFailed' }),
      '${resources.db.nosuch} in containers.main.variables.H cannot be resolved until resources.db is fixed: its claim cannot be provisioned (see ClaimsReady)',
    ],
    [
      'a claim on its way',
      unresolved('pending', "resource 'db' has no outputs yet"),
      claim({ phase: 'Provisioning', reason: 'Provisioning' }),
      "${resources.db.nosuch} in containers.main.variables.H cannot be resolved yet: resource 'db' has no outputs yet",
    ],
  ])('says why a placeholder is unresolved: %s', (_case, placeholder, claim, message) => {
    const condition = runtimeReadyCondition({
      state: 'projectionError',
      unresolved: [placeholder],
      claims: [claim],
    });
    expect(condition).toEqual({ type: 'RuntimeReady', status: 'False', reason: 'ProjectionError', message });
  });

  it('keeps reporting ProjectionError while the previous plan keeps running, and says so', () => {
    const condition = runtimeReadyCondition({
      state: 'projectionError',
      unresolved: [unresolved('absent', "resource 'db' has no output 'nosuch'")],
      plan: plan({ observedGeneration: 1, phase: 'Ready', message: 'all 1 replica ready' }),
    });
    expect(condition).toMatchObject({ status: 'False', reason: 'ProjectionError' });
    expect(condition.message).toMatch(
      /has no output 'nosuch'; the previous plan keeps running unchanged \(the workload runs: all 1 replica ready\)$/,
    );
  });
});

describe('readyCondition and status merging', () => {
  const valid = { type: 'InputsValid', status: 'True', reason: 'Valid' } as const;
  const pending = { type: 'ClaimsReady', status: 'False', reason: 'ClaimsPending', message: 'db' } as const;

  it('is Ready only when the others are True, else names the first that is not', () => {
    expect(readyCondition([valid])).toMatchObject({ status: 'True', reason: 'Ready' });
    expect(readyCondition([valid, pending])).toMatchObject({
      status: 'False',
      reason: 'NotReady',
      message: 'ClaimsReady is False (ClaimsPending): db',
    });
  });

  it('keeps lastTransitionTime while a condition keeps its status', () => {
    const first = mergeWorkloadStatus(
      undefined,
      { observedGeneration: 1, conditions: [pending], claims: [] },
      new Date('2024-01-01T00:00:00Z'),
    );
    const again = mergeWorkloadStatus(
      first,
      { observedGeneration: 1, conditions: [{ ...pending, message: 'db, kv' }], claims: [] },
      new Date('2024-01-02T00:00:00Z'),
    );
    expect(again.conditions?.[0].lastTransitionTime).toBe('2024-01-01T00:00:00Z');
    const flipped = mergeWorkloadStatus(
      again,
      {
        observedGeneration: 1,
        conditions: [{ ...pending, status: 'True', reason: 'AllClaimsBound' }],
        claims: [],
      },
      new Date('2024-01-03T00:00:00Z'),
    );
    expect(flipped.conditions?.[0].lastTransitionTime).toBe('2024-01-03T00:00:00Z');
    const same = mergeWorkloadStatus(
      flipped,
      {
        observedGeneration: 1,
        conditions: [{ ...pending, status: 'True', reason: 'AllClaimsBound' }],
        claims: [],
      },
      new Date('2024-02-01T00:00:00Z'),
    );
    expect(statusUnchanged(flipped, same)).toBe(true);
  });
});

describe('runtimeReadyCondition of a batch workload', () => {
  const batchPlan = (phase: 'Ready' | 'Progressing' | 'Failed' | 'Degraded', reason: string, state: string) =>
    plan({
      observedGeneration: 1,
      phase,
      reason,
      message: `message of ${reason}`,
      batch: { state: state as 'Running' },
    });
  it.each([
    ['Progressing', 'Running', 'Running', 'False', 'Running'],
    ['Ready', 'Succeeded', 'Succeeded', 'True', 'Succeeded'],
    ['Failed', 'Failed', 'Failed', 'False', 'Failed'],
    ['Ready', 'Scheduled', 'Scheduled', 'True', 'Scheduled'],
    ['Degraded', 'Suspended', 'Suspended', 'False', 'Suspended'],
    // a problem of the run's pods reads like a service's
    ['Failed', 'ImagePullError', 'Running', 'False', 'RuntimeFailed'],
  ] as const)('phase %s reason %s (state %s) → %s %s', (phase, reason, state, status, expected) => {
    const condition = runtimeReadyCondition({
      state: 'planned',
      runtimeClass: 'kubernetes',
      plan: batchPlan(phase, reason, state),
    });
    expect(condition).toMatchObject({ type: 'RuntimeReady', status, reason: expected });
    expect(condition.message).toContain(`message of ${reason}`);
  });
});
