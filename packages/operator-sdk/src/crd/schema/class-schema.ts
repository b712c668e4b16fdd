import 'reflect-metadata';
import { createRequire } from 'node:module';
import type * as JsonSchemaLibrary from 'class-validator-jsonschema';
import { OperatorSdkError } from '../../errors/operator-sdk.error.js';
import { readCelRules } from './cel.decorator.js';
import { classTransformerStorage, declaredTypeOf } from './class-transformer-types.js';
import type { JsonSchemaProps } from './json-schema-props.js';
import { readMapOf, type MapValueType } from './map-of.decorator.js';
import { schemaPropertyNamesOf } from './schema-property-names.js';
import { readSchemaProperty } from './schema-property.decorator.js';
import { toStructuralNode } from './structural-schema.js';

type Class = new (...args: never[]) => unknown;

// class-validator-jsonschema (CommonJS) is loaded when a schema is first built, not when the SDK is imported:
// an operator that generates no CRDs at run time never pays for it (about 1.3 MiB RSS). Keep the call in this
// exact form, `createRequire(import.meta.url)('<package>')`: the image's bundle build rewrites it to a
// `require` esbuild bundles, still on first use (deploy/bundle/bundled-entry.mjs, ADR 0014).
let library: typeof JsonSchemaLibrary | undefined;
function jsonSchemaLibrary(): typeof JsonSchemaLibrary {
  return (library ??= createRequire(import.meta.url)(
    'class-validator-jsonschema',
  ) as typeof JsonSchemaLibrary);
}

const PRIMITIVES = new Map<unknown, JsonSchemaProps>([
  [String, { type: 'string' }],
  [Number, { type: 'number' }],
  [Boolean, { type: 'boolean' }],
  [Array, { type: 'array' }],
  [Object, { type: 'object' }],
]);

/**
 * The structural schema of a class described with class-validator, class-transformer `@Type`, `@MapOf`,
 * `@SchemaProperty` and `@Cel`: every nested class inlined (CRDs forbid `$ref`), `type` on every node,
 * `required` from properties without `@IsOptional`.
 *
 * @throws OperatorSdkError (`Configuration`) for a recursive class or a property whose type cannot be told.
 */
export function schemaForClass(cls: Class, path: readonly Class[] = []): JsonSchemaProps {
  if (path.includes(cls)) {
    const cycle = [...path, cls].map((c) => c.name).join(' -> ');
    throw new OperatorSdkError(
      'Configuration',
      `failed to build the schema of ${path[0]?.name}: recursive classes cannot be described by a CRD (${cycle}); ` +
        'break the cycle with @SchemaProperty({ type: "object", "x-kubernetes-preserve-unknown-fields": true })',
    );
  }
  const stack = [...path, cls];
  const raw = jsonSchemaLibrary().targetConstructorToSchema(cls, {
    classTransformerMetadataStorage: classTransformerStorage,
    refPointerPrefix: '#/definitions/',
  }) as Record<string, unknown>;
  const rawProperties = (raw.properties ?? {}) as Record<string, Record<string, unknown>>;
  const names = [...new Set([...Object.keys(rawProperties), ...schemaPropertyNamesOf(cls)])];

  const properties: Record<string, JsonSchemaProps> = {};
  for (const name of names) {
    properties[name] = propertySchema(cls, name, rawProperties[name] ?? {}, stack);
  }
  const schema: JsonSchemaProps = { type: 'object', properties };
  const required = ((raw.required ?? []) as string[]).filter((name) => name in properties);
  if (required.length) schema.required = required;
  return decorate(schema, readSchemaProperty(cls), readCelRules(cls));
}

function propertySchema(
  cls: Class,
  name: string,
  raw: Record<string, unknown>,
  stack: Class[],
): JsonSchemaProps {
  const where = `${stack[0]?.name ?? cls.name}: ${cls.name}.${name}`;
  let schema = toStructuralNode(raw);
  const mapOf = readMapOf(cls, name);
  if (mapOf) {
    schema = { ...schema, type: 'object', additionalProperties: valueSchema(mapOf(), stack) };
    delete schema.properties;
  } else {
    schema = inlineNested(schema, cls, name, stack);
  }
  schema = decorate(schema, readSchemaProperty(cls, name), readCelRules(cls, name));
  schema.type ??= typeFromDesign(cls, name, schema);
  assertTyped(schema, where);
  return schema;
}

