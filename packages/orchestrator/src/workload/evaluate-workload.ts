import {
  containerStartOrder,
  createScoreResolver,
  resolveWorkloadRun,
  ScoreApiError,
  substituteContainers,
  workloadScoreMetadata,
  type ProjectedContainer,
  type ResourceBinding,
  type ResourceClaim,
  type Substitution,
  type Workload,
  type WorkloadObject,
  type WorkloadRun,
} from '@score-orchestrator/api';
import type { ClaimIntent } from '../claims/claim-intent.js';
import { claimName } from '../claims/claim-name.js';
import { claimBinding } from '../claims/claim-outputs.js';
import { planClaims, unresolvedIntents } from '../claims/plan-claims.js';
import { OrchestratorError } from '../errors/orchestrator.error.js';
import type { PlatformConfig } from '../platform-config/platform-config.js';
import { selectProfile, type ProfileSelection } from '../platform-config/select-profile.js';
import type { WorkloadInput } from '../platform-config/workload-input.js';
import type { PolicyEvaluator } from '../policy/policy-engine.js';
import type { InputsVerdict } from '../status/workload-conditions.js';

/** What {@link evaluateWorkload} reads. */
export interface WorkloadEvaluationInput {
  readonly workload: Workload;
  readonly config: PlatformConfig;
  readonly policy: PolicyEvaluator;
  /** The claims that exist now, by claim name (from the cache). */
  readonly claims: ReadonlyMap<string, ResourceClaim>;
  /** The labels of the Workload's Namespace, for resolver rules with a `namespaceSelector`. */
  readonly namespaceLabels?: Readonly<Record<string, string>>;
}

/** What the Workload asks for, given the world as it is now. */
export type WorkloadEvaluation =
  | {
      readonly valid: false;
      readonly verdict: Exclude<InputsVerdict, { reason: 'Valid' }>;
      /** One per resource, without params: for the status only. */
      readonly intents: readonly ClaimIntent[];
    }
  | {
      readonly valid: true;
      readonly intents: readonly ClaimIntent[];
      /** What `${resources.NAME...}` resolves to now, by resource name. */
      readonly bindings: Readonly<Record<string, ResourceBinding>>;
      readonly profile: ProfileSelection;
      /** How it runs: a service, or a job or cronjob (from the profile and `k8s.score.dev/*` annotations). */
      readonly run: WorkloadRun;
      /** The containers with every placeholder substituted, or the placeholders still waiting. */
      readonly projection: Substitution<Record<string, ProjectedContainer>>;
    };

/**
 * Validates a Workload beyond its CRD and works out what it needs, without writing anything. Pure.
 *
 * Checks, in order (the first that fails decides the verdict): the containers' `before` entries give a
 * start order (no cycle; see `containerStartOrder`); resource params form no dependency cycle
 * and name only known resources; every placeholder of params and containers has a known root, resource and
 * metadata key, and uses secrets where they are allowed; the profile the Workload asks for exists; its
 * `k8s.score.dev/*` annotations say how it runs (see `resolveWorkloadRun`). Then org
 * policy. A reference to outputs not available yet, or to an output a claim's outputs do not have, is not
 * an input error: outputs are the resolvers' to decide, so the claim or projection waits for it (an
 * unresolved projection is `RuntimeReady=False ProjectionError`).
 */
export function evaluateWorkload(input: WorkloadEvaluationInput): WorkloadEvaluation {
  const { workload, config, namespaceLabels } = input;
  const name = workload.metadata.name!;
  const resources = workload.spec.resources ?? {};
  const bindings: Record<string, ResourceBinding> = {};
  for (const [resourceName, resource] of Object.entries(resources)) {
    const claim = claimName(name, resourceName, resource);
    bindings[resourceName] = claimBinding(claim, input.claims.get(claim));
  }
  const placeholders = createScoreResolver({
    metadata: workloadScoreMetadata(workload as unknown as WorkloadObject),
    resources: bindings,
  });
  const invalid = (verdict: Exclude<InputsVerdict, { reason: 'Valid' }>): WorkloadEvaluation => ({
    valid: false,
    verdict,
    intents: unresolvedIntents({ workloadName: name, resources, config, namespaceLabels }),
  });
  let intents: ClaimIntent[];
  let projection: Substitution<Record<string, ProjectedContainer>>;
  let profile: ProfileSelection;
  let run: WorkloadRun;
  try {
    // What the CRD cannot check: `before` cycles (and the rest of the start order, for one message).
    containerStartOrder(workload.spec.containers, 'spec.containers');
    intents = planClaims({ workloadName: name, resources, config, namespaceLabels, placeholders });
    projection = substituteContainers(workload.spec.containers, placeholders);
    profile = selectProfile(config, asInput(workload));
    run = resolveWorkloadRun(workload.metadata.annotations, profile.batch);
  } catch (err) {
    if (ScoreApiError.is(err) || OrchestratorError.is(err, 'InvalidWorkload')) {
      return invalid({ reason: 'InvalidSpec', message: err.message });
    }
    throw err;
  }
  const violations = input.policy.evaluate(asInput(workload));
  if (violations.length > 0) {
    const message = violations.map((v) => `${v.policy}: ${v.message}`).join('; ');
    return invalid({ reason: 'PolicyViolation', message });
  }
  return { valid: true, intents, bindings, profile, run, projection };
}

function asInput(workload: Workload): WorkloadInput {
  return workload as unknown as WorkloadInput;
}
