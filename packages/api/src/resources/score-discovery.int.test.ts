// What kubectl sees of the Score kinds, from a real kube-apiserver's discovery: the short names and the
// `score` category the docs' commands use, that they resolve to the Score kinds only (kubectl expands a
// category and a short name from discovery, across every group), and why a bare `resourceclaims` does not.
import { execFile, spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ApisApi, CoreV1Api, CustomObjectsApi, type V1APIResource } from '@kubernetes/client-node';
import { generateCrd, KubeClient, BuiltinKinds, renderCrdYaml } from '@score-orchestrator/operator-sdk';
import { ControlPlane } from '@score-orchestrator/testing';
import { ResourceClaim } from './resource-claim.resource.js';
import { ResourceClaimKind, WorkloadKind, WorkloadPlanKind } from './resource-kinds.js';
import { WorkloadPlan } from './workload-plan.resource.js';
import { Workload } from './workload.resource.js';

/** One resource as discovery lists it, with the group it belongs to (`''` for the core group). */
interface Discovered extends V1APIResource {
  readonly group: string;
}

let controlPlane: ControlPlane;
let served: Discovered[];

async function discoverEverything(): Promise<Discovered[]> {
  const kc = controlPlane.kubeConfig;
  const core = await kc.makeApiClient(CoreV1Api).getAPIResources();
  const all: Discovered[] = core.resources.map((r) => ({ ...r, group: '' }));
  const objects = kc.makeApiClient(CustomObjectsApi);
  for (const group of (await kc.makeApiClient(ApisApi).getAPIVersions()).groups) {
    for (const { version } of group.versions) {
      const list = await objects.getAPIResources({ group: group.name, version });
      all.push(...list.resources.map((r) => ({ ...r, group: group.name })));
    }
  }
  // Subresources (`workloads/status`) are not what a command names.
  return all.filter((r) => !r.name.includes('/'));
}

const fullName = (r: Discovered) => (r.group === '' ? r.name : `${r.name}.${r.group}`);
const unique = (names: string[]) => [...new Set(names)].sort();

beforeAll(async () => {
  const dir = await mkdtemp(join(tmpdir(), 'score-discovery-crds-'));
  for (const cls of [Workload, ResourceClaim, WorkloadPlan]) {
    await writeFile(join(dir, `${cls.name}.yaml`), renderCrdYaml(generateCrd(cls)));
  }
  controlPlane = await ControlPlane.start({ crds: dir });
  await rm(dir, { recursive: true, force: true });
  served = await discoverEverything();
}, 120_000);

afterAll(async () => {
  await controlPlane?.stop();
}, 60_000);

describe('discovery of score.dev/v1b1', () => {
  it('lists the short names and categories of each Score kind', () => {
    const score = served.filter((r) => r.group === 'score.dev');
    expect(score.map(({ name, shortNames, categories }) => ({ name, shortNames, categories }))).toEqual(
      expect.arrayContaining([
        { name: 'workloads', shortNames: ['wl'], categories: ['score'] },
        {
          name: 'resourceclaims',
          shortNames: ['sclaim', 'scoreclaim'],
          categories: ['score', 'score-internal'],
        },
        {
          name: 'workloadplans',
          shortNames: ['wplan', 'scoreplan'],
          categories: ['score', 'score-internal'],
        },
      ]),
    );
    expect(score).toHaveLength(3);
  });

  it('expands category score to exactly the Score kinds (kubectl get score)', () => {
    const inCategory = (category: string) =>
      unique(served.filter((r) => r.categories?.includes(category)).map(fullName));
    expect(inCategory('score')).toEqual([
      'resourceclaims.score.dev',
      'workloadplans.score.dev',
      'workloads.score.dev',
    ]);
    expect(inCategory('score-internal')).toEqual(['resourceclaims.score.dev', 'workloadplans.score.dev']);
  });

  it.each(['wl', 'sclaim', 'scoreclaim', 'wplan', 'scoreplan', 'score'])(
    'resolves %s to Score kinds only: no other resource has it as a name or short name',
    (word) => {
      const claimants = served.filter(
        (r) => r.shortNames?.includes(word) || r.name === word || r.singularName === word,
      );
      expect(claimants.every((r) => r.group === 'score.dev')).toBe(true);
      expect(unique(claimants.map(fullName))).toHaveLength(word === 'score' ? 0 : 1);
    },
  );

  it('serves a second resourceclaims (resource.k8s.io), so docs name score.dev claims in full', () => {
    const claims = unique(served.filter((r) => r.name === 'resourceclaims').map(fullName));
    expect(claims).toEqual(['resourceclaims.resource.k8s.io', 'resourceclaims.score.dev']);
    const workloads = unique(served.filter((r) => r.name === 'workloads').map(fullName));
    expect(workloads).toEqual(['workloads.score.dev']);
  });
});

