// What the tests of the orchestrator's image share: `npm run image`'s build (the Docker daemon it used and
// how long it took; the daemon's layer cache makes a second build of unchanged sources quick), and the
// Workload the image reconciles.
import { execFile } from 'node:child_process';
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
