import type { Container } from 'inversify';
import { ScoreTokens } from '../tokens.js';
import type { PluginModule } from './plugin-module.js';

/**
 * Binds every resolver of `plugin` to `ScoreTokens.Resolver` and every runtime to `ScoreTokens.Runtime`,
 * as singletons (one instance serves every claim or plan). No validation: the hosts check the classes
 * when they are created, the orchestrator's plugin discovery before.
 */
export function bindPluginModule(container: Container, plugin: PluginModule): void {
  for (const cls of plugin.resolvers ?? []) container.bind(ScoreTokens.Resolver).to(cls).inSingletonScope();
  for (const cls of plugin.runtimes ?? []) container.bind(ScoreTokens.Runtime).to(cls).inSingletonScope();
}
