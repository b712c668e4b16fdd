// The public API of @score-orchestrator/runtime-kubernetes, name by name. See ../README.md for the mapping.
import 'reflect-metadata';

// The plugin and its runtime
export { plugin } from './plugin.js';
export { KubernetesRuntime } from './runtime/kubernetes.runtime.js';
export { OwnedKinds } from './runtime/owned-objects.js';
export { planKeyOfPod } from './runtime/pod-watch.js';

// Settings and DI
export { RuntimeKubernetesTokens } from './tokens.js';
export { defaultKubernetesRuntimeSettings, resolveRuntimeSettings } from './settings/runtime-settings.js';
export type {
  KubernetesRuntimeSettings,
  KubernetesRuntimeSettingsInput,
  ResolvedRuntimeSettings,
} from './settings/runtime-settings.js';

// The pure mapping, for tools (`score-orchestrator` dry runs) and tests
export { planToManifests, workloadKindOf } from './mapping/workload-manifests.js';
export type { ManifestOptions, WorkloadKindName, WorkloadManifests } from './mapping/workload-manifests.js';
export type { PlanObject } from './mapping/plan-object.js';
export { LabelKeys, MANAGED_BY } from './mapping/workload-labels.js';
export { orderContainers } from './mapping/container-order.js';
export type { ContainerOrder, ContainerRole } from './mapping/container-order.js';

// Status and endpoint
export { observeRollout } from './status/observe-rollout.js';
export type { RolloutObservation } from './status/observe-rollout.js';
export { findPodProblem } from './status/pod-problems.js';
export type { PodProblem, PodProblemReason } from './status/pod-problems.js';
export { planEndpoint } from './endpoint/plan-endpoint.js';

// Errors
export { RuntimeKubernetesError } from './errors/runtime-kubernetes.error.js';
export type { RuntimeKubernetesErrorKind } from './errors/runtime-kubernetes.error.js';
