import 'reflect-metadata';
import { SCHEMA_PROPERTY_METADATA } from '../../metadata-keys.js';
import type { JsonSchemaProps } from './json-schema-props.js';
import { rememberSchemaProperty } from './schema-property-names.js';

/**
 * Merges a raw OpenAPI fragment into the schema of a class or property, for what class-validator cannot
 * say: `description`, `default`, `x-kubernetes-preserve-unknown-fields`, `x-kubernetes-int-or-string`,
 * `x-kubernetes-list-type`, `additionalProperties`, `maxProperties`… The fragment wins over what the
 * class-validator decorators produced; several fragments on one target merge, the upper one last.
 */
export function SchemaProperty(fragment: JsonSchemaProps): ClassDecorator & PropertyDecorator {
  return (target: object, propertyKey?: string | symbol) => {
    if (propertyKey === undefined) {
      Reflect.defineMetadata(
        SCHEMA_PROPERTY_METADATA,
        { ...readSchemaProperty(target), ...fragment },
        target,
      );
      return;
    }
    rememberSchemaProperty(target, propertyKey);
    const merged = { ...readSchemaProperty(target.constructor, propertyKey), ...fragment };
    Reflect.defineMetadata(SCHEMA_PROPERTY_METADATA, merged, target, propertyKey);
  };
}

/** The fragment recorded on a class, or on one of its properties when `propertyKey` is given. */
export function readSchemaProperty(cls: object, propertyKey?: string | symbol): JsonSchemaProps | undefined {
  return (
    propertyKey === undefined
      ? Reflect.getOwnMetadata(SCHEMA_PROPERTY_METADATA, cls)
      : Reflect.getMetadata(SCHEMA_PROPERTY_METADATA, (cls as { prototype: object }).prototype, propertyKey)
  ) as JsonSchemaProps | undefined;
}
