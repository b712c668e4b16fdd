// #region plugin
import type { PluginModule } from '@score-orchestrator/api';
import { ApiKeyResolver } from './api-key.resolver.js';

/** What the orchestrator imports: list this package under `plugins:` in the platform config. */
export const plugin: PluginModule = {
  name: '@score-orchestrator/example-custom-resolver',
  resolvers: [ApiKeyResolver],
};
// #endregion plugin
