// The container image's bundled entry (ADR 0014): esbuild bundles the production tree that build-bundle.mjs
// assembled into OUT/packages/cli/bundle/, which the image's ENTRYPOINT runs: fewer, minified module sources
// keep the idle orchestrator under 80 MiB RSS on Node 24 (docs/benchmarks.md#the-bundled-entry). The unbundled
// tree stays in OUT: third-party plugins are installed into it and import the packages the bundle shares.
//
// - score-orchestrator.js: registers the resolve hook (runtime/shared-packages.mjs), then runs the CLI's bin.
// - shared.<package>.js: one entry per package a plugin may import (each export of our packages, and the
//   third-party packages whose identity matters, SHARED_THIRD_PARTY). With code splitting they share their
//   chunks with the CLI, so a plugin sent to them by the hook gets the very instances the orchestrator uses.
// - shared-packages.json: the hook's map, resolved file -> bundle file, relative to OUT.
// - *.js.map: source maps, not loaded unless node runs with --enable-source-maps.
// - THIRD-PARTY-NOTICES.txt: name, version, license and license text of each bundled npm package (the
//   bundle keeps no license comments).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, extname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

/** Where the bundle goes, relative to OUT: beside the CLI's package.json, which `--version` reads. */
export const BUNDLE_DIR = 'packages/cli/bundle';

/**
 * Third-party packages a plugin must share with the orchestrator: inversify (the container and its tokens),
 * reflect-metadata (the decorator metadata store), class-validator and class-transformer (their metadata
 * stores, read for validation and CRD schemas). Others a plugin imports (client-node, ...) load unbundled.
 */
export const SHARED_THIRD_PARTY = ['inversify', 'reflect-metadata', 'class-validator', 'class-transformer'];

/**
 * How the image's code is bundled (the settings `bench` also bundles its orchestrator child with, so a scale
 * run measures the code as the image loads it: bench/bundle-child.mjs).
 */
export const BUNDLE_SETTINGS = {
  bundle: true,
  // One file per entry would make V8 parse it all at once: split chunks load as needed (ADR 0014).
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20.19',
  // Minified sources are what V8 keeps of each loaded module: split + minify is what meets the idle target.
  minify: true,
  // Class and function names are behaviour here: inversify's and the SDK's messages, controller names in
  // logs and metrics, schema names; minified names would change them.
  keepNames: true,
  // Licenses go to THIRD-PARTY-NOTICES.txt instead of comments every process would load.
  legalComments: 'none',
  sourcemap: 'linked',
  // The maps point at the unbundled files beside the bundle, so they need no copy of the sources.
  sourcesContent: false,
  // CommonJS modules in the bundle call require() for Node's built-ins; ES module output has none.
  banner: {
    js: "import { createRequire as __bundleCreateRequire } from 'node:module'; const require = __bundleCreateRequire(import.meta.url);",
  },
};

const runtimeDir = join(dirname(fileURLToPath(import.meta.url)), 'runtime');
const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));

/**
 * Bundles the production tree in `out` (after `npm ci`). `packages` are its workspace packages
 * (name -> folder relative to `out`); `entry` is the CLI's package name.
 */
export async function buildBundledEntry({ out, packages, entry, log }) {
  const bundleDir = join(out, BUNDLE_DIR);
  const specifiers = [...sharedSpecifiers(out, packages, entry), ...SHARED_THIRD_PARTY];
  const resolved = resolveInTree(out, specifiers);
  const shared = specifiers.map((specifier) => ({
    specifier,
    name: `shared.${specifier.replace(/^@/, '').replaceAll('/', '+')}`,
    ...resolved[specifier],
  }));
  const bin = join(out, packages.get(entry), 'bin', 'score-orchestrator.js');
  const result = await esbuild.build({
    absWorkingDir: out,
    entryPoints: [
      { in: 'bundle-entry:score-orchestrator', out: 'score-orchestrator' },
      { in: join(runtimeDir, 'resolve-hooks.mjs'), out: 'resolve-hooks' },
      ...shared.map((s) => ({ in: s.cjsExports ? `shared-cjs:${s.specifier}` : s.import, out: s.name })),
    ],
    outdir: bundleDir,
    chunkNames: 'chunk-[hash]',
    ...BUNDLE_SETTINGS,
    external: missingOptionalPeers(out, packages),
    metafile: true,
    logLevel: 'warning',
    plugins: [firstUseRequires(), virtualEntries({ out, bin, shared })],
  });
  const files = {};
  for (const s of shared) {
    for (const file of new Set([s.import, s.require].filter(Boolean))) {
      files[relative(out, file).split(sep).join('/')] = `${BUNDLE_DIR}/${s.name}.js`;
    }
  }
  writeFileSync(
    join(bundleDir, 'shared-packages.json'),
    `${JSON.stringify({ root: relative(bundleDir, out).split(sep).join('/') + '/', files }, null, 2)}\n`,
  );
  const notices = thirdPartyNotices(out, result.metafile);
  writeFileSync(join(bundleDir, 'THIRD-PARTY-NOTICES.txt'), notices.text);
  const js = readdirSync(bundleDir).filter((f) => f.endsWith('.js'));
  log(`bundled entry: ${js.length} files, ${shared.length} shared entries, ${notices.count} npm packages`);
}

