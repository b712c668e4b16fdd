import { Missing } from './missing.js';
import type { PlaceholderResolver } from './placeholder-resolver.js';
import { SecretReference } from './secret-reference.js';

/** What a workload's resource looks like to placeholders. */
export interface ResourceBinding {
  /**
   * What `${resources.NAME}` (no output key) resolves to: the identity of the provisioned resource,
   * e.g. the claim name. score-k8s and score-compose resolve it to the resource uid the same way,
   * which is how a volume `source: ${resources.data}` names its resource.
   */
  readonly id: string;
  /**
   * The resource's outputs; `undefined` while the claim is not ready, which makes every
   * `${resources.NAME.OUTPUT}` pending rather than an error. Secret outputs are `SecretReference`s.
   */
  readonly outputs?: Readonly<Record<string, unknown>>;
}

export interface ScoreResolverOptions {
  /** The Score `metadata` map of the workload (see `workloadScoreMetadata`). */
  readonly metadata: Readonly<Record<string, unknown>>;
  /** Every resource the workload declares, by name. A name not here is an unknown resource. */
  readonly resources: Readonly<Record<string, ResourceBinding>>;
}

/**
 * The resolver for Score's two placeholder roots, with score-go's rules and messages
 * (`framework.BuildSubstitutionFunction`, `ScoreResourceState.OutputLookup`):
 *
 * - `${metadata.KEY[.KEY...]}` walks the metadata map; `${metadata}` alone is an error.
 * - `${resources.NAME}` is the resource's `id`; `${resources.NAME.OUTPUT[.KEY...]}` walks its outputs.
 * - Any other root is an error: `unknown reference root, use $$ to escape the substitution`.
 *
 * Walking into a value that is not a map, or a key that is absent, is `Missing.unknown`; outputs not
 * available yet are `Missing.pending`. Values are returned as found; the substitution encodes them.
 */
export function createScoreResolver(options: ScoreResolverOptions): PlaceholderResolver {
  return {
    lookup(path) {
      const [root, name, ...keys] = path;
      if (root === 'metadata') {
        if (name === undefined) return Missing.unknown('requires at least a metadata key to lookup');
        return walk(options.metadata, path.slice(1));
      }
      if (root === 'resources') {
        if (name === undefined) return Missing.unknown('requires at least a resource name to lookup');
        if (!Object.hasOwn(options.resources, name)) return Missing.unknown(`no known resource '${name}'`);
        const binding = options.resources[name];
        if (keys.length === 0) return binding.id;
        if (binding.outputs === undefined) return Missing.pending(`resource '${name}' has no outputs yet`);
        return walk(binding.outputs, keys);
      }
      return Missing.unknown('unknown reference root, use $$ to escape the substitution');
    },
  };
}

function walk(start: unknown, keys: readonly string[]): unknown {
  let current = start;
  for (const key of keys) {
    // A value the resolver already marked missing stays missing, whatever is asked below it.
    if (Missing.is(current)) return current;
    if (
      typeof current !== 'object' ||
      current === null ||
      Array.isArray(current) ||
      SecretReference.is(current)
    ) {
      return Missing.unknown(`cannot lookup key '${key}', context is not a map`);
    }
    if (!Object.hasOwn(current, key)) return Missing.unknown(`key '${key}' not found`);
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}
