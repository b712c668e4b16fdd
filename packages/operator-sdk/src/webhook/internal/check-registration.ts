// What the server checks before it serves a webhook: a free path and name, and a handler that fits.
import { OperatorSdkError } from '../../errors/operator-sdk.error.js';
import type { Logger } from '../../logging/logger.js';
import type { CustomDefaulter } from '../custom-defaulter.interface.js';
import type { CustomValidator } from '../custom-validator.interface.js';
import type { WebhookDefinition } from '../webhook-definition.js';
import type { WebhookRegistration } from './admission-dispatch.js';

const VALIDATOR_METHODS = ['validateCreate', 'validateUpdate', 'validateDelete'] as const;

/**
 * @throws OperatorSdkError `Configuration` when `definition`'s path or name is served already, or `handler`
 *   has none of the methods its webhook type calls. Logs a warning for a `validateDelete` never called.
 */
export function checkRegistration(
  definition: WebhookDefinition,
  handler: CustomValidator | CustomDefaulter,
  served: readonly WebhookRegistration[],
  logger: Logger,
): void {
  const className = (handler as object).constructor?.name ?? 'handler';
  const fail = (problem: string) =>
    new OperatorSdkError(
      'Configuration',
      `failed to register webhook ${definition.name} (${className}): ${problem}`,
    );
  for (const { definition: other } of served) {
    if (other.path === definition.path) {
      throw fail(`path ${definition.path} is served by ${other.name} already; give one of them another path`);
    }
    if (other.type === definition.type && other.name === definition.name) {
      throw fail(`another ${definition.type} webhook has this name; give one of them another name`);
    }
  }
  if (definition.type === 'mutating') {
    if (typeof (handler as CustomDefaulter).default !== 'function') {
      throw fail('it has no default(obj, ctx) method; implement CustomDefaulter');
    }
    return;
  }
  const methods = VALIDATOR_METHODS.filter((m) => typeof (handler as CustomValidator)[m] === 'function');
  if (methods.length === 0) {
    throw fail(`it has none of ${VALIDATOR_METHODS.join(', ')}; implement CustomValidator`);
  }
  const ops = definition.operations;
  if (methods.includes('validateDelete') && !ops.includes('DELETE') && !ops.includes('*')) {
    logger.warn(
      'validateDelete is never called: the webhook is not registered for DELETE; add it to operations',
      {
        webhook: definition.name,
      },
    );
  }
}
