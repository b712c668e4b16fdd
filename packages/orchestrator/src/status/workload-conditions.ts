import type { ClaimSummary, UnresolvedPlaceholder, WorkloadPlan } from '@score-orchestrator/api';
import { claimBound, claimFailed, claimUnserved } from './claim-summaries.js';
import type { DesiredCondition } from './desired-condition.js';

/** Whether the Workload's inputs are usable: valid, or why not (a message naming the field or policy). */
export type InputsVerdict =
  | { readonly reason: 'Valid' }
  | { readonly reason: 'InvalidSpec' | 'PolicyViolation'; readonly message: string };

/** Where the runtime side stands, as far as the controller got this reconcile. */
export type RuntimeFacts =
  /** No plan is made because the inputs are invalid; `plan` is the one left from before, if any. */
  | { readonly state: 'inputsInvalid'; readonly plan?: WorkloadPlan }
  /** No plan is made because claims are not all bound; `plan` is the one left from before, if any. */
  | { readonly state: 'claimsNotReady'; readonly plan?: WorkloadPlan }
  /**
   * Placeholders of the containers cannot be resolved: no new plan. `claims` (the summaries) say why a
   * claim does not deliver; `plan` is the one left from before, if any, which keeps running unchanged.
   */
  | {
      readonly state: 'projectionError';
      readonly unresolved: readonly UnresolvedPlaceholder[];
      readonly claims?: readonly ClaimSummary[];
      readonly plan?: WorkloadPlan;
    }
  /** The plan is (being) applied; `plan` is the stored one (undefined until the cache sees it). */
  | { readonly state: 'planned'; readonly plan?: WorkloadPlan; readonly runtimeClass: string };

/** `InputsValid`. Pure. */
export function inputsValidCondition(verdict: InputsVerdict): DesiredCondition {
  if (verdict.reason === 'Valid') {
    return {
      type: 'InputsValid',
      status: 'True',
      reason: 'Valid',
      message: 'the Workload is valid and complies with policy',
    };
  }
  return { type: 'InputsValid', status: 'False', reason: verdict.reason, message: verdict.message };
}

/** `ClaimsReady` from the claim summaries. Pure. */
export function claimsReadyCondition(claims: readonly ClaimSummary[]): DesiredCondition {
  if (claims.length === 0) {
    return {
      type: 'ClaimsReady',
      status: 'True',
      reason: 'NoResources',
      message: 'the Workload has no resources',
    };
  }
  const describe = (c: ClaimSummary) =>
    `resources.${c.name} (${c.type}.${c.class}${c.id ? `#${c.id}` : ''}): ${c.message ?? c.reason ?? c.phase ?? 'not made yet'}`;
  const notFound = claims.filter(claimUnserved);
  if (notFound.length > 0) {
    return {
      type: 'ClaimsReady',
      status: 'False',
      reason: 'ResolverNotFound',
      message: notFound.map(describe).join('; '),
    };
  }
  const failed = claims.filter(claimFailed);
  if (failed.length > 0) {
    return {
      type: 'ClaimsReady',
      status: 'False',
      reason: 'ClaimFailed',
      message: failed.map(describe).join('; '),
    };
  }
  const pending = claims.filter((c) => !claimBound(c));
  if (pending.length === 0) {
    return {
      type: 'ClaimsReady',
      status: 'True',
      reason: 'AllClaimsBound',
      message: `${claims.length === 1 ? 'the claim is' : `all ${claims.length} claims are`} bound`,
    };
  }
  return {
    type: 'ClaimsReady',
    status: 'False',
    reason: 'ClaimsPending',
    message: pending.map(describe).join('; '),
  };
}

/** `RuntimeReady` from where the runtime side stands. Pure. */
export function runtimeReadyCondition(facts: RuntimeFacts): DesiredCondition {
  switch (facts.state) {
    case 'projectionError': {
      const byResource = new Map((facts.claims ?? []).map((claim) => [claim.name, claim]));
      const unresolved = facts.unresolved.map(
        (u) => `${u.placeholder} in ${u.field} ${whyUnresolved(u, byResource.get(u.resource ?? ''))}`,
      );
      const previous =
        facts.plan && planObserved(facts.plan)
          ? `; the previous plan keeps running unchanged (${fromPlan(facts.plan, facts.plan.spec.runtimeClass).message})`
          : '';
      return {
        type: 'RuntimeReady',
        status: 'False',
        reason: 'ProjectionError',
        message: `${unresolved.join('; ')}${previous}`,
      };
    }
    case 'inputsInvalid':
    case 'claimsNotReady': {
      const why = facts.state === 'inputsInvalid' ? 'the inputs are invalid' : 'claims are not ready';
      if (facts.plan && planObserved(facts.plan)) {
        const observed = fromPlan(facts.plan, facts.plan.spec.runtimeClass);
        return { ...observed, message: `${observed.message} (the previous plan; no new plan while ${why})` };
      }
      if (facts.state === 'inputsInvalid') {
        return {
          type: 'RuntimeReady',
          status: 'False',
          reason: 'InputsInvalid',
          message: 'no plan while the inputs are invalid (see InputsValid)',
        };
      }
      return {
        type: 'RuntimeReady',
        status: 'False',
        reason: 'ClaimsNotReady',
        message: 'no plan while claims are not ready (see ClaimsReady)',
      };
    }
    case 'planned':
      return fromPlan(facts.plan, facts.runtimeClass);
  }
}

