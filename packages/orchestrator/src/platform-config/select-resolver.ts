import type { DeprovisionPolicy } from '@score-orchestrator/api';
import type { PlatformConfig, ResolverRule } from './platform-config.js';
import { selectorMatcher } from './selector-matcher.js';

/** The identity of one requested resource, as in score-k8s: `type.class#id`. */
export interface ResourceIdentity {
  readonly type: string;
  /** Resource class; `default` when absent, as in Score. */
  readonly class?: string;
  /** Shared resource id; absent for a private resource. */
  readonly id?: string;
}

/** Where the resource is asked for, as far as `namespaceSelector` goes. */
export interface ResourcePlacement {
  /** The labels of the Workload's Namespace; a rule with a `namespaceSelector` sees none when absent. */
  readonly namespaceLabels?: Readonly<Record<string, string>>;
}

/** What the platform config decides for one resource. */
export interface ResolverSelection {
  /** The `@Resolver` name to use; undefined lets the claim host match resolvers by type/class/id. */
  readonly resolver?: string;
  readonly deprovisionPolicy: DeprovisionPolicy;
  /** Index of the matching `resolvers[]` rule; undefined when none matched. */
  readonly rule?: number;
  /** The matching rule as users read it (see {@link resolverRuleLabel}); undefined when none matched. */
  readonly ruleLabel?: string;
}

/**
 * Picks the first `resolvers[]` rule that matches `resource`, in config order, the way score-k8s matches
 * provisioners: the type must be equal, then the class (when the rule sets one), then the id (when the rule
 * sets one; a rule with an id never matches a private resource), then the labels of the Workload's
 * namespace (when the rule sets a `namespaceSelector`, with Kubernetes label selector semantics). Pure.
 * Without a match: no resolver name, `defaults.deprovisionPolicy`.
 */
export function selectResolver(
  config: PlatformConfig,
  resource: ResourceIdentity,
  placement: ResourcePlacement = {},
): ResolverSelection {
  const cls = resource.class ?? 'default';
  const index = config.resolvers.findIndex(
    (rule) =>
      rule.type === resource.type &&
      (rule.class === undefined || rule.class === cls) &&
      (rule.id === undefined || rule.id === resource.id) &&
      (rule.namespaceSelector === undefined ||
        selectorMatcher(rule.namespaceSelector)(placement.namespaceLabels)),
  );
  const rule = config.resolvers[index];
  if (!rule) return { deprovisionPolicy: config.defaults.deprovisionPolicy };
  return {
    ...(rule.resolver === undefined ? {} : { resolver: rule.resolver }),
    deprovisionPolicy: rule.deprovisionPolicy ?? config.defaults.deprovisionPolicy,
    rule: index,
    ruleLabel: resolverRuleLabel(rule, index),
  };
}

/**
 * How a resolver rule is named where users read it (`ResourceClaim.spec.resolverRule` and
 * `status.resolverRule`): its `name`, else its place in the list, `resolvers[<index>]`. Pure.
 */
export function resolverRuleLabel(rule: Pick<ResolverRule, 'name'>, index: number): string {
  return rule.name ?? `resolvers[${index}]`;
}

/** Whether any rule of `config` reads namespace labels: only then must they be looked up. Pure. */
export function readsNamespaceLabels(config: PlatformConfig): boolean {
  return config.resolvers.some((rule) => rule.namespaceSelector !== undefined);
}
