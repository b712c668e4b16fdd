// How a Manager finds the webhook classes in its container and starts its webhook server.
import type { Container } from 'inversify';
import { describeError, OperatorSdkError } from '../../errors/operator-sdk.error.js';
import type { Logger } from '../../logging/logger.js';
import { Tokens } from '../../tokens.js';
import type { CustomDefaulter } from '../custom-defaulter.interface.js';
import type { CustomValidator } from '../custom-validator.interface.js';
import { conversionDefinitionOf } from '../conversion/converter.decorator.js';
import type { Convertible } from '../conversion/convertible.interface.js';
import { webhookDefinitionsOf } from '../decorated-webhooks.js';
import type { WebhookServer } from '../webhook-server.js';

/**
 * Registers every class bound to `Tokens.Webhook` with `server` and starts it. Without a server, only warns
 * when webhooks are bound (they would never be called).
 * @throws OperatorSdkError `Configuration` for a bound class without `@Validator`/`@Defaulter`/`@Converter`, or one the
 *   container cannot create.
 */
export async function startManagerWebhooks(
  server: WebhookServer | undefined,
  container: Container,
  logger: Logger,
): Promise<void> {
  const bound = container.isBound(Tokens.Webhook);
  if (!server) {
    if (bound)
      logger.warn(
        'webhooks bound to Tokens.Webhook are not served; set the webhookServer option of the manager',
      );
    return;
  }
  let handlers: object[] = [];
  try {
    if (bound) handlers = container.getAll<object>(Tokens.Webhook);
  } catch (err) {
    throw new OperatorSdkError(
      'Configuration',
      `failed to create the webhooks bound to Tokens.Webhook: ${describeError(err)}; bind every constructor dependency in the container`,
      { cause: err },
    );
  }
  for (const handler of handlers) {
    const definitions = webhookDefinitionsOf(handler.constructor);
    const conversion = conversionDefinitionOf(handler.constructor);
    if (definitions.length === 0 && !conversion) {
      throw new OperatorSdkError(
        'Configuration',
        `failed to serve webhook ${handler.constructor.name}: the class has none of @Validator, @Defaulter and @Converter; add one`,
      );
    }
    if (conversion) server.registerConverter(conversion, handler as Convertible<never, never>);
    for (const definition of definitions)
      server.register(definition, handler as CustomValidator & CustomDefaulter);
  }
  await server.start();
}
