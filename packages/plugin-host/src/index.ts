// The plugin hosts: the controllers that run Score resolver and runtime plugins, in the orchestrator's
// process or in a plugin's own (createPluginOperator).
export { createResolverHost } from './resolver-host.js';
export { createRuntimeHost } from './runtime-host.js';
export type { PluginHost, PluginHostOptions } from './plugin-host.js';
export { DEFAULT_PLUGIN_HOST_CONCURRENCY } from './plugin-host.js';
export { ProgressHoldBack } from './progress-hold-back.js';
export { matchResolver } from './match-resolver.js';
export type { ResolverMatch, ResolverQuery } from './match-resolver.js';
export { createPluginOperator } from './plugin-operator.js';
export type { PluginOperatorOptions } from './plugin-operator.js';
export { PluginHostError } from './errors/plugin-host.error.js';
export type { PluginHostErrorKind } from './errors/plugin-host.error.js';
