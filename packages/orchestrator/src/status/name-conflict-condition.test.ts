import { describe, expect, it } from '@jest/globals';
import type { WorkloadPlan } from '@score-orchestrator/api';
import { runtimeReadyCondition } from './workload-conditions.js';

const plan = (status: WorkloadPlan['status']): WorkloadPlan =>
  ({
    metadata: { name: 'billing', namespace: 'team', generation: 1 },
    spec: { runtimeClass: 'kubernetes' },
    status: { observedGeneration: 1, ...status },
  }) as WorkloadPlan;

describe("RuntimeReady of a plan whose runtime refused an object that is not the plan's", () => {
  it("is False with reason NameConflict and the runtime's message, not a generic failure", () => {
    const message =
      'runtime kubernetes will not take Deployment billing: it exists and belongs to someone else';
    const condition = runtimeReadyCondition({
      state: 'planned',
      runtimeClass: 'kubernetes',
      plan: plan({ phase: 'Failed', reason: 'NameConflict', message }),
    });
    expect(condition).toEqual({
      type: 'RuntimeReady',
      status: 'False',
      reason: 'NameConflict',
      message: `the workload cannot run: ${message}`,
    });
  });
});
