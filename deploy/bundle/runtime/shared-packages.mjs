// Registers the bundled entry's resolve hook (resolve-hooks.mjs) from the map the build wrote beside the
// bundle (shared-packages.json: resolved file -> bundle file, both relative to the production tree's root).
import { readFileSync } from 'node:fs';
import module from 'node:module';
import { URL } from 'node:url';
import { sharedPackagesHook } from './resolve-hooks.mjs';

/**
 * Makes imports of the bundled packages from outside the bundle (plugins) load the bundle's instances.
 * Must run before anything imports a plugin.
 *
 * @param {URL} mapFile shared-packages.json
 * @param {URL} hooksModule the bundle's resolve-hooks.js, for `module.register` (Node < 22.15)
 * @returns {'registerHooks' | 'register'} the mechanism used
 */
export function registerSharedPackages(mapFile, hooksModule) {
  const map = JSON.parse(readFileSync(mapFile, 'utf8'));
  const root = new URL(map.root, mapFile);
  const targets = Object.fromEntries(
    Object.entries(map.files).map(([from, to]) => [new URL(from, root).href, new URL(to, root).href]),
  );
  if (typeof module.registerHooks === 'function') {
    // In-thread and synchronous: also covers require() from CommonJS plugins, and costs no loader thread.
    module.registerHooks({ resolve: sharedPackagesHook(new Map(Object.entries(targets))) });
    return 'registerHooks';
  }
  if (typeof module.register === 'function') {
    // Node 20: a loader thread (a few MiB more) and import() only; CommonJS require() is not redirected.
    module.register(hooksModule, { data: { targets } });
    return 'register';
  }
  throw new Error(
    `the bundled entry needs Node >= 20.6 (module.register); this is ${process.version}: run the unbundled ` +
      `entry (packages/cli/bin/score-orchestrator.js) instead`,
  );
}
