// Dependency-injection tokens of the orchestrator, namespaced by package so two libraries never collide.

/** The `PlatformConfigSource` the store reads (a `FileConfigSource` or a `ConfigMapConfigSource`). */
const PlatformConfigSource = Symbol.for('@score-orchestrator/orchestrator/PlatformConfigSource');
/** The one `PlatformConfigStore`: the platform config in force, reloads, `lastError`. */
const PlatformConfigStore = Symbol.for('@score-orchestrator/orchestrator/PlatformConfigStore');
/**
 * A `PolicyEvaluator` that always checks the policies of the config in force: bind it to the store's
 * `policies` (e.g. `toResolvedValue((store) => store.policies, [PlatformConfigStore])`), never to a fixed
 * `PolicyEngine`, or reloads will not reach it.
 */
const PolicyEngine = Symbol.for('@score-orchestrator/orchestrator/PolicyEngine');

/** DI tokens of the orchestrator. */
export const OrchestratorTokens = { PlatformConfigSource, PlatformConfigStore, PolicyEngine } as const;

/** Settings of the Workload controller (`WorkloadControllerOptions`); defaults apply when unbound. */
const WorkloadControllerOptions = Symbol.for('@score-orchestrator/orchestrator/WorkloadControllerOptions');

/**
 * Where the Workload controller reads Namespace labels (`NamespaceLabelSource`: `cache` or `api`); `api`
 * when unbound. `createOrchestrator` binds `cache` cluster-wide, where it watches Namespaces.
 */
const NamespaceLabelSource = Symbol.for('@score-orchestrator/orchestrator/NamespaceLabelSource');

/** DI tokens of the Workload controller. */
export const WorkloadTokens = { WorkloadControllerOptions, NamespaceLabelSource } as const;
