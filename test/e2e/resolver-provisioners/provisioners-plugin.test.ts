// The provisioners plugin behind the real resolver host: a claim for a type served by a score-k8s
// provisioner file turns Bound, with outputs in its status and secret outputs in its Secret; a
// score-k8s-style service-port provisioner resolves another Workload's named port from `workload_services`
// and follows that Workload's changes; a failing cmd:// program's secrets on stderr reach no status or log.
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { KubernetesObject, V1Secret } from '@kubernetes/client-node';
import { ResourceClaimKind, WorkloadKind } from '@score-orchestrator/api';
import { createResolverHost } from '@score-orchestrator/plugin-host';
import { BuiltinKinds, createLogger, KubeClient, Manager } from '@score-orchestrator/operator-sdk';
import { provisionersPlugin } from '@score-orchestrator/resolver-provisioners';
import { ControlPlane, eventually } from '@score-orchestrator/testing';
import { Container } from 'inversify';

jest.setTimeout(300_000);

const crds = fileURLToPath(new URL('../../../crds', import.meta.url));
// score-k8s-style service-port and route provisioners (template://test/service-port, template://test/route).
const workloadServiceProvisioners = fileURLToPath(
  new URL(
    '../../../packages/resolver-provisioners/src/template-provisioner/fixtures/workload-services.provisioners.yaml',
    import.meta.url,
  ),
);
const namespace = 'plugin-e2e';
const leakedSecret = 'e2e-stderr-s3cret-value';

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
- uri: cmd://./leaky.mjs
  type: leaky
