import { CoreV1Api } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';

import { ControlPlane } from './control-plane.js';

// The project's testTimeout does not reach tests in this jest version; set it where it is needed.
jest.setTimeout(120_000);

describe('ControlPlane.stopApiServer / startApiServer', () => {
  let controlPlane: ControlPlane;

  beforeAll(async () => {
    controlPlane = await ControlPlane.start();
  });

  afterAll(() => controlPlane.stop());

  it('restarts kube-apiserver on the same URL with the same data and credentials', async () => {
    const core = controlPlane.kubeConfig.makeApiClient(CoreV1Api);
    await core.createNamespacedConfigMap({
      namespace: 'default',
      body: { metadata: { name: 'survivor' }, data: { key: 'value' } },
    });
    const server = controlPlane.server;
    const [etcdPid, apiServerPid] = controlPlane.pids;

    await controlPlane.stopApiServer();
    expect(controlPlane.pids).toEqual([etcdPid]);
    await expect(core.listNamespace()).rejects.toThrow(/ECONNREFUSED/);
    await controlPlane.stopApiServer(); // idempotent

    await controlPlane.startApiServer();
    expect(controlPlane.server).toBe(server);
    expect(controlPlane.pids).toHaveLength(2);
    expect(controlPlane.pids).not.toContain(apiServerPid);
    const survivor = await core.readNamespacedConfigMap({ name: 'survivor', namespace: 'default' });
    expect(survivor.data).toEqual({ key: 'value' });
    // A user minted before the restart still authenticates: same CA, same certificates.
    const minted = await controlPlane.userKubeConfig('carol');
    await controlPlane.stopApiServer();
    await controlPlane.startApiServer();
    const denied = await minted
      .makeApiClient(CoreV1Api)
      .listNamespace()
      .catch((err: unknown) => err);
    expect(String(denied)).toMatch(/403|forbidden/i);
  });
});
