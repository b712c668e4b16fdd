import { splitApiVersion, type ResourceKind } from '../api/resource-kind.js';
import type { KindReference } from '../controller/controller-options.js';
import { resourceKindOf } from '../crd/kubernetes-resource.decorator.js';
import { OperatorSdkError } from '../errors/operator-sdk.error.js';
import { ADMISSION_OPERATIONS, type AdmissionOperation } from './admission-review.js';
import type { WebhookDefinition, WebhookType } from './webhook-definition.js';
import type {
  DefaulterOptions,
  FailurePolicy,
  SideEffects,
  WebhookLabelSelector,
} from './webhook-options.js';

const SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const PATH = /^\/[A-Za-z0-9\-._~/]*$/;

/**
 * Builds a {@link WebhookDefinition} call by call. `@Validator(options)` is a shortcut for
 * `WebhookBuilder.fromOptions('validating', options)` and `@Defaulter(options)` for
 * `WebhookBuilder.fromOptions('mutating', options)`; use the builder directly to serve a webhook without
 * decorators, or one handler under two settings (e.g. two failure policies).
 *
 * ```ts
 * const definition = WebhookBuilder.validating(Widget).forOperations('CREATE').withTimeout(5).build();
 * ```
 * Every setter checks its value and throws an `OperatorSdkError` of kind `Configuration` that says how to fix it.
 */
export class WebhookBuilder {
  private name?: string;
  private path?: string;
  private operations: readonly (AdmissionOperation | '*')[] = ['CREATE', 'UPDATE'];
  private failurePolicy: FailurePolicy = 'Fail';
  private sideEffects: SideEffects = 'None';
  private timeoutSeconds = 10;
  private matchPolicy: 'Exact' | 'Equivalent' = 'Equivalent';
  private namespaceSelector?: WebhookLabelSelector;
  private objectSelector?: WebhookLabelSelector;
  private reinvocationPolicy?: 'Never' | 'IfNeeded';

  private constructor(
    private readonly type: WebhookType,
    private readonly kind: ResourceKind,
  ) {}

  /** Starts a validating webhook for `kind`. */
  static validating(kind: KindReference): WebhookBuilder {
    return new WebhookBuilder('validating', resourceKindOf(kind));
  }

  /** Starts a mutating (defaulting) webhook for `kind`. */
  static mutating(kind: KindReference): WebhookBuilder {
    return new WebhookBuilder('mutating', resourceKindOf(kind));
  }

  /** The builder that `@Validator(options)` (`validating`) or `@Defaulter(options)` (`mutating`) stands for. */
  static fromOptions(type: WebhookType, options: DefaulterOptions): WebhookBuilder {
    const builder =
      type === 'mutating' ? WebhookBuilder.mutating(options.for) : WebhookBuilder.validating(options.for);
    if (options.name !== undefined) builder.named(options.name);
    if (options.path !== undefined) builder.atPath(options.path);
    if (options.operations !== undefined) builder.forOperations(...options.operations);
    if (options.failurePolicy !== undefined) builder.withFailurePolicy(options.failurePolicy);
    if (options.sideEffects !== undefined) builder.withSideEffects(options.sideEffects);
    if (options.timeoutSeconds !== undefined) builder.withTimeout(options.timeoutSeconds);
    if (options.matchPolicy !== undefined) builder.withMatchPolicy(options.matchPolicy);
    if (options.namespaceSelector !== undefined) builder.withNamespaceSelector(options.namespaceSelector);
    if (options.objectSelector !== undefined) builder.withObjectSelector(options.objectSelector);
    if (options.reinvocationPolicy !== undefined) builder.withReinvocationPolicy(options.reinvocationPolicy);
    return builder;
  }

  /** The webhook's name in its configuration: a DNS subdomain of at least three segments. */
  named(name: string): this {
    if (!SUBDOMAIN.test(name) || name.length > 253 || name.split('.').length < 3) {
      throw configuration(
        `invalid webhook name "${name}": use a fully qualified lower-case name of three or more segments, e.g. "vwidget.example.dev"`,
      );
    }
    this.name = name;
    return this;
  }

