import { splitApiVersion, type ResourceKind } from '../../api/resource-kind.js';
import type { KindReference } from '../../controller/controller-options.js';
import { resourceKindOf } from '../../crd/kubernetes-resource.decorator.js';
import { OperatorSdkError } from '../../errors/operator-sdk.error.js';

/** What `@Converter` takes: the version a converter serves and the hub it converts to and from. */
export interface ConverterOptions {
  /** The spoke: a version other than the hub, e.g. the class of `v1`. */
  readonly spoke: KindReference;
  /** The hub: the one version every spoke converts to and from, usually the newest (and stored) one. */
  readonly hub: KindReference;
}

/** A converter's settings with every reference resolved: what the `WebhookServer` serves at `/convert`. */
export interface ConversionDefinition {
  readonly group: string;
  readonly kind: string;
  /** `apiVersion` of the hub, e.g. `webhooks.example.dev/v2`. */
  readonly hub: string;
  /** `apiVersion` of the spoke, e.g. `webhooks.example.dev/v1`. */
  readonly spoke: string;
}

/**
 * Builds a {@link ConversionDefinition}. `@Converter(options)` is a shortcut for
 * `ConversionBuilder.fromOptions(options)`; use the builder to serve a converter without decorators:
 *
 * ```ts
 * server.registerConverter(ConversionBuilder.spoke(WidgetV1).hub(WidgetV2).build(), new WidgetV1Converter());
 * ```
 */
export class ConversionBuilder {
  private hubKind?: ResourceKind;

  private constructor(private readonly spokeKind: ResourceKind) {}

  /** Starts the conversion of spoke version `kind`. */
  static spoke(kind: KindReference): ConversionBuilder {
    return new ConversionBuilder(resourceKindOf(kind));
  }

  /** The builder that `@Converter(options)` stands for. */
  static fromOptions(options: ConverterOptions): ConversionBuilder {
    return ConversionBuilder.spoke(options.spoke).hub(options.hub);
  }

  /** The hub version the spoke converts to and from. */
  hub(kind: KindReference): this {
    this.hubKind = resourceKindOf(kind);
    return this;
  }

  /** @throws OperatorSdkError `Configuration` when the hub is missing or is not another version of the spoke's kind. */
  build(): ConversionDefinition {
    const spoke = this.spokeKind;
    const hub = this.hubKind;
    const name = `${spoke.kind} ${spoke.apiVersion}`;
    if (!hub) throw configuration(`invalid converter of ${name}: name its hub version with .hub(kind)`);
    const from = splitApiVersion(spoke.apiVersion);
    const to = splitApiVersion(hub.apiVersion);
    if (from.group !== to.group || spoke.kind !== hub.kind) {
      throw configuration(
        `invalid converter of ${name}: its hub ${hub.kind} ${hub.apiVersion} is another kind; a hub is a version of the same group and kind`,
      );
    }
    if (from.version === to.version) {
      throw configuration(`invalid converter of ${name}: the spoke is the hub; name another version as hub`);
    }
    return { group: from.group, kind: spoke.kind, hub: hub.apiVersion, spoke: spoke.apiVersion };
  }
}

function configuration(message: string): OperatorSdkError {
  return new OperatorSdkError('Configuration', message);
}
