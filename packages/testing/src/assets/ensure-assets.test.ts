import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';

import { TestingError } from '../errors/testing.error.js';
import { cacheKey, cacheRoot } from './asset-cache.js';
import { ensureControlPlaneAssets } from './ensure-assets.js';
import { findHackDir, readPinnedVersions } from './pinned-versions.js';

// Binary resolution order: TEST_ASSET_* > KUBEBUILDER_ASSETS > cache > (build). Fake binaries are
// executable shell scripts in temporary folders; nothing is built (build: false).
describe('ensureControlPlaneAssets resolution order', () => {
  const hackDir = findHackDir() as string;
  let root: string;
  let explicitDir: string;
  let kubebuilderDir: string;
  let xdgCache: string;
  let cacheDir: string;

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'score-assets-test-'));
    explicitDir = join(root, 'explicit');
    kubebuilderDir = join(root, 'kubebuilder');
    xdgCache = join(root, 'xdg');
    cacheDir = join(
      cacheRoot({ XDG_CACHE_HOME: xdgCache }),
      await cacheKey(hackDir, await readPinnedVersions(hackDir)),
    );
    await Promise.all([explicitDir, kubebuilderDir, cacheDir].map((d) => mkdir(d, { recursive: true })));
  });

  afterEach(() => rm(root, { recursive: true, force: true }));

  const fakeBinary = async (dir: string, name: string): Promise<string> => {
    const path = join(dir, name);
    await writeFile(path, '#!/bin/sh\n');
    await chmod(path, 0o755);
    return path;
  };

  const resolveApiServer = async (env: NodeJS.ProcessEnv) => {
    const [resolved] = await ensureControlPlaneAssets({
      binaries: ['kube-apiserver'],
      build: false,
      env,
      hackDir,
    });
    return resolved;
  };

  it('prefers the binary variable over KUBEBUILDER_ASSETS and the cache', async () => {
    const explicit = await fakeBinary(explicitDir, 'my-apiserver');
    await fakeBinary(kubebuilderDir, 'kube-apiserver');
    await fakeBinary(cacheDir, 'kube-apiserver');
    const env = {
      TEST_ASSET_KUBE_APISERVER: explicit,
      KUBEBUILDER_ASSETS: kubebuilderDir,
      XDG_CACHE_HOME: xdgCache,
    };
    expect(await resolveApiServer(env)).toEqual({ name: 'kube-apiserver', path: explicit, source: 'env' });
  });

  it('prefers KUBEBUILDER_ASSETS over the cache', async () => {
    const kubebuilder = await fakeBinary(kubebuilderDir, 'kube-apiserver');
    await fakeBinary(cacheDir, 'kube-apiserver');
    const env = { KUBEBUILDER_ASSETS: kubebuilderDir, XDG_CACHE_HOME: xdgCache };
    expect(await resolveApiServer(env)).toEqual({
      name: 'kube-apiserver',
      path: kubebuilder,
      source: 'kubebuilder-assets',
    });
  });

  it('falls through KUBEBUILDER_ASSETS when it lacks the binary (setup-envtest has no kwok)', async () => {
    await fakeBinary(kubebuilderDir, 'kube-apiserver');
    const cached = await fakeBinary(cacheDir, 'kwok');
    const env = { KUBEBUILDER_ASSETS: kubebuilderDir, XDG_CACHE_HOME: xdgCache };
    const resolved = await ensureControlPlaneAssets({
      binaries: ['kube-apiserver', 'kwok'],
      build: false,
      env,
      hackDir,
    });
    expect(resolved.map((r) => [r.name, r.source])).toEqual([
      ['kube-apiserver', 'kubebuilder-assets'],
      ['kwok', 'cache'],
    ]);
    expect(resolved[1]?.path).toBe(cached);
  });

  it('uses the cache under XDG_CACHE_HOME', async () => {
    const cached = await fakeBinary(cacheDir, 'kube-apiserver');
    expect(await resolveApiServer({ XDG_CACHE_HOME: xdgCache })).toEqual({
      name: 'kube-apiserver',
      path: cached,
      source: 'cache',
    });
    expect(cached).toContain(join(xdgCache, 'score-orchestrator', 'control-plane', 'kubernetes-v1.'));
  });

  it('fails with a fix when the binary variable names no executable', async () => {
    const notExecutable = join(explicitDir, 'plain-file');
    await writeFile(notExecutable, 'not a binary');
    const result = resolveApiServer({ TEST_ASSET_KUBE_APISERVER: notExecutable, XDG_CACHE_HOME: xdgCache });
    await expect(result).rejects.toThrow(/TEST_ASSET_KUBE_APISERVER=.* is not an executable file; unset/);
  });

  it('fails with a fix when nothing is found and building is off', async () => {
    const error = await resolveApiServer({ XDG_CACHE_HOME: xdgCache }).catch((err: unknown) => err);
    expect(TestingError.is(error) && error.kind).toBe('Configuration');
    expect((error as Error).message).toMatch(
      /^failed to resolve kube-apiserver: .*npm run control-plane:assets/,
    );
  });
});
