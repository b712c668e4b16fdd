import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { KubernetesObject } from '@kubernetes/client-node';
import { KubeClient, type ResourceKind } from '@score-orchestrator/operator-sdk';
import { ControlPlane } from '@score-orchestrator/testing';
import { parseAllDocuments } from 'yaml';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const WorkloadKind: ResourceKind = {
  apiVersion: 'score.dev/v1b1',
  kind: 'Workload',
  plural: 'workloads',
  namespaced: true,
};

function workload(
  name: string,
  images: Record<string, string>,
  labels: Record<string, string> = { team: 'payments' },
) {
  const containers = Object.fromEntries(Object.entries(images).map(([c, image]) => [c, { image }]));
  return {
    apiVersion: 'score.dev/v1b1',
    kind: 'Workload',
    metadata: { name, namespace: 'default', labels },
    spec: { containers },
  };
}

describe('ValidatingAdmissionPolicy samples on a real API server', () => {
  let cp: ControlPlane;
  let client: KubeClient;

  /** Dry-run creates `obj`; resolves with the refusal message, or undefined when admitted. */
  async function refusal(obj: KubernetesObject): Promise<string | undefined> {
    try {
      await client.create(WorkloadKind, obj, { dryRun: true });
      return undefined;
    } catch (err) {
      return (err as Error).message;
    }
  }

  /** Policies take a moment to reach the admission plugin: wait until a known violation is refused. */
  async function untilEnforced(probe: KubernetesObject): Promise<void> {
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      if (await refusal(probe)) return;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error('policy was not enforced within 30 s');
  }

  beforeAll(async () => {
    cp = await ControlPlane.start({ crds: here('../../../crds') });
    client = new KubeClient(cp.kubeConfig, { fieldManager: 'policy-test' });
    for (const file of ['no-latest-tag.yaml', 'allowed-image-registries.yaml', 'required-team-label.yaml']) {
      for (const doc of parseAllDocuments(await readFile(here(`../${file}`), 'utf8'))) {
        await client.apply(doc.toJS() as KubernetesObject);
      }
    }
    await untilEnforced(workload('probe', { web: 'registry.example.com/web' }, {}));
  });

  afterAll(async () => {
    await cp?.stop();
  });

  it('admits a Workload that follows every policy', async () => {
    expect(
      await refusal(
        workload('ok', {
          web: 'registry.example.com/shop/web:1.4.2',
          side: 'ghcr.io/example-org/proxy@sha256:abc',
        }),
      ),
    ).toBeUndefined();
  });

  it.each([
    ['an explicit latest tag', 'registry.example.com/web:latest'],
    ['no tag at all', 'registry.example.com/web'],
    ['a registry port but no tag', 'registry.example.com:5000/web'],
  ])('refuses %s, naming the container and image', async (_case, image) => {
    const message = await refusal(workload('unpinned', { web: image }));
    expect(message).toContain('ValidatingAdmissionPolicy');
    expect(message).toContain(`container web uses image ${image}: pin a tag other than latest`);
  });

  it('refuses images from registries that are not allowed', async () => {
    const message = await refusal(workload('elsewhere', { api: 'docker.io/library/nginx:1.27' }));
    expect(message).toContain(
      'container api uses image docker.io/library/nginx:1.27 from a registry that is not allowed',
    );
    expect(message).toContain('registry.example.com/, registry.example.com:5000/, ghcr.io/example-org/');
  });

  it.each([
    ['no labels', undefined],
    ['an empty team label', { team: '' }],
    ['other labels only', { app: 'shop' }],
  ])('refuses a Workload with %s', async (_case, labels) => {
    const obj = workload(
      'unowned',
      { web: 'registry.example.com/web:1.0' },
      labels as Record<string, string>,
    );
    if (!labels) delete (obj.metadata as { labels?: unknown }).labels;
    expect(await refusal(obj)).toContain("Workloads need a 'team' label");
  });
});
