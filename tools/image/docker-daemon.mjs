// A Docker daemon to build and run the image with: the one the machine has, or one of our own.
//
// Our own dockerd keeps everything under the project cache (`${XDG_CACHE_HOME:-~/.cache}/score-orchestrator/
// docker`): its data root, its runtime state and its socket, so it never touches a machine daemon. It uses
// the vfs storage driver (no overlay mounts needed, works inside containers) and changes no firewall rule and
// makes no bridge (--iptables=false, --bridge=none): builds and containers use the host network, so a
// real-node LocalCluster's own rules and bridges are left alone. It keeps running after the command, like
// any daemon; `kill $(cat <dir>/dockerd.pid)` stops it.
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { projectCacheDir } from '../../packages/testing/dist/assets/asset-cache.js';

const exec = promisify(execFile);

/** Whether a daemon answers at `host` (a DOCKER_HOST value; the default socket when undefined). */
async function answers(host) {
  const env = { ...process.env };
  if (host === undefined) delete env.DOCKER_HOST;
  else env.DOCKER_HOST = host;
  try {
    await exec('docker', ['version', '--format', '{{.Server.Version}}'], { env, timeout: 15_000 });
    return true;
  } catch {
    return false;
  }
}

/**
 * Finds or starts a daemon and returns the DOCKER_HOST to reach it: `DOCKER_HOST` when it is set and
 * answers, the machine's default socket when it answers, else our own dockerd (started when not running).
 *
 * @throws Error naming what is missing when `docker`/`dockerd` are not installed or the daemon does not start.
 */
export async function ensureDockerDaemon({ env = process.env, log = () => {} } = {}) {
  const missing = ['docker', 'dockerd'].filter((tool) => !onPath(tool, env));
  if (missing.length > 0) {
    throw new Error(
      `${missing.join(' and ')} not found: install Debian's docker.io package (apt-get install docker.io)`,
    );
  }
  if (env.DOCKER_HOST && (await answers(env.DOCKER_HOST))) return env.DOCKER_HOST;
  if (!env.DOCKER_HOST && (await answers(undefined))) return 'unix:///var/run/docker.sock';

  const dir = join(projectCacheDir(env), 'docker');
  const host = `unix://${join(dir, 'docker.sock')}`;
  if (await answers(host)) return host;
  mkdirSync(dir, { recursive: true });
  log(`starting dockerd (vfs, host network only) under ${dir}`);
  const logFd = openSync(join(dir, 'dockerd.log'), 'a');
  const daemon = spawn(
    'dockerd',
    [
      `--host=${host}`,
      `--data-root=${join(dir, 'data')}`,
      `--exec-root=${join(dir, 'run')}`,
      `--pidfile=${join(dir, 'dockerd.pid')}`,
      '--storage-driver=vfs',
      '--iptables=false',
      '--ip-forward=false',
      '--ip-masq=false',
      '--bridge=none',
    ],
    { detached: true, stdio: ['ignore', logFd, logFd] },
  );
  daemon.unref();
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (await answers(host)) return host;
    if (daemon.exitCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  const tail = readFileSync(join(dir, 'dockerd.log'), 'utf8').trim().split('\n').slice(-5).join('\n');
  throw new Error(`dockerd did not start (see ${join(dir, 'dockerd.log')}):\n${tail}`);
}

function onPath(command, env) {
  return (env.PATH ?? '').split(':').some((dir) => dir !== '' && existsSync(join(dir, command)));
}
