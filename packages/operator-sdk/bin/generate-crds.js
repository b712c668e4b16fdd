#!/usr/bin/env node
// generate-crds --out <dir> [--check] <module.js>...
// Imports compiled modules, collects every exported class decorated with @KubernetesResource and writes one
// CRD per class into <dir>; with --check, writes nothing and exits 1 listing the stale files.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { readKubernetesResource } from '../dist/crd/kubernetes-resource.decorator.js';
import { findStaleCrds, writeCrds } from '../dist/crd/crd-writer.js';

function parseArgs(argv) {
  const options = { out: undefined, check: false, modules: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--out') options.out = argv[++i];
    else if (arg === '--check') options.check = true;
    else if (arg === '--help' || arg === '-h') options.help = true;
    else options.modules.push(arg);
  }
  return options;
}

const usage = 'usage: generate-crds --out <dir> [--check] <module.js>...';
const options = parseArgs(process.argv.slice(2));
if (options.help) {
  console.log(usage);
  process.exit(0);
}
if (!options.out || options.modules.length === 0) {
  console.error(usage);
  process.exit(2);
}

const classes = new Set();
for (const path of options.modules) {
  const module = await import(pathToFileURL(resolve(path)).href);
  for (const value of Object.values(module)) {
    if (typeof value === 'function' && readKubernetesResource(value)) classes.add(value);
  }
}
if (classes.size === 0) {
  console.error(
    `generate-crds: no class decorated with @KubernetesResource is exported by ${options.modules.join(', ')}`,
  );
  process.exit(2);
}

if (options.check) {
  const stale = await findStaleCrds([...classes], options.out);
  if (stale.length > 0) {
    console.error('generate-crds: these CRDs are stale; run generate-crds without --check to update them:');
    for (const { path, reason } of stale) console.error(`  ${path} (${reason})`);
    process.exit(1);
  }
  console.log(`generate-crds: ${classes.size} CRD(s) in ${options.out} are up to date`);
} else {
  for (const path of await writeCrds([...classes], options.out)) console.log(`wrote ${path}`);
}
