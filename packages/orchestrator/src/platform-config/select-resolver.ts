import type { DeprovisionPolicy, PlatformConfig } from './platform-config.js';

/** The identity of one requested resource, as in score-k8s: `type.class#id`. */
export interface ResourceIdentity {
  readonly type: string;
  /** Resource class; `default` when absent, as in Score. */
  readonly class?: string;
  /** Shared resource id; absent for a private resource. */
  readonly id?: string;
}

/** What the platform config decides for one resource. */
export interface ResolverSelection {
  /** The `@Resolver` name to use; undefined lets the claim host match resolvers by type/class/id. */
  readonly resolver?: string;
  readonly deprovisionPolicy: DeprovisionPolicy;
  /** Index of the matching `resolvers[]` rule; undefined when none matched. */
  readonly rule?: number;
}

/**
 * Picks the first `resolvers[]` rule that matches `resource`, in config order, the way score-k8s matches
 * provisioners: the type must be equal, then the class (when the rule sets one), then the id (when the rule
 * sets one; a rule with an id never matches a private resource). Pure. Without a match: no resolver name,
 * `defaults.deprovisionPolicy`.
 */
export function selectResolver(config: PlatformConfig, resource: ResourceIdentity): ResolverSelection {
  const cls = resource.class ?? 'default';
  const index = config.resolvers.findIndex(
    (rule) =>
      rule.type === resource.type &&
      (rule.class === undefined || rule.class === cls) &&
      (rule.id === undefined || rule.id === resource.id),
  );
  const rule = config.resolvers[index];
  if (!rule) return { deprovisionPolicy: config.defaults.deprovisionPolicy };
  return {
    ...(rule.resolver === undefined ? {} : { resolver: rule.resolver }),
    deprovisionPolicy: rule.deprovisionPolicy ?? config.defaults.deprovisionPolicy,
    rule: index,
  };
}
