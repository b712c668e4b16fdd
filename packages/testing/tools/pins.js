#!/usr/bin/env node
// Copies the Go modules pinned under the repository's hack/ (kube, etcd, kwok: go.mod and go.sum) into this
// package's pins/ folder while it is packed, so an installed @score-orchestrator/testing builds the same
// control-plane binaries from any directory (and finds the ones built in the repository: the cache key
// hashes the same files). `prepack` runs `pins.js copy`, `postpack` runs `pins.js remove`.
import { copyFile, mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const packageDir = fileURLToPath(new globalThis.URL('..', import.meta.url));
const hackDir = join(packageDir, '..', '..', 'hack');
const pinsDir = join(packageDir, 'pins');
const modules = ['kube', 'etcd', 'kwok'];

const action = process.argv[2];
if (action === 'copy') {
  await rm(pinsDir, { recursive: true, force: true });
  for (const module of modules) {
    await mkdir(join(pinsDir, module), { recursive: true });
    for (const file of ['go.mod', 'go.sum'])
      await copyFile(join(hackDir, module, file), join(pinsDir, module, file));
  }
} else if (action === 'remove') {
  await rm(pinsDir, { recursive: true, force: true });
} else {
  console.error('usage: pins.js copy|remove');
  process.exitCode = 2;
}
