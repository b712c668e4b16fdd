// The conversion endpoint over real HTTPS on loopback, without an API server: hub-and-spoke routing, what it
// keeps of metadata, how it fails, what it counts, and the checks on converters.
import { afterEach, describe, expect, it } from '@jest/globals';
import type { KubernetesObject } from '@kubernetes/client-node';
import { Registry } from 'prom-client';
import type { ResourceKind } from '../../api/resource-kind.js';
import { configurationError } from '../../errors/fixtures/configuration-error.js';
import { OperatorSdkError } from '../../errors/operator-sdk.error.js';
import { post } from '../fixtures/admission-client.js';
import { GeneratedCertificates } from '../tls/generated-certificates.js';
import { WebhookBuilder } from '../webhook-builder.js';
import { WebhookServer } from '../webhook-server.js';
import { ConversionAnnotations } from './conversion-annotations.js';
import { ConversionBuilder } from './conversion-builder.js';
import { CONVERSION_PATH, conversionWebhook } from './conversion-crd.js';
import type { ConversionReview } from './conversion-review.js';
import type { ConversionContext, Convertible } from './convertible.interface.js';

const thing = (version: string): ResourceKind => ({
  apiVersion: `things.test.dev/${version}`,
  kind: 'Thing',
  plural: 'things',
  namespaced: true,
});
type Thing = KubernetesObject & { spec: Record<string, unknown> };

// v1 is the hub with a numeric size; v1alpha1 spells it as text, v1beta1 calls it count.
class AlphaConverter implements Convertible<Thing, Thing> {
  seen?: ConversionContext;
  convertTo(alpha: Thing, ctx: ConversionContext): Thing {
    this.seen = ctx;
    const size = Number(alpha.spec.size);
    if (Number.isNaN(size)) throw new Error(`spec.size "${String(alpha.spec.size)}" is not a number`);
    // Renaming is not a conversion's business: the SDK keeps the name as sent.
    return {
      ...alpha,
      metadata: { ...alpha.metadata, name: 'renamed', labels: { converted: 'yes' } },
      spec: { size },
    };
  }
  convertFrom(hub: Thing): Thing {
    return { ...hub, spec: { size: String(hub.spec.size) } };
  }
}

class BetaConverter implements Convertible<Thing, Thing> {
  convertTo(beta: Thing): Thing {
    return { ...beta, spec: { size: beta.spec.count } };
  }
  convertFrom(hub: Thing): Thing {
    return { ...hub, spec: { count: hub.spec.size } };
  }
}

const servers: WebhookServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.stop()));
});

async function started(registry = new Registry()) {
  const server = new WebhookServer({
    port: 0,
    host: '127.0.0.1',
    certificates: new GeneratedCertificates(),
    registry,
  });
  servers.push(server);
  const alpha = new AlphaConverter();
  server.registerConverter(ConversionBuilder.spoke(thing('v1alpha1')).hub(thing('v1')).build(), alpha);
  server.registerConverter(
    ConversionBuilder.spoke(thing('v1beta1')).hub(thing('v1')).build(),
    new BetaConverter(),
  );
  await server.start();
  return { server, alpha, ca: server.caBundle!, url: server.url! + CONVERSION_PATH };
}

let uids = 0;
const conversion = (desiredAPIVersion: string, objects: KubernetesObject[]): ConversionReview => ({
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'ConversionReview',
  request: { uid: `uid-${++uids}`, desiredAPIVersion, objects },
});
const object = (version: string, spec: Record<string, unknown>, name = 'a'): Thing => ({
  apiVersion: `things.test.dev/${version}`,
  kind: 'Thing',
  metadata: {
    namespace: 'ns',
    name,
    uid: `uid-of-${name}`,
    resourceVersion: '7',
    annotations: { keep: 'me' },
  },
  spec,
});
const answer = async (url: string, ca: string, review: unknown) => {
  const res = await post(url, review, ca);
  return { status: res.status, body: res.body, review: res.json() as unknown as ConversionReview };
};

