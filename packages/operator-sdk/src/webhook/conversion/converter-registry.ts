// Hub and spoke: which converter turns an object of one version into another, and the checks that keep a
// kind's converters consistent (one hub, one converter per spoke).
import type { KubernetesObject, V1ObjectMeta } from '@kubernetes/client-node';
import { splitApiVersion } from '../../api/resource-kind.js';
import { describeError, OperatorSdkError } from '../../errors/operator-sdk.error.js';
import type { ConversionDefinition } from './conversion-builder.js';
import type { ConversionContext, Convertible } from './convertible.interface.js';

/** A converter the server serves: its settings and the object holding its logic. */
export interface ConverterRegistration {
  readonly definition: ConversionDefinition;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly converter: Convertible<any, any>;
}

interface KindConverters {
  readonly hub: string;
  readonly spokes: Map<string, ConverterRegistration>;
}

/** The converters of every kind the server converts, by `group/kind`. */
export class ConverterRegistry {
  private readonly kinds = new Map<string, KindConverters>();

  /**
   * @throws OperatorSdkError `Configuration` when the converter lacks `convertTo`/`convertFrom`, its spoke has a
   *   converter already, or another converter of the kind names another hub.
   */
  add(registration: ConverterRegistration): void {
    const { definition, converter } = registration;
    const className = (converter as object).constructor?.name ?? 'converter';
    const fail = (problem: string) =>
      new OperatorSdkError(
        'Configuration',
        `failed to register converter ${className} of ${definition.kind} ${definition.spoke}: ${problem}`,
      );
    if (typeof converter.convertTo !== 'function' || typeof converter.convertFrom !== 'function') {
      throw fail('it needs convertTo(spoke, ctx) and convertFrom(hub, ctx); implement Convertible');
    }
    const key = `${definition.group}/${definition.kind}`;
    const kind = this.kinds.get(key) ?? { hub: definition.hub, spokes: new Map() };
    if (kind.hub !== definition.hub) {
      throw fail(
        `the other converters of ${definition.kind} convert to hub ${kind.hub}, not ${definition.hub}; a kind has one hub`,
      );
    }
    const other = kind.spokes.get(definition.spoke);
    if (other) {
      throw fail(`${other.converter.constructor?.name ?? 'another converter'} converts this version already`);
    }
    kind.spokes.set(definition.spoke, registration);
    this.kinds.set(key, kind);
  }

  get registrations(): ConverterRegistration[] {
    return [...this.kinds.values()].flatMap((kind) => [...kind.spokes.values()]);
  }

  get size(): number {
    return this.kinds.size;
  }

  /**
   * `object` as `desiredAPIVersion`: through its spoke's `convertTo` to the hub, then through the target spoke's
   * `convertFrom` (one step when either end is the hub; none when it is in that version already).
   * @throws OperatorSdkError `Validation` naming the object, both versions and what failed.
   */
  async convert(
    object: KubernetesObject,
    desiredAPIVersion: string,
    ctx: ConversionContext,
  ): Promise<KubernetesObject> {
    const from = object.apiVersion ?? '';
    const what = `${object.kind ?? 'object'} ${nameOf(object.metadata)}`.trimEnd();
    const fail = (problem: string, cause?: unknown) =>
      new OperatorSdkError(
        'Validation',
        `failed to convert ${what} from ${from || '(no apiVersion)'} to ${desiredAPIVersion}: ${problem}`,
        {
          cause,
        },
      );
    if (!from || !object.kind) throw fail('the object has no apiVersion or kind');
    if (from === desiredAPIVersion) return object;
    const { group } = splitApiVersion(from);
    if (splitApiVersion(desiredAPIVersion).group !== group)
      throw fail('conversion stays within one API group');
    const kind = this.kinds.get(`${group}/${object.kind}`);
    if (!kind)
      throw fail(
        `no converter serves ${object.kind} of ${group || 'the core group'}; register a @Converter per spoke version`,
      );
    const spokeOf = (apiVersion: string) => {
      const spoke = kind.spokes.get(apiVersion);
      if (spoke) return spoke.converter;
      throw fail(
        `no converter for ${apiVersion}; the hub is ${kind.hub} and the spokes with converters are ${[...kind.spokes.keys()].join(', ')}`,
      );
    };
    const toHub = from === kind.hub ? undefined : spokeOf(from);
    const fromHub = desiredAPIVersion === kind.hub ? undefined : spokeOf(desiredAPIVersion);
    let current = object;
    try {
      if (toHub)
        current = withIdentity(await toHub.convertTo(structuredClone(current), ctx), object, kind.hub);
      if (fromHub)
        current = withIdentity(
          await fromHub.convertFrom(structuredClone(current), ctx),
          object,
          desiredAPIVersion,
        );
    } catch (err) {
      throw fail(describeError(err), err);
    }
    return current;
  }
}

/**
 * The converter's result with the target `apiVersion`, the source's `kind`, and the source's metadata except
 * labels and annotations: the API server refuses a conversion that changes any other metadata.
 */
function withIdentity(result: unknown, source: KubernetesObject, apiVersion: string): KubernetesObject {
  if (typeof result !== 'object' || result === null || Array.isArray(result)) {
    throw new TypeError(
      `the converter returned ${Array.isArray(result) ? 'an array' : typeof result}, not the object`,
    );
  }
  const converted = result as KubernetesObject;
  const metadata: V1ObjectMeta = { ...structuredClone(source.metadata) };
  delete metadata.labels;
  delete metadata.annotations;
  const { labels, annotations } = converted.metadata ?? {};
  if (labels && Object.keys(labels).length > 0) metadata.labels = labels;
  if (annotations && Object.keys(annotations).length > 0) metadata.annotations = annotations;
  return { ...converted, apiVersion, kind: source.kind, metadata };
}

function nameOf(metadata: V1ObjectMeta | undefined): string {
  if (!metadata?.name) return '';
  return metadata.namespace ? `${metadata.namespace}/${metadata.name}` : metadata.name;
}
