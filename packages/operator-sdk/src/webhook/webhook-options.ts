import type { LabelSelector } from '../cache/label-selector.js';
import type { KindReference } from '../controller/controller-options.js';
import type { AdmissionOperation } from './admission-review.js';

/** A label selector in the API object form (webhook configurations take no string form). */
export type WebhookLabelSelector = Exclude<LabelSelector, string>;

/** What the API server does when the webhook cannot be reached, errs or times out. */
export type FailurePolicy = 'Fail' | 'Ignore';

/** Whether calling the webhook changes anything outside the object (`NoneOnDryRun`: only when not a dry run). */
export type SideEffects = 'None' | 'NoneOnDryRun';

/**
 * Settings shared by `@Validator` and `@Defaulter`; the {@link WebhookBuilder} takes the same settings call
 * by call. Every field but `for` has a default that suits most webhooks.
 */
export interface WebhookOptions {
  /** The kind the webhook admits (its group, version and plural make the rule). */
  readonly for: KindReference;
  /** Operations to be called for (default `CREATE` and `UPDATE`; `'*'` for all). */
  readonly operations?: readonly (AdmissionOperation | '*')[];
  /** The webhook's fully qualified name (default `v<kind>.<group>` / `m<kind>.<group>`, lower-case). */
  readonly name?: string;
  /** URL path served (default controller-runtime's `/validate-<group>-<version>-<kind>`, `.` as `-`). */
  readonly path?: string;
  /** Default `Fail`: the API server refuses the request when the webhook does not answer. */
  readonly failurePolicy?: FailurePolicy;
  /** Default `None`. */
  readonly sideEffects?: SideEffects;
  /** How long the API server waits, 1 to 30 seconds (default 10). */
  readonly timeoutSeconds?: number;
  /** Only objects in namespaces whose labels match (default: all namespaces). */
  readonly namespaceSelector?: WebhookLabelSelector;
  /** Only objects whose labels match (default: all objects). */
  readonly objectSelector?: WebhookLabelSelector;
  /** `Equivalent` (default) also sends requests made through another version of the same resource. */
  readonly matchPolicy?: 'Exact' | 'Equivalent';
}

/** Options of `@Validator`. */
export type ValidatorOptions = WebhookOptions;

/** Options of `@Defaulter`. */
export interface DefaulterOptions extends WebhookOptions {
  /** `IfNeeded` calls the defaulter again when a later mutating webhook changed the object (default `Never`). */
  readonly reinvocationPolicy?: 'Never' | 'IfNeeded';
}
