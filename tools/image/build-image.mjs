#!/usr/bin/env node
// `npm run image`: builds the orchestrator image (tag score-orchestrator:dev) with the project's Dockerfile
// on this machine, with no image registry: a Docker daemon (ours when none runs: docker-daemon.mjs), the
// base image made locally (node-base.mjs), passed to the Dockerfile as NODE_IMAGE.
//
//   node tools/image/build-image.mjs [--tag T] [--file DOCKERFILE] [--context DIR] [--build-arg K=V]... [--json]
//
// Other Dockerfiles (a plugin-extended image) get the same base through NODE_IMAGE. --json prints one line
// at the end for scripts and tests: {"dockerHost", "tag", "nodeImage", "seconds"}.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

import { ensureDockerDaemon } from './docker-daemon.mjs';
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
  await run(
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
    { DOCKER_HOST: dockerHost, DOCKER_BUILDKIT: '0' },
  );
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

/** Runs a command with its output on stderr; rejects naming the command when it fails. */
function run(command, args, extraEnv) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, {
      cwd: root,
      env: { ...process.env, ...extraEnv },
      stdio: ['ignore', 2, 2],
    });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolvePromise() : reject(new Error(`${command} ${args[0]} exited with ${code}`)),
    );
  });
}
