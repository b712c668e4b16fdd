// Resolver classes made from loaded provisioners: one decorated class per resource type, at run time.
import type { Newable } from 'inversify';
import {
  Resolver,
  WorkloadKind,
  type ProvisionResult,
  type ResolverContext,
  type ResourceRequest,
} from '@score-orchestrator/api';
import type { KindReference } from '@score-orchestrator/operator-sdk';
import { TerminalError } from '@score-orchestrator/operator-sdk';
import { definitionMatches, type ProvisionerDefinition } from '../provisioner-file/provisioner-definition.js';
import { ServiceDependencies } from '../workload-services/service-dependencies.js';
import {
  deprovisionClaim,
  provisionClaim,
  type ProvisionerRun,
  type ProvisionSettings,
} from './provision-claim.js';

/** Options of {@link createProvisionerResolvers}. */
export interface ProvisionerResolverOptions extends ProvisionSettings {
  /** Resolver names are `<prefix>-<type>` (default `provisioners`). */
  readonly namePrefix?: string;
  /** Kinds the manifests create, so their changes re-run `provision` (default none). */
  readonly owns?: readonly KindReference[];
}

/** The provisioners one resolver class serves: every loaded provisioner of one type, in file order. */
export interface ProvisionerGroup {
  readonly type: string;
  readonly definitions: readonly ProvisionerDefinition[];
}

/** Groups `defs` by type, keeping file order within a type and the order types first appear in. */
export function groupProvisioners(defs: readonly ProvisionerDefinition[]): ProvisionerGroup[] {
  const groups = new Map<string, ProvisionerDefinition[]>();
  for (const def of defs) groups.set(def.type, [...(groups.get(def.type) ?? []), def]);
  return [...groups].map(([type, definitions]) => ({ type, definitions }));
}

/**
 * One `@Resolver` class per resource type of `defs` (classes created at run time, no constructor
 * dependencies, so the resolver host or `bindPluginModule` can instantiate them like any resolver).
 *
 * Matching is score-k8s's within a type: the first provisioner in file order whose class and id (when
 * set) match wins. The class declares `classes` / `ids` only when every provisioner of its type names
 * one, so the host offers it exactly the claims some provisioner may serve.
 *
 * Each class watches Workloads: provisioners get the namespace's `workload_services`, and a claim is
 * provisioned again when the service of a Workload it names (its source workload, or a string param such
 * as service-port's `workload`) appears, changes ports, or starts being deleted.
 */
export function createProvisionerResolvers(
  defs: readonly ProvisionerDefinition[],
  options: ProvisionerResolverOptions = {},
): Newable[] {
  return groupProvisioners(defs).map((group) => resolverClass(group, options));
}

function resolverClass(group: ProvisionerGroup, options: ProvisionerResolverOptions): Newable {
  const { definitions } = group;
  const dependencies = new ServiceDependencies();
  const run: ProvisionerRun = { cmdTimeoutMs: options.cmdTimeoutMs, dependencies };
  const pick = (request: ResourceRequest): ProvisionerDefinition => {
    const def = definitions.find((d) => definitionMatches(d, request));
    if (!def) {
      throw new TerminalError(
        `no provisioner serves type ${request.type}, class ${request.class}${request.id === undefined ? '' : `, id ${request.id}`}; provisioners of the type: ${definitions.map((d) => d.uri).join(', ')}`,
      );
    }
    return def;
  };
  const cls = class implements Resolver {
    provision(request: ResourceRequest, ctx: ResolverContext): Promise<ProvisionResult> {
      return provisionClaim(pick(request), request, ctx, run);
    }

    deprovision(request: ResourceRequest, ctx: ResolverContext): Promise<void> {
      return deprovisionClaim(request, ctx, run);
    }
  };
  Object.defineProperty(cls, 'name', { value: `ProvisionersResolver(${group.type})` });
  const every = <T>(get: (d: ProvisionerDefinition) => T | undefined) =>
    definitions.every((d) => get(d) !== undefined)
      ? [...new Set(definitions.map((d) => get(d)!))]
      : undefined;
  Resolver({
    name: `${options.namePrefix ?? 'provisioners'}-${group.type}`,
    type: group.type,
    classes: every((d) => d.class),
    ids: every((d) => d.id),
    owns: options.owns,
    watches: [{ kind: WorkloadKind, map: (workload) => dependencies.affectedBy(workload) }],
  })(cls);
  return cls;
}
