// Dependency-injection tokens of the dev resolvers.

/**
 * Settings for every dev resolver (a partial {@link DevResolverSettings}; defaults fill the rest). Bind it
 * in the orchestrator's container to change the domain, images or storage; unbound, defaults apply.
 */
const Settings = Symbol.for('@score-orchestrator/resolver-dev/Settings');

/** DI tokens of the dev resolvers. */
export const ResolverDevTokens = { Settings } as const;
