// Score values Kubernetes spells differently, on a real kube-apiserver: the Deployment the mapping writes is
// accepted, where the value as Score writes it would be refused on every retry.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { V1Deployment } from '@kubernetes/client-node';
import { BuiltinKinds, KubeClient, type KubeApiError } from '@score-orchestrator/operator-sdk';
import { ControlPlane } from '@score-orchestrator/testing';
import { webPlan } from './fixtures/plan-fixtures.js';
import type { PlanObject } from './plan-object.js';
import { planToManifests } from './workload-manifests.js';

let controlPlane: ControlPlane;
let client: KubeClient;

beforeAll(async () => {
  controlPlane = await ControlPlane.start();
  client = new KubeClient(controlPlane.kubeConfig, { fieldManager: 'test' });
}, 120_000);

afterAll(async () => {
  await controlPlane?.stop();
}, 60_000);

const deploymentOf = (plan: PlanObject) =>
  planToManifests(plan, { defaultReplicas: 1 }).workload as V1Deployment;

/** The API server's verdict on creating `deployment` (dry run): 'accepted' or its message. */
async function verdict(deployment: V1Deployment): Promise<string> {
  const obj = {
    ...deployment,
    metadata: { ...deployment.metadata, namespace: 'default', ownerReferences: [] },
  };
  try {
    await client.create(BuiltinKinds.Deployment, obj, { dryRun: true });
    return 'accepted';
  } catch (err) {
    return (err as KubeApiError).message;
  }
}

/** `deployment` with its first container changed by `edit` (to write a value as Score spells it). */
function withContainer(deployment: V1Deployment, edit: (c: Record<string, unknown>) => void): V1Deployment {
  const copy = structuredClone(deployment);
  edit(copy.spec!.template.spec!.containers[0] as unknown as Record<string, unknown>);
  return copy;
}

describe('values Kubernetes spells differently from Score', () => {
  it("memory in Score's kilobytes (K) becomes Kubernetes' k", async () => {
    const deployment = deploymentOf(webPlan({ resources: { limits: { memory: '512K' } } }));
    expect(await verdict(deployment)).toBe('accepted');
    const asWritten = withContainer(deployment, (c) => {
      c['resources'] = { limits: { memory: '512K' } };
    });
    expect(await verdict(asWritten)).toMatch(/unable to parse quantity's suffix|quantities must match/);
  });

  it('a volume sub path written from the root ("/sub/path") becomes relative', async () => {
    const plan = webPlan({ volumes: [{ target: '/data', source: 'data-pvc', path: '/sub/path' }] });
    const deployment = deploymentOf(plan);
    expect(await verdict(deployment)).toBe('accepted');
    const asWritten = withContainer(deployment, (c) => {
      (c['volumeMounts'] as { subPath?: string }[])[0]!.subPath = '/sub/path';
    });
    expect(await verdict(asWritten)).toMatch(/subPath.*must be a relative path/);
  });
});
