import 'reflect-metadata';
import { CEL_RULES_METADATA } from '../../metadata-keys.js';
import type { ValidationRule } from './json-schema-props.js';
import { rememberSchemaProperty } from './schema-property-names.js';

/** What `@Cel` takes besides the rule and its message; see `ValidationRule`. */
export type CelRuleOptions = Omit<ValidationRule, 'rule' | 'message'>;

/**
 * Adds an `x-kubernetes-validations` rule to the schema of a class (`self` is the object) or of a property
 * (`self` is the property's value). The API server evaluates it on every write; `OfflineValidator` evaluates
 * the same rule offline. A rule that reads `oldSelf` is a transition rule: it only runs on updates.
 * Several `@Cel` on one target keep their source order.
 */
export function Cel(
  rule: string,
  message?: string,
  options: CelRuleOptions = {},
): ClassDecorator & PropertyDecorator {
  const entry: ValidationRule = { rule, ...(message === undefined ? {} : { message }), ...options };
  return (target: object, propertyKey?: string | symbol) => {
    if (propertyKey === undefined) {
      Reflect.defineMetadata(CEL_RULES_METADATA, [entry, ...readCelRules(target)], target);
      return;
    }
    rememberSchemaProperty(target, propertyKey);
    const previous = readCelRules(target.constructor, propertyKey);
    Reflect.defineMetadata(CEL_RULES_METADATA, [entry, ...previous], target, propertyKey);
  };
}

/** The CEL rules recorded on a class, or on one of its properties when `propertyKey` is given. */
export function readCelRules(cls: object, propertyKey?: string | symbol): ValidationRule[] {
  const found =
    propertyKey === undefined
      ? Reflect.getOwnMetadata(CEL_RULES_METADATA, cls)
      : Reflect.getMetadata(CEL_RULES_METADATA, (cls as { prototype: object }).prototype, propertyKey);
  return (found as ValidationRule[] | undefined) ?? [];
}
