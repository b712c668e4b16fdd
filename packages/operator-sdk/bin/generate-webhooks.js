#!/usr/bin/env node
// generate-webhooks --out <file> --name <name> (--service <ns>/<name>[:<port>] | --url <https://host:port>)
//                   [--ca-bundle-file <pem>] [--inject-ca-from <ns>/<certificate>] [--check] <module.js>...
// Imports compiled modules, collects every exported class decorated with @Validator or @Defaulter and writes
// their ValidatingWebhookConfiguration / MutatingWebhookConfiguration into <file>; with --check, writes
// nothing and exits 1 when <file> differs.
import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { webhookDefinitionsOf } from '../dist/webhook/decorated-webhooks.js';
import {
  generateWebhookConfigurations,
  renderWebhookConfigurationsYaml,
} from '../dist/webhook/webhook-configuration.js';
import { parseServiceFlag } from './service-flag.js';

const usage =
  'usage: generate-webhooks --out <file> --name <name> (--service <ns>/<name>[:<port>] | --url <https://host:port>) ' +
  '[--ca-bundle-file <pem>] [--inject-ca-from <ns>/<certificate>] [--check] <module.js>...';

function parseArgs(argv) {
  const options = { modules: [], check: false };
  const valued = {
    '--out': 'out',
    '--name': 'name',
    '--service': 'service',
    '--url': 'url',
    '--ca-bundle-file': 'caBundleFile',
    '--inject-ca-from': 'injectCaFrom',
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (valued[arg]) options[valued[arg]] = argv[++i];
    else if (arg === '--check') options.check = true;
    else if (arg === '--help' || arg === '-h') options.help = true;
    else options.modules.push(arg);
  }
  return options;
}

function fail(message) {
  console.error(`generate-webhooks: ${message}`);
  process.exit(2);
}

const options = parseArgs(process.argv.slice(2));
if (options.help) {
  console.log(usage);
  process.exit(0);
}
if (!options.out || !options.name || options.modules.length === 0 || !options.service === !options.url) {
  console.error(usage);
  process.exit(2);
}

let clientConfig;
if (options.url) {
  clientConfig = { url: options.url };
} else {
  const service = parseServiceFlag(options.service);
  if (!service)
    fail(`invalid --service "${options.service}": use <namespace>/<name>[:<port>], e.g. system/webhook:443`);
  clientConfig = { service };
}

const definitions = [];
for (const path of options.modules) {
  const module = await import(pathToFileURL(resolve(path)).href);
  for (const value of Object.values(module)) {
    if (typeof value === 'function') definitions.push(...webhookDefinitionsOf(value));
  }
}
if (definitions.length === 0)
  fail(`no class decorated with @Validator or @Defaulter is exported by ${options.modules.join(', ')}`);

const yaml = renderWebhookConfigurationsYaml(
  generateWebhookConfigurations(definitions, {
    name: options.name,
    clientConfig,
    ...(options.caBundleFile && { caBundle: await readFile(options.caBundleFile, 'utf8') }),
    ...(options.injectCaFrom && { annotations: { 'cert-manager.io/inject-ca-from': options.injectCaFrom } }),
  }),
);
if (options.check) {
  const current = await readFile(options.out, 'utf8').catch(() => undefined);
  if (current !== yaml) {
    console.error(
      `generate-webhooks: ${options.out} is stale; run generate-webhooks without --check to update it`,
    );
    process.exit(1);
  }
  console.log(`generate-webhooks: ${options.out} is up to date`);
} else {
  await writeFile(options.out, yaml);
  console.log(`wrote ${options.out}`);
}
