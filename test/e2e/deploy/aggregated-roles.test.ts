// The user roles aggregate into the built-in view, edit and admin roles. Aggregation is done by
// kube-controller-manager, so this needs a LocalCluster rather than a bare API server.
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { ResourceClaimKind, WorkloadPlanKind } from '@score-orchestrator/api';
import { BuiltinKinds, KubeClient, type ResourceKind } from '@score-orchestrator/operator-sdk';
import { LocalCluster } from '@score-orchestrator/testing';

import { deniedAmong, statusOf, type AccessRequest } from './access-review.js';
import { applyRendered, installFoundations } from './apply-rendered.js';
import { buildKustomizeBase } from './rendered-manifests.js';

jest.setTimeout(900_000);

const RoleBindings: ResourceKind = {
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind: 'RoleBinding',
  plural: 'rolebindings',
  namespaced: true,
};
const team = 'team-a';
const workloads = (verbs: string[]): AccessRequest[] =>
  verbs.map((verb) => ({ group: 'score.dev', resource: 'workloads', verb, namespace: team }));

describe('user roles aggregated into view, edit and admin', () => {
  let cluster: LocalCluster;
  let admin: KubeClient;

  beforeAll(async () => {
    const rendered = await buildKustomizeBase();
    cluster = await LocalCluster.start();
    await installFoundations(cluster, rendered);
    admin = new KubeClient(cluster.kubeConfig, { fieldManager: 'deploy-test' });
    const roles = rendered.filter((o) => o.kind === 'ClusterRole');
    expect((await applyRendered(admin, roles, { dryRun: false })).filter((o) => o.error)).toEqual([]);
    await admin.create(BuiltinKinds.Namespace, { metadata: { name: team } });
    for (const role of ['view', 'edit', 'admin']) {
      await admin.create(RoleBindings, {
        metadata: { name: `${role}ers`, namespace: team },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: role },
        subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: `${role}er` }],
      });
    }
  });

  afterAll(() => cluster?.stop());

  // The aggregation controller fills the built-in roles in asynchronously.
  const eventuallyAllowed = async (user: string, requests: AccessRequest[]): Promise<string[]> => {
    const kubeConfig = await cluster.userKubeConfig(user);
    const deadline = Date.now() + 60_000;
    for (;;) {
      const denied = await deniedAmong(kubeConfig, requests);
      if (denied.length === 0 || Date.now() > deadline) return denied;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  };

  it('view reads Workloads and cannot write them', async () => {
    expect(await eventuallyAllowed('viewer', workloads(['get', 'list', 'watch']))).toEqual([]);
    expect(
      await deniedAmong(await cluster.userKubeConfig('viewer'), workloads(['create', 'delete'])),
    ).toHaveLength(2);
  });

  it('edit and admin write Workloads', async () => {
    const all = workloads(['get', 'list', 'watch', 'create', 'update', 'patch', 'delete']);
    expect(await eventuallyAllowed('editer', all)).toEqual([]);
    expect(await eventuallyAllowed('adminer', all)).toEqual([]);
  });

  it('none of them reaches ResourceClaims or WorkloadPlans', async () => {
    for (const user of ['viewer', 'editer', 'adminer']) {
      const client = new KubeClient(await cluster.userKubeConfig(user), { fieldManager: user });
      for (const kind of [ResourceClaimKind, WorkloadPlanKind]) {
        client.registerKind(kind);
        expect([user, kind.kind, await statusOf(client.list(kind, { namespace: team }))]).toEqual([
          user,
          kind.kind,
          403,
        ]);
      }
    }
  });
});
