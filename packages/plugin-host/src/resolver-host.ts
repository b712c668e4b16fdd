import type { Container, Newable } from 'inversify';
import { type Predicate } from '@score-orchestrator/operator-sdk';
import {
  ResourceClaimKind,
  readResolverOptions,
  type ResolverOptions,
  type Resolver,
  ScoreTokens,
} from '@score-orchestrator/api';
import { ClaimProvisioner, type BoundResolver } from './internal/claim-provisioner.js';
import { hostController } from './internal/host-controller.js';
import { latchReleased } from './internal/resolver-latch.js';
import { distinctKinds, pluginWatches } from './internal/owner-map.js';
import { pluginInstances } from './internal/plugin-instances.js';
import {
  DEFAULT_PLUGIN_HOST_CONCURRENCY,
  pluginHost,
  type PluginHost,
  type PluginHostOptions,
} from './plugin-host.js';
import { PluginHostError } from './errors/plugin-host.error.js';

/**
 * The resolver host: controllers over `ResourceClaim` that dispatch each claim to a resolver (by
 * `spec.resolver`, else by type, class and id; see `matchResolver`) and write only the claim's status
 * and its outputs Secret.
 *
 * `source` is either resolver classes (created without constructor dependencies) or a container whose
 * `ScoreTokens.Resolver` bindings are resolved now (bind the SDK's services first, e.g. with
 * `Manager.create`, when resolvers inject them). The host also watches every kind the resolvers declare
 * in `owns`, mapping each object to the claims among its owners, and each kind in `watches`, through the
 * resolver's own map.
 *
 * Guarantees: a claim turns `Bound` only when its resolver reports `ready`; secret outputs go to the
 * Secret `<claim>-outputs` (controlled by the claim) and only their keys to the status; a claim no
 * resolver serves gets phase `Pending`, reason `ResolverNotFound` and no finalizer; a finalizer is added
 * only when the serving resolver has `deprovision`.
 *
 * @throws PluginHostError `Configuration` when a class lacks `@Resolver` or `provision` or two
 *   resolvers share a name; `Instantiation` when a class cannot be created.
 */
export function createResolverHost(
  source: Container | readonly Newable[],
  options: PluginHostOptions = {},
): PluginHost {
  const resolvers = pluginInstances<Resolver, ResolverOptions>(source, {
    noun: 'resolver',
    decorator: 'Resolver',
    token: ScoreTokens.Resolver,
    method: 'provision',
    readOptions: readResolverOptions,
  });
  assertUniqueNames(resolvers);
  const finalizer = options.finalizer ?? 'score.dev/resolver-host';
  const provisioner = new ClaimProvisioner(resolvers, options.unmatched !== 'ignore');
  const controller = hostController({
    name: options.name ?? 'resolver-host',
    primary: ResourceClaimKind,
    watched: distinctKinds(resolvers.map((r) => r.options.owns)),
    mapped: pluginWatches(resolvers.map((r) => r.options.watches)),
    finalizer,
    concurrency: options.concurrency ?? DEFAULT_PLUGIN_HOST_CONCURRENCY,
    namespaces: options.namespaces,
    statusUpdates: latchReleased as Predicate,
    reconcile: (claim, ctx) => provisioner.reconcile(claim, ctx),
    finalize: (claim, ctx) => provisioner.finalize(claim, ctx),
  });
  return pluginHost(
    [controller],
    resolvers.map((r) => r.options.name),
  );
}

function assertUniqueNames(resolvers: readonly BoundResolver[]): void {
  const seen = new Map<string, string>();
  for (const { options, className } of resolvers) {
    const other = seen.get(options.name);
    if (other !== undefined) {
      throw new PluginHostError(
        'Configuration',
        `failed to host resolver ${className}: resolver ${other} is named "${options.name}" too; resolver names must be unique`,
      );
    }
    seen.set(options.name, className);
  }
}
