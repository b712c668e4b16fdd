import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from '@jest/globals';

import { cacheKey, cacheRoot } from './asset-cache.js';
import { findHackDir, parseRequiredVersion, readPinnedVersions } from './pinned-versions.js';

describe('parseRequiredVersion', () => {
  it.each([
    [
      'require block, indirect',
      'require (\n\tk8s.io/kubernetes v1.37.2 // indirect\n)',
      'k8s.io/kubernetes',
      'v1.37.2',
    ],
    ['single-line require', 'require k8s.io/kubernetes v1.37.2 // indirect', 'k8s.io/kubernetes', 'v1.37.2'],
    [
      'module with a major suffix',
      '\tgo.etcd.io/etcd/server/v3 v3.7.3 // indirect',
      'go.etcd.io/etcd/server/v3',
      'v3.7.3',
    ],
    [
      'a longer module name is another module',
      '\tk8s.io/kubernetes-extra v9.9.9',
      'k8s.io/kubernetes',
      undefined,
    ],
    [
      'a replace line is not a requirement',
      'replace k8s.io/api => k8s.io/api v0.37.2',
      'k8s.io/api',
      undefined,
    ],
    ['absent', 'module x\n', 'k8s.io/kubernetes', undefined],
  ])('%s', (_name, goMod, module, expected) => {
    expect(parseRequiredVersion(goMod, module)).toBe(expected);
  });
});

describe('readPinnedVersions', () => {
  it('reads the Kubernetes version from hack/kube/go.mod, the one place naming it', async () => {
    const hackDir = findHackDir() as string;
    const goMod = await readFile(join(hackDir, 'kube', 'go.mod'), 'utf8');
    const versions = await readPinnedVersions(hackDir);
    expect(goMod).toContain(`k8s.io/kubernetes ${versions.kubernetes}`);
    expect(versions.etcd).toMatch(/^v3\./);
    expect(versions.kwok).toMatch(/^v0\./);
  });
});

describe('the asset cache', () => {
  it('lives under XDG_CACHE_HOME, else ~/.cache', () => {
    expect(cacheRoot({ XDG_CACHE_HOME: '/x' })).toBe('/x/score-orchestrator/control-plane');
    expect(cacheRoot({})).toMatch(/\/\.cache\/score-orchestrator\/control-plane$/);
  });

  it('keys builds by versions and a hash of the pinned modules', async () => {
    const hackDir = findHackDir() as string;
    const versions = await readPinnedVersions(hackDir);
    const key = await cacheKey(hackDir, versions);
    expect(key).toMatch(/^kubernetes-v1\.\d+\.\d+_etcd-v3\.\d+\.\d+_kwok-v0\.\d+\.\d+_[0-9a-f]{10}$/);
    expect(await cacheKey(hackDir, versions)).toBe(key);
  });

  it("finds an installed package's own pins/ folder, with the repository's cache key", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'score-pins-test-'));
    try {
      const pkg = join(dir, 'node_modules', '@score-orchestrator', 'testing');
      await mkdir(join(pkg, 'dist', 'assets'), { recursive: true });
      await writeFile(join(pkg, 'package.json'), '{}');
      expect(findHackDir(join(pkg, 'dist', 'assets'))).toBeUndefined();

      const repoHack = findHackDir() as string;
      for (const module of ['kube', 'etcd', 'kwok'])
        await cp(join(repoHack, module), join(pkg, 'pins', module), { recursive: true });
      const pins = findHackDir(join(pkg, 'dist', 'assets'));
      expect(pins).toBe(join(pkg, 'pins'));
      const versions = await readPinnedVersions(pins);
      expect(versions).toEqual(await readPinnedVersions(repoHack));
      expect(await cacheKey(pins as string, versions)).toBe(await cacheKey(repoHack, versions));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
