import { readDefaulterOptions } from './defaulter.decorator.js';
import { readValidatorOptions } from './validator.decorator.js';
import { WebhookBuilder } from './webhook-builder.js';
import type { WebhookDefinition } from './webhook-definition.js';

/**
 * The webhooks a class declares with `@Validator` and `@Defaulter` (none, one or both), built as
 * `WebhookBuilder.fromOptions` builds them: what the Manager serves and `generate-webhooks` renders.
 * @throws OperatorSdkError `Configuration` for invalid options, naming the option.
 */
export function webhookDefinitionsOf(cls: object): WebhookDefinition[] {
  const definitions: WebhookDefinition[] = [];
  const validator = readValidatorOptions(cls);
  if (validator) definitions.push(WebhookBuilder.fromOptions('validating', validator).build());
  const defaulter = readDefaulterOptions(cls);
  if (defaulter) definitions.push(WebhookBuilder.fromOptions('mutating', defaulter).build());
  return definitions;
}
