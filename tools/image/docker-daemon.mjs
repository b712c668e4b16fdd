// A Docker daemon to build and run the image with: the one the machine has, or one of our own.
//
// Our own dockerd keeps everything under the project cache (`${XDG_CACHE_HOME:-~/.cache}/score-orchestrator/
// docker`): its data root, its runtime state and its socket, so it never touches a machine daemon. It uses
// the overlay2 storage driver, and vfs where overlay mounts are refused (a data root on overlayfs, some
// containers): vfs needs no kernel support but copies the whole file system for every layer and container,
// which made a sources-changed image build several times slower. It changes no firewall rule and makes no
// bridge (--iptables=false, --bridge=none): builds and containers use the host network, so a real-node
// LocalCluster's own rules and bridges are left alone. It keeps running after the command, like any
// daemon; `kill $(cat <dir>/dockerd.pid)` stops it.
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readFileSync, renameSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
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

  const host = ownDockerHost(env);
  if (await answers(host)) return host;
  for (const driver of storageDrivers) {
    const started = await startDaemon(driver, env, log);
    if (started.ok) {
      removeOtherDriversLayers(driver, env, log);
      return host;
    }
    if (driver === 'vfs') throw new Error(`dockerd did not start (see ${started.logFile}):\n${started.tail}`);
    log(`dockerd refused the ${driver} storage driver (${started.reason}); falling back to vfs`);
  }
}

/** The storage drivers our dockerd tries, in order: the first that starts is used. */
const storageDrivers = ['overlay2', 'vfs'];

/** The DOCKER_HOST of the daemon this module starts (whether or not it runs). */
export function ownDockerHost(env = process.env) {
  return `unix://${join(projectCacheDir(env), 'docker', 'docker.sock')}`;
}

/** Starts our dockerd with `driver`; waits until it answers or exits. */
async function startDaemon(driver, env, log) {
  const dir = join(projectCacheDir(env), 'docker');
  const host = ownDockerHost(env);
  mkdirSync(dir, { recursive: true });
  log(`starting dockerd (${driver}, host network only) under ${dir}`);
  const logFile = join(dir, 'dockerd.log');
  const logLength = existsSync(logFile) ? statSync(logFile).size : 0;
  const logFd = openSync(logFile, 'a');
  const daemon = spawn(
    'dockerd',
    [
      `--host=${host}`,
      `--data-root=${join(dir, 'data')}`,
      `--exec-root=${join(dir, 'run')}`,
      `--pidfile=${join(dir, 'dockerd.pid')}`,
      `--storage-driver=${driver}`,
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
    if (await answers(host)) return { ok: true };
    if (daemon.exitCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  if (daemon.exitCode === null) daemon.kill();
  const lines = readFileSync(logFile).subarray(logLength).toString().trim().split('\n');
  const failure = lines.findLast((line) => /level=(fatal|error)|failed to start daemon/.test(line)) ?? '';
  const reason = /msg="([^"]*)/.exec(failure)?.[1] ?? (failure || `exit code ${daemon.exitCode}`);
  return { ok: false, reason, logFile, tail: lines.slice(-5).join('\n') };
}

/**
 * Deletes the layers another storage driver left in our data root (an earlier vfs daemon's: 53 GB of small
 * files took minutes to delete): a daemon sees only its own driver's images, so nothing else can use them.
 * They are moved aside at once and deleted in the background, at low priority; what a stopped deletion
 * leaves is deleted on the next start.
 */
function removeOtherDriversLayers(driver, env, log) {
  const dir = join(projectCacheDir(env), 'docker');
  const data = join(dir, 'data');
  const trash = join(dir, 'stale-layers');
  for (const other of storageDrivers.filter((name) => name !== driver)) {
    const stale = [join(data, other), join(data, 'image', other)].filter((path) => existsSync(path));
    if (stale.length === 0) continue;
    log(`deleting the ${other} layers of an earlier daemon in the background (moved to ${trash})`);
    mkdirSync(trash, { recursive: true });
    for (const path of stale)
      renameSync(path, join(trash, `${other}-${basename(dirname(path))}-${Date.now()}`));
  }
  if (!existsSync(trash)) return;
  spawn('nice', ['-n', '19', 'ionice', '-c', '3', 'rm', '-rf', trash], {
    detached: true,
    stdio: 'ignore',
  }).unref();
}

function onPath(command, env) {
  return (env.PATH ?? '').split(':').some((dir) => dir !== '' && existsSync(join(dir, command)));
}
