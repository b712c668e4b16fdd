// The public API of @score-orchestrator/orchestrator, name by name. See ../README.md for the map of concepts.
import 'reflect-metadata';

// errors
export { OrchestratorError } from './errors/orchestrator.error.js';
export type { OrchestratorErrorKind } from './errors/orchestrator.error.js';

// dependency injection
export { OrchestratorTokens } from './tokens.js';

// platform-config: the model
export {
  DEFAULT_RUNTIME_CLASS,
  PLATFORM_CONFIG_API_VERSION,
  PLATFORM_CONFIG_KIND,
} from './platform-config/platform-config.js';
export type {
  Backend,
  LabelSelectorRequirement,
  PlatformConfig,
  PlatformDefaults,
  Profile,
  ProfileSelector,
  ResolverRule,
} from './platform-config/platform-config.js';
export type { WorkloadInput } from './platform-config/workload-input.js';
export { parsePlatformConfig } from './platform-config/parse-platform-config.js';

// platform-config: decisions
export { PROFILE_ANNOTATION, selectProfile } from './platform-config/select-profile.js';
export type { ProfileSelection } from './platform-config/select-profile.js';
export { selectResolver } from './platform-config/select-resolver.js';
export type { ResolverSelection, ResourceIdentity } from './platform-config/select-resolver.js';
export { renderEndpoint } from './platform-config/endpoint-template.js';

// platform-config: loading and hot reload
export type { ConfigReading, PlatformConfigSource } from './platform-config/platform-config-source.js';
export { FileConfigSource } from './platform-config/file-config-source.js';
export type { FileConfigSourceOptions } from './platform-config/file-config-source.js';
export { ConfigMapConfigSource, DEFAULT_CONFIG_MAP_KEY } from './platform-config/config-map-config-source.js';
export type { ConfigMapConfigSourceOptions } from './platform-config/config-map-config-source.js';
export { PlatformConfigStore } from './platform-config/platform-config-store.js';
export type {
  ConfigReloadEvent,
  PlatformConfigStoreOptions,
} from './platform-config/platform-config-store.js';
export { CONFIG_RELOAD_METRIC, reportConfigReloads } from './platform-config/config-reload-reporter.js';
export type { ConfigReloadReportingOptions } from './platform-config/config-reload-reporter.js';

// policy
export type { PolicyRule } from './policy/policy-rule.js';
export { PolicyEngine } from './policy/policy-engine.js';
export type { PolicyEvaluator, PolicyViolation } from './policy/policy-engine.js';

// workload: the Workload controller and the composition root
export { createOrchestrator } from './orchestrator.js';
export type { OrchestratorOptions } from './orchestrator.js';
export { WorkloadTokens } from './tokens.js';
export { WorkloadController, WORKLOAD_FINALIZER } from './workload/workload.controller.js';
export { DEFAULT_DELETION_TIMEOUT_MS } from './workload/workload-controller-options.js';
export type { WorkloadControllerOptions } from './workload/workload-controller-options.js';
export { WorkloadEventReason } from './workload/workload-events.js';
export { evaluateWorkload } from './workload/evaluate-workload.js';
export type { WorkloadEvaluation, WorkloadEvaluationInput } from './workload/evaluate-workload.js';
export { requeueAllWorkloads } from './workload/requeue-all-workloads.js';

// claims
export { claimName, MAX_CLAIM_NAME_LENGTH } from './claims/claim-name.js';
export type { ClaimIntent } from './claims/claim-intent.js';
export { planClaims } from './claims/plan-claims.js';
export type { PlanClaimsInput } from './claims/plan-claims.js';
export { claimBinding, claimOutputsAvailable } from './claims/claim-outputs.js';

// projection
export { toPlanContainers } from './projection/plan-containers.js';
export { buildWorkloadPlan } from './projection/workload-plan.js';
export type { PlanParts } from './projection/workload-plan.js';
export { endpointHintsOf, ROUTE_RESOURCE_TYPE } from './projection/endpoint-hints.js';

// status
export {
  claimsReadyCondition,
  inputsValidCondition,
  readyCondition,
  runtimeReadyCondition,
} from './status/workload-conditions.js';
export type { InputsVerdict, RuntimeFacts } from './status/workload-conditions.js';
export { mergeWorkloadStatus } from './status/workload-status.js';
export type { DesiredWorkloadStatus } from './status/workload-status.js';
export { ClaimSummaryReason } from './status/claim-summaries.js';

// metrics
export {
  countWorkloads,
  reportWorkloadConditions,
  WORKLOADS_METRIC,
} from './metrics/workload-conditions-metric.js';
export type { WorkloadCount } from './metrics/workload-conditions-metric.js';

// plugins: discovery of resolver and runtime packages
export { loadPlugins } from './plugins/load-plugins.js';
export type { LoadPluginsOptions } from './plugins/load-plugins.js';
export type { LoadedPlugin } from './plugins/loaded-plugin.js';
export { describePlugins } from './plugins/describe-plugins.js';
export type { PluginRow } from './plugins/describe-plugins.js';
