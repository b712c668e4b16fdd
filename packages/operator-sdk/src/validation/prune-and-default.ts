import type { JsonSchemaProps } from '../crd/schema/json-schema-props.js';

// What kube-apiserver does to a custom resource before it validates it: drop fields the schema does not
// know (pruning), drop nulls the schema does not allow, then fill in defaults. Validating the raw object
// instead would report errors the API server never sees.

/** The object after pruning and defaulting, and the paths of the fields pruning dropped. */
export interface PrunedObject {
  readonly value: unknown;
  readonly pruned: readonly string[];
}

// The API server keeps these at the root whatever the schema says.
const ROOT_FIELDS = new Set(['apiVersion', 'kind', 'metadata']);

/** Prunes unknown fields and disallowed nulls, then applies `default`s. Never mutates `value`. */
export function pruneAndDefault(schema: JsonSchemaProps, value: unknown): PrunedObject {
  const pruned: string[] = [];
  const result = walk(schema, cloneJson(value), '', pruned, true);
  return { value: result, pruned };
}

function walk(
  schema: JsonSchemaProps | undefined,
  value: unknown,
  path: string,
  pruned: string[],
  root = false,
): unknown {
  if (!schema || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    return value.map((item, i) => walk(schema.items, item, `${path}[${i}]`, pruned));
  }
  const object = value as Record<string, unknown>;
  const preserve = schema['x-kubernetes-preserve-unknown-fields'] === true;
  const additional =
    typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined;
  for (const key of Object.keys(object)) {
    const child = schema.properties?.[key] ?? additional;
    const childPath = path ? `${path}.${key}` : key;
    // The API server validates and prunes metadata itself, not by the CRD schema.
    if (root && ROOT_FIELDS.has(key)) continue;
    if (!child) {
      if (!preserve && schema.additionalProperties !== true) {
        pruned.push(childPath);
        delete object[key];
      }
      continue;
    }
    if (object[key] === null && !child.nullable && !isOpaque(child)) {
      delete object[key];
      continue;
    }
    object[key] = walk(child, object[key], childPath, pruned);
  }
  for (const [key, child] of Object.entries(schema.properties ?? {})) {
    if (object[key] === undefined && child.default !== undefined) {
      object[key] = walk(child, cloneJson(child.default), path ? `${path}.${key}` : key, pruned);
    }
  }
  return object;
}

// Nodes without a type (int-or-string, preserve-unknown-fields) take nulls as they are.
function isOpaque(schema: JsonSchemaProps): boolean {
  return schema.type === undefined;
}

// A plain JSON copy in this realm (structuredClone's copies belong to the caller's realm under vm/jest).
function cloneJson(value: unknown): unknown {
  if (Array.isArray(value)) return Array.from(value, cloneJson);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).map(([key, child]) => [key, cloneJson(child)]));
}
