import type { ResourceKind } from '../api/resource-kind.js';
import type { AdmissionOperation } from './admission-review.js';
import type { FailurePolicy, SideEffects, WebhookLabelSelector } from './webhook-options.js';

/** `validating` webhooks judge a request; `mutating` ones change the object first. */
export type WebhookType = 'validating' | 'mutating';

/**
 * A webhook's settings with every reference resolved and every default filled in: what the
 * {@link WebhookBuilder} produces, the `WebhookServer` serves and `generateWebhookConfigurations` renders.
 */
export interface WebhookDefinition {
  readonly type: WebhookType;
  readonly name: string;
  readonly path: string;
  readonly kind: ResourceKind;
  readonly operations: readonly (AdmissionOperation | '*')[];
  readonly failurePolicy: FailurePolicy;
  readonly sideEffects: SideEffects;
  readonly timeoutSeconds: number;
  readonly matchPolicy: 'Exact' | 'Equivalent';
  readonly namespaceSelector?: WebhookLabelSelector;
  readonly objectSelector?: WebhookLabelSelector;
  /** Mutating webhooks only. */
  readonly reinvocationPolicy?: 'Never' | 'IfNeeded';
}
