// The provisioners plugin behind the real resolver host: a claim for a type served by a score-k8s
// provisioner file turns Bound, with outputs in its status and secret outputs in its Secret.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { KubernetesObject, V1Secret } from '@kubernetes/client-node';
import { createResolverHost, ResourceClaimKind } from '@score-orchestrator/api';
import { BuiltinKinds, createLogger, KubeClient, Manager } from '@score-orchestrator/operator-sdk';
import { provisionersPlugin } from '@score-orchestrator/resolver-provisioners';
import { ControlPlane } from '@score-orchestrator/testing';
import { Container } from 'inversify';

jest.setTimeout(300_000);

const crds = fileURLToPath(new URL('../../../crds', import.meta.url));
const namespace = 'plugin-e2e';

const provisioners = `
- uri: template://e2e/queue
  type: queue
  init: |
    key: {{ randAlphaNum 20 | quote }}
  state: |
    name: q-{{ substr 0 8 .Guid }}
    key: {{ dig "key" .Init.key .State | quote }}
  outputs: |
    name: {{ .State.name }}
    key: {{ encodeSecretRef .State.name "key" }}
  manifests: |
    - apiVersion: v1
      kind: Secret
      metadata:
        name: {{ .State.name }}
      stringData:
        key: {{ .State.key | quote }}
`;

interface ClaimStatus {
  phase?: string;
  resolver?: string;
  outputs?: Record<string, unknown>;
  secretName?: string;
  secretOutputKeys?: string[];
}

async function eventually<T>(probe: () => Promise<T | undefined>, what: string): Promise<T> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('provisionersPlugin behind the resolver host', () => {
  let cp: ControlPlane;
  let manager: Manager;
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'provisioners-'));
    await writeFile(join(dir, 'e2e.provisioners.yaml'), provisioners);
    cp = await ControlPlane.start({ crds });
    const plugin = provisionersPlugin({ files: [join(dir, 'e2e.provisioners.yaml')] });
    const container = new Container();
    createResolverHost(plugin.resolvers ?? []).bind(container);
    manager = Manager.create({
      container,
      kubeConfig: cp.kubeConfig,
      probePort: false,
      logger: createLogger({ silent: true }),
      shutdownTimeoutMs: 5_000,
    });
    await manager.start();
  });
  afterAll(async () => {
    await manager?.stop();
    await cp?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('binds a claim with outputs in its status and the secret output in its outputs Secret', async () => {
    const client = new KubeClient(cp.kubeConfig, { fieldManager: 'e2e' });
    await client.create(BuiltinKinds.Namespace, { metadata: { name: namespace } });
    await client.create(ResourceClaimKind, {
      apiVersion: 'score.dev/v1b1',
      kind: 'ResourceClaim',
      metadata: { name: 'web-jobs', namespace },
      spec: { type: 'queue', class: 'default', params: {}, deprovisionPolicy: 'Delete' },
    } as KubernetesObject);
    const status = await eventually(async () => {
      const claim = await client.get<KubernetesObject & { status?: ClaimStatus }>(ResourceClaimKind, {
        namespace,
        name: 'web-jobs',
      });
      return claim?.status?.phase === 'Bound' ? claim.status : undefined;
    }, 'the claim to be Bound');
    expect(status.resolver).toBe('provisioners-queue');
    expect(status.outputs).toEqual({ name: expect.stringMatching(/^q-[0-9a-f]{8}$/) });
    expect(status.secretOutputKeys).toEqual(['key']);
    const outputs = await client.get<V1Secret>(BuiltinKinds.Secret, { namespace, name: status.secretName! });
    const backing = await client.get<V1Secret>(BuiltinKinds.Secret, {
      namespace,
      name: String(status.outputs?.name),
    });
    expect(outputs?.data?.key).toBe(backing?.data?.key);
    expect(Buffer.from(outputs?.data?.key ?? '', 'base64').toString()).toMatch(/^[A-Za-z0-9]{20}$/);
  });
});
