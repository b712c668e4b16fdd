// Tracing without a cluster: when it is on, what a span records, how spans nest, and a webhook call continuing
// the API server's trace.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { Registry } from 'prom-client';
import { GadgetKind } from '../manager/fixtures/gadget.resource.js';
import { Admission } from '../webhook/admission.js';
import { post, review } from '../webhook/fixtures/admission-client.js';
import { GeneratedCertificates } from '../webhook/tls/generated-certificates.js';
import { WebhookBuilder } from '../webhook/webhook-builder.js';
import { WebhookServer } from '../webhook/webhook-server.js';
import {
  API_SERVER_TRACE,
  installInMemoryTracing,
  type InMemoryTracing,
} from './fixtures/in-memory-tracing.js';
import { Tracing, tracingWanted } from './tracing.js';

let memory: InMemoryTracing;
beforeAll(() => {
  memory = installInMemoryTracing();
});
afterAll(async () => {
  await memory.uninstall();
});

describe('tracingWanted', () => {
  it.each([
    [undefined, {}, false],
    [undefined, { OTEL_TRACES_EXPORTER: 'otlp' }, true],
    [undefined, { OTEL_TRACES_EXPORTER: 'otlp,console' }, true],
    [undefined, { OTEL_TRACES_EXPORTER: 'none' }, false],
    [undefined, { OTEL_TRACES_EXPORTER: 'otlp', OTEL_SDK_DISABLED: 'true' }, false],
    [true, {}, true],
    [false, { OTEL_TRACES_EXPORTER: 'otlp' }, false],
  ])('option %s with %j: %s', (option, env, expected) => {
    expect(tracingWanted(option, env)).toBe(expected);
  });
});

describe('Tracing', () => {
  it('records nothing until enabled, then nests spans and marks failures', async () => {
    const tracing = new Tracing();
    expect(await tracing.inSpan('ignored', {}, () => 'ran')).toBe('ran');
    expect(memory.spans().map((s) => s.name)).not.toContain('ignored');

    await tracing.enable();
    expect(tracing.enabled).toBe(true);
    await tracing.inSpan(
      'outer',
      { attributes: { 'k8s.object.name': 'a', unset: undefined } },
      async (span) => {
        span.setAttributes({ 'reconcile.result': 'success' });
        await tracing.inSpan('inner', { kind: 'client' }, async () => undefined);
      },
    );
    await expect(
      tracing.inSpan('failing', {}, async () => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');

    const byName = new Map(memory.spans().map((s) => [s.name, s]));
    const outer = byName.get('outer')!;
    const inner = byName.get('inner')!;
    expect(outer.attributes).toEqual({ 'k8s.object.name': 'a', 'reconcile.result': 'success' });
    expect(inner.parentSpanContext?.spanId).toBe(outer.spanContext().spanId);
    expect(inner.kind).toBe(SpanKind.CLIENT);
    expect(byName.get('failing')!.status).toEqual({ code: SpanStatusCode.ERROR, message: 'boom' });
    expect(byName.get('failing')!.events.map((e) => e.name)).toEqual(['exception']);
  });

  it("continues the API server's trace in a webhook call, and the handler's work in it", async () => {
    const tracing = new Tracing();
    await tracing.enable();
    const server = new WebhookServer({
      port: 0,
      host: '127.0.0.1',
      certificates: new GeneratedCertificates(),
      registry: new Registry(),
      tracing,
    });
    const definition = WebhookBuilder.validating(GadgetKind).build();
    // What the handler does (here a span of its own; an API request alike) is a child of the call's span.
    server.register(definition, {
      validateCreate: () => tracing.inSpan('look up quota', {}, () => Admission.allowed()),
    });
    await server.start();
    try {
      const res = await post(
        server.url + definition.path,
        review('CREATE', { metadata: { name: 'g' } }),
        server.caBundle!,
        {
          headers: { traceparent: API_SERVER_TRACE.header },
        },
      );
      expect(res.status).toBe(200);
    } finally {
      await server.stop();
    }
    const span = memory.spans().find((s) => s.name === `webhook ${definition.path}`)!;
    expect(span.spanContext().traceId).toBe(API_SERVER_TRACE.traceId);
    expect(span.parentSpanContext?.spanId).toBe(API_SERVER_TRACE.spanId);
    expect(span.kind).toBe(SpanKind.SERVER);
    const handlerSpan = memory.spans().find((s) => s.name === 'look up quota')!;
    expect(handlerSpan.parentSpanContext?.spanId).toBe(span.spanContext().spanId);
    expect(span.attributes).toMatchObject({
      'k8s.webhook.path': definition.path,
      'http.response.status_code': 200,
    });
  });
});
