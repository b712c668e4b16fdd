import 'reflect-metadata';
import { injectable } from 'inversify';
import { DEFAULTER_METADATA, VALIDATOR_METADATA } from '../metadata-keys.js';
import type { DefaulterOptions } from './webhook-options.js';

/**
 * Declares a class as a mutating admission webhook that fills in defaults for one kind: the class implements
 * `CustomDefaulter`, the options say when the API server calls it. Records metadata only (and marks the class
 * injectable); bind the class to `Tokens.Webhook` and the `Manager`'s webhook server serves it. A shortcut
 * for `WebhookBuilder.fromOptions('mutating', options)`. One class may carry both `@Defaulter` and
 * `@Validator`.
 *
 * ```ts
 * @Defaulter({ for: Greeting })
 * export class GreetingDefaulter implements CustomDefaulter<Greeting> { ... }
 * ```
 */
export function Defaulter(options: DefaulterOptions): ClassDecorator {
  return (target) => {
    // A class that is also a @Validator is injectable already; inversify refuses a second marking.
    const marked = Reflect.hasOwnMetadata(VALIDATOR_METADATA, target);
    Reflect.defineMetadata(DEFAULTER_METADATA, options, target);
    if (!marked) injectable()(target as never);
  };
}

/** The options recorded by `@Defaulter` on `cls`, or `undefined` when it is not a defaulter. */
export function readDefaulterOptions(cls: object): DefaulterOptions | undefined {
  return Reflect.getMetadata(DEFAULTER_METADATA, cls) as DefaulterOptions | undefined;
}
