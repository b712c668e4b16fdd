// The webhook server over real HTTPS on loopback, without an API server: what it answers for each kind of
// request, what it counts, when it is ready, and that a rotated certificate is served without a restart.
import { afterEach, describe, expect, it } from '@jest/globals';
import type { KubernetesObject } from '@kubernetes/client-node';
import { connect } from 'node:tls';
import { eventually } from '@score-orchestrator/testing';
import { Registry } from 'prom-client';
import { configurationError } from '../errors/fixtures/configuration-error.js';
import { type Gadget, GadgetKind } from '../manager/fixtures/gadget.resource.js';
import type { AdmissionContext } from './admission-context.js';
import { Admission } from './admission.js';
import type { CustomDefaulter } from './custom-defaulter.interface.js';
import type { CustomValidator } from './custom-validator.interface.js';
import { fingerprintOf, post, review, servedFingerprint } from './fixtures/admission-client.js';
import { GeneratedCertificates } from './tls/generated-certificates.js';
import { WebhookBuilder } from './webhook-builder.js';
import { WebhookServer } from './webhook-server.js';

// Under the unit project's 30 s hang guard, so a failure names what it waited for instead of jest's timeout.
const UNIT_WAIT = { timeoutMs: 20_000 };

const gadget = (
  spec: Gadget['spec'],
  annotations?: Record<string, string>,
): KubernetesObject & { spec?: Gadget['spec'] } => ({
  apiVersion: GadgetKind.apiVersion,
  kind: GadgetKind.kind,
  metadata: { namespace: 'ns', name: 'g', annotations },
  spec,
});

class SizeValidator implements CustomValidator<Gadget> {
  seen?: AdmissionContext;
  validateCreate(obj: Gadget, ctx: AdmissionContext) {
    this.seen = ctx;
    if ((obj.spec?.size ?? 0) > 10) {
      return Admission.denied('gadget too large', {
        causes: [{ field: 'spec.size', message: 'must be at most 10' }],
      });
    }
    return undefined;
  }
  validateUpdate(oldObj: Gadget, newObj: Gadget) {
    if (oldObj.spec?.note !== newObj.spec?.note) return Admission.allowed(['note changed']);
    throw new Error('boom');
  }
}

class NoteDefaulter implements CustomDefaulter<Gadget> {
  default(obj: Gadget) {
    obj.spec ??= {};
    obj.spec.note ??= 'default note';
    obj.metadata.annotations = { ...obj.metadata.annotations, 'example.dev/defaulted': 'true' };
  }
}

const servers: WebhookServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.stop()));
});

async function started(registry = new Registry(), certificates = new GeneratedCertificates()) {
  const server = new WebhookServer({ port: 0, host: '127.0.0.1', certificates, registry });
  servers.push(server);
  const validator = new SizeValidator();
  server.register(WebhookBuilder.validating(GadgetKind).build(), validator);
  server.register(WebhookBuilder.mutating(GadgetKind).build(), new NoteDefaulter());
  await server.start();
  return { server, validator, ca: server.caBundle!, base: server.url! };
}

const VALIDATE = '/validate-controllers-test-dev-v1-gadget';
const MUTATE = '/mutate-controllers-test-dev-v1-gadget';

