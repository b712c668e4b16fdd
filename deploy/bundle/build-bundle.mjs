#!/usr/bin/env node
// Assembles the production tree of the container image into one folder: the CLI and the workspace packages
// it depends on (as `npm pack` would publish them: package.json, dist, bin), the root package.json without
// devDependencies, the lockfile, and `npm ci --omit=dev`. The Dockerfile runs this in its build stage and
// copies the result to /app; test/e2e/deploy runs the same script and starts the CLI from the result.
// Last, it bundles that tree into the bundled entry the image runs, packages/cli/bundle/score-orchestrator.js
// (bundled-entry.mjs; ADR 0014); --no-bundled-entry leaves it out.
//
//   node deploy/bundle/build-bundle.mjs OUT_DIR [--root REPO] [--entry @score-orchestrator/cli] [--no-bundled-entry]
//
// Needs the packages built first (`npx tsc -b packages/cli`). OUT_DIR must not exist or be empty.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

import { buildBundledEntry } from './bundled-entry.mjs';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    root: { type: 'string', default: resolve(dirname(fileURLToPath(import.meta.url)), '..', '..') },
    entry: { type: 'string', default: '@score-orchestrator/cli' },
    'no-bundled-entry': { type: 'boolean', default: false },
  },
});
if (positionals.length !== 1) fail('usage: build-bundle.mjs OUT_DIR [--root REPO] [--entry PACKAGE]');
const root = resolve(values.root);
const out = resolve(positionals[0]);
if (existsSync(out) && readdirSync(out).length > 0) fail(`${out} is not empty: give a new or empty folder`);

const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));
const rootManifest = readJson(join(root, 'package.json'));

// Every workspace package by name, from the root's `workspaces` globs (`dir/*` only, as this repo uses).
const workspaces = new Map();
for (const pattern of rootManifest.workspaces ?? []) {
  const parent = join(root, pattern.replace(/\/\*$/, ''));
  if (!existsSync(parent)) continue;
  for (const entry of readdirSync(parent, { withFileTypes: true })) {
    const manifest = join(parent, entry.name, 'package.json');
    if (entry.isDirectory() && existsSync(manifest)) {
      workspaces.set(readJson(manifest).name, join(pattern.replace(/\/\*$/, ''), entry.name));
    }
  }
}

// The entry package and, transitively, the workspace packages among its production dependencies.
const wanted = new Set();
const visit = (name) => {
  if (wanted.has(name)) return;
  const dir = workspaces.get(name);
  if (dir === undefined) fail(`${name} is not a workspace package of ${root}`);
  wanted.add(name);
  for (const dep of Object.keys(readJson(join(root, dir, 'package.json')).dependencies ?? {})) {
    if (workspaces.has(dep)) visit(dep);
  }
};
visit(values.entry);

mkdirSync(out, { recursive: true });
for (const name of [...wanted].sort()) {
  const dir = workspaces.get(name);
  // What `npm pack` would publish: honours each package's `files` (dist and bin, no tests).
  const [packed] = JSON.parse(
    execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
      cwd: join(root, dir),
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }),
  );
  const files = packed.files.map((f) => f.path);
  if (!files.some((f) => f.startsWith('dist/')))
    fail(`${name} has no dist/: run \`npx tsc -b ${dir}\` first`);
  for (const file of files) {
    mkdirSync(dirname(join(out, dir, file)), { recursive: true });
    cpSync(join(root, dir, file), join(out, dir, file));
  }
  process.stdout.write(`bundled ${name} (${files.length} files)\n`);
}

// The root without its devDependencies, so the lockfile's dev-only tree (and its platform-specific
// optional packages) is not part of the install; `npm ci` still pins every production version.
const { devDependencies: _dev, scripts: _scripts, ...production } = rootManifest;
writeFileSync(join(out, 'package.json'), `${JSON.stringify(production, null, 2)}\n`);
cpSync(join(root, 'package-lock.json'), join(out, 'package-lock.json'));
if (existsSync(join(root, '.npmrc'))) cpSync(join(root, '.npmrc'), join(out, '.npmrc'));
execFileSync('npm', ['ci', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund'], {
  cwd: out,
  stdio: ['ignore', 'inherit', 'inherit'],
});
// The lockfile links every workspace package it knows, also those left out (the CLI's optional `testing`
// peer): remove the links that point at nothing, so the tree holds only what it ships.
for (const link of workspaceLinks(join(out, 'node_modules'))) {
  if (!existsSync(link)) rmSync(link);
}
if (!values['no-bundled-entry']) {
  await buildBundledEntry({
    out,
    packages: new Map([...wanted].map((name) => [name, workspaces.get(name)])),
    entry: values.entry,
    log: (line) => process.stdout.write(`${line}\n`),
  });
}
process.stdout.write(`bundle ready: ${out}\n`);

/** The symbolic links directly under `dir` and its `@scope` folders. */
function workspaceLinks(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isSymbolicLink()) return [path];
    return entry.isDirectory() && entry.name.startsWith('@') ? workspaceLinks(path) : [];
  });
}

function fail(message) {
  process.stderr.write(`build-bundle: ${message}\n`);
  process.exit(1);
}
