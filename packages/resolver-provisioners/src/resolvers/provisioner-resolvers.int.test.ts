// The resolvers made from a provisioner file, against a real API server: a template:// and a cmd://
// provisioner provision real ResourceClaims, apply manifests the claim owns, keep state across provisions.
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { KubernetesObject, V1ConfigMap, V1Secret } from '@kubernetes/client-node';
import {
  readResolverOptions,
  ResourceClaimKind,
  WorkloadKind,
  type Resolver,
  type ResolverContext,
  type ResourceRequest,
} from '@score-orchestrator/api';
import {
  BuiltinKinds,
  createLogger,
  getControllerOf,
  KubeClient,
  SharedCache,
} from '@score-orchestrator/operator-sdk';
import { ControlPlane } from '@score-orchestrator/testing';
import { loadProvisionerFile } from '../provisioner-file/load-provisioner-file.js';
import { claimStateSecretName } from '../state/claim-state.js';
import { SHARED_STATE_SECRET } from '../state/shared-state.js';
import { createProvisionerResolvers } from './create-provisioner-resolvers.js';

const crds = fileURLToPath(new URL('../../../../crds', import.meta.url));
const fixtures = fileURLToPath(new URL('../cmd/fixtures/', import.meta.url));
const namespace = 'provisioners';

// A provisioner file of our own, in score-k8s's format.
const provisionersYaml = `
- uri: template://test/kv-store
  type: kv-store
  description: A key-value store per claim, with a generated password.
  init: |
    randomPassword: {{ randAlphaNum 12 | quote }}
  state: |
    service: kv-{{ .SourceWorkload }}-{{ substr 0 8 .Guid | lower }}
    password: {{ dig "password" .Init.randomPassword .State | quote }}
    provisions: {{ default 0 .State.provisions | add 1 }}
  shared: |
    kvStores: {{ default 0 .Shared.kvStores | add (ternary 1 0 (eq (default 0 .State.provisions | int) 1)) }}
  outputs: |
    host: {{ .State.service }}
    port: 7000
    provisions: {{ .State.provisions }}
    password: {{ encodeSecretRef .State.service "password" }}
    url: "kv://{{ .State.service }}:{{ encodeSecretRef .State.service "password" }}@{{ .State.service }}:7000"
  manifests: |
    - apiVersion: v1
      kind: Secret
      metadata:
        name: {{ .State.service }}
      data:
        password: {{ .State.password | b64enc }}
    {{- if .Params.withConfig }}
    - apiVersion: v1
      kind: ConfigMap
      metadata:
        name: {{ .State.service }}-config
      data:
        uid: {{ .Uid | quote }}
    {{- end }}
- uri: cmd://./echo-provisioner.mjs
  type: token
  args: ["echo", "{{ .Class }}"]
- uri: template://test/peer
  type: peer
  outputs: |
    {{ $w := index .WorkloadServices .Params.workload }}
    host: {{ $w.ServiceName }}
    port: {{ (index $w.Ports .Params.port).Port }}
`;

