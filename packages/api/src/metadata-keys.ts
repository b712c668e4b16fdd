// Every reflect-metadata key this package's decorators write, namespaced by package.

/** Options recorded by `@Resolver`. */
export const RESOLVER_METADATA = Symbol.for('@score-orchestrator/api/resolver');
/** Options recorded by `@Runtime`. */
export const RUNTIME_METADATA = Symbol.for('@score-orchestrator/api/runtime');