`;

// Prints a secret between two harmless lines on stderr and fails.
const leakyProgram = `#!/usr/bin/env node
process.stderr.write('connecting to the billing API\\nPGPASSWORD=${leakedSecret}\\nconnection refused\\n');
process.exit(2);
`;

interface ClaimStatus {
  phase?: string;
  message?: string;
  resolver?: string;
  outputs?: Record<string, unknown>;
  secretName?: string;
  secretOutputKeys?: string[];
}
type Claim = KubernetesObject & { status?: ClaimStatus };

describe('provisionersPlugin behind the resolver host', () => {
  let cp: ControlPlane;
  let manager: Manager;
  let client: KubeClient;
  let dir: string;
  const logs: string[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'provisioners-'));
    await writeFile(join(dir, 'e2e.provisioners.yaml'), provisioners);
    await writeFile(join(dir, 'leaky.mjs'), leakyProgram);
    await chmod(join(dir, 'leaky.mjs'), 0o755);
    cp = await ControlPlane.start({ crds });
    client = new KubeClient(cp.kubeConfig, { fieldManager: 'e2e' });
    await client.create(BuiltinKinds.Namespace, { metadata: { name: namespace } });
    const plugin = provisionersPlugin({
      files: [join(dir, 'e2e.provisioners.yaml'), workloadServiceProvisioners],
    });
    const container = new Container();
    createResolverHost(plugin.resolvers ?? []).bind(container);
    const stream = new PassThrough();
    stream.on('data', (chunk: Buffer) => logs.push(chunk.toString()));
    manager = Manager.create({
      container,
      kubeConfig: cp.kubeConfig,
      probePort: false,
      logger: createLogger({ stream, level: 'debug' }),
      shutdownTimeoutMs: 5_000,
    });
    await manager.start();
  });
  afterAll(async () => {
    await manager?.stop();
    await cp?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  const workload = (name: string, ports: Record<string, { port: number; targetPort?: number }>) =>
    client.create<KubernetesObject>(WorkloadKind, {
      apiVersion: 'score.dev/v1b1',
      kind: 'Workload',
      metadata: { name, namespace },
      spec: { containers: { main: { image: 'nginx' } }, service: { ports } },
    } as KubernetesObject);
  const claim = (name: string, type: string, params: Record<string, unknown>, owner?: KubernetesObject) =>
    client.create(ResourceClaimKind, {
      apiVersion: 'score.dev/v1b1',
      kind: 'ResourceClaim',
      metadata: {
        name,
        namespace,
        ...(owner && {
          ownerReferences: [
            {
              apiVersion: 'score.dev/v1b1',
              kind: 'Workload',
              name: owner.metadata!.name!,
              uid: owner.metadata!.uid!,
            },
          ],
        }),
      },
      spec: { type, class: 'default', params, deprovisionPolicy: 'Delete' },
    } as KubernetesObject);
  const status = (name: string, what: string, until: (s: ClaimStatus) => boolean) =>
    eventually(
      async () => {
        const found = await client.get<Claim>(ResourceClaimKind, { namespace, name });
        return found?.status && until(found.status) ? found.status : undefined;
      },
      what,
      { timeoutMs: 60_000 },
    );

  it('binds a claim with outputs in its status and the secret output in its outputs Secret', async () => {
    await claim('web-jobs', 'queue', {});
    const bound = await status('web-jobs', 'the claim to be Bound', (s) => s.phase === 'Bound');
    expect(bound.resolver).toBe('provisioners-queue');
    expect(bound.outputs).toEqual({ name: expect.stringMatching(/^q-[0-9a-f]{8}$/) });
    expect(bound.secretOutputKeys).toEqual(['key']);
    const outputs = await client.get<V1Secret>(BuiltinKinds.Secret, { namespace, name: bound.secretName! });
    const backing = await client.get<V1Secret>(BuiltinKinds.Secret, {
      namespace,
      name: String(bound.outputs?.name),
    });
    expect(outputs?.data?.key).toBe(backing?.data?.key);
    expect(Buffer.from(outputs?.data?.key ?? '', 'base64').toString()).toMatch(/^[A-Za-z0-9]{20}$/);
  });

  it("service-port resolves another Workload's named port and follows changes of that Workload", async () => {
    const frontend = await workload('frontend', { http: { port: 80 } });
    await workload('backend', { web: { port: 8080, targetPort: 3000 } });
    await claim('frontend-backend', 'service-port', { workload: 'backend', port: 'web' }, frontend);
    const bound = await status(
      'frontend-backend',
      'the service-port claim to be Bound',
      (s) => s.phase === 'Bound',
    );
    expect(bound.outputs).toEqual({ hostname: 'backend', port: 3000 });

    // A new target port on the backend re-provisions the claim: the resolver watches Workloads.
    await client.patch(
      WorkloadKind,
      { namespace, name: 'backend' },
      { spec: { service: { ports: { web: { port: 8080, targetPort: 3100 } } } } },
    );
    await status(
      'frontend-backend',
      'the claim to follow the new target port',
      (s) => s.outputs?.port === 3100,
    );
  });

  it('service-port waits for a Workload that does not exist yet, then resolves it', async () => {
    const frontend = await client.get<KubernetesObject>(WorkloadKind, { namespace, name: 'frontend' });
    await claim('frontend-later', 'service-port', { workload: 'later', port: 'api' }, frontend);
    const failed = await status('frontend-later', 'the claim to fail', (s) => s.phase === 'Failed');
    expect(failed.message).toContain('template://test/service-port');
    expect(failed.message).toContain('unknown workload');

    await workload('later', { api: { port: 9000 } });
    const bound = await status(
      'frontend-later',
      'the claim to be Bound once the Workload exists',
      (s) => s.phase === 'Bound',
    );
    expect(bound.outputs).toEqual({ hostname: 'later', port: 9000 });
  });

  it("a failing cmd:// program's stderr reaches status and logs only without its secret lines", async () => {
    await claim('web-leaky', 'leaky', {});
    const failing = await status('web-leaky', 'the cmd failure in the claim status', (s) =>
      Boolean(s.message?.includes('exited with code 2')),
    );
    expect(failing.message).toBe(
      'resolver provisioners-leaky failed to provision: failed to execute cmd provisioner cmd://./leaky.mjs: exited with code 2; fix the program or its input (a provisioner exits 0 and prints its output as JSON on stdout); stderr (1 line that may hold secrets removed): connecting to the billing API | connection refused',
    );
    await eventually(() => logs.join('').includes('cmd://./leaky.mjs'), 'the failure in the logs');
    expect(logs.join('')).not.toContain(leakedSecret);
    const events = await client.list<KubernetesObject>(BuiltinKinds.Event, { namespace });
    expect(JSON.stringify(events.items)).not.toContain(leakedSecret);
  });
});
