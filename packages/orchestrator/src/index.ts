// The public API of @score-orchestrator/orchestrator, name by name: what the CLI and people who embed the
// orchestrator need. Everything else (the Workload controller, claims, projection, status, the config store)
// is reached through createOrchestrator. See ../README.md for the map of concepts.
import 'reflect-metadata';

// errors
export { OrchestratorError } from './errors/orchestrator.error.js';
export type { OrchestratorErrorKind } from './errors/orchestrator.error.js';

// dependency injection
export { OrchestratorTokens, WorkloadTokens } from './tokens.js';

// the composition root
export { createOrchestrator } from './orchestrator.js';
export type { OrchestratorOptions } from './orchestrator.js';
export type { WorkloadControllerOptions } from './workload/workload-controller-options.js';
export { DEFAULT_WORKLOAD_CONCURRENCY } from './workload/workload-controller-options.js';

// platform-config: the model and its parser
export { PLATFORM_CONFIG_API_VERSION, PLATFORM_CONFIG_KIND } from './platform-config/platform-config.js';
export type { PlatformConfig } from './platform-config/platform-config.js';
export { parsePlatformConfig } from './platform-config/parse-platform-config.js';

// platform-config: the decisions a config makes, for checking one offline
export { selectProfile } from './platform-config/select-profile.js';
export type { ProfileSelection } from './platform-config/select-profile.js';
export { selectResolver } from './platform-config/select-resolver.js';
export type { ResolverSelection, ResourceIdentity } from './platform-config/select-resolver.js';

// platform-config: where it is read from (followed for changes)
export type { ConfigReading, PlatformConfigSource } from './platform-config/platform-config-source.js';
export { FileConfigSource } from './platform-config/file-config-source.js';
export type { FileConfigSourceOptions } from './platform-config/file-config-source.js';
export { ConfigMapConfigSource, DEFAULT_CONFIG_MAP_KEY } from './platform-config/config-map-config-source.js';
export type { ConfigMapConfigSourceOptions } from './platform-config/config-map-config-source.js';

// policy: org rules over a Workload, also offline
export { PolicyEngine } from './policy/policy-engine.js';
export type { PolicyEvaluator, PolicyViolation } from './policy/policy-engine.js';

// status: the reasons of Workload.status.claims[] (docs/status-reference.md)
export { ClaimSummaryReason } from './status/claim-summaries.js';

// plugins: discovery of resolver and runtime packages
export { loadPlugins } from './plugins/load-plugins.js';
export type { LoadPluginsOptions } from './plugins/load-plugins.js';
export type { LoadedPlugin } from './plugins/loaded-plugin.js';
export { describePlugins } from './plugins/describe-plugins.js';
export type { PluginRow } from './plugins/describe-plugins.js';
