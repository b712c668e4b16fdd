// What the tests of the orchestrator's image share: `npm run image`'s build (the Docker daemon it used and
// how long it took; the daemon's layer cache makes a second build of unchanged sources quick), and the
// Workload the image reconciles.
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

import type { Workload } from '@score-orchestrator/api';

const exec = promisify(execFile);
const root = new URL('../../../', import.meta.url).pathname;

/** The tag `npm run image` builds. */
export const imageTag = 'score-orchestrator:dev';

/** What a build reports. */
export interface BuildResult {
  /** The DOCKER_HOST of the daemon that holds the image. */
  readonly dockerHost: string;
  readonly seconds: number;
}

/** `npm run image`'s script (after its `tsc -b packages/testing`), with extra arguments. */
export async function buildImage(args: readonly string[] = []): Promise<BuildResult> {
  const { stdout } = await exec('node', ['tools/image/build-image.mjs', '--json', ...args], {
    cwd: root,
    maxBuffer: 1 << 26,
  }).catch((err: Error & { stderr?: string }) => {
    throw new Error(`${err.message}\n${(err.stderr ?? '').slice(-4000)}`);
  });
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as BuildResult;
}

/** Runs `docker` against `dockerHost` and resolves with its trimmed output. */
export function dockerOn(dockerHost: string): (args: readonly string[]) => Promise<string> {
  return async (args) =>
    (await exec('docker', args, { env: { ...process.env, DOCKER_HOST: dockerHost } })).stdout.trim();
}

/**
 * Workload `shop` in `namespace`: the local nginx-unprivileged image (it exists on real nodes) behind a
 * Service on port 80.
 */
export function shopWorkload(namespace: string): Workload {
  return {
    apiVersion: 'score.dev/v1b1',
    kind: 'Workload',
    metadata: { name: 'shop', namespace },
    spec: {
      containers: { web: { image: 'nginxinc/nginx-unprivileged:1.27-alpine' } },
      service: { ports: { web: { port: 80, targetPort: 8080 } } },
    },
  } as unknown as Workload;
}

/** Where the image's bundled entry is, and the map of its resolve hook (deploy/bundle/bundled-entry.mjs). */
export const bundledEntry = '/app/packages/cli/bundle/score-orchestrator.js';
const sharedPackagesMap = '/app/packages/cli/bundle/shared-packages.json';

/**
 * `docker run` volume flags that put a file throwing "unbundled copy loaded" over each file the bundle was
 * built from for a shared package (/app/packages/api/dist/index.js, /app/node_modules/inversify/..., as the
 * image's shared-packages.json lists them). A container run with them works only if neither the orchestrator
 * nor a plugin loads the unbundled copy of a package the bundle holds: each import of one must go to the bundle.
 */
export async function tripwireVolumes(
  docker: (args: readonly string[]) => Promise<string>,
  image: string,
  dir: string,
): Promise<string[]> {
  const map = JSON.parse(
    await docker(['run', '--rm', '--network=host', '--entrypoint', 'cat', image, sharedPackagesMap]),
  ) as { files: Record<string, string> };
  const tripwire = join(dir, 'unbundled-copy-loaded.js');
  await writeFile(
    tripwire,
    "throw new Error('an unbundled copy of a package the bundle holds was loaded');\n",
    {
      mode: 0o644,
    },
  );
  const files = Object.keys(map.files);
  if (files.length === 0) throw new Error(`${sharedPackagesMap} in ${image} lists no files`);
  return files.map((file) => `--volume=${tripwire}:/app/${file}:ro`);
}
