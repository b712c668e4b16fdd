import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from '@jest/globals';

import { imageKey } from './ensure-images.js';
import { writeImageArchive } from './image-archive.js';
import { localImageSpec, localImages } from './local-images.js';

describe('localImages', () => {
  it('tags pause with the sandbox image containerd is configured with, and every image with a full reference', () => {
    expect(localImageSpec('pause').tags).toEqual(['registry.k8s.io/pause:3.10']);
    for (const image of localImages) {
      for (const tag of image.tags) expect(tag).toMatch(/^[a-z0-9.-]+\.[a-z]+\/[a-z0-9/._-]+:[\w.-]+$/);
    }
  });

  it('keys the cache by content: a change of recipe, settings or tags is a new key', async () => {
    const postgres = localImageSpec('postgres');
    const key = await imageKey(postgres);
    expect(await imageKey(postgres)).toBe(key);
    expect(await imageKey({ ...postgres, tags: ['example.com/postgres:1'] })).not.toBe(key);
    expect(await imageKey({ ...postgres, config: { ...postgres.config, User: 'postgres' } })).not.toBe(key);
  });
});

describe('writeImageArchive', () => {
  it('writes a docker save archive: manifest with tags, config with the layer digest, the layer', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'image-archive-'));
    const rootfs = join(dir, 'rootfs');
    execFileSync('mkdir', ['-p', rootfs]);
    writeFileSync(join(rootfs, 'hello'), 'hi');
    const layerTar = join(dir, 'layer.tar');
    execFileSync('tar', ['-C', rootfs, '-cf', layerTar, '.']);
    const layerDigest = execFileSync('sha256sum', [layerTar], { encoding: 'utf8' }).split(' ')[0];
    const output = join(dir, 'out', 'image.tar');
    const workDir = join(dir, 'work');
    execFileSync('mkdir', ['-p', workDir]);

    await writeImageArchive({
      layerTar,
      tags: ['example.com/a:1'],
      config: { Cmd: ['/hello'] },
      output,
      workDir,
    });

    const extracted = join(dir, 'extracted');
    execFileSync('mkdir', ['-p', extracted]);
    execFileSync('tar', ['-C', extracted, '-xf', output]);
    const [manifest] = JSON.parse(readFileSync(join(extracted, 'manifest.json'), 'utf8'));
    expect(manifest.RepoTags).toEqual(['example.com/a:1']);
    expect(manifest.Layers).toEqual([`${layerDigest}/layer.tar`]);
    const config = JSON.parse(readFileSync(join(extracted, manifest.Config), 'utf8'));
    expect(config.rootfs.diff_ids).toEqual([`sha256:${layerDigest}`]);
    expect(config.config.Cmd).toEqual(['/hello']);
  });
});