describe('WebhookServer', () => {
  it('denies with field causes, echoing the uid, and hands the handler the request context', async () => {
    const { base, ca, server, validator } = await started();
    const sent = review('CREATE', gadget({ size: 11 }));
    const res = await post(base + VALIDATE, sent, ca);
    expect(res.status).toBe(200);
    expect(res.json()).toEqual({
      apiVersion: 'admission.k8s.io/v1',
      kind: 'AdmissionReview',
      response: {
        uid: sent.request!.uid,
        allowed: false,
        status: {
          code: 422,
          reason: 'Invalid',
          message: 'gadget too large',
          details: {
            causes: [{ reason: 'FieldValueInvalid', message: 'must be at most 10', field: 'spec.size' }],
          },
        },
      },
    });
    expect(validator.seen).toMatchObject({
      operation: 'CREATE',
      userInfo: { username: 'tester' },
      dryRun: false,
      namespace: 'ns',
      name: 'g',
      request: { uid: sent.request!.uid },
    });
    expect(validator.seen?.signal.aborted).toBe(false);
    expect(server.definitions.map((d) => d.type)).toEqual(['validating', 'mutating']);
  });

  it('allows with warnings, and turns a thrown error into an internal-error refusal', async () => {
    const { base, ca } = await started();
    const allowed = await post(
      base + VALIDATE,
      review('UPDATE', gadget({ note: 'b' }), gadget({ note: 'a' })),
      ca,
    );
    expect(allowed.json().response).toMatchObject({ allowed: true, warnings: ['note changed'] });
    const thrown = await post(base + VALIDATE, review('UPDATE', gadget({}), gadget({})), ca);
    expect(thrown.json().response).toMatchObject({
      allowed: false,
      status: { code: 500, message: 'failed to validate Gadget: boom' },
    });
    // No validateDelete: a DELETE is allowed.
    expect(
      (await post(base + VALIDATE, review('DELETE', null, gadget({})), ca)).json().response?.allowed,
    ).toBe(true);
  });

  it('answers a defaulter with the JSON patch from the incoming object to the defaulted one', async () => {
    const { base, ca } = await started();
    const res = (await post(base + MUTATE, review('CREATE', gadget({ size: 1 })), ca)).json().response!;
    expect(res).toMatchObject({ allowed: true, patchType: 'JSONPatch' });
    expect(JSON.parse(Buffer.from(res.patch!, 'base64').toString())).toEqual([
      { op: 'add', path: '/metadata/annotations', value: { 'example.dev/defaulted': 'true' } },
      { op: 'add', path: '/spec/note', value: 'default note' },
    ]);
    const done = gadget({ size: 1, note: 'mine' }, { 'example.dev/defaulted': 'true' });
    const unchanged = (await post(base + MUTATE, review('CREATE', done), ca)).json().response!;
    expect(unchanged).toEqual({ uid: expect.any(String), allowed: true });
  });

  it('refuses what is not an AdmissionReview with code 400, other methods with 405, other paths with 404', async () => {
    const { base, ca } = await started();
    const notJson = await post(base + VALIDATE, '{', ca);
    expect(notJson.status).toBe(200);
    expect(notJson.json().response).toMatchObject({ uid: '', allowed: false, status: { code: 400 } });
    const v1beta1 = await post(
      base + VALIDATE,
      { apiVersion: 'admission.k8s.io/v1beta1', kind: 'AdmissionReview' },
      ca,
    );
    expect(v1beta1.json().response?.status?.message).toMatch(/list only "v1" in admissionReviewVersions/);
    const text = await post(base + VALIDATE, review('CREATE', gadget({})), ca, { contentType: 'text/plain' });
    expect(text.json().response?.status?.message).toBe(
      'expected content-type application/json, got "text/plain"',
    );
    expect((await post(base + VALIDATE, '', ca, { method: 'GET' })).status).toBe(405);
    expect((await post(base + '/elsewhere', review('CREATE', gadget({})), ca)).status).toBe(404);
  });

  it("counts requests under controller-runtime's names, by webhook path and HTTP code", async () => {
    const registry = new Registry();
    const { base, ca } = await started(registry);
    await post(base + VALIDATE, review('CREATE', gadget({ size: 1 })), ca);
    await post(base + VALIDATE, review('CREATE', gadget({ size: 99 })), ca);
    await post(base + VALIDATE, '', ca, { method: 'GET' });
    const text = await registry.metrics();
    expect(text).toContain(`controller_runtime_webhook_requests_total{webhook="${VALIDATE}",code="200"} 2`);
    expect(text).toContain(`controller_runtime_webhook_requests_total{webhook="${VALIDATE}",code="405"} 1`);
    expect(text).toContain(`controller_runtime_webhook_requests_total{webhook="${MUTATE}",code="500"} 0`);
    expect(text).toContain(`controller_runtime_webhook_latency_seconds_count{webhook="${VALIDATE}"} 3`);
    expect(text).toContain(`controller_runtime_webhook_requests_in_flight{webhook="${VALIDATE}"} 0`);
  });

  it('refuses an oversized body, and counts a request whose body breaks off as 500 without leaving it in flight', async () => {
    const registry = new Registry();
    const server = new WebhookServer({ port: 0, host: '127.0.0.1', registry, maxRequestBytes: 64 });
    servers.push(server);
    server.register(WebhookBuilder.validating(GadgetKind).build(), new SizeValidator());
    await server.start();
    const ca = server.caBundle!;
    const big = await post(server.url! + VALIDATE, review('CREATE', gadget({ note: 'x'.repeat(100) })), ca);
    expect(big.json().response?.status).toMatchObject({
      code: 400,
      message: 'request body larger than 64 bytes',
    });

    const socket = connect({ host: '127.0.0.1', port: server.address!.port, ca, servername: 'localhost' });
    await new Promise((resolve) => socket.once('secureConnect', resolve));
    socket.write(
      `POST ${VALIDATE} HTTP/1.1\r\nhost: localhost\r\ncontent-type: application/json\r\ncontent-length: 50\r\n\r\n{"a`,
    );
    await eventually(
      async () =>
        (await registry.metrics()).includes(
          `controller_runtime_webhook_requests_in_flight{webhook="${VALIDATE}"} 1`,
        ),
      'the request in flight',
      UNIT_WAIT,
    );
    socket.destroy();
    await eventually(
      async () => {
        const text = await registry.metrics();
        return (
          text.includes(`controller_runtime_webhook_requests_total{webhook="${VALIDATE}",code="500"} 1`) &&
          text.includes(`controller_runtime_webhook_requests_in_flight{webhook="${VALIDATE}"} 0`)
        );
      },
      'the broken request to be counted',
      UNIT_WAIT,
    );
  });

  it('is ready only while it serves TLS', async () => {
    const server = new WebhookServer({ port: 0, host: '127.0.0.1' });
    server.register(WebhookBuilder.validating(GadgetKind).build(), new SizeValidator());
    await expect(Promise.resolve().then(server.readinessCheck)).rejects.toThrow(
      'webhook server is not listening',
    );
    await server.start();
    await expect(Promise.resolve().then(server.readinessCheck)).resolves.toBeUndefined();
    await server.stop();
    await expect(Promise.resolve().then(server.readinessCheck)).rejects.toThrow(
      'webhook server is not listening',
    );
    await expect(server.start()).rejects.toThrow(/it has started before; create a new one/);
  });

  it('serves a rotated certificate on the next connection, trusted by the same CA bundle', async () => {
    const certificates = new GeneratedCertificates();
    const { base, ca, server } = await started(new Registry(), certificates);
    const first = await servedFingerprint(server.address!.port, ca);
    expect(first).toBe(fingerprintOf((await certificates.load()).cert));
    const rotated = await certificates.rotate();
    expect(await servedFingerprint(server.address!.port, ca)).toBe(fingerprintOf(rotated.cert));
    expect(fingerprintOf(rotated.cert)).not.toBe(first);
    expect(rotated.caBundle).toBe(ca);
    expect((await post(base + VALIDATE, review('CREATE', gadget({})), ca)).json().response?.allowed).toBe(
      true,
    );
  });

  it('generates configurations pointing at its own URL and CA once started', async () => {
    const idle = new WebhookServer({ port: 0 });
    expect(configurationError(() => idle.configurationsForUrl('x'))).toBe(
      'failed to generate webhook configurations x: the webhook server has not started',
    );
    const { server, base, ca } = await started();
    const [validating, mutating] = server.configurationsForUrl('gadgets');
    expect(validating.webhooks[0].clientConfig).toEqual({
      url: base + VALIDATE,
      caBundle: Buffer.from(ca).toString('base64'),
    });
    expect(mutating.webhooks[0].clientConfig.url).toBe(base + MUTATE);
  });

  it('refuses a second webhook on a taken path or name, and a handler without the methods its type calls', () => {
    const server = new WebhookServer({ port: 0 });
    server.register(WebhookBuilder.validating(GadgetKind).build(), new SizeValidator());
    expect(
      configurationError(() =>
        server.register(
          WebhookBuilder.validating(GadgetKind).named('other.test.dev').build(),
          new SizeValidator(),
        ),
      ),
    ).toMatch(
      /failed to register webhook other\.test\.dev \(SizeValidator\): path \/validate-controllers-test-dev-v1-gadget is served by vgadget\.controllers\.test\.dev already/,
    );
    expect(
      configurationError(() =>
        server.register(WebhookBuilder.validating(GadgetKind).atPath('/other').build(), new SizeValidator()),
      ),
    ).toMatch(/another validating webhook has this name/);
    expect(
      configurationError(() =>
        server.register(WebhookBuilder.mutating(GadgetKind).build(), new SizeValidator()),
      ),
    ).toMatch(/it has no default\(obj, ctx\) method; implement CustomDefaulter/);
    expect(
      configurationError(() =>
        server.register(WebhookBuilder.validating(GadgetKind).named('x.test.dev').atPath('/x').build(), {}),
      ),
    ).toMatch(/it has none of validateCreate, validateUpdate, validateDelete; implement CustomValidator/);
  });
});
