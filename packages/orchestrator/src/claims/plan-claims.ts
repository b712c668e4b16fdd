import {
  childField,
  resourceDependencyOrder,
  ScoreApiError,
  substituteResourceParams,
  type FieldIssue,
  type PlaceholderResolver,
  type ScoreResource,
} from '@score-orchestrator/api';
import type { PlatformConfig } from '../platform-config/platform-config.js';
import { selectResolver, type ResolverSelection } from '../platform-config/select-resolver.js';
import type { ClaimIntent } from './claim-intent.js';
import { claimName } from './claim-name.js';

/** What {@link planClaims} needs: the Workload's resources and what placeholders resolve to now. */
export interface PlanClaimsInput {
  readonly workloadName: string;
  readonly resources: Readonly<Record<string, ScoreResource>>;
  readonly config: PlatformConfig;
  /**
   * The labels of the Workload's Namespace, for rules with a `namespaceSelector`; such rules match no
   * namespace without them (the caller reads them when `readsNamespaceLabels(config)`).
   */
  readonly namespaceLabels?: Readonly<Record<string, string>>;
  /** Resolves `${metadata.*}` and `${resources.*}` with the outputs available now (see `claimBinding`). */
  readonly placeholders: PlaceholderResolver;
}

/**
 * The claims a Workload wants, one per resource, in dependency order (a resource after those whose
 * outputs its params use). A resource whose params reference outputs that are not available yet gets an
 * intent without `params` that lists what it waits for: its claim is made once they arrive. Resolver,
 * deprovision policy and the rule that chose them come from `selectResolver` (with the namespace's labels).
 * Pure.
 *
 * @throws ScoreApiError `DependencyCycle` when params reference each other in a cycle; `Placeholder`
 *   listing every bad param field (unknown resource or output, malformed placeholder, misused secret).
 */
export function planClaims(input: PlanClaimsInput): ClaimIntent[] {
  const { order } = resourceDependencyOrder(input.resources);
  const issues: FieldIssue[] = [];
  const intents: ClaimIntent[] = [];
  for (const name of order) {
    const resource = input.resources[name];
    const cls = resource.class ?? 'default';
    const selection = selectionOf(input, resource, cls);
    let params: Readonly<Record<string, unknown>> | undefined;
    let waitingFor: ClaimIntent['waitingFor'] = [];
    try {
      const field = childField(childField('resources', name), 'params');
      const result = substituteResourceParams(resource.params ?? {}, input.placeholders, field);
      if (result.resolved) params = result.value;
      else waitingFor = result.unresolved;
    } catch (err) {
      if (!ScoreApiError.is(err)) throw err;
      issues.push(...err.issues);
      continue;
    }
    intents.push({
      resource: name,
      claim: claimName(input.workloadName, name, resource),
      type: resource.type,
      class: cls,
      ...(resource.id === undefined ? {} : { id: resource.id }),
      metadata: resource.metadata ?? {},
      deprovisionPolicy: selection.deprovisionPolicy,
      ...(selection.resolver === undefined ? {} : { resolver: selection.resolver }),
      ...(selection.ruleLabel === undefined ? {} : { resolverRule: selection.ruleLabel }),
      ...(params === undefined ? {} : { params }),
      waitingFor,
    });
  }
  if (issues.length > 0) {
    throw ScoreApiError.fromIssues('Placeholder', 'failed to resolve resource params', issues);
  }
  return intents;
}

/**
 * Intents for every resource without resolving params (all waiting on nothing, none with params): what
 * the status summarises when the Workload's inputs are invalid and no claim may be made. Pure.
 */
export function unresolvedIntents(input: Omit<PlanClaimsInput, 'placeholders'>): ClaimIntent[] {
  return Object.keys(input.resources)
    .sort()
    .map((name) => {
      const resource = input.resources[name];
      const cls = resource.class ?? 'default';
      const selection = selectionOf(input, resource, cls);
      return {
        resource: name,
        claim: claimName(input.workloadName, name, resource),
        type: resource.type,
        class: cls,
        ...(resource.id === undefined ? {} : { id: resource.id }),
        metadata: resource.metadata ?? {},
        deprovisionPolicy: selection.deprovisionPolicy,
        waitingFor: [],
      };
    });
}

function selectionOf(
  input: Pick<PlanClaimsInput, 'config' | 'namespaceLabels'>,
  resource: ScoreResource,
  cls: string,
): ResolverSelection {
  return selectResolver(
    input.config,
    { type: resource.type, class: cls, id: resource.id },
    { namespaceLabels: input.namespaceLabels },
  );
}
