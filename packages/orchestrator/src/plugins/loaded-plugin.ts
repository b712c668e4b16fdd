import type { PluginModule } from '@score-orchestrator/api';

/** A plugin module and the package it came from. */
export interface LoadedPlugin {
  /** The npm package name it was imported as, e.g. `@acme/score-resolver-dev`. */
  readonly packageName: string;
  readonly module: PluginModule;
}
