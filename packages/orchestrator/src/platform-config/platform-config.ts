import type { DeprovisionPolicy, PlanBatch } from '@score-orchestrator/api';
import type { PolicyRule } from '../policy/policy-rule.js';

// The platform configuration as data: what `parsePlatformConfig` returns. Defaults are filled in, lists are
// never absent. docs/configuration.md is the reference for every field.

/** `apiVersion` of a platform configuration document. */
export const PLATFORM_CONFIG_API_VERSION = 'score.dev/v1b1';
/** `kind` of a platform configuration document. */
export const PLATFORM_CONFIG_KIND = 'PlatformConfig';
/** The runtime class used when neither a profile nor `defaults.runtimeClass` names one. */
export const DEFAULT_RUNTIME_CLASS = 'kubernetes';

/** A validated platform configuration. Immutable; a reload produces a new object. */
export interface PlatformConfig {
  readonly apiVersion: typeof PLATFORM_CONFIG_API_VERSION;
  readonly kind: typeof PLATFORM_CONFIG_KIND;
  readonly defaults: PlatformDefaults;
  /** Checked in order after the `score.dev/profile` annotation; first selector match wins. */
  readonly profiles: readonly Profile[];
  /** At most one per runtime class. */
  readonly backends: readonly Backend[];
  /** First match wins (score-k8s provisioner order). */
  readonly resolvers: readonly ResolverRule[];
  /** Org policy, checked before any claim is made. */
  readonly policies: readonly PolicyRule[];
  /** score-k8s patch templates over the manifests the runtime produces, applied in this order. */
  readonly patchTemplates: readonly PatchTemplateConfig[];
  /** npm package names the orchestrator imports to discover resolvers and runtimes. */
  readonly plugins: readonly string[];
}

export interface PlatformDefaults {
  /** Runtime class of Workloads no profile claims (default `kubernetes`). */
  readonly runtimeClass: string;
  /** Deprovision policy of claims no resolver rule sets one for (default `Delete`). */
  readonly deprovisionPolicy: DeprovisionPolicy;
  /** Profile used when neither the annotation nor a selector picks one; none when absent. */
  readonly profile?: string;
}

/** A named bundle of runtime choices a Workload opts into (annotation) or falls into (selector). */
export interface Profile {
  readonly name: string;
  readonly description?: string;
  /** Label selector over the Workload's labels; a profile without one is only chosen by name. */
  readonly selector?: ProfileSelector;
  /** Runtime class of the plan; `defaults.runtimeClass` when absent. */
  readonly runtimeClass?: string;
  /** Free-form options handed to the runtime in `WorkloadPlan.spec.options` (e.g. `workloadKind`). */
  readonly options: Readonly<Record<string, unknown>>;
  /**
   * The profile's Workloads run to completion (`kind: job`) or on a schedule (`kind: cronjob`), with these
   * settings; a Workload's `k8s.score.dev/*` annotations override them. Absent: services.
   */
  readonly batch?: PlanBatch;
}

/** The Kubernetes label selector object form; requirements are ANDed. */
export interface ProfileSelector {
  readonly matchLabels?: Readonly<Record<string, string>>;
  readonly matchExpressions?: readonly LabelSelectorRequirement[];
}

export interface LabelSelectorRequirement {
  readonly key: string;
  readonly operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  readonly values?: readonly string[];
}

/** How one runtime class is presented to users. */
export interface Backend {
  readonly runtimeClass: string;
  /**
   * `{{ .fact }}` template of `Workload.status.endpoint` for Workloads without a route (facts such as
   * `serviceName`, `namespace`, `port`); the runtime's own rule is used when absent.
   */
  readonly endpointTemplate?: string;
  /** The same for Workloads with a route (facts such as `host`, `path`). */
  readonly routeEndpointTemplate?: string;
}

/** Which resolver serves which resources, and how they are deprovisioned. */
export interface ResolverRule {
  /**
   * The rule's name (a DNS label, unique among rules), shown in `ResourceClaim.spec/status.resolverRule`;
   * rules without one are shown as `resolvers[<index>]` (see `resolverRuleLabel`).
   */
  readonly name?: string;
  /** Score resource type, matched exactly. */
  readonly type: string;
  /** Resource class; any class when absent. */
  readonly class?: string;
  /** Shared resource id; any id (and private resources) when absent. */
  readonly id?: string;
  /**
   * Label selector over the labels of the Workload's Namespace (e.g. `matchLabels: { environment: prod }`);
   * any namespace when absent. Read when a claim is first made: a namespace whose labels change later does
   * not move a provisioned claim (the resolver host latches its resolver).
   */
  readonly namespaceSelector?: ProfileSelector;
  /** `@Resolver` name to use; when absent the resolver is matched by its own type/class/id. */
  readonly resolver?: string;
  /** Overrides `defaults.deprovisionPolicy` for matching claims. */
  readonly deprovisionPolicy?: DeprovisionPolicy;
  readonly description?: string;
}

/**
 * A score-k8s patch template (`--patch-templates`): a Go template over `.Manifests`, `.Workloads` and
 * `.Namespace` that renders `{op, path, value, description}` operations. See docs/platform/patch-templates.md.
 */
export interface PatchTemplateConfig {
  /** A DNS label, unique among patch templates; status and errors name it. */
  readonly name: string;
  readonly description?: string;
  /** The template text, as in a score-k8s patch file. */
  readonly template: string;
  /** Names of the profiles whose Workloads it applies to; every Workload when absent. */
  readonly profiles?: readonly string[];
}
