import type { JsonSchemaProps } from '../crd/schema/json-schema-props.js';
import { isSupportedFormat } from '../crd/schema/structural-schema.js';
import { checkFormat } from './string-formats.js';
import { ValidationIssue } from './validation-issue.js';

// The OpenAPI half of kube-apiserver's custom resource validation (k8s.io/kube-openapi validate, mapped to
// field errors by apiextensions-apiserver's kubeOpenAPIResultToFieldErrors). Paths use `.key` for map
// entries and `[i]` for list items, as kube-openapi does; messages use its templates with `in body`.

/** The JSON type kube-openapi infers for a decoded value. */
export function jsonTypeOf(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value === 'object' ? 'object' : typeof value;
}

/** Validates `value` against `schema` the way kube-openapi does; `path` is `''` for the root. */
export function validateOpenApi(schema: JsonSchemaProps, value: unknown, path = ''): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const name = path || '.';
  const fail = (detail: string, bad: unknown = value) =>
    issues.push(new ValidationIssue(path, 'Invalid value', `${name} in body ${detail}`, bad));

  const type = schema['x-kubernetes-int-or-string']
    ? ['integer', 'string']
    : schema.type
      ? [schema.type]
      : [];
  const actual = jsonTypeOf(value);
  if (value === null || value === undefined) {
    if (type.length && !schema.nullable) {
      issues.push(typeIssue(path, name, type.join(','), 'null'));
    }
    checkEnum(schema, value, path, issues);
    return issues;
  }
  const typeOk =
    type.length === 0 || type.includes(actual) || (actual === 'integer' && type.includes('number'));
  // kube-openapi does not type-check strings against a non-numeric type that has a format.
  const formatSkipsType =
    typeof value === 'string' && schema.format && !type.some((t) => t === 'integer' || t === 'number');
  if (!typeOk && !formatSkipsType) issues.push(typeIssue(path, name, type.join(','), actual));

  if (typeof value === 'string') {
    const length = [...value].length;
    // kube-openapi's string validator stops at the first of maxLength, minLength, pattern that fails.
    if (schema.maxLength !== undefined && length > schema.maxLength) {
      issues.push(new ValidationIssue(path, 'Too long', tooLongDetail(schema.maxLength), ''));
    } else if (schema.minLength !== undefined && length < schema.minLength) {
      fail(`should be at least ${schema.minLength} chars long`);
    } else if (schema.pattern !== undefined && !goPattern(schema.pattern).test(value)) {
      fail(`should match '${schema.pattern}'`);
    }
    if (schema.format && isSupportedFormat(schema.format) && !checkFormat(schema.format, value)) {
      issues.push(typeIssue(path, name, schema.format, value, value));
    }
  }
  if (
    typeof value === 'number' &&
    type.includes('integer') &&
    !type.includes('number') &&
    !Number.isInteger(value)
  ) {
    // kube-openapi's number validator reports the same mismatch once more, without a path.
    issues.push(
      new ValidationIssue(
        '',
        'Invalid value',
        `Checked value must be of type integer (default format) in ${name}`,
        '',
      ),
    );
  } else if (typeof value === 'number') {
    checkNumber(schema, value, fail);
  }
  if (Array.isArray(value)) {
    if (schema.maxItems !== undefined && value.length > schema.maxItems) {
      issues.push(new ValidationIssue(path, 'Too many', tooManyDetail(schema.maxItems), value.length));
    }
    if (schema.minItems !== undefined && value.length < schema.minItems)
      fail(`should have at least ${schema.minItems} items`, value.length);
    if (schema.items)
      value.forEach((item, i) => issues.push(...validateOpenApi(schema.items!, item, `${path}[${i}]`)));
  }
  checkEnum(schema, value, path, issues);
  if (actual === 'object') checkObject(schema, value as Record<string, unknown>, path, issues, fail);
  for (const sub of schema.allOf ?? []) issues.push(...validateOpenApi(sub, value, path));
  return issues;
}

// Go's RE2 and JavaScript agree on the patterns CRDs use; `u` makes classes match code points like RE2.
function goPattern(pattern: string): RegExp {
  try {
    return new RegExp(pattern, 'u');
  } catch {
    return new RegExp(pattern);
  }
}

function checkNumber(schema: JsonSchemaProps, value: number, fail: (detail: string) => void): void {
  if (schema.maximum !== undefined) {
    if (schema.exclusiveMaximum ? value >= schema.maximum : value > schema.maximum) {
      fail(`should be less than ${schema.exclusiveMaximum ? '' : 'or equal to '}${schema.maximum}`);
    }
  }
  if (schema.minimum !== undefined) {
    if (schema.exclusiveMinimum ? value <= schema.minimum : value < schema.minimum) {
      fail(`should be greater than ${schema.exclusiveMinimum ? '' : 'or equal to '}${schema.minimum}`);
    }
  }
  if (schema.multipleOf !== undefined && !Number.isInteger(value / schema.multipleOf)) {
    fail(`should be a multiple of ${schema.multipleOf}`);
  }
}

function checkObject(
  schema: JsonSchemaProps,
  value: Record<string, unknown>,
  path: string,
  issues: ValidationIssue[],
  fail: (detail: string, bad?: unknown) => void,
): void {
  const count = Object.keys(value).length;
  if (schema.maxProperties !== undefined && count > schema.maxProperties) {
    issues.push(new ValidationIssue(path, 'Too many', tooManyDetail(schema.maxProperties), count));
  }
  if (schema.minProperties !== undefined && count < schema.minProperties) {
    fail(`should have at least ${schema.minProperties} properties`, count);
  }
  const additional =
    typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined;
  for (const [key, child] of Object.entries(value)) {
    const propertySchema = schema.properties?.[key];
    const childPath = path ? `${path}.${key}` : key;
    if (propertySchema) issues.push(...validateOpenApi(propertySchema, child, childPath));
    else if (additional) issues.push(...validateOpenApi(additional, child, childPath));
  }
  for (const key of schema.required ?? []) {
    if (!(key in value)) issues.push(new ValidationIssue(path ? `${path}.${key}` : key, 'Required value'));
  }
}

function checkEnum(schema: JsonSchemaProps, value: unknown, path: string, issues: ValidationIssue[]): void {
  if (!schema.enum || schema.enum.some((allowed) => deepEqual(allowed, value))) return;
  const supported = schema.enum
    .map((v) => JSON.stringify(typeof v === 'string' ? v : JSON.stringify(v)))
    .join(', ');
  issues.push(new ValidationIssue(path, 'Unsupported value', `supported values: ${supported}`, value));
}

function typeIssue(
  path: string,
  name: string,
  expected: string,
  actual: string,
  bad: unknown = actual,
): ValidationIssue {
  return new ValidationIssue(
    path,
    'Invalid value',
    `${name} in body must be of type ${expected}: ${JSON.stringify(actual)}`,
    bad,
    { typeMismatch: true },
  );
}

function tooLongDetail(max: number): string {
  return `may not be more than ${max} ${max === 1 ? 'byte' : 'bytes'}`;
}

function tooManyDetail(max: number): string {
  return `must have at most ${max} ${max === 1 ? 'item' : 'items'}`;
}

function deepEqual(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