/**
 * Why one placeholder is unresolved, as the tail of `<placeholder> in <field> …`: the resource has no
 * resolver, its claim failed, its outputs do not hold the value (`absent`), or they are on their way.
 */
function whyUnresolved(u: UnresolvedPlaceholder, claim: ClaimSummary | undefined): string {
  if (u.reason === 'absent') return `cannot be resolved: ${u.detail}`;
  if (claim && claimUnserved(claim)) {
    return `cannot be resolved: resources.${claim.name} (${claim.type}.${claim.class}) has no resolver, so it has no outputs (see ClaimsReady)`;
  }
  if (claim && claimFailed(claim)) {
    return `cannot be resolved until resources.${claim.name} is fixed: its claim cannot be provisioned (see ClaimsReady)`;
  }
  return `cannot be resolved yet: ${u.detail}`;
}

function planObserved(plan: WorkloadPlan): boolean {
  const observed = plan.status?.observedGeneration;
  return (
    plan.status?.phase !== undefined &&
    (observed === undefined || observed >= (plan.metadata.generation ?? 0))
  );
}

function fromPlan(plan: WorkloadPlan | undefined, runtimeClass: string): DesiredCondition {
  const status = plan?.status;
  const detail = status?.message ? `: ${status.message}` : '';
  if (status?.reason === 'RuntimeNotFound') {
    return {
      type: 'RuntimeReady',
      status: 'False',
      reason: 'RuntimeNotFound',
      message: `no runtime serves runtime class ${runtimeClass}${detail}`,
    };
  }
  if (status?.reason === 'NameConflict') {
    // The runtime refused to take an object of the same name that is someone else's: not a wait.
    return {
      type: 'RuntimeReady',
      status: 'False',
      reason: 'NameConflict',
      message: `the workload cannot run${detail}`,
    };
  }
  if (!plan || !planObserved(plan)) {
    return {
      type: 'RuntimeReady',
      status: 'False',
      reason: 'PlanPending',
      message: `waiting for the ${runtimeClass} runtime to take up the plan`,
    };
  }
  const batch = batchCondition(status);
  if (batch) return batch;
  switch (status?.phase) {
    case 'Ready':
      return { type: 'RuntimeReady', status: 'True', reason: 'Ready', message: `the workload runs${detail}` };
    case 'Progressing':
      return {
        type: 'RuntimeReady',
        status: 'False',
        reason: 'RuntimeProgressing',
        message: `the workload is starting${detail}`,
      };
    case 'Degraded':
      return {
        type: 'RuntimeReady',
        status: 'False',
        reason: 'RuntimeDegraded',
        message: `the workload is degraded${detail}`,
      };
    case 'Failed':
      return {
        type: 'RuntimeReady',
        status: 'False',
        reason: 'RuntimeFailed',
        message: `the workload failed${detail}`,
      };
    default:
      return {
        type: 'RuntimeReady',
        status: 'False',
        reason: 'PlanPending',
        message: `waiting for the ${runtimeClass} runtime${detail}`,
      };
  }
}

/**
 * A batch workload's `RuntimeReady`, when the runtime reports its batch state as the reason: `Succeeded`
 * and `Scheduled` are ready; `Running`, `Failed` and `Suspended` are not. Other reasons of a batch plan
 * (e.g. `ImagePullError`) read like a service's.
 */
function batchCondition(status: WorkloadPlan['status']): DesiredCondition | undefined {
  const state = status?.batch?.state;
  if (!state || status?.reason !== state) return undefined;
  const message = status.message ?? '';
  switch (state) {
    case 'Succeeded':
    case 'Scheduled':
      return { type: 'RuntimeReady', status: 'True', reason: state, message };
    case 'Running':
    case 'Failed':
    case 'Suspended':
      return { type: 'RuntimeReady', status: 'False', reason: state, message };
  }
}

/** `Ready`: true when the other three are; otherwise why not, from the first that is not. Pure. */
export function readyCondition(others: readonly DesiredCondition[]): DesiredCondition {
  const blocking = others.find((c) => c.status !== 'True');
  if (!blocking) return { type: 'Ready', status: 'True', reason: 'Ready', message: 'the workload is ready' };
  return {
    type: 'Ready',
    status: 'False',
    reason: 'NotReady',
    message: `${blocking.type} is ${blocking.status} (${blocking.reason})${blocking.message ? `: ${blocking.message}` : ''}`,
  };
}
