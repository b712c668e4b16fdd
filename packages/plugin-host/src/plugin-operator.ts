import { Container } from 'inversify';
import { Manager, type ManagerOptions } from '@score-orchestrator/operator-sdk';
import { bindPluginModule, type PluginModule } from '@score-orchestrator/api';
import type { PluginHostOptions } from './plugin-host.js';
import { createResolverHost } from './resolver-host.js';
import { createRuntimeHost } from './runtime-host.js';
import { PluginHostError } from './errors/plugin-host.error.js';

/** Settings of {@link createPluginOperator}: the manager's, plus each host's. */
export interface PluginOperatorOptions extends Omit<ManagerOptions, 'container'> {
  /** A container with the plugin's own dependencies bound (default: a new one). */
  readonly container?: Container;
  /** Resolver host settings (default: named after the plugin, `unmatched: 'ignore'`). */
  readonly resolverHost?: PluginHostOptions;
  /** Runtime host settings (default: named after the plugin, `unmatched: 'ignore'`). */
  readonly runtimeHost?: PluginHostOptions;
}

/**
 * Runs one plugin package as its own operator: binds its classes, creates a `Manager` (named after the
 * plugin: field manager, events, lease) and the resolver host and/or runtime host it needs. Returns the
 * manager unstarted: call `start()`/`stop()` or `runUntilSignal()`.
 *
 * Beside other operators the hosts default to `unmatched: 'ignore'` and finalizers named after the plugin
 * (`score.dev/<plugin>-resolver`, `score.dev/<plugin>-runtime`), so each operator touches only what its
 * plugins serve. Two operators whose resolvers serve the same type/class/id would fight over claims:
 * choose one per claim with `spec.resolver` (platform configuration).
 *
 * @throws PluginHostError `Configuration` when the plugin has neither resolvers nor runtimes, or the
 *   hosts reject its classes.
 */
export function createPluginOperator(plugin: PluginModule, options: PluginOperatorOptions = {}): Manager {
  const { container = new Container(), resolverHost, runtimeHost, ...managerOptions } = options;
  const hasResolvers = (plugin.resolvers?.length ?? 0) > 0;
  const hasRuntimes = (plugin.runtimes?.length ?? 0) > 0;
  if (!hasResolvers && !hasRuntimes) {
    throw new PluginHostError(
      'Configuration',
      `failed to create an operator for plugin "${plugin.name}": it exports no resolvers and no runtimes`,
    );
  }
  const slug = slugOf(plugin.name);
  bindPluginModule(container, plugin);
  const manager = Manager.create({ ...managerOptions, name: managerOptions.name ?? slug, container });
  if (hasResolvers) {
    createResolverHost(container, {
      name: `${slug}-resolver-host`,
      finalizer: `score.dev/${slug}-resolver`,
      unmatched: 'ignore',
      ...resolverHost,
    }).bind(container);
  }
  if (hasRuntimes) {
    createRuntimeHost(container, {
      name: `${slug}-runtime-host`,
      finalizer: `score.dev/${slug}-runtime`,
      unmatched: 'ignore',
      ...runtimeHost,
    }).bind(container);
  }
  return manager;
}

/** A plugin name as a DNS label: `@acme/resolver-dev` → `acme-resolver-dev` (at most 40 characters). */
function slugOf(name: string): string {
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  return slug || 'plugin';
}
