// The orchestrator as a pod on a real node, from its image: `npm run image`'s score-orchestrator:dev is
// saved (`docker save`) and imported into the node's containerd (there is no registry), then installed as
// the kustomize base renders it (its namespace, ServiceAccount, least-privilege RBAC, ConfigMap and the
// Deployment's restricted pod: non-root, read-only root filesystem) with only the image reference, the pull
// policy and one replica changed. The pod talks to the API server in-cluster (its mounted token, the
// `kubernetes` Service); it turns Ready by its /readyz probe and reconciles a Workload whose nginx really runs.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { CoreV1Api, type V1Pod } from '@kubernetes/client-node';
import { WorkloadKind } from '@score-orchestrator/api';
import { BuiltinKinds, KubeClient } from '@score-orchestrator/operator-sdk';
import { LocalCluster, eventually, realNodesUnavailable } from '@score-orchestrator/testing';

import { installForOrchestratorPod } from '../deploy/orchestrator-pod.js';
import { waitForReady } from '../golden-path/golden-path-cluster.js';
import { buildKustomizeBase, findObject, installNamespace } from '../deploy/rendered-manifests.js';
import { buildImage, dockerOn, imageTag, shopWorkload } from './image-fixtures.js';

jest.setTimeout(3_600_000);

const unavailable = realNodesUnavailable();
if (unavailable !== undefined && process.env.CI === 'true') {
  throw new Error(`the orchestrator-on-a-real-node test cannot run in CI: ${unavailable}`);
}
if (unavailable !== undefined)
  process.stderr.write(`skipping the orchestrator-on-a-real-node test: ${unavailable}\n`);

const exec = promisify(execFile);
const root = new URL('../../../', import.meta.url).pathname;
const team = 'shop';
const podLabels = 'app.kubernetes.io/name=score-orchestrator,app.kubernetes.io/component=controller';

/** The rendered Deployment's fields this test changes. */
interface DeploymentSpec {
  replicas?: number;
  template: { spec: { containers: Array<{ image?: string; imagePullPolicy?: string }> } };
}

(unavailable === undefined ? describe : describe.skip)('the orchestrator image on a real node', () => {
  let work: string | undefined;
  let cluster: LocalCluster | undefined;

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'orchestrator-pod-'));
    await exec('npx', ['tsc', '-b', 'packages/testing'], { cwd: root });
    const built = await buildImage();
    const archive = join(work, 'score-orchestrator.tar');
    await dockerOn(built.dockerHost)(['save', '--output', archive, imageTag]);
    process.stderr.write(`image ${imageTag}: build took ${built.seconds} s\n`);
    cluster = await LocalCluster.start({
      nodeKind: 'kubelet',
      images: ['pause', 'nginx-unprivileged'],
      imageArchives: [archive],
    });
  });

  afterAll(async () => {
    // stop() runs the real-node teardown: nothing the node made is left on the machine.
    await cluster?.stop();
    if (work !== undefined) await rm(work, { recursive: true, force: true });
  });

  it('runs as the rendered Deployment with in-cluster config, turns Ready and reconciles a Workload to Ready', async () => {
    const started = Date.now();
    const admin = new KubeClient(cluster!.kubeConfig, { fieldManager: 'image-test' });
    admin.registerKind(WorkloadKind);
    const core = cluster!.kubeConfig.makeApiClient(CoreV1Api);
    const rendered = await buildKustomizeBase();
    // No kubeconfig file: the pod gets its ServiceAccount's token mounted, as in any cluster.
    await installForOrchestratorPod(cluster!, admin, rendered, { team });
    const deployment = structuredClone(findObject(rendered, 'Deployment', 'score-orchestrator'));
    const spec = deployment.spec as DeploymentSpec;
    // One replica: leader election with a stand-by is another test's subject and costs a second pod here.
    spec.replicas = 1;
    const container = spec.template.spec.containers[0]!;
    container.image = imageTag;
    container.imagePullPolicy = 'Never';
    await admin.apply(deployment);

    const orchestratorPod = async (): Promise<V1Pod | undefined> =>
      (await core.listNamespacedPod({ namespace: installNamespace, labelSelector: podLabels })).items[0];
    const diagnose = async (err: Error): Promise<never> => {
      const pod = await orchestratorPod().catch(() => undefined);
      const logs =
        pod?.metadata?.name === undefined
          ? 'no pod'
          : await core
              .readNamespacedPodLog({ namespace: installNamespace, name: pod.metadata.name, tailLines: 40 })
              .catch((e: Error) => e.message);
      throw new Error(`${err.message}\npod status: ${JSON.stringify(pod?.status)}\n${String(logs)}`);
    };
    await admin.create(WorkloadKind, shopWorkload(team));
    await waitForReady(admin, team, 'shop').catch(diagnose);
    // The Workload's own pod runs on the node (nginx answered its readiness).
    const webPods = await admin.list<V1Pod>(BuiltinKinds.Pod, { namespace: team });
    expect(webPods.items.map((p) => p.status?.containerStatuses?.[0]?.ready)).toEqual([true]);
    // The orchestrator's pod is Ready by its /readyz probe, never restarted, and is what the rendering made.
    await eventually(
      async () =>
        (await orchestratorPod())?.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'),
      'the orchestrator pod Ready',
      { timeoutMs: 60_000 },
    ).catch(diagnose);
    const pod = (await orchestratorPod())!;
    const live = pod.spec!.containers[0]!;
    expect(live.readinessProbe?.httpGet?.path).toBe('/readyz');
    expect(pod.status?.containerStatuses?.[0]).toMatchObject({ ready: true, restartCount: 0 });
    expect(pod.spec?.nodeName).toBe(cluster!.nodeNames[0]);
    expect(pod.spec?.serviceAccountName).toBe('score-orchestrator');
    expect(pod.spec?.securityContext?.runAsNonRoot).toBe(true);
    expect(live.securityContext?.readOnlyRootFilesystem).toBe(true);
    expect(live.imagePullPolicy).toBe('Never');
    expect(live.image).toBe(imageTag);
    expect([...(live.args ?? []), ...(live.env ?? []).map((e) => e.name)].join(' ')).not.toMatch(
      /kubeconfig/i,
    );
    process.stderr.write(
      `orchestrator pod on a real node: Workload and pod Ready ${((Date.now() - started) / 1000).toFixed(1)} s after the install began\n`,
    );
  });
});
