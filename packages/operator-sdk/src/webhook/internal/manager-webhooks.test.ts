import { describe, expect, it } from '@jest/globals';
import { Container, inject } from 'inversify';
import { configurationError } from '../../errors/fixtures/configuration-error.js';
import { createLogger, type Logger } from '../../logging/logger.js';
import { GadgetKind } from '../../manager/fixtures/gadget.resource.js';
import { Tokens } from '../../tokens.js';
import { Converter } from '../conversion/converter.decorator.js';
import { Validator } from '../validator.decorator.js';
import { WebhookServer } from '../webhook-server.js';
import { startManagerWebhooks } from './manager-webhooks.js';

/** A silent logger that keeps its warnings. */
function recordingLogger(): Logger & { warnings: string[] } {
  const logger = Object.assign(createLogger({ silent: true }), { warnings: [] as string[] });
  logger.warn = ((message: string) => (logger.warnings.push(message), logger)) as unknown as Logger['warn'];
  return logger;
}

@Validator({ for: GadgetKind })
class NeedsAService {
  constructor(@inject('missing-service') readonly service: unknown) {}
  validateCreate() {
    return undefined;
  }
}

class Undecorated {
  validateCreate() {
    return undefined;
  }
}

@Converter({ spoke: { ...GadgetKind, apiVersion: 'controllers.test.dev/v1beta1' }, hub: GadgetKind })
class GadgetBetaConverter {
  convertTo<T>(gadget: T): T {
    return gadget;
  }
  convertFrom<T>(gadget: T): T {
    return gadget;
  }
}

describe('startManagerWebhooks', () => {
  it('serves a bound @Converter class at /convert', async () => {
    const server = new WebhookServer({ port: 0, host: '127.0.0.1' });
    const container = new Container();
    container.bind(Tokens.Webhook).to(GadgetBetaConverter);
    await startManagerWebhooks(server, container, recordingLogger());
    await server.stop();
    expect(server.conversions).toEqual([
      {
        group: 'controllers.test.dev',
        kind: 'Gadget',
        hub: 'controllers.test.dev/v1',
        spoke: 'controllers.test.dev/v1beta1',
      },
    ]);
  });

  it('warns when webhooks are bound but the manager has no webhook server', async () => {
    const container = new Container();
    container.bind(Tokens.Webhook).toConstantValue(new Undecorated());
    const logger = recordingLogger();
    await startManagerWebhooks(undefined, container, logger);
    expect(logger.warnings).toEqual([
      'webhooks bound to Tokens.Webhook are not served; set the webhookServer option of the manager',
    ]);
  });

  it('refuses a bound class without @Validator, @Defaulter or @Converter, and one the container cannot create', async () => {
    const server = new WebhookServer({ port: 0 });
    const undecorated = new Container();
    undecorated.bind(Tokens.Webhook).toConstantValue(new Undecorated());
    const error = await startManagerWebhooks(server, undecorated, recordingLogger()).catch((e: unknown) => e);
    expect(
      configurationError(() => {
        throw error;
      }),
    ).toBe(
      'failed to serve webhook Undecorated: the class has none of @Validator, @Defaulter and @Converter; add one',
    );
    const unresolved = new Container();
    unresolved.bind(Tokens.Webhook).to(NeedsAService);
    const missing = await startManagerWebhooks(server, unresolved, recordingLogger()).catch(
      (e: unknown) => e,
    );
    expect(
      configurationError(() => {
        throw missing;
      }),
    ).toMatch(
      /^failed to create the webhooks bound to Tokens\.Webhook: .*; bind every constructor dependency in the container$/s,
    );
    expect(server.address).toBeUndefined();
  });
});
