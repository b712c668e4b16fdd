// Dependency-injection tokens of the Score API: plugin classes are bound to these.

/** Every resolver class is bound here (multi-binding); the claim host injects them all. */
const Resolver = Symbol.for('@score-orchestrator/api/Resolver');
/** Every runtime class is bound here (multi-binding); the plan host injects them all. */
const Runtime = Symbol.for('@score-orchestrator/api/Runtime');

/** DI tokens of the Score API. */
export const ScoreTokens = { Resolver, Runtime } as const;