describe('provisioner resolvers on a real API server', () => {
  let cp: ControlPlane;
  let client: KubeClient;
  let kvStore: Resolver;
  let token: Resolver;
  let peer: Resolver;
  const context = (): ResolverContext => ({
    client,
    cache: new SharedCache({ client }),
    logger: createLogger({ silent: true }),
    existingSecretOutputs: {},
    signal: new AbortController().signal,
  });

  beforeAll(async () => {
    cp = await ControlPlane.start({ crds });
    client = new KubeClient(cp.kubeConfig, { fieldManager: 'resolver-provisioners-test' });
    await client.create(BuiltinKinds.Namespace, { metadata: { name: namespace } });
    const classes = createProvisionerResolvers(loadProvisionerFile(provisionersYaml, { baseDir: fixtures }));
    expect(classes.map((cls) => readResolverOptions(cls)?.name)).toEqual([
      'provisioners-kv-store',
      'provisioners-token',
      'provisioners-peer',
    ]);
    [kvStore, token, peer] = classes.map((cls) => new cls() as Resolver) as [Resolver, Resolver, Resolver];
  });
  afterAll(() => cp?.stop());

  async function claim(
    name: string,
    type: string,
    params: Record<string, unknown> = {},
  ): Promise<ResourceRequest> {
    const created = await client.create<KubernetesObject>(ResourceClaimKind, {
      apiVersion: 'score.dev/v1b1',
      kind: 'ResourceClaim',
      metadata: {
        name,
        namespace,
        ownerReferences: [
          {
            apiVersion: 'score.dev/v1b1',
            kind: 'Workload',
            name: 'web',
            uid: '0c0ffee0-0000-4000-8000-000000000001',
          },
        ],
      },
      spec: { type, class: 'default', params, deprovisionPolicy: 'Delete' },
    } as KubernetesObject);
    return request(created, params);
  }
  const request = (obj: KubernetesObject, params: Record<string, unknown>): ResourceRequest => ({
    type: (obj as unknown as { spec: { type: string } }).spec.type,
    class: 'default',
    params,
    metadata: {},
    namespace,
    claimName: obj.metadata!.name!,
    claim: obj,
    deprovisionPolicy: 'Delete',
  });
  const get = <T extends KubernetesObject>(
    kind: typeof BuiltinKinds.Secret | typeof BuiltinKinds.ConfigMap,
    name: string,
  ) => client.get<T>(kind, { namespace, name });
  const decoded = (secret: V1Secret | undefined, key: string) =>
    Buffer.from(secret?.data?.[key] ?? '', 'base64').toString();

  it('template://: outputs, secret outputs, manifests owned by the claim, state kept across provisions', async () => {
    const req = await claim('web-cache', 'kv-store', { withConfig: true });
    const uid = req.claim.metadata!.uid!;
    const service = `kv-web-${uid.slice(0, 8)}`;

    const first = await kvStore.provision(req, context());
    expect(first.ready).toBe(true);
    expect(first.outputs).toEqual({ host: service, port: 7000, provisions: 1 });
    const password = first.secretOutputs?.password ?? '';
    expect(password).toMatch(/^[A-Za-z0-9]{12}$/);
    expect(first.secretOutputs?.url).toBe(`kv://${service}:${password}@${service}:7000`);

    const secret = await get<V1Secret>(BuiltinKinds.Secret, service);
    expect(decoded(secret, 'password')).toBe(password);
    expect(getControllerOf(secret!)?.uid).toBe(uid);
    const config = await get<V1ConfigMap>(BuiltinKinds.ConfigMap, `${service}-config`);
    expect(config?.data).toEqual({ uid: 'kv-store.default#web.cache' });
    expect(getControllerOf(config!)?.uid).toBe(uid);
    const state = await get<V1Secret>(BuiltinKinds.Secret, claimStateSecretName('web-cache'));
    expect(getControllerOf(state!)?.uid).toBe(uid);
    expect(JSON.parse(decoded(state, 'state'))).toEqual({ service, password, provisions: 1 });

    // Provisioning again keeps the generated password (state persisted) and advances the counter.
    const second = await kvStore.provision({ ...req, params: {} }, context());
    expect(second.outputs).toEqual({ host: service, port: 7000, provisions: 2 });
    expect(second.secretOutputs?.password).toBe(password);
    // The ConfigMap is no longer rendered: pruned.
    expect(await get(BuiltinKinds.ConfigMap, `${service}-config`)).toBeUndefined();
  });

  it('template://: shared state is shared by the claims of a namespace', async () => {
    const shared = async () =>
      JSON.parse(decoded(await get<V1Secret>(BuiltinKinds.Secret, SHARED_STATE_SECRET), 'shared')) as Record<
        string,
        unknown
      >;
    expect(await shared()).toEqual({ kvStores: 1 });
    const req = await claim('api-cache', 'kv-store');
    await kvStore.provision(req, context());
    expect(await shared()).toEqual({ kvStores: 2 });
  });

  it('cmd://: the JSON contract end to end, with state, shared state and a secret output', async () => {
    const req = await claim('web-token', 'token', { who: 'ops' });
    const uid = req.claim.metadata!.uid!;
    const first = await token.provision(req, context());
    expect(first.outputs).toEqual({
      uid: 'token.default#web.token',
      type: 'token',
      id: 'web.token',
      greeting: 'hello ops',
      count: 1,
      arg: 'default',
    });
    expect(first.secretOutputs).toEqual({ token: `tok-${uid}` });
    const secret = await get<V1Secret>(BuiltinKinds.Secret, `cmd-${uid.slice(0, 8)}`);
    expect(decoded(secret, 'token')).toBe(`tok-${uid}`);
    expect(getControllerOf(secret!)?.uid).toBe(uid);

    const second = await token.provision(req, context());
    expect(second.outputs?.count).toBe(2);
  });

  it("workload_services: without a Workload cache, the namespace's Workloads are read from the API", async () => {
    await client.create(WorkloadKind, {
      apiVersion: 'score.dev/v1b1',
      kind: 'Workload',
      metadata: { name: 'api', namespace },
      spec: { containers: { main: { image: 'nginx' } }, service: { ports: { grpc: { port: 9090 } } } },
    } as KubernetesObject);
    const result = await peer.provision(
      await claim('web-peer', 'peer', { workload: 'api', port: 'grpc' }),
      context(),
    );
    expect(result.outputs).toEqual({ host: 'api', port: 9090 });
  });

  it('deprovision with Retain keeps what was created, without the claim as owner', async () => {
    const req = await claim('keep-token', 'token');
    const uid = req.claim.metadata!.uid!;
    await token.provision(req, context());
    await token.deprovision!({ ...req, deprovisionPolicy: 'Retain' }, context());
    const secret = await get<V1Secret>(BuiltinKinds.Secret, `cmd-${uid.slice(0, 8)}`);
    expect(secret).toBeDefined();
    expect(secret?.metadata?.ownerReferences ?? []).toEqual([]);
  });
});
