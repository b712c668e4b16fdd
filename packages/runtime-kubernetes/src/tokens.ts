// Dependency-injection tokens of the Kubernetes runtime.

/** Bind a `Partial<KubernetesRuntimeSettings>` here to override the defaults (optional). */
const Settings = Symbol.for('@score-orchestrator/runtime-kubernetes/Settings');

/** DI tokens of the Kubernetes runtime. */
export const RuntimeKubernetesTokens = { Settings } as const;
