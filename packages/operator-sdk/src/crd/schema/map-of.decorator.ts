import 'reflect-metadata';
import { MAP_OF_METADATA } from '../../metadata-keys.js';
import { rememberSchemaProperty } from './schema-property-names.js';

/** The value type of a map: a class with schema decorators, or `String`, `Number`, `Boolean`. */
export type MapValueType = StringConstructor | NumberConstructor | BooleanConstructor | (new () => unknown);

/**
 * Declares a property as a `Record<string, X>`: the schema becomes `type: object` with
 * `additionalProperties` set to X's schema. The thunk is called when the schema is built, so X may be
 * declared later in the file.
 */
export function MapOf(valueType: () => MapValueType): PropertyDecorator {
  return (target, propertyKey) => {
    rememberSchemaProperty(target, propertyKey);
    Reflect.defineMetadata(MAP_OF_METADATA, valueType, target, propertyKey);
  };
}

/** The value-type thunk recorded by `@MapOf` on a property, if any. */
export function readMapOf(cls: object, propertyKey: string | symbol): (() => MapValueType) | undefined {
  return Reflect.getMetadata(MAP_OF_METADATA, (cls as { prototype: object }).prototype, propertyKey) as
    (() => MapValueType) | undefined;
}
