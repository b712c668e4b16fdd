import type { Container, Newable } from 'inversify';
import {
  WorkloadPlanKind,
  readRuntimeOptions,
  type RuntimeOptions,
  type Runtime,
  ScoreTokens,
} from '@score-orchestrator/api';
import { hostController } from './internal/host-controller.js';
import { distinctKinds, pluginWatches } from './internal/owner-map.js';
import { PlanApplier, type BoundRuntime } from './internal/plan-applier.js';
import { pluginInstances } from './internal/plugin-instances.js';
import {
  DEFAULT_PLUGIN_HOST_CONCURRENCY,
  pluginHost,
  type PluginHost,
  type PluginHostOptions,
} from './plugin-host.js';
import { PluginHostError } from './errors/plugin-host.error.js';

/**
 * The runtime host: controllers over `WorkloadPlan` that dispatch each plan to the runtime of its
 * `spec.runtimeClass`, call `apply` and write only the plan's status (phase, reason, message, endpoint,
 * observedGeneration, a `Ready` condition), never when nothing changed. A plan no runtime serves gets
 * phase `Pending`, reason `RuntimeNotFound`. The host watches the kinds runtimes declare in `owns`
 * (mapped to the plans among their owners) and in `watches` (through the runtime's own map, e.g. Pods by
 * label), and adds a finalizer only for runtimes with `delete`.
 *
 * `source` as for `createResolverHost`: runtime classes, or a container with `ScoreTokens.Runtime` bindings.
 *
 * @throws PluginHostError `Configuration` when a class lacks `@Runtime` or `apply` or two runtimes
 *   serve the same runtime class; `Instantiation` when a class cannot be created.
 */
export function createRuntimeHost(
  source: Container | readonly Newable[],
  options: PluginHostOptions = {},
): PluginHost {
  const runtimes = pluginInstances<Runtime, RuntimeOptions>(source, {
    noun: 'runtime',
    decorator: 'Runtime',
    token: ScoreTokens.Runtime,
    method: 'apply',
    readOptions: readRuntimeOptions,
  });
  assertUniqueClasses(runtimes);
  const finalizer = options.finalizer ?? 'score.dev/runtime-host';
  const applier = new PlanApplier(runtimes, options.unmatched !== 'ignore', options.progressStatusDelayMs);
  const controller = hostController({
    name: options.name ?? 'runtime-host',
    primary: WorkloadPlanKind,
    watched: distinctKinds(runtimes.map((r) => r.options.owns)),
    mapped: pluginWatches(runtimes.map((r) => r.options.watches)),
    finalizer,
    concurrency: options.concurrency ?? DEFAULT_PLUGIN_HOST_CONCURRENCY,
    namespaces: options.namespaces,
    reconcile: (plan, ctx) => applier.reconcile(plan, ctx),
    finalize: (plan, ctx) => applier.finalize(plan, ctx),
  });
  return pluginHost(
    [controller],
    runtimes.map((r) => r.options.runtimeClass),
  );
}

function assertUniqueClasses(runtimes: readonly BoundRuntime[]): void {
  const seen = new Map<string, string>();
  for (const { options, className } of runtimes) {
    const other = seen.get(options.runtimeClass);
    if (other !== undefined) {
      throw new PluginHostError(
        'Configuration',
        `failed to host runtime ${className}: runtime ${other} serves runtime class "${options.runtimeClass}" too; runtime classes must be unique`,
      );
    }
    seen.set(options.runtimeClass, className);
  }
}
