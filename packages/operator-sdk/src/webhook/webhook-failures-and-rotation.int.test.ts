// A WebhookServer built without decorators (WebhookBuilder), called by a real kube-apiserver: a handler that
// outlives timeoutSeconds refuses the request under failurePolicy Fail and admits it under Ignore; a
// certificate swapped in the mounted directory is served without a restart, and the API server's next call
// handshakes with it (a certificate from a CA outside the bundle fails that call, the right one passes).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { KubernetesObject } from '@kubernetes/client-node';
import { BuiltinKinds } from '../api/builtin-kinds.js';
import { KubeApiError } from '../client/kube-api.error.js';
import {
  eventually,
  sleep,
  startTestCluster,
  type TestCluster,
} from '../manager/fixtures/integration-harness.js';
import type { AdmissionContext } from './admission-context.js';
import type { CustomValidator } from './custom-validator.interface.js';
import { fingerprintOf, servedFingerprint } from './fixtures/admission-client.js';
import { SecretVolume } from './fixtures/secret-volume.js';
import { SelfSignedIssuer } from './tls/self-signed-issuer.js';
import { WebhookBuilder } from './webhook-builder.js';
import { generateWebhookConfigurations } from './webhook-configuration.js';
import { WebhookServer } from './webhook-server.js';

const NS = 'webhook-failures';

/** Records every ConfigMap it is asked about; takes 5 s (or until the API server hangs up) when told to. */
class RecordingValidator implements CustomValidator {
  readonly seen: string[] = [];
  readonly abandoned: string[] = [];
  async validateCreate(obj: KubernetesObject, ctx: AdmissionContext) {
    const name = obj.metadata?.name ?? '';
    this.seen.push(name);
    if (obj.metadata?.labels?.slow !== 'true') return undefined;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 5_000);
      ctx.signal.addEventListener('abort', () => (clearTimeout(timer), this.abandoned.push(name), resolve()));
    });
    return undefined;
  }
}

const configMap = (name: string, labels: Record<string, string>) => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { namespace: NS, name, labels },
});

describe('webhook failure policies and certificate rotation on a real API server', () => {
  let cluster: TestCluster;
  let volume: SecretVolume;
  let server: WebhookServer;
  const validator = new RecordingValidator();
  const [ca1, ca2, stranger] = [
    SelfSignedIssuer.create('ca-one'),
    SelfSignedIssuer.create('ca-two'),
    SelfSignedIssuer.create('not-in-the-bundle'),
  ];
  const issue = async (issuer: Promise<SelfSignedIssuer>) => {
    const { cert, key } = await (await issuer).issue(['localhost', '127.0.0.1'], 3600_000);
    return { 'tls.crt': cert, 'tls.key': key };
  };
  const create = (name: string, labels: Record<string, string>) =>
    cluster.client.create(BuiltinKinds.ConfigMap, configMap(name, labels));

  beforeAll(async () => {
    cluster = await startTestCluster();
    await cluster.namespace(NS);
    volume = await SecretVolume.create();
    await volume.project(await issue(ca1));
    // #region builder
    server = new WebhookServer({ port: 0, host: '127.0.0.1', certDir: volume.dir });
    // One handler, three webhooks: the builder gives each its own name, path, policy and selector.
    const webhook = (name: string, policy: 'Fail' | 'Ignore', selector: Record<string, string>) =>
      WebhookBuilder.validating(BuiltinKinds.ConfigMap)
        .named(`${name}.webhooks.test.dev`)
        .atPath(`/${name}`)
        .forOperations('CREATE')
        .withFailurePolicy(policy)
        .withTimeout(1)
        .withNamespaceSelector({ matchLabels: { 'kubernetes.io/metadata.name': NS } })
        .withObjectSelector({ matchLabels: selector })
        .build();
    server.register(webhook('slow-fail', 'Fail', { policy: 'fail' }), validator);
    server.register(webhook('slow-ignore', 'Ignore', { policy: 'ignore' }), validator);
    server.register(webhook('rotation', 'Fail', { rotation: 'yes' }), validator);
    await server.start();
    // #endregion builder
    const bundle = (await ca1).caCertificate + (await ca2).caCertificate;
    const [configuration] = generateWebhookConfigurations(server.definitions, {
      name: 'failures-and-rotation',
      clientConfig: { url: server.url! },
      caBundle: bundle,
    });
    await cluster.client.apply(configuration);
    await eventually(async () => {
      await create(`probe-${Date.now()}`, { rotation: 'yes' });
      return validator.seen.some((name) => name.startsWith('probe-'));
    }, 'the webhook configuration to take effect');
  });

  afterAll(async () => {
    await server?.stop();
    await cluster?.stop();
    await volume?.remove();
  });

  it('refuses the request when the webhook times out under failurePolicy Fail', async () => {
    const err = (await create('slow-fail', { policy: 'fail', slow: 'true' }).catch(
      (e: unknown) => e,
    )) as KubeApiError;
    expect(err).toBeInstanceOf(KubeApiError);
    expect(err.message).toMatch(
      /failed calling webhook "slow-fail\.webhooks\.test\.dev".*(deadline exceeded|timeout)/i,
    );
    expect(
      await cluster.client.get(BuiltinKinds.ConfigMap, { namespace: NS, name: 'slow-fail' }),
    ).toBeUndefined();
    // The API server hung up after its timeoutSeconds; the handler's signal told it so.
    await eventually(() => validator.abandoned.includes('slow-fail'), 'the handler to see the abort');
  });

  it('admits the request when the webhook times out under failurePolicy Ignore', async () => {
    const created = await create('slow-ignore', { policy: 'ignore', slow: 'true' });
    expect(created.metadata?.name).toBe('slow-ignore');
    expect(validator.seen).toContain('slow-ignore');
  });

  it('serves a swapped certificate without a restart, and the API server handshakes with it next', async () => {
    const port = server.address!.port;
    const ca = (await ca1).caCertificate + (await ca2).caCertificate;
    const swapTo = async (files: Record<string, string>) => {
      await volume.project(files);
      const expected = fingerprintOf(files['tls.crt']);
      await eventually(
        async () => (await servedFingerprint(port, ca + (await stranger).caCertificate)) === expected,
        'the new certificate to be served',
      );
    };
    await create('before-rotation', { rotation: 'yes' });

    await swapTo(await issue(ca2));
    await create('after-rotation', { rotation: 'yes' });
    expect(validator.seen).toContain('after-rotation');

    // A certificate whose CA is not in the bundle: the API server's next call must fail the handshake.
    await swapTo(await issue(stranger));
    const err = (await create('untrusted', { rotation: 'yes' }).catch((e: unknown) => e)) as KubeApiError;
    expect(err.message).toMatch(/failed calling webhook "rotation\.webhooks\.test\.dev".*x509/);
    expect(validator.seen).not.toContain('untrusted');

    await swapTo(await issue(ca2));
    await sleep(100);
    await create('trusted-again', { rotation: 'yes' });
    expect(validator.seen).toContain('trusted-again');
  });
});