describe('the conversion webhook', () => {
  it('converts a spoke to the hub, echoing the uid and keeping all metadata but labels and annotations', async () => {
    const { url, ca, alpha } = await started();
    const sent = conversion('things.test.dev/v1', [object('v1alpha1', { size: '3' })]);
    const { status, review } = await answer(url, ca, sent);
    expect(status).toBe(200);
    expect(review).toEqual({
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'ConversionReview',
      response: {
        uid: sent.request!.uid,
        result: { status: 'Success' },
        convertedObjects: [
          {
            apiVersion: 'things.test.dev/v1',
            kind: 'Thing',
            metadata: {
              namespace: 'ns',
              name: 'a',
              uid: 'uid-of-a',
              resourceVersion: '7',
              labels: { converted: 'yes' },
              annotations: { keep: 'me' },
            },
            spec: { size: 3 },
          },
        ],
      },
    });
    expect(alpha.seen).toMatchObject({ uid: sent.request!.uid, desiredAPIVersion: 'things.test.dev/v1' });
  });

  it('converts spoke to spoke through the hub and the hub to a spoke, in order, passing objects already there', async () => {
    const { url, ca } = await started();
    const { review } = await answer(
      url,
      ca,
      conversion('things.test.dev/v1beta1', [
        object('v1alpha1', { size: '4' }, 'a'),
        object('v1', { size: 5 }, 'b'),
        object('v1beta1', { count: 6 }, 'c'),
      ]),
    );
    expect(review.response!.result).toEqual({ status: 'Success' });
    expect(
      review.response!.convertedObjects.map((o) => [o.apiVersion, o.metadata?.name, (o as Thing).spec]),
    ).toEqual([
      ['things.test.dev/v1beta1', 'a', { count: 4 }],
      ['things.test.dev/v1beta1', 'b', { count: 5 }],
      ['things.test.dev/v1beta1', 'c', { count: 6 }],
    ]);
  });

  it('fails the whole call with a message naming the object, the versions and the problem', async () => {
    const { url, ca } = await started();
    const bad = await answer(
      url,
      ca,
      conversion('things.test.dev/v1', [
        object('v1alpha1', { size: '1' }),
        object('v1alpha1', { size: 'x' }, 'b'),
      ]),
    );
    expect(bad.status).toBe(200);
    expect(bad.review.response).toMatchObject({ convertedObjects: [], result: { status: 'Failure' } });
    expect(bad.review.response!.result.message).toBe(
      'failed to convert Thing ns/b from things.test.dev/v1alpha1 to things.test.dev/v1: spec.size "x" is not a number',
    );
    const unknown = await answer(url, ca, conversion('things.test.dev/v2', [object('v1', { size: 1 })]));
    expect(unknown.review.response!.result.message).toBe(
      'failed to convert Thing ns/a from things.test.dev/v1 to things.test.dev/v2: no converter for things.test.dev/v2; ' +
        'the hub is things.test.dev/v1 and the spokes with converters are things.test.dev/v1alpha1, things.test.dev/v1beta1',
    );
    const otherKind = await answer(
      url,
      ca,
      conversion('things.test.dev/v1', [{ ...object('v1alpha1', {}), kind: 'Other' }]),
    );
    expect(otherKind.review.response!.result.message).toMatch(/no converter serves Other of things.test.dev/);
  });

  it('refuses what is not a ConversionReview with 400 and other methods with 405, as controller-runtime', async () => {
    const { url, ca } = await started();
    const admission = await post(url, { apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview' }, ca);
    expect(admission.status).toBe(400);
    expect(admission.body).toMatch(/expected an apiextensions.k8s.io\/v1 ConversionReview/);
    const noVersion = await post(url, { ...conversion('', []) }, ca);
    expect([noVersion.status, noVersion.body]).toEqual([
      400,
      'the ConversionReview has no request.desiredAPIVersion\n',
    ]);
    expect((await post(url, '', ca, { method: 'GET' })).status).toBe(405);
  });

  it('counts calls under the admission webhooks\' controller-runtime names, with webhook="/convert"', async () => {
    const registry = new Registry();
    const { url, ca } = await started(registry);
    await post(url, conversion('things.test.dev/v1', [object('v1alpha1', { size: '1' })]), ca);
    await post(url, conversion('things.test.dev/v1', [object('v1alpha1', { size: 'x' })]), ca);
    await post(url, {}, ca);
    const text = await registry.metrics();
    expect(text).toContain('controller_runtime_webhook_requests_total{webhook="/convert",code="200"} 2');
    expect(text).toContain('controller_runtime_webhook_requests_total{webhook="/convert",code="400"} 1');
    expect(text).toContain('controller_runtime_webhook_latency_seconds_count{webhook="/convert"} 3');
    expect(text).toContain('controller_runtime_webhook_requests_in_flight{webhook="/convert"} 0');
  });

  it('points a CRD at its own URL and CA once started, or at a Service', async () => {
    const { server } = await started();
    expect(server.conversionForUrl()).toEqual({
      strategy: 'Webhook',
      webhook: {
        clientConfig: {
          url: `${server.url}/convert`,
          caBundle: Buffer.from(server.caBundle!).toString('base64'),
        },
        conversionReviewVersions: ['v1'],
      },
    });
    const service = conversionWebhook({ service: { namespace: 'sys', name: 'op', port: 443 } });
    expect(service.webhook.clientConfig).toEqual({
      service: { namespace: 'sys', name: 'op', port: 443, path: '/convert' },
    });
    expect(() => new WebhookServer().conversionForUrl()).toThrow(/the webhook server has not started/);
  });

  it('refuses inconsistent converters and builders, naming the fix', () => {
    const server = new WebhookServer({ registry: new Registry() });
    const alphaToV1 = ConversionBuilder.spoke(thing('v1alpha1')).hub(thing('v1')).build();
    server.registerConverter(alphaToV1, new AlphaConverter());
    expect(configurationError(() => server.registerConverter(alphaToV1, new BetaConverter()))).toBe(
      'failed to register converter BetaConverter of Thing things.test.dev/v1alpha1: AlphaConverter converts this version already',
    );
    const otherHub = ConversionBuilder.spoke(thing('v1beta1')).hub(thing('v2')).build();
    expect(configurationError(() => server.registerConverter(otherHub, new BetaConverter()))).toMatch(
      /convert to hub things.test.dev\/v1, not things.test.dev\/v2; a kind has one hub$/,
    );
    const beta = ConversionBuilder.spoke(thing('v1beta1')).hub(thing('v1')).build();
    expect(configurationError(() => server.registerConverter(beta, {} as never))).toMatch(
      /implement Convertible$/,
    );
    expect(configurationError(() => ConversionBuilder.spoke(thing('v1')).build())).toMatch(
      /name its hub version/,
    );
    expect(configurationError(() => ConversionBuilder.spoke(thing('v1')).hub(thing('v1')).build())).toMatch(
      /the spoke is the hub/,
    );
    expect(
      configurationError(() =>
        ConversionBuilder.spoke(thing('v1'))
          .hub({ ...thing('v2'), kind: 'Other' })
          .build(),
      ),
    ).toMatch(/its hub Other things.test.dev\/v2 is another kind/);
    const onConvertPath = WebhookBuilder.validating(thing('v1')).atPath(CONVERSION_PATH).build();
    expect(
      configurationError(() => server.register(onConvertPath, { validateCreate: () => undefined })),
    ).toMatch(/\/convert is where converters are served/);
  });
});

describe('ConversionAnnotations', () => {
  it('keeps data in an annotation and takes it back out, leaving the other annotations alone', () => {
    const obj: KubernetesObject = { metadata: { annotations: { other: 'x' } } };
    ConversionAnnotations.keep(obj, 'example.dev/kept', { notes: 'n', n: 1 });
    expect(obj.metadata!.annotations).toEqual({ other: 'x', 'example.dev/kept': '{"notes":"n","n":1}' });
    expect(ConversionAnnotations.take(obj, 'example.dev/kept')).toEqual({ notes: 'n', n: 1 });
    expect(obj.metadata!.annotations).toEqual({ other: 'x' });
    expect(ConversionAnnotations.take(obj, 'example.dev/kept')).toBeUndefined();
    const only: KubernetesObject = { metadata: {} };
    ConversionAnnotations.keep(only, 'k', 1);
    ConversionAnnotations.keep(only, 'k', undefined);
    expect(only.metadata).toEqual({});
  });

  it('names the annotation when its value is not JSON', () => {
    const obj: KubernetesObject = { metadata: { annotations: { 'example.dev/kept': '{oops' } } };
    let thrown: unknown;
    try {
      ConversionAnnotations.take(obj, 'example.dev/kept');
    } catch (err) {
      thrown = err;
    }
    expect(OperatorSdkError.is(thrown) && thrown.kind).toBe('Validation');
    expect((thrown as Error).message).toMatch(
      /^annotation metadata.annotations\["example.dev\/kept"\] is not the JSON a conversion wrote/,
    );
  });
});
