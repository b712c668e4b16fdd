import type { JsonSchemaProps } from './json-schema-props.js';

// class-validator-jsonschema writes general JSON Schema; a CRD takes only a structural subset. These rules
// turn one into the other, node by node, without knowing which class the node came from.

const KEPT_KEYS = new Set<string>([
  'type',
  'description',
  'format',
  'nullable',
  'default',
  'enum',
  'pattern',
  'minLength',
  'maxLength',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'minItems',
  'maxItems',
  'minProperties',
  'maxProperties',
  'required',
  'properties',
  'additionalProperties',
  'items',
  'allOf',
  'anyOf',
  'oneOf',
  'not',
  '$ref',
]);

// Formats kube-apiserver validates (k8s.io/apiextensions-apiserver/pkg/apiserver/validation/formats.go);
// it silently ignores the others, so keeping them would promise a check that never runs.
const SUPPORTED_FORMATS = new Set([
  'bsonobjectid',
  'uri',
  'email',
  'hostname',
  'ipv4',
  'ipv6',
  'cidr',
  'mac',
  'uuid',
  'uuid3',
  'uuid4',
  'uuid5',
  'isbn',
  'isbn10',
  'isbn13',
  'creditcard',
  'ssn',
  'hexcolor',
  'rgbcolor',
  'byte',
  'password',
  'date',
  'duration',
  'datetime',
  'k8sshortname',
  'k8slongname',
]);

/** Whether the API server checks `format` (it compares names without dashes). */
export function isSupportedFormat(format: string): boolean {
  return SUPPORTED_FORMATS.has(format.replaceAll('-', ''));
}

/**
 * Cleans one node produced by class-validator-jsonschema: keeps only keys a CRD accepts, collapses the
 * `oneOf` it emits for dates into one string type, drops `not: {type: null}` (IsDefined: `required`
 * already says it), drops formats the API server ignores, and types numeric enums correctly.
 * Children (`properties`, `items`, `additionalProperties`) are left to the caller.
 */
export function toStructuralNode(node: Record<string, unknown>): JsonSchemaProps {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (KEPT_KEYS.has(key) || key.startsWith('x-kubernetes-')) out[key] = value;
  }
  collapseSameTypeAlternatives(out, 'oneOf');
  collapseSameTypeAlternatives(out, 'anyOf');
  if (isNullOnly(out.not)) delete out.not;
  if (typeof out.format === 'string' && !isSupportedFormat(out.format)) delete out.format;
  if (Array.isArray(out.enum)) typeEnum(out);
  return out as JsonSchemaProps;
}

function collapseSameTypeAlternatives(node: Record<string, unknown>, key: 'oneOf' | 'anyOf'): void {
  const branches = node[key] as JsonSchemaProps[] | undefined;
  if (!branches?.length) return;
  const types = new Set(branches.map((b) => b.type));
  if (types.size !== 1 || [...types][0] === undefined) {
    // IsEmpty's anyOf (empty string or nothing) has no structural equivalent; the property is optional anyway.
    delete node[key];
    return;
  }
  node.type ??= [...types][0];
  const dateTime = branches.find((b) => b.format === 'date-time');
  if (dateTime && node.format === undefined) node.format = 'date-time';
  delete node[key];
}

function isNullOnly(value: unknown): boolean {
  return typeof value === 'object' && value !== null && (value as JsonSchemaProps).type === ('null' as never);
}

function typeEnum(node: Record<string, unknown>): void {
  const values = node.enum as unknown[];
  // IsEnum on a numeric TypeScript enum sees both directions of the enum object; keep the numbers.
  if (values.some((v) => typeof v === 'number')) {
    node.enum = values.filter((v) => typeof v === 'number');
    node.type = (node.enum as number[]).every(Number.isInteger) ? 'integer' : 'number';
  } else if (values.every((v) => typeof v === 'string')) {
    node.type = 'string';
  } else if (values.every((v) => typeof v === 'boolean')) {
    node.type = 'boolean';
  }
}
