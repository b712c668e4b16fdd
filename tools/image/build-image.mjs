#!/usr/bin/env node
// `npm run image`: builds the orchestrator image (tag score-orchestrator:dev) with the project's Dockerfile
// on this machine, with no image registry: a Docker daemon (ours when none runs: docker-daemon.mjs), the
// base image made locally (node-base.mjs), passed to the Dockerfile as NODE_IMAGE.
//
//   node tools/image/build-image.mjs [--tag T] [--file DOCKERFILE] [--context DIR] [--build-arg K=V]... [--json]
//
// Other Dockerfiles (a plugin-extended image) get the same base through NODE_IMAGE. --json prints one line
// at the end for scripts and tests: {"dockerHost", "tag", "nodeImage", "seconds"}.
//
// On our own daemon (never on a machine's or DOCKER_HOST's) a build also keeps the data root from growing:
// the last image of each build stage is tagged `<tag>-<stage>` (score-orchestrator:dev-build), so the
// layers the next build reuses (the base, the `npm ci` layer, the last build's stages) are named, and every
// image no tag reaches (earlier builds' stages and images) is deleted.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

import { ensureDockerDaemon, ownDockerHost } from './docker-daemon.mjs';
import { ensureNodeBase } from './node-base.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const { values } = parseArgs({
  options: {
    tag: { type: 'string', default: 'score-orchestrator:dev' },
    file: { type: 'string', default: 'Dockerfile' },
    context: { type: 'string', default: '.' },
    'build-arg': { type: 'string', multiple: true, default: [] },
    json: { type: 'boolean', default: false },
  },
});
// Progress goes to stderr, so --json's stdout is the one line.
const log = (line) => process.stderr.write(`image: ${line}\n`);

const started = Date.now();
try {
  const dockerHost = await ensureDockerDaemon({ log });
  const nodeImage = await ensureNodeBase({ dockerHost, log });
  log(`building ${values.tag} from ${values.file} on ${nodeImage}`);
  const env = { DOCKER_HOST: dockerHost, DOCKER_BUILDKIT: '0' };
  const buildStarted = Math.floor(Date.now() / 1000);
  const output = await run(
    'docker',
    [
      'build',
      // The daemon may have no bridge (ours has none): build steps use the host's network for npm.
      '--network=host',
      `--build-arg=NODE_IMAGE=${nodeImage}`,
      `--build-arg=EXTRA_CA_CERTS=${localCaCertificates()}`,
      ...values['build-arg'].map((arg) => `--build-arg=${arg}`),
      `--file=${resolve(root, values.file)}`,
      `--tag=${values.tag}`,
      resolve(root, values.context),
    ],
    env,
  );
  if (dockerHost === ownDockerHost()) {
    for (const [stage, image] of stageImages(output)) {
      await run('docker', ['tag', image, `${values.tag}-${stage}`], env);
    }
    // Only images made before this build: a build running beside it keeps its newest step.
    const pruned = await run('docker', ['image', 'prune', '--force', `--filter=until=${buildStarted}`], env);
    log(`pruned images no tag reaches: ${/^Total reclaimed space: (.*)$/m.exec(pruned)?.[1] ?? 'none'}`);
  }
  const seconds = Math.round((Date.now() - started) / 100) / 10;
  log(`built ${values.tag} in ${seconds} s; run it with DOCKER_HOST=${dockerHost} docker run ${values.tag}`);
  if (values.json)
    process.stdout.write(`${JSON.stringify({ dockerHost, tag: values.tag, nodeImage, seconds })}\n`);
} catch (err) {
  log(err instanceof Error ? err.message : String(err));
  process.exit(1);
}

/**
 * The CA certificates this machine added to Debian's trust (/usr/local/share/ca-certificates): a
 * TLS-inspecting proxy's, which npm inside the build needs to reach the registry. Empty on most machines.
 */
function localCaCertificates() {
  const dir = '/usr/local/share/ca-certificates';
  if (!existsSync(dir)) return '';
  const files = readdirSync(dir, { recursive: true }).filter((name) => String(name).endsWith('.crt'));
  return files.map((name) => readFileSync(join(dir, String(name)), 'utf8').trim()).join('\n');
}

/**
 * The last image of each build stage but the final one, from the legacy builder's output: `[name, id]`, named
 * by `AS name` (or `stage-N`). A stage that is only a FROM is left out: its image has a name already.
 */
function stageImages(output) {
  const stages = [];
  let current;
  for (const line of output.split('\n')) {
    const from = /^Step \d+\/\d+ : FROM \S+(?:\s+AS\s+(\S+))?/i.exec(line);
    if (from) {
      current = { name: from[1]?.toLowerCase() ?? `stage-${stages.length}`, steps: 0 };
      stages.push(current);
    }
    const image = /^ ---> ([0-9a-f]{12})$/.exec(line)?.[1];
    if (image && current) {
      current.image = image;
      current.steps += 1;
    }
  }
  return stages.slice(0, -1).flatMap((stage) => (stage.steps > 1 ? [[stage.name, stage.image]] : []));
}

/**
 * Runs a command with its output on stderr; resolves with its stdout, rejects naming the command when it
 * fails.
 */
function run(command, args, extraEnv) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, {
      cwd: root,
      env: { ...process.env, ...extraEnv },
      stdio: ['ignore', 'pipe', 2],
    });
    let stdout = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      process.stderr.write(chunk);
    });
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolvePromise(stdout) : reject(new Error(`${command} ${args[0]} exited with ${code}`)),
    );
  });
}
