import 'reflect-metadata';
import { injectable } from 'inversify';
import { DEFAULTER_METADATA, VALIDATOR_METADATA } from '../metadata-keys.js';
import type { ValidatorOptions } from './webhook-options.js';

/**
 * Declares a class as a validating admission webhook for one kind: the class implements `CustomValidator`,
 * the options say when the API server calls it. Records metadata only (and marks the class injectable);
 * bind the class to `Tokens.Webhook` and the `Manager`'s webhook server serves it. A shortcut for
 * `WebhookBuilder.fromOptions('validating', options)`.
 *
 * ```ts
 * @Validator({ for: Greeting, operations: ['CREATE', 'UPDATE'] })
 * export class GreetingValidator implements CustomValidator<Greeting> { ... }
 * ```
 */
export function Validator(options: ValidatorOptions): ClassDecorator {
  return (target) => {
    // A class that is also a @Defaulter is injectable already; inversify refuses a second marking.
    const marked = Reflect.hasOwnMetadata(DEFAULTER_METADATA, target);
    Reflect.defineMetadata(VALIDATOR_METADATA, options, target);
    if (!marked) injectable()(target as never);
  };
}

/** The options recorded by `@Validator` on `cls`, or `undefined` when it is not a validator. */
export function readValidatorOptions(cls: object): ValidatorOptions | undefined {
  return Reflect.getMetadata(VALIDATOR_METADATA, cls) as ValidatorOptions | undefined;
}