  /** The URL path the server answers on. */
  atPath(path: string): this {
    if (!PATH.test(path))
      throw configuration(
        `invalid webhook path "${path}": start with "/" and use URL-safe characters, e.g. "/validate-widget"`,
      );
    this.path = path;
    return this;
  }

  forOperations(...operations: (AdmissionOperation | '*')[]): this {
    const unknown = operations.filter((op) => op !== '*' && !ADMISSION_OPERATIONS.includes(op));
    if (operations.length === 0 || unknown.length > 0) {
      throw configuration(
        `invalid webhook operations [${operations.join(', ')}]: use one or more of ${ADMISSION_OPERATIONS.join(', ')} or "*"`,
      );
    }
    this.operations = [...new Set(operations)];
    return this;
  }

  withFailurePolicy(policy: FailurePolicy): this {
    this.failurePolicy = oneOf('failure policy', policy, ['Fail', 'Ignore']);
    return this;
  }

  withSideEffects(sideEffects: SideEffects): this {
    this.sideEffects = oneOf('side effects', sideEffects, ['None', 'NoneOnDryRun']);
    return this;
  }

  /** How long the API server waits for an answer: an integer from 1 to 30 seconds. */
  withTimeout(seconds: number): this {
    if (!Number.isInteger(seconds) || seconds < 1 || seconds > 30) {
      throw configuration(`invalid webhook timeout ${seconds}: use whole seconds from 1 to 30`);
    }
    this.timeoutSeconds = seconds;
    return this;
  }

  withMatchPolicy(policy: 'Exact' | 'Equivalent'): this {
    this.matchPolicy = oneOf('match policy', policy, ['Exact', 'Equivalent']);
    return this;
  }

  withNamespaceSelector(selector: WebhookLabelSelector): this {
    this.namespaceSelector = selector;
    return this;
  }

  withObjectSelector(selector: WebhookLabelSelector): this {
    this.objectSelector = selector;
    return this;
  }

  /** Mutating webhooks only: `IfNeeded` calls the webhook again after later mutations. */
  withReinvocationPolicy(policy: 'Never' | 'IfNeeded'): this {
    if (this.type !== 'mutating')
      throw configuration('invalid reinvocation policy: only mutating webhooks (@Defaulter) have one');
    this.reinvocationPolicy = oneOf('reinvocation policy', policy, ['Never', 'IfNeeded']);
    return this;
  }

  build(): WebhookDefinition {
    const { group, version } = splitApiVersion(this.kind.apiVersion);
    const kind = this.kind.kind.toLowerCase();
    const prefix = this.type === 'mutating' ? 'm' : 'v';
    const qualified = group.includes('.') ? group : `${group || 'core'}.operator-sdk`;
    return {
      type: this.type,
      name: this.name ?? `${prefix}${kind}.${qualified}`,
      path:
        this.path ??
        `/${this.type === 'mutating' ? 'mutate' : 'validate'}-${(group || 'core').replaceAll('.', '-')}-${version}-${kind}`,
      kind: this.kind,
      operations: this.operations,
      failurePolicy: this.failurePolicy,
      sideEffects: this.sideEffects,
      timeoutSeconds: this.timeoutSeconds,
      matchPolicy: this.matchPolicy,
      ...(this.namespaceSelector && { namespaceSelector: this.namespaceSelector }),
      ...(this.objectSelector && { objectSelector: this.objectSelector }),
      ...(this.type === 'mutating' && { reinvocationPolicy: this.reinvocationPolicy ?? 'Never' }),
    };
  }
}

function oneOf<T extends string>(what: string, value: T, allowed: readonly T[]): T {
  if (!allowed.includes(value))
    throw configuration(`invalid webhook ${what} "${value}": use one of ${allowed.join(', ')}`);
  return value;
}

function configuration(message: string): OperatorSdkError {
  return new OperatorSdkError('Configuration', message);
}
