// tools/image/docker-daemon.mjs's choice of storage driver, with stand-ins for `docker` and `dockerd` on PATH
// (no daemon really starts): overlay2 first, vfs with a one-line reason when dockerd refuses overlay2, and the
// layers the other driver left in the data root deleted. The real daemon is exercised by image.test.ts.
import { execFile } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { eventually } from '@score-orchestrator/testing';

const exec = promisify(execFile);
const root = new URL('../../../', import.meta.url).pathname;

/** A `dockerd` that refuses the drivers in $REFUSE as Debian's does, and otherwise "runs" for 5 s. */
const fakeDockerd = `#!/bin/sh
echo "$*" >> "$FAKE_DIR/dockerd-args"
for arg in "$@"; do
  case "$arg" in --storage-driver=*) driver="\${arg#--storage-driver=}" ;; esac
done
if echo " $REFUSE " | grep -q " $driver "; then
  echo 'time="2026-01-01T00:00:00Z" level=info msg="Starting up"'
  echo "failed to start daemon: error initializing graphdriver: driver not supported: $driver"
  exit 1
fi
touch "$FAKE_DIR/running"
sleep 5
`;

/** A `docker` that answers only on our daemon's socket, once the fake daemon runs. */
const fakeDocker = `#!/bin/sh
[ "$DOCKER_HOST" = "unix://$XDG_CACHE_HOME/score-orchestrator/docker/docker.sock" ] && [ -e "$FAKE_DIR/running" ]
`;

describe("npm run image's own Docker daemon", () => {
  let dir: string;
  let data: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'docker-daemon-test-'));
    await mkdir(join(dir, 'bin'));
    for (const [name, script] of [
      ['dockerd', fakeDockerd],
      ['docker', fakeDocker],
    ]) {
      await writeFile(join(dir, 'bin', name), script);
      await chmod(join(dir, 'bin', name), 0o755);
    }
    data = join(dir, 'cache', 'score-orchestrator', 'docker', 'data');
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  /** Runs ensureDockerDaemon as build-image.mjs does; resolves with what it logged and the daemons' args. */
  async function ensure(refuse: string): Promise<{ log: string; host: string; starts: string[] }> {
    const script = `const { ensureDockerDaemon } = await import('./tools/image/docker-daemon.mjs');
      console.log(await ensureDockerDaemon({ log: (line) => console.error(line) }));`;
    const { stdout, stderr } = await exec('node', ['--input-type=module', '-e', script], {
      cwd: root,
      env: {
        PATH: `${join(dir, 'bin')}:${process.env.PATH}`,
        XDG_CACHE_HOME: join(dir, 'cache'),
        FAKE_DIR: dir,
        REFUSE: refuse,
      },
    });
    const starts = (await readFile(join(dir, 'dockerd-args'), 'utf8')).trim().split('\n');
    return { log: stderr, host: stdout.trim(), starts };
  }

  it('uses overlay2 and deletes the vfs layers an earlier daemon left', async () => {
    await mkdir(join(data, 'vfs', 'dir', 'layer'), { recursive: true });
    await mkdir(join(data, 'image', 'vfs'), { recursive: true });
    await mkdir(join(data, 'image', 'overlay2'), { recursive: true });

    const { log, host, starts } = await ensure('');

    expect(host).toBe(`unix://${join(dir, 'cache', 'score-orchestrator', 'docker', 'docker.sock')}`);
    expect(starts).toHaveLength(1);
    expect(starts[0]).toContain('--storage-driver=overlay2');
    expect(log).not.toContain('falling back');
    expect(existsSync(join(data, 'vfs'))).toBe(false);
    expect(existsSync(join(data, 'image', 'vfs'))).toBe(false);
    expect(existsSync(join(data, 'image', 'overlay2'))).toBe(true);
    // Deleted in the background from where they were moved.
    await eventually(() => !existsSync(join(data, '..', 'stale-layers')), 'stale layers deleted', {
      timeoutMs: 20_000,
    });
  });

  it('falls back to vfs, saying why in one line, when dockerd refuses overlay2', async () => {
    const { log, starts } = await ensure('overlay2');

    expect(starts.map((args) => /--storage-driver=(\S+)/.exec(args)?.[1])).toEqual(['overlay2', 'vfs']);
    expect(log.split('\n').filter((line) => line.includes('falling back'))).toEqual([
      'dockerd refused the overlay2 storage driver (failed to start daemon: error initializing graphdriver: ' +
        'driver not supported: overlay2); falling back to vfs',
    ]);
  });

  it('names the log when no driver starts', async () => {
    const failure = await ensure('overlay2 vfs').then(
      () => 'started',
      (err: Error & { stderr?: string }) => err.stderr ?? err.message,
    );
    expect(failure).toContain(`dockerd did not start (see ${join(data, '..', 'dockerd.log')})`);
    expect(failure).toContain('driver not supported: vfs');
  });
});
