import { ApiException, CoreV1Api } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';

import { TestingError } from '../errors/testing.error.js';
import { ControlPlane } from './control-plane.js';

// The project's testTimeout does not reach tests in this jest version; set it where it is needed.
jest.setTimeout(120_000);

// USE_EXISTING_CLUSTER=true points the harness at the current kubeconfig; here that is another ControlPlane.
describe('ControlPlane with USE_EXISTING_CLUSTER=true', () => {
  let real: ControlPlane;
  let existing: ControlPlane;

  beforeAll(async () => {
    real = await ControlPlane.start();
    existing = await ControlPlane.start({
      env: { USE_EXISTING_CLUSTER: 'true', KUBECONFIG: real.kubeconfigPath },
    });
  });

  afterAll(() => real.stop());

  it('uses the current kubeconfig and starts nothing', async () => {
    expect(existing.server).toBe(real.server);
    expect(existing.kubeconfigPath).toBe(real.kubeconfigPath);
    expect(existing.pids).toEqual([]);
    const namespaces = await existing.kubeConfig.makeApiClient(CoreV1Api).listNamespace();
    expect(namespaces.items.length).toBeGreaterThan(0);
  });

  it('acts as other users by impersonation, so RBAC still applies', async () => {
    const user = await existing.userKubeConfig('dave');
    const denied = await user
      .makeApiClient(CoreV1Api)
      .listNamespace()
      .catch((err: unknown) => err);
    expect((denied as ApiException<unknown>).code).toBe(403);
    await expect(existing.userKubeConfig('dave', ['devs'])).rejects.toThrow(/groups cannot be impersonated/);
  });

  it('refuses to restart an API server it does not own, and leaves the cluster running on stop', async () => {
    const error = await existing.stopApiServer().catch((err: unknown) => err);
    expect(TestingError.is(error) && error.kind).toBe('Unsupported');
    await existing.stop();
    await real.kubeConfig.makeApiClient(CoreV1Api).readNamespace({ name: 'default' });
  });
});