// The docs' commands through kubectl itself, when the machine has one (KUBECTL names it, else `kubectl` on
// PATH); the discovery checks above hold either way.
const kubectl = process.env.KUBECTL ?? 'kubectl';
const run = promisify(execFile);
const hasKubectl = spawnSync(kubectl, ['version', '--client'], { timeout: 20_000 }).status === 0;

(hasKubectl ? describe : describe.skip)('the docs commands through kubectl', () => {
  const ns = 'docs';
  const get = async (...args: string[]) =>
    (
      await run(kubectl, ['--kubeconfig', controlPlane.kubeconfigPath, '-n', ns, ...args], {
        timeout: 60_000,
      })
    ).stdout
      .trim()
      .split('\n')
      .filter(Boolean)
      .sort();

  beforeAll(async () => {
    const client = new KubeClient(controlPlane.kubeConfig, { fieldManager: 'test' });
    await client.create(BuiltinKinds.Namespace, { metadata: { name: ns } });
    const meta = (name: string) => ({ name, namespace: ns });
    await client.create(WorkloadKind, {
      apiVersion: 'score.dev/v1b1',
      kind: 'Workload',
      metadata: meta('shop'),
      spec: { containers: { web: { image: 'nginx' } } },
    });
    await client.create(ResourceClaimKind, {
      apiVersion: 'score.dev/v1b1',
      kind: 'ResourceClaim',
      metadata: meta('shop-db'),
      spec: { type: 'postgres' },
    });
    await client.create(WorkloadPlanKind, {
      apiVersion: 'score.dev/v1b1',
      kind: 'WorkloadPlan',
      metadata: meta('shop'),
      spec: {
        runtimeClass: 'kubernetes',
        workload: { name: 'shop', uid: 'u', generation: 1 },
        containers: { web: { image: 'nginx' } },
      },
    });
  }, 60_000);

  it('kubectl get score lists the Workload, its claim and its plan', async () => {
    expect(await get('get', 'score', '-o', 'name')).toEqual([
      'resourceclaim.score.dev/shop-db',
      'workload.score.dev/shop',
      'workloadplan.score.dev/shop',
    ]);
  });

  it.each([
    ['wl', 'workload.score.dev/shop'],
    ['sclaim', 'resourceclaim.score.dev/shop-db'],
    ['scoreclaim', 'resourceclaim.score.dev/shop-db'],
    ['resourceclaims.score.dev', 'resourceclaim.score.dev/shop-db'],
    ['wplan', 'workloadplan.score.dev/shop'],
    ['workloadplans.score.dev', 'workloadplan.score.dev/shop'],
  ])('kubectl get %s finds the Score object', async (resource, expected) => {
    expect(await get('get', resource, '-o', 'name')).toEqual([expected]);
  });

  it('kubectl get resourceclaims alone means resource.k8s.io, which has none', async () => {
    expect(await get('get', 'resourceclaims', '-o', 'name')).toEqual([]);
  });
});
