import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';

import type { PinnedVersions } from './pinned-versions.js';

// Every file that decides what `go build` produces; changing any of them yields a new cache key.
const keyedFiles = ['kube/go.mod', 'kube/go.sum', 'etcd/go.mod', 'etcd/go.sum', 'kwok/go.mod', 'kwok/go.sum'];

/**
 * The folder holding all cached builds: `${XDG_CACHE_HOME:-~/.cache}/score-orchestrator/control-plane`.
 * It lives outside the repository so a fresh clone on the same machine reuses earlier builds.
 */
export function cacheRoot(env: NodeJS.ProcessEnv): string {
  return join(projectCacheDir(env), 'control-plane');
}

/** `${XDG_CACHE_HOME:-~/.cache}/score-orchestrator`: every cached build of this project lives under it. */
export function projectCacheDir(env: NodeJS.ProcessEnv): string {
  const base =
    env.XDG_CACHE_HOME !== undefined && env.XDG_CACHE_HOME !== ''
      ? env.XDG_CACHE_HOME
      : join(homedir(), '.cache');
  return join(base, 'score-orchestrator');
}

/**
 * The name of one cached build, e.g. `kubernetes-v1.37.2_etcd-v3.7.3_kwok-v0.8.0_1a2b3c4d5e`: the versions
 * for people, and a short hash of the pinned go.mod/go.sum files so any change to the pins builds anew.
 */
export async function cacheKey(hackDir: string, versions: PinnedVersions): Promise<string> {
  const hash = createHash('sha256');
  for (const file of keyedFiles) {
    hash.update(file);
    hash.update(await readFile(join(hackDir, file)));
  }
  const digest = hash.digest('hex').slice(0, 10);
  return `kubernetes-${versions.kubernetes}_etcd-${versions.etcd}_kwok-${versions.kwok}_${digest}`;
}
