import { Missing } from './missing.js';
import type { PlaceholderResolver } from './placeholder-resolver.js';
import { SecretReference } from './secret-reference.js';

/** What a workload's resource looks like to placeholders. */
export interface ResourceBinding {
  /**
   * What `${resources.NAME}` (no output key) resolves to in text: the identity of the provisioned
   * resource, e.g. the claim name (score-k8s resolves it to the resource uid). A volume `source:
   * ${resources.data}` does not use it: it mounts the resource's `source` output (see
   * `substituteContainers`).
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
 * Walking metadata into a value that is not a map, or a key that is not there, is `Missing.unknown` (score-go's
 * error). Walking a resource's outputs the same way is `Missing.absent`: outputs are the resolver's to decide
 * and may change, so the reference waits rather than fails. Outputs not available yet are `Missing.pending`.
 * Values are returned as found; the substitution encodes them.
 */
export function createScoreResolver(options: ScoreResolverOptions): PlaceholderResolver {
  return {
    lookup(path) {
      const [root, name, ...keys] = path;
      if (root === 'metadata') {
        if (name === undefined) return Missing.unknown('requires at least a metadata key to lookup');
        return walk(options.metadata, path.slice(1), (key, _parent, why) =>
          Missing.unknown(
            why === 'notFound'
              ? `key '${key}' not found`
              : `cannot lookup key '${key}', context is not a map`,
          ),
        );
      }
      if (root === 'resources') {
        if (name === undefined) return Missing.unknown('requires at least a resource name to lookup');
        if (!Object.hasOwn(options.resources, name)) return Missing.unknown(`no known resource '${name}'`);
        const binding = options.resources[name];
        if (keys.length === 0) return binding.id;
        if (binding.outputs === undefined) return Missing.pending(`resource '${name}' has no outputs yet`);
        return walk(binding.outputs, keys, (key, parent, why) => {
          if (parent.length === 0) return Missing.absent(`resource '${name}' has no output '${key}'`);
          const output = `output '${parent.join('.')}' of resource '${name}'`;
          if (why === 'notFound') return Missing.absent(`${output} has no key '${key}'`);
          return Missing.absent(`${output} is not a map, so it has no key '${key}'`);
        });
      }
      return Missing.unknown('unknown reference root, use $$ to escape the substitution');
    },
  };
}

/**
 * Walks `keys` down from `start`; a step that cannot be taken is what `missing` makes of it (`parent`: the
 * keys walked before it; `why`: the key is not there, or the value above it is not a map).
 */
function walk(
  start: unknown,
  keys: readonly string[],
  missing: (key: string, parent: readonly string[], why: 'notFound' | 'notMap') => Missing,
): unknown {
  let current = start;
  for (const [index, key] of keys.entries()) {
    // A value the resolver already marked missing stays missing, whatever is asked below it.
    if (Missing.is(current)) return current;
    if (
      typeof current !== 'object' ||
      current === null ||
      Array.isArray(current) ||
      SecretReference.is(current)
    ) {
      return missing(key, keys.slice(0, index), 'notMap');
    }
    if (!Object.hasOwn(current, key)) return missing(key, keys.slice(0, index), 'notFound');
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}
