#!/usr/bin/env node
// Bundles the scale bench's orchestrator child as the container image bundles the orchestrator (the same
// esbuild settings, deploy/bundle/bundled-entry.mjs; ADR 0014), so a scale run can measure the code as the
// image loads it (memory and CPU at 1,000 Workloads):
//
//   npx tsc -b bench && node bench/bundle-child.mjs /tmp/bundled-child
//   BENCH_CHILD_ENTRY=/tmp/bundled-child/orchestrator-child.js npm run bench -w @score-orchestrator/bench -- ...
//
// Add BENCH_CHILD_NODE_FLAGS='--memory-saver-mode MALLOC_ARENA_MAX=2' for the image's Node settings too.
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { BUNDLE_SETTINGS, firstUseRequires } from '../deploy/bundle/bundled-entry.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const out = process.argv[2];
if (!out) fail('usage: bundle-child.mjs OUT_DIR');
if (existsSync(out) && readdirSync(out).length > 0) fail(`${out} is not empty: give a new or empty folder`);
const child = join(here, 'dist', 'orchestrator', 'orchestrator-child.js');
if (!existsSync(child)) fail(`${child} is missing: run \`npx tsc -b bench\` first`);

await esbuild.build({
  ...BUNDLE_SETTINGS,
  entryPoints: [child],
  outdir: resolve(out),
  chunkNames: 'chunk-[hash]',
  logLevel: 'warning',
  plugins: [firstUseRequires()],
});
process.stdout.write(`bundled the orchestrator child: ${join(resolve(out), 'orchestrator-child.js')}\n`);

function fail(message) {
  process.stderr.write(`bundle-child: ${message}\n`);
  process.exit(1);
}
