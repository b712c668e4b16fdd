import type { Newable } from 'inversify';

/**
 * What a plugin package exports (as `plugin`, or its default export): the resolver and runtime classes
 * it contributes. The orchestrator imports the packages named in its configuration and binds these
 * classes into its container; nothing else about a plugin is known to it.
 *
 * ```ts
 * export const plugin: PluginModule = { name: 'resolver-dev', resolvers: [PostgresResolver, RedisResolver] };
 * ```
 */
export interface PluginModule {
  /** The plugin's name, for logs and `score-orchestrator plugins`. */
  readonly name: string;
  readonly resolvers?: readonly Newable[];
  readonly runtimes?: readonly Newable[];
}
