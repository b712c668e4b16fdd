import { existsSync } from 'node:fs';
import { dirname } from 'node:path';

import { CoreV1Api, KubeConfig, VersionApi } from '@kubernetes/client-node';
import { describe, expect, it, jest } from '@jest/globals';

import { readPinnedVersions } from '../assets/pinned-versions.js';
import { isProcessAlive } from '../process/process-liveness.js';
import { ControlPlane } from './control-plane.js';

// The project's testTimeout does not reach tests in this jest version; set it where it is needed.
jest.setTimeout(120_000);

describe('ControlPlane', () => {
  it('starts a ready API server of the pinned version and stops without leaving anything behind', async () => {
    const started = Date.now();
    const controlPlane = await ControlPlane.start();
    const startMs = Date.now() - started;
    const pids = [...controlPlane.pids];
    const dir = dirname(controlPlane.kubeconfigPath);
    try {
      // About 3 s when idle; the bound catches a start that sits out most of its 60 s timeout, with room
      // for a loaded CI machine.
      expect(startMs).toBeLessThan(50_000);
      expect(controlPlane.server).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      expect(pids).toHaveLength(2);

      const core = controlPlane.kubeConfig.makeApiClient(CoreV1Api);
      const namespace = await core.readNamespace({ name: 'default' });
      expect(namespace.metadata?.name).toBe('default');
      const version = await controlPlane.kubeConfig.makeApiClient(VersionApi).getCode();
      expect(version.gitVersion).toBe((await readPinnedVersions()).kubernetes);

      // The kubeconfig file is what other processes (kubectl, a controller under test) read.
      const fromFile = new KubeConfig();
      fromFile.loadFromFile(controlPlane.kubeconfigPath);
      const listed = await fromFile.makeApiClient(CoreV1Api).listNamespace();
      expect(listed.items.map((n) => n.metadata?.name)).toContain('kube-system');
    } finally {
      await controlPlane.stop();
    }

    expect(pids.filter(isProcessAlive)).toEqual([]);
    expect(existsSync(dir)).toBe(false);
    expect(controlPlane.pids).toEqual([]);
    await controlPlane.stop(); // idempotent
  });

  it('runs side by side with another control plane without sharing ports or folders', async () => {
    const [a, b] = await Promise.all([ControlPlane.start(), ControlPlane.start()]);
    try {
      expect(a.server).not.toBe(b.server);
      expect(dirname(a.kubeconfigPath)).not.toBe(dirname(b.kubeconfigPath));
      const coreA = a.kubeConfig.makeApiClient(CoreV1Api);
      const coreB = b.kubeConfig.makeApiClient(CoreV1Api);
      await coreA.createNamespace({ body: { metadata: { name: 'only-in-a' } } });
      const inB = await coreB.listNamespace();
      expect(inB.items.map((n) => n.metadata?.name)).not.toContain('only-in-a');
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
  });

  it('fails to start with the tail of the failing log when a flag is wrong', async () => {
    const result = ControlPlane.start({ apiServerFlags: ['--no-such-flag=1'] });
    await expect(result).rejects.toThrow(
      /failed to wait for kube-apiserver to answer GET \/readyz: kube-apiserver exited with exit code 1; last lines of .*kube-apiserver\.log:\n[\s\S]*no-such-flag/,
    );
  });
});
