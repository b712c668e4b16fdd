#!/usr/bin/env node
// generate-crds --out <dir> [--conversion-service <ns>/<name>[:<port>] | --conversion-url <https://host:port> |
//               --conversion-none] [--inject-ca-from <ns>/<certificate>] [--check] <module.js>...
// Imports compiled modules, collects every exported class decorated with @KubernetesResource and writes one
// CRD per kind into <dir> (classes that are versions of one kind make one multi-version CRD, whose conversion
// the --conversion-* flags set); with --check, writes nothing and exits 1 listing the stale files.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { readKubernetesResource } from '../dist/crd/kubernetes-resource.decorator.js';
import { findStaleCrds, writeCrds } from '../dist/crd/crd-writer.js';
import { conversionWebhook } from '../dist/webhook/conversion/conversion-crd.js';
import { parseServiceFlag } from './service-flag.js';

function parseArgs(argv) {
  const options = { out: undefined, check: false, modules: [] };
  const valued = {
    '--out': 'out',
    '--conversion-service': 'conversionService',
    '--conversion-url': 'conversionUrl',
    '--inject-ca-from': 'injectCaFrom',
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (valued[arg]) options[valued[arg]] = argv[++i];
    else if (arg === '--conversion-none') options.conversionNone = true;
    else if (arg === '--check') options.check = true;
    else if (arg === '--help' || arg === '-h') options.help = true;
    else options.modules.push(arg);
  }
  return options;
}

const usage =
  'usage: generate-crds --out <dir> [--conversion-service <ns>/<name>[:<port>] | --conversion-url <https://host:port> | ' +
  '--conversion-none] [--inject-ca-from <ns>/<certificate>] [--check] <module.js>...';
const options = parseArgs(process.argv.slice(2));
if (options.help) {
  console.log(usage);
  process.exit(0);
}
if (!options.out || options.modules.length === 0) {
  console.error(usage);
  process.exit(2);
}

if ([options.conversionService, options.conversionUrl, options.conversionNone].filter(Boolean).length > 1) {
  console.error('generate-crds: give one of --conversion-service, --conversion-url and --conversion-none');
  process.exit(2);
}
let conversion;
if (options.conversionNone) conversion = { strategy: 'None' };
else if (options.conversionUrl) conversion = conversionWebhook({ url: options.conversionUrl });
else if (options.conversionService) {
  const service = parseServiceFlag(options.conversionService);
  if (!service) {
    console.error(
      `generate-crds: invalid --conversion-service "${options.conversionService}": use <namespace>/<name>[:<port>], e.g. system/webhook:443`,
    );
    process.exit(2);
  }
  conversion = conversionWebhook({ service });
}
const crdOptions = { conversion, injectCaFrom: options.injectCaFrom };

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

try {
  if (options.check) {
    const stale = await findStaleCrds([...classes], options.out, crdOptions);
    if (stale.length > 0) {
      console.error('generate-crds: these CRDs are stale; run generate-crds without --check to update them:');
      for (const { path, reason } of stale) console.error(`  ${path} (${reason})`);
      process.exit(1);
    }
    console.log(`generate-crds: the CRDs of ${classes.size} class(es) in ${options.out} are up to date`);
  } else {
    for (const path of await writeCrds([...classes], options.out, crdOptions)) console.log(`wrote ${path}`);
  }
} catch (err) {
  // Configuration mistakes (e.g. two versions without a --conversion-* flag) say how to fix them: print
  // the message, not a stack.
  if (err?.kind !== 'Configuration') throw err;
  console.error(`generate-crds: ${err.message}`);
  process.exit(2);
}
