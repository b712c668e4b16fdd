// Namespace-scoped operation as deploy/ renders it: Helm `watchNamespaces` and the kustomize
// `overlays/watch-namespaces` bind the orchestrator's rules in the listed namespaces only (no
// ClusterRoleBinding), pass the same `--watch-namespaces` flag, and never take a system namespace.
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { BuiltinKinds, KubeClient } from '@score-orchestrator/operator-sdk';
import { ControlPlane, readPinnedVersions } from '@score-orchestrator/testing';

import { applyRendered, installFoundations } from './apply-rendered.js';
import {
  buildKustomize,
  findObject,
  installNamespace,
  renderHelmChart,
  watchNamespacesOverlayDir,
  type RenderedObject,
} from './rendered-manifests.js';

jest.setTimeout(600_000);

const watched = ['team-a', 'team-b'];

/** The bindings of the orchestrator's rules: kind, namespace, role and subjects. */
function bindings(objects: readonly RenderedObject[]) {
  return objects
    .filter((o) => o.kind === 'ClusterRoleBinding' || o.kind === 'RoleBinding')
    .map((o) => ({
      kind: o.kind,
      namespace: o.metadata?.namespace,
      roleRef: o.roleRef,
      subjects: o.subjects,
    }))
    .sort((a, b) => `${a.kind}/${a.namespace}`.localeCompare(`${b.kind}/${b.namespace}`));
}

function orchestratorArgs(objects: readonly RenderedObject[]): string[] {
  const deployment = findObject(objects, 'Deployment', 'score-orchestrator') as RenderedObject & {
    spec: { template: { spec: { containers: { args: string[] }[] } } };
  };
  return deployment.spec.template.spec.containers[0]!.args;
}

describe('namespace-scoped operation (watchNamespaces)', () => {
  let helm: RenderedObject[];
  let kustomize: RenderedObject[];
  let kubeVersion: string;

  beforeAll(async () => {
    kubeVersion = (await readPinnedVersions()).kubernetes;
    [helm, kustomize] = await Promise.all([
      renderHelmChart({ kubeVersion, set: [`watchNamespaces={${watched.join(',')}}`] }),
      buildKustomize(watchNamespacesOverlayDir),
    ]);
  });

  it('helm and the kustomize overlay bind the rules in the listed namespaces only, and pass the flag', () => {
    const subjects = [{ kind: 'ServiceAccount', name: 'score-orchestrator', namespace: installNamespace }];
    const expected = [
      ...watched.map((namespace) => ({
        kind: 'RoleBinding',
        namespace,
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'score-orchestrator' },
        subjects,
      })),
      {
        kind: 'RoleBinding',
        namespace: installNamespace,
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'score-orchestrator' },
        subjects,
      },
    ].sort((a, b) => `${a.kind}/${a.namespace}`.localeCompare(`${b.kind}/${b.namespace}`));
    expect(bindings(helm)).toEqual(expected);
    expect(bindings(kustomize)).toEqual(expected);
    for (const objects of [helm, kustomize])
      expect(orchestratorArgs(objects)).toContain(`--watch-namespaces=${watched.join(',')}`);
  });

  it('without watchNamespaces the chart binds cluster-wide and passes no flag', async () => {
    const defaults = await renderHelmChart({ kubeVersion });
    expect(bindings(defaults).map((b) => b.kind)).toEqual(['ClusterRoleBinding', 'RoleBinding']);
    expect(orchestratorArgs(defaults).filter((a) => a.startsWith('--watch-namespaces'))).toEqual([]);
  });

  it.each([
    ['kube-system', /watchNamespaces: kube-system is a system namespace/],
    ['kube-node-lease', /watchNamespaces: kube-node-lease is a system namespace/],
    ['Team_A', /watchNamespaces: "Team_A" is not a namespace name/],
  ])('the chart refuses watchNamespaces={%s}', async (namespace, message) => {
    await expect(renderHelmChart({ kubeVersion, set: [`watchNamespaces={${namespace}}`] })).rejects.toThrow(
      message,
    );
  });

  describe('on a real API server', () => {
    let cp: ControlPlane;
    beforeAll(async () => {
      cp = await ControlPlane.start();
    });
    afterAll(async () => cp?.stop());

    it('accepts every object either renders (server-side dry run)', async () => {
      await installFoundations(cp, kustomize);
      const client = new KubeClient(cp.kubeConfig, { fieldManager: 'deploy-test' });
      for (const name of watched) await client.create(BuiltinKinds.Namespace, { metadata: { name } });
      for (const objects of [helm, kustomize]) {
        const outcomes = await applyRendered(client, objects, { dryRun: true });
        expect(outcomes.filter((o) => o.error)).toEqual([]);
      }
    });
  });
});
