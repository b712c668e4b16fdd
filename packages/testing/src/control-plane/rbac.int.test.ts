import { ApiException, CoreV1Api, RbacAuthorizationV1Api } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';

import { ControlPlane } from './control-plane.js';

// The project's testTimeout does not reach tests in this jest version; set it where it is needed.
jest.setTimeout(120_000);

// Minted users are real client certificates, so RBAC decides what they may do.
describe('ControlPlane.userKubeConfig', () => {
  let controlPlane: ControlPlane;
  const namespace = 'rbac-test';

  beforeAll(async () => {
    controlPlane = await ControlPlane.start();
    const admin = controlPlane.kubeConfig;
    await admin.makeApiClient(CoreV1Api).createNamespace({ body: { metadata: { name: namespace } } });
    const rbac = admin.makeApiClient(RbacAuthorizationV1Api);
    await rbac.createNamespacedRole({
      namespace,
      body: {
        metadata: { name: 'configmap-reader' },
        rules: [{ apiGroups: [''], resources: ['configmaps'], verbs: ['get', 'list'] }],
      },
    });
    await rbac.createNamespacedRoleBinding({
      namespace,
      body: {
        metadata: { name: 'readers' },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'configmap-reader' },
        subjects: [
          { apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'alice' },
          { apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: 'readers' },
        ],
      },
    });
  });

  afterAll(() => controlPlane.stop());

  const listConfigMaps = async (user: string, groups: string[] = []): Promise<number> => {
    const core = (await controlPlane.userKubeConfig(user, groups)).makeApiClient(CoreV1Api);
    try {
      await core.listNamespacedConfigMap({ namespace });
      return 200;
    } catch (err) {
      if (err instanceof ApiException) return err.code;
      throw err;
    }
  };

  it('denies a user without rights with 403', async () => {
    expect(await listConfigMaps('mallory')).toBe(403);
  });

  it('allows a user bound to a Role', async () => {
    expect(await listConfigMaps('alice')).toBe(200);
  });

  it('allows a user through a group bound to a Role', async () => {
    expect(await listConfigMaps('bob', ['readers'])).toBe(200);
  });

  it('allows the bound user only what the Role grants', async () => {
    const core = (await controlPlane.userKubeConfig('alice')).makeApiClient(CoreV1Api);
    const denied = await core
      .createNamespacedConfigMap({ namespace, body: { metadata: { name: 'x' } } })
      .catch((err: unknown) => err);
    expect(denied).toBeInstanceOf(ApiException);
    expect((denied as ApiException<unknown>).code).toBe(403);
  });
});