function inlineNested(schema: JsonSchemaProps, cls: Class, name: string, stack: Class[]): JsonSchemaProps {
  const nested = () => nestedClassOf(cls, name);
  const refOf = (node: unknown) => typeof node === 'object' && node !== null && '$ref' in node;
  if (refOf(schema)) {
    const { $ref: _ref, ...rest } = schema as JsonSchemaProps & { $ref?: string };
    return { ...rest, ...schemaForClass(nested(), stack) };
  }
  if (schema.items && refOf(schema.items)) {
    return { ...schema, type: 'array', items: schemaForClass(nested(), stack) };
  }
  if (typeof schema.additionalProperties === 'object' && refOf(schema.additionalProperties)) {
    return { ...schema, type: 'object', additionalProperties: schemaForClass(nested(), stack) };
  }
  if (schema.items) return { ...schema, items: toStructuralNode(schema.items as Record<string, unknown>) };
  return schema;
}

function nestedClassOf(cls: Class, name: string): Class {
  const declared = declaredTypeOf(cls, name) ?? Reflect.getMetadata('design:type', cls.prototype, name);
  if (typeof declared !== 'function' || PRIMITIVES.has(declared)) {
    throw new OperatorSdkError(
      'Configuration',
      `failed to build the schema of ${cls.name}.${name}: @ValidateNested needs the nested class; ` +
        `add @Type(() => TheClass) from class-transformer`,
    );
  }
  return declared as Class;
}

function valueSchema(valueType: MapValueType, stack: Class[]): JsonSchemaProps {
  const primitive = PRIMITIVES.get(valueType);
  return primitive ? { ...primitive } : schemaForClass(valueType as Class, stack);
}

function decorate(
  schema: JsonSchemaProps,
  fragment: JsonSchemaProps | undefined,
  rules: JsonSchemaProps['x-kubernetes-validations'],
): JsonSchemaProps {
  const out: JsonSchemaProps = { ...schema, ...fragment };
  if (fragment?.properties && schema.properties)
    out.properties = { ...schema.properties, ...fragment.properties };
  if (rules?.length)
    out['x-kubernetes-validations'] = [...(schema['x-kubernetes-validations'] ?? []), ...rules];
  if (out['x-kubernetes-int-or-string'] || out['x-kubernetes-preserve-unknown-fields']) {
    // int-or-string nodes must not carry a type; preserve-unknown-fields nodes may omit it.
    if (out['x-kubernetes-int-or-string']) delete out.type;
  }
  return out;
}

function typeFromDesign(cls: Class, name: string, schema: JsonSchemaProps): JsonSchemaProps['type'] {
  if (schema['x-kubernetes-int-or-string']) return undefined;
  if (schema.properties || schema.additionalProperties) return 'object';
  if (schema.items) return 'array';
  return PRIMITIVES.get(Reflect.getMetadata('design:type', cls.prototype, name))?.type;
}

function assertTyped(schema: JsonSchemaProps, where: string): void {
  if (schema['x-kubernetes-int-or-string'] || schema['x-kubernetes-preserve-unknown-fields']) return;
  if (!schema.type) {
    throw new OperatorSdkError(
      'Configuration',
      `failed to build the schema of ${where}: its type is unknown; add a class-validator type decorator ` +
        '(@IsString, @IsInt, @IsBoolean, @IsObject…) or @SchemaProperty({ type })',
    );
  }
  if (schema.type === 'array' && !schema.items?.type && !schema.items?.['x-kubernetes-int-or-string']) {
    throw new OperatorSdkError(
      'Configuration',
      `failed to build the schema of ${where}: the type of its items is unknown; add { each: true } to a ` +
        'type decorator (@IsString({ each: true })), @ValidateNested({ each: true }) with @Type, or @SchemaProperty({ items })',
    );
  }
}
