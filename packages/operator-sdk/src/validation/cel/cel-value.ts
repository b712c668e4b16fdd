import type { JsonSchemaProps } from '../../crd/schema/json-schema-props.js';

/**
 * Converts a decoded JSON value into what cel-js expects for a node of `schema`: CEL `int` is a BigInt,
 * so integers (and whole numbers in int-or-string or schemaless nodes) become BigInts; `number` nodes stay
 * doubles. Objects and lists are converted recursively. At the root, `metadata` only exposes `name` and
 * `generateName`, as in the API server.
 */
export function toCelValue(schema: JsonSchemaProps | undefined, value: unknown, root = false): unknown {
  if (value === null || value === undefined) return value;
  if (typeof value === 'number') {
    if (schema?.type === 'number') return value;
    return Number.isInteger(value) ? BigInt(value) : value;
  }
  // Array.from, not map: an array from another realm (jest, vm) would stay foreign to cel-js.
  if (Array.isArray(value)) return Array.from(value, (item) => toCelValue(schema?.items, item));
  if (typeof value !== 'object') return value;
  const additional =
    typeof schema?.additionalProperties === 'object' ? schema.additionalProperties : undefined;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
    if (root && key === 'metadata') {
      const { name, generateName } = child as { name?: string; generateName?: string };
      out.metadata = {
        ...(name === undefined ? {} : { name }),
        ...(generateName === undefined ? {} : { generateName }),
      };
      continue;
    }
    out[key] = toCelValue(schema?.properties?.[key] ?? additional, child);
  }
  return out;
}

/** The type name the API server reports for a node in CEL errors (`object`, `string`…). */
export function schemaTypeName(schema: JsonSchemaProps): string {
  if (schema['x-kubernetes-int-or-string']) return '';
  return schema.type ?? '';
}
