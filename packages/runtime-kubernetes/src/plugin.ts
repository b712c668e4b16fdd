import type { PluginModule } from '@score-orchestrator/api';
import { KubernetesRuntime } from './runtime/kubernetes.runtime.js';

/** The plugin the orchestrator discovers: one runtime, class `kubernetes`. */
export const plugin: PluginModule = { name: 'runtime-kubernetes', runtimes: [KubernetesRuntime] };
