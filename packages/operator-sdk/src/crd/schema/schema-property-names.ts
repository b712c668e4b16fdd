import 'reflect-metadata';
import { SCHEMA_PROPERTY_NAMES_METADATA } from '../../metadata-keys.js';

// Our property decorators record the property's name so the schema builder finds properties that carry
// no class-validator decorator (class-validator's storage only lists the ones it knows).

/** Records that `propertyKey` of the class owning `prototype` carries schema metadata. */
export function rememberSchemaProperty(prototype: object, propertyKey: string | symbol): void {
  if (typeof propertyKey !== 'string') return;
  const names = schemaPropertyNamesOf(prototype.constructor);
  if (!names.includes(propertyKey)) {
    Reflect.defineMetadata(SCHEMA_PROPERTY_NAMES_METADATA, [...names, propertyKey], prototype.constructor);
  }
}

/** The property names our schema decorators saw on `cls` (and its base classes). */
export function schemaPropertyNamesOf(cls: object): string[] {
  return (Reflect.getMetadata(SCHEMA_PROPERTY_NAMES_METADATA, cls) as string[] | undefined) ?? [];
}