/** The specifiers of every export of our packages (not the CLI's own: no plugin imports it). */
function sharedSpecifiers(out, packages, entry) {
  return [...packages]
    .filter(([name]) => name !== entry)
    .flatMap(([name, dir]) => {
      const { exports } = readJson(join(out, dir, 'package.json'));
      const subpaths = exports === undefined ? ['.'] : Object.keys(exports);
      return subpaths.map((sub) => (sub === '.' ? name : `${name}${sub.slice(1)}`));
    });
}

/**
 * Resolves `specifiers` from `out`'s root as Node would (for `import` and for `require`), in a child process
 * so it is Node's own resolution; for packages whose `import` lands on CommonJS, also the names they export.
 */
function resolveInTree(out, specifiers) {
  const script = `
    import { createRequire } from 'node:module';
    import { readFileSync } from 'node:fs';
    import { fileURLToPath } from 'node:url';
    import { dirname, join } from 'node:path';
    const require = createRequire(join(process.cwd(), 'package.json'));
    const attempt = (f) => { try { return f(); } catch { return undefined; } };
    const isCommonJs = (file) => {
      if (file.endsWith('.cjs')) return true;
      if (file.endsWith('.mjs')) return false;
      for (let dir = dirname(file); dir !== dirname(dir); dir = dirname(dir)) {
        const manifest = attempt(() => JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')));
        if (manifest !== undefined) return manifest.type !== 'module';
      }
      return true;
    };
    const result = {};
    for (const specifier of JSON.parse(process.argv[1])) {
      const imported = attempt(() => fileURLToPath(import.meta.resolve(specifier)));
      if (imported === undefined) throw new Error('cannot resolve ' + specifier + ' in ' + process.cwd());
      result[specifier] = {
        import: imported,
        require: attempt(() => require.resolve(specifier)),
        cjsExports: isCommonJs(imported) ? Object.keys(require(imported)).filter((k) => k !== 'default' && k !== '__esModule') : undefined,
      };
    }
    process.stdout.write(JSON.stringify(result));`;
  return JSON.parse(
    execFileSync(process.execPath, ['--input-type=module', '-e', script, JSON.stringify(specifiers)], {
      cwd: out,
      encoding: 'utf8',
    }),
  );
}

/**
 * Peer dependencies of our packages that the production tree does not hold (optional ones: the CLI's
 * `testing` kit for `dev`, `@opentelemetry/api`): left as run-time imports, which fail as they do unbundled.
 */
function missingOptionalPeers(out, packages) {
  const peers = new Set(
    [...packages.values()].flatMap((dir) =>
      Object.keys(readJson(join(out, dir, 'package.json')).peerDependencies ?? {}),
    ),
  );
  return [...peers].filter((name) => !existsSync(join(out, 'node_modules', name, 'package.json'))).sort();
}

/**
 * The entry (register the hook, then run the CLI's bin) and, for a shared package whose entry is CommonJS,
 * an ES module re-exporting its names, as Node's import of it would offer them.
 */
