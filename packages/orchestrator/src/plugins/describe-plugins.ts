import { readResolverOptions, readRuntimeOptions } from '@score-orchestrator/api';
import { resourceKindOf } from '@score-orchestrator/operator-sdk';
import type { LoadedPlugin } from './loaded-plugin.js';

/** One row of `score-orchestrator plugins`: a resolver or a runtime, and what it serves. */
export interface PluginRow {
  readonly package: string;
  readonly plugin: string;
  readonly sort: 'resolver' | 'runtime';
  /** The resolver name, or the runtime class. */
  readonly name: string;
  /** For resolvers: the Score resource type served. */
  readonly type?: string;
  /** What it serves, e.g. `postgres (classes: large; any id)` or `runtimeClass kubernetes`. */
  readonly serves: string;
  /** Kinds it owns, e.g. `ConfigMap, apps/v1 Deployment`; empty when none. */
  readonly owns: string;
  /** For resolvers that declare them: the params read, required ones marked `(required)`. */
  readonly params?: readonly string[];
  /** For resolvers that declare them: the outputs promised, secret ones marked `(secret)`. */
  readonly outputs?: readonly string[];
}

/** The plugins as table rows: one per resolver and runtime, in plugin order. Pure. */
export function describePlugins(plugins: readonly LoadedPlugin[]): PluginRow[] {
  const rows: PluginRow[] = [];
  for (const { packageName, module } of plugins) {
    for (const cls of module.resolvers ?? []) {
      const options = readResolverOptions(cls)!;
      const classes = options.classes ? `classes: ${options.classes.join(', ')}` : 'any class';
      const ids = options.ids ? `ids: ${options.ids.join(', ')}` : 'any id';
      rows.push({
        package: packageName,
        plugin: module.name,
        sort: 'resolver',
        name: options.name,
        type: options.type,
        serves: `${options.type} (${classes}; ${ids})`,
        owns: ownsText(options.owns),
        ...(options.params && {
          params: options.params.map((p) => (p.required ? `${p.name} (required)` : p.name)),
        }),
        ...(options.outputs && {
          outputs: options.outputs.map((o) => (o.secret ? `${o.name} (secret)` : o.name)),
        }),
      });
    }
    for (const cls of module.runtimes ?? []) {
      const options = readRuntimeOptions(cls)!;
      rows.push({
        package: packageName,
        plugin: module.name,
        sort: 'runtime',
        name: options.runtimeClass,
        serves: `runtimeClass ${options.runtimeClass}`,
        owns: ownsText(options.owns),
      });
    }
  }
  return rows;
}

function ownsText(owns: readonly Parameters<typeof resourceKindOf>[0][] | undefined): string {
  return (owns ?? [])
    .map(resourceKindOf)
    .map((kind) => (kind.apiVersion === 'v1' ? kind.kind : `${kind.apiVersion} ${kind.kind}`))
    .join(', ');
}
