import type { Container } from 'inversify';
import { bindPluginModule } from '@score-orchestrator/api';
import type { LoadedPlugin } from './loaded-plugin.js';

/**
 * Binds every resolver class of `plugins` to `ScoreTokens.Resolver` and every runtime class to
 * `ScoreTokens.Runtime`, as singletons, in plugin order (the order `matchResolver` breaks ties by).
 * Then `createResolverHost(container)` / `createRuntimeHost(container)` run them.
 */
export function bindPlugins(container: Container, plugins: readonly LoadedPlugin[]): void {
  for (const { module } of plugins) bindPluginModule(container, module);
}