function virtualEntries({ out, bin, shared }) {
  const bySpecifier = new Map(shared.map((s) => [s.specifier, s]));
  return {
    name: 'bundled-entry',
    setup(build) {
      build.onResolve({ filter: /^(bundle-entry|shared-cjs):/ }, (args) => ({
        path: args.path.slice(args.path.indexOf(':') + 1),
        namespace: args.path.slice(0, args.path.indexOf(':')),
      }));
      build.onLoad({ filter: /.*/, namespace: 'bundle-entry' }, () => ({
        resolveDir: out,
        loader: 'js',
        contents: [
          `import { registerSharedPackages } from ${JSON.stringify(join(runtimeDir, 'shared-packages.mjs'))};`,
          "registerSharedPackages(new URL('./shared-packages.json', import.meta.url), new URL('./resolve-hooks.js', import.meta.url));",
          // After the hook: the bin runs the command (and imports plugins) as it is evaluated.
          `await import(${JSON.stringify(bin)});`,
        ].join('\n'),
      }));
      build.onLoad({ filter: /.*/, namespace: 'shared-cjs' }, (args) => {
        const { import: file, cjsExports } = bySpecifier.get(args.path);
        return {
          resolveDir: out,
          loader: 'js',
          contents: [
            `const cjs = require(${JSON.stringify(file)});`,
            'export default cjs;',
            ...(cjsExports.length > 0 ? [`export const { ${cjsExports.join(', ')} } = cjs;`] : []),
          ].join('\n'),
        };
      });
    },
  };
}

/**
 * Our packages load a few CommonJS dependencies on first use with `createRequire(import.meta.url)('<name>')`
 * (the SDK's class-validator-jsonschema and js-yaml): synchronous, and free until used. esbuild does not follow
 * `createRequire`, so the bundle would load the unbundled copy (and, for class-validator-jsonschema, a second
 * class-validator). This rewrites exactly that call to `require('<name>')`, which esbuild bundles and still
 * runs on first use; any other `createRequire` in our packages fails the build instead of shipping unbundled.
 */
export function firstUseRequires() {
  const call = /\bcreateRequire\(import\.meta\.url\)\(\s*('[^']+'|"[^"]+")\s*,?\s*\)/g;
  return {
    name: 'first-use-requires',
    setup(build) {
      build.onLoad({ filter: /[\\/]packages[\\/][^\\/]+[\\/](dist|bin)[\\/].*\.js$/ }, (args) => {
        const source = readFileSync(args.path, 'utf8');
        if (!source.includes('createRequire')) return undefined;
        const contents = source.replace(call, 'require($1)');
        if (/\bcreateRequire\(/.test(contents.replace(/^import .*$/gm, ''))) {
          throw new Error(
            `${args.path}: createRequire is used other than as createRequire(import.meta.url)('<package>'); ` +
              'import the package statically, or load it in that form',
          );
        }
        return { contents, loader: 'js' };
      });
    },
  };
}

/** THIRD-PARTY-NOTICES.txt from the npm packages among the bundle's inputs. */
function thirdPartyNotices(out, metafile) {
  const roots = new Set();
  for (const input of Object.keys(metafile.inputs)) {
    const match = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input);
    if (match) roots.add(match[1]);
  }
  const entries = [...roots]
    .map((root) => {
      const manifest = readJson(join(out, root, 'package.json'));
      const license = manifest.license ?? manifest.licenses?.map((l) => l.type ?? l).join(' OR ');
      if (!license) throw new Error(`${manifest.name} (${root}) declares no license`);
      const texts = readdirSync(join(out, root))
        .filter((f) => /^(licen[cs]e|copying|notice)([.-]|$)/i.test(f) && extname(f) !== '.js')
        .sort()
        .map((f) => readFileSync(join(out, root, f), 'utf8').trim());
      return { name: manifest.name, version: manifest.version, license, texts };
    })
    .sort((a, b) => a.name.localeCompare(b.name) || a.version.localeCompare(b.version));
  const unique = entries.filter(
    (e, i) => i === 0 || e.name !== entries[i - 1].name || e.version !== entries[i - 1].version,
  );
  const text = [
    'Third-party software in this bundle (score-orchestrator), with its license terms.',
    '',
    ...unique.flatMap((e) => [
      '='.repeat(78),
      `${e.name} ${e.version} (${e.license})`,
      '='.repeat(78),
      e.texts.length > 0
        ? e.texts.join('\n\n')
        : `(the package ships no license file; its license is ${e.license})`,
      '',
    ]),
  ].join('\n');
  return { text, count: unique.length };
}
