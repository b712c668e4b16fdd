// A Manager serving a @Validator/@Defaulter class bound to Tokens.Webhook, called by a real kube-apiserver
// through a loopback URL with the generated CA as caBundle: a denied create shows its field causes in the
// API error, a defaulted field is stored, /readyz includes the webhook, /metrics counts the calls.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Container, inject } from 'inversify';
import { KubeApiError } from '../client/kube-api.error.js';
import { createLogger, type Logger } from '../logging/logger.js';
import { type Gadget, GadgetKind } from '../manager/fixtures/gadget.resource.js';
import {
  eventually,
  gadget,
  startTestCluster,
  type TestCluster,
} from '../manager/fixtures/integration-harness.js';
import { Manager } from '../manager/manager.js';
import { Tokens } from '../tokens.js';
import type { AdmissionContext } from './admission-context.js';
import { Admission } from './admission.js';
import type { CustomDefaulter } from './custom-defaulter.interface.js';
import type { CustomValidator } from './custom-validator.interface.js';
import { Defaulter } from './defaulter.decorator.js';
import { Validator } from './validator.decorator.js';

const NS = 'admission';

/** Gadgets are at most size 10 and their note cannot change; a missing note defaults to "fresh". */
@Validator({ for: GadgetKind })
@Defaulter({ for: GadgetKind })
class GadgetPolicy implements CustomValidator<Gadget>, CustomDefaulter<Gadget> {
  constructor(@inject(Tokens.Logger) private readonly logger: Logger) {}

  validateCreate(obj: Gadget, ctx: AdmissionContext) {
    if ((obj.spec?.size ?? 0) <= 10) return ctx.dryRun ? Admission.allowed(['dry run']) : undefined;
    return Admission.denied('gadget too large', {
      causes: [{ field: 'spec.size', message: `must be at most 10, got ${obj.spec?.size}` }],
    });
  }

  validateUpdate(oldObj: Gadget, newObj: Gadget) {
    if (oldObj.spec?.note === newObj.spec?.note) return undefined;
    return Admission.denied('note is immutable', {
      causes: [{ field: 'spec.note', message: 'field is immutable', type: 'FieldValueForbidden' }],
    });
  }

  default(obj: Gadget) {
    this.logger.debug('defaulting gadget', { name: obj.metadata.name });
    obj.spec = { ...obj.spec, note: obj.spec?.note ?? 'fresh' };
    obj.metadata.annotations = { ...obj.metadata.annotations, 'gadgets.example.dev/defaulted-by': 'webhook' };
  }
}

describe('admission webhooks served by a Manager, called by a real API server', () => {
  let cluster: TestCluster;
  let manager: Manager;

  beforeAll(async () => {
    cluster = await startTestCluster();
    await cluster.namespace(NS);
    const container = new Container();
    container.bind(Tokens.Webhook).to(GadgetPolicy);
    manager = Manager.create({
      container,
      kubeConfig: cluster.cp.kubeConfig,
      probePort: 0,
      probeHost: '127.0.0.1',
      webhookServer: { port: 0, host: '127.0.0.1' },
      logger: createLogger({ silent: true }),
    });
    await manager.start();
    for (const configuration of manager.webhooks!.configurationsForUrl('gadget-policy')) {
      await cluster.client.apply(configuration);
    }
    // The API server picks new configurations up asynchronously: wait until a dry run reaches the webhook.
    await eventually(async () => {
      const dry = await cluster.client.create(GadgetKind, gadget(NS, 'probe'), { dryRun: true });
      return (dry.metadata?.annotations ?? {})['gadgets.example.dev/defaulted-by'] === 'webhook';
    }, 'the mutating webhook to be called');
  });

  afterAll(async () => {
    await manager?.stop();
    await cluster?.stop();
  });

  it('refuses a create, with the field causes in the API error', async () => {
    const err = await cluster.client
      .create(GadgetKind, gadget(NS, 'big', { size: 11 }))
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KubeApiError);
    const apiError = err as KubeApiError;
    expect(apiError.statusCode).toBe(422);
    expect(apiError.kind).toBe('Validation');
    expect(apiError.message).toMatch(
      /admission webhook "vgadget\.controllers\.test\.dev" denied the request: gadget too large/,
    );
    expect(apiError.causes).toEqual([
      { reason: 'FieldValueInvalid', message: 'must be at most 10, got 11', field: 'spec.size' },
    ]);
    expect(await cluster.client.get(GadgetKind, { namespace: NS, name: 'big' })).toBeUndefined();
  });

  it('stores the defaulted fields, and validates the update against the defaulted object', async () => {
    const created = await cluster.client.create<Gadget>(GadgetKind, gadget(NS, 'small', { size: 2 }));
    expect(created.spec).toEqual({ size: 2, note: 'fresh' });
    expect(created.metadata.annotations).toEqual({ 'gadgets.example.dev/defaulted-by': 'webhook' });
    const changed = { ...created, spec: { ...created.spec, note: 'other' } };
    const err = (await cluster.client.update(GadgetKind, changed).catch((e: unknown) => e)) as KubeApiError;
    expect(err.statusCode).toBe(422);
    expect(err.causes).toEqual([
      { reason: 'FieldValueForbidden', message: 'field is immutable', field: 'spec.note' },
    ]);
  });

  it('reports the webhook server on /readyz and counts calls under controller-runtime names', async () => {
    const readyz = await fetch(`http://127.0.0.1:${manager.probeAddress!.port}/readyz?verbose`);
    expect(readyz.status).toBe(200);
    expect(await readyz.text()).toContain('[+]webhook ok');
    const metrics = await manager.metrics.registry.metrics();
    const validated =
      /controller_runtime_webhook_requests_total\{webhook="\/validate-controllers-test-dev-v1-gadget",code="200"\} (\d+)/.exec(
        metrics,
      );
    expect(Number(validated?.[1])).toBeGreaterThanOrEqual(2);
    expect(metrics).toContain(
      'controller_runtime_webhook_requests_in_flight{webhook="/mutate-controllers-test-dev-v1-gadget"} 0',
    );
  });
});
