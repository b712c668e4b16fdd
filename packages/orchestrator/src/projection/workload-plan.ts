import {
  toolingAnnotations,
  WorkloadPlanKind,
  type EndpointHints,
  type EndpointTemplates,
  type PlanContainer,
  type PlanPatchTemplate,
  type Workload,
  type WorkloadPlan,
  type WorkloadRun,
} from '@score-orchestrator/api';
import { setControllerReference } from '@score-orchestrator/operator-sdk';
import { MANAGED_BY, MANAGED_BY_LABEL } from '../claims/claim-object.js';
import { jsonEqual, toJson } from '../internal/json-equal.js';
import type { ProfileSelection } from '../platform-config/select-profile.js';

/** Everything a plan is made of besides the Workload. */
export interface PlanParts {
  readonly profile: ProfileSelection;
  /** How the Workload runs (absent: a service as the profile says). */
  readonly run?: WorkloadRun;
  readonly containers: Readonly<Record<string, PlanContainer>>;
  readonly endpointHints?: EndpointHints;
  /** The backend's endpoint rules from the platform config, if it sets any. */
  readonly endpointTemplates?: EndpointTemplates;
  /** The platform's patch templates for the Workload's profile, in order (see `patchTemplatesFor`). */
  readonly patchTemplates?: readonly PlanPatchTemplate[];
}

/**
 * The WorkloadPlan of `workload`: named like it, controller-owned by it, with the runtime class and options
 * of its profile (and its batch settings, see `WorkloadRun`), its projected containers, its service ports and endpoint hints; labels and (user)
 * annotations carried over for what the runtime creates. As the API server stores it, so it can be
 * compared with the cached plan. Pure.
 */
export function buildWorkloadPlan(workload: Workload, parts: PlanParts): WorkloadPlan {
  const meta = workload.metadata;
  const annotations = Object.fromEntries(
    Object.entries(meta.annotations ?? {}).filter(([key]) => !toolingAnnotations.includes(key)),
  );
  const plan = {
    apiVersion: WorkloadPlanKind.apiVersion,
    kind: WorkloadPlanKind.kind,
    metadata: {
      name: meta.name,
      namespace: meta.namespace,
      labels: { [MANAGED_BY_LABEL]: MANAGED_BY },
    },
    spec: {
      runtimeClass: parts.profile.runtimeClass,
      workload: { name: meta.name!, uid: meta.uid!, generation: meta.generation ?? 0 },
      labels: nonEmpty(meta.labels),
      annotations: nonEmpty(annotations),
      options: nonEmpty(planOptions(parts)),
      batch: parts.run?.batch,
      containers: parts.containers,
      service: workload.spec.service,
      endpointHints: parts.endpointHints,
      endpointTemplates: parts.endpointTemplates,
      patchTemplates: parts.patchTemplates,
    },
  } as WorkloadPlan;
  return toJson(setControllerReference(workload, plan));
}

/** The profile's options; `k8s.score.dev/kind: Deployment | StatefulSet` sets `workloadKind` over them. */
function planOptions(parts: PlanParts): Readonly<Record<string, unknown>> {
  const serviceKind = parts.run?.serviceKind;
  return serviceKind ? { ...parts.profile.options, workloadKind: serviceKind } : parts.profile.options;
}

function nonEmpty<T extends object>(value: T | undefined): T | undefined {
  return value === undefined || Object.keys(value).length === 0 ? undefined : value;
}

/**
 * Whether the stored plan already is `desired` as far as the orchestrator's fields go (spec, its labels, the
 * controller reference), so applying would change nothing and is skipped. Pure.
 */
export function planUpToDate(stored: WorkloadPlan | undefined, desired: WorkloadPlan): boolean {
  if (!stored || stored.metadata.deletionTimestamp) return false;
  const labels = stored.metadata.labels ?? {};
  const ours = desired.metadata.labels ?? {};
  const owner = desired.metadata.ownerReferences?.[0];
  return (
    jsonEqual(stored.spec, desired.spec) &&
    Object.entries(ours).every(([key, value]) => labels[key] === value) &&
    (stored.metadata.ownerReferences ?? []).some((ref) => jsonEqual(ref, owner))
  );
}
