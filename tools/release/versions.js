#!/usr/bin/env node
// The release version, kept in one place: lerna.json's `version`. Everything else that carries it must agree:
// every workspace's package.json `version` and its ranges on the other workspace packages (`^VERSION`), the
// lockfile's copies of both, the Helm chart's `version` and `appVersion`, the chart's default image tag
// (empty, so it follows appVersion; the release workflow tags the image with the same version), and the
// CHANGELOG (a section per released version). docs/releasing.md describes the process.
//
//   node tools/release/versions.js check [--tag vX.Y.Z]   exits 1 naming each file that disagrees
//   node tools/release/versions.js set X.Y.Z              writes the version everywhere, dates the CHANGELOG
//   node tools/release/versions.js notes X.Y.Z            prints that version's CHANGELOG section
//   node tools/release/versions.js print                  prints the version
//
// `--root DIR` works on another checkout (the tests use copies).
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parse as parseYaml } from 'yaml';

const semver = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z.-]+)?$/;
const dependencyFields = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'];
const chartDir = 'deploy/helm/score-orchestrator';

/** The workspace folders (relative to `root`) named by the root package.json's `workspaces` globs. */
export function workspaceDirs(root) {
  const { workspaces } = readJson(join(root, 'package.json'));
  return workspaces.flatMap((pattern) => {
    if (!pattern.endsWith('/*')) return existsSync(join(root, pattern, 'package.json')) ? [pattern] : [];
    const parent = pattern.slice(0, -2);
    return readdirSync(join(root, parent), { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && existsSync(join(root, parent, entry.name, 'package.json')))
      .map((entry) => `${parent}/${entry.name}`)
      .sort();
  });
}

/** Every disagreement with lerna.json's version (and with `tag`, when given), one line each. */
export function checkVersions(root, tag) {
  const version = readJson(join(root, 'lerna.json')).version;
  const problems = [];
  if (!semver.test(version ?? '')) return [`lerna.json: version ${version} is not a semantic version`];
  if (tag !== undefined && tag !== `v${version}`)
    problems.push(`tag ${tag} does not match lerna.json's version ${version} (expected v${version})`);

  const dirs = workspaceDirs(root);
  const names = new Set(dirs.map((dir) => readJson(join(root, dir, 'package.json')).name));
  const lock = readJson(join(root, 'package-lock.json'));
  for (const dir of dirs) {
    const manifest = readJson(join(root, dir, 'package.json'));
    const locked = lock.packages?.[dir];
    if (manifest.version !== version)
      problems.push(`${dir}/package.json: version ${manifest.version}, expected ${version}`);
    if (locked === undefined) problems.push(`package-lock.json: no entry for ${dir}; run npm install`);
    else if (locked.version !== version)
      problems.push(`package-lock.json: packages["${dir}"].version ${locked.version}, expected ${version}`);
    for (const field of dependencyFields) {
      for (const [name, range] of Object.entries(manifest[field] ?? {})) {
        if (!names.has(name)) continue;
        if (range !== `^${version}`)
          problems.push(`${dir}/package.json: ${field}.${name} is ${range}, expected ^${version}`);
        const lockedRange = locked?.[field]?.[name];
        if (locked !== undefined && lockedRange !== `^${version}`)
          problems.push(
            `package-lock.json: packages["${dir}"].${field}.${name} is ${lockedRange}, expected ^${version}`,
          );
      }
    }
  }

  const chart = parseYaml(readFileSync(join(root, chartDir, 'Chart.yaml'), 'utf8'));
  for (const key of ['version', 'appVersion'])
    if (String(chart[key]) !== version)
      problems.push(`${chartDir}/Chart.yaml: ${key} ${chart[key]}, expected ${version}`);
  const values = parseYaml(readFileSync(join(root, chartDir, 'values.yaml'), 'utf8'));
  const imageTag = values?.image?.tag ?? '';
  if (imageTag !== '' && imageTag !== version)
    problems.push(
      `${chartDir}/values.yaml: image.tag ${imageTag}, expected '' (the chart's appVersion) or ${version}`,
    );

  const changelog = readFileSync(join(root, 'CHANGELOG.md'), 'utf8');
  if (!/^## \[Unreleased\]$/m.test(changelog)) problems.push('CHANGELOG.md: no "## [Unreleased]" section');
  if (tag !== undefined && changelogSection(changelog, version) === undefined)
    problems.push(
      `CHANGELOG.md: no "## [${version}] - YYYY-MM-DD" section; run: node tools/release/versions.js set ${version}`,
    );
  return problems;
}

/** Writes `version` to every place `checkVersions` reads, and gives the CHANGELOG's Unreleased notes that version. */
export function setVersion(root, version, today = new Date().toISOString().slice(0, 10)) {
  if (!semver.test(version)) throw new Error(`${version} is not a semantic version (X.Y.Z or X.Y.Z-pre)`);
  const lernaPath = join(root, 'lerna.json');
  const previous = readJson(lernaPath).version;
  writeJson(lernaPath, { ...readJson(lernaPath), version });

  const dirs = workspaceDirs(root);
  const names = new Set(dirs.map((dir) => readJson(join(root, dir, 'package.json')).name));
  const bump = (manifest) => {
    for (const field of dependencyFields)
      for (const name of Object.keys(manifest?.[field] ?? {}))
        if (names.has(name)) manifest[field][name] = `^${version}`;
  };
  const lockPath = join(root, 'package-lock.json');
  const lock = readJson(lockPath);
  for (const dir of dirs) {
    const path = join(root, dir, 'package.json');
    const manifest = readJson(path);
    manifest.version = version;
    bump(manifest);
    writeJson(path, manifest);
    if (lock.packages?.[dir] !== undefined) {
      lock.packages[dir].version = version;
      bump(lock.packages[dir]);
    }
  }
  writeJson(lockPath, lock);

  const chartPath = join(root, chartDir, 'Chart.yaml');
  writeFileSync(
    chartPath,
    readFileSync(chartPath, 'utf8')
      .replace(/^version: .*$/m, `version: ${version}`)
      .replace(/^appVersion: .*$/m, `appVersion: ${version}`),
  );

  const changelogPath = join(root, 'CHANGELOG.md');
  const changelog = readFileSync(changelogPath, 'utf8');
  if (changelogSection(changelog, version) === undefined) {
    const repo = /^\[Unreleased\]: (https:\/\/github\.com\/[^/]+\/[^/]+)\//m.exec(changelog)?.[1];
    let next = changelog.replace(/^## \[Unreleased\]$/m, `## [Unreleased]\n\n## [${version}] - ${today}`);
    if (repo !== undefined) {
      const released = changelogSection(changelog, previous) !== undefined;
      next = next.replace(
        /^\[Unreleased\]: .*$/m,
        `[Unreleased]: ${repo}/compare/v${version}...HEAD\n` +
          `[${version}]: ${released ? `${repo}/compare/v${previous}...v${version}` : `${repo}/releases/tag/v${version}`}`,
      );
    }
    writeFileSync(changelogPath, next);
  }
}

/** The body of `## [version] - date` in `changelog`, or undefined when there is none. */
export function changelogSection(changelog, version) {
  const escaped = version.replace(/[.+-]/g, '\\$&');
  const match = new RegExp(
    `^## \\[${escaped}\\] - \\d{4}-\\d{2}-\\d{2}\\n([\\s\\S]*?)(?=^## \\[|^\\[[^\\]]+\\]: |(?![\\s\\S]))`,
    'm',
  ).exec(changelog);
  return match?.[1].trim();
}

function readJson(path) {
  return JSON.parse(readFileSync(path, 'utf8'));
}

function writeJson(path, value) {
  writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { root: { type: 'string' }, tag: { type: 'string' } },
  });
  const root = values.root ?? fileURLToPath(new globalThis.URL('../..', import.meta.url));
  const [command, argument] = positionals;
  if (command === 'check') {
    const problems = checkVersions(root, values.tag);
    for (const problem of problems) console.error(problem);
    if (problems.length > 0) process.exitCode = 1;
    else
      console.log(
        `every version is ${readJson(join(root, 'lerna.json')).version} (${relative(process.cwd(), root) || '.'})`,
      );
  } else if (command === 'set' && argument !== undefined) {
    setVersion(root, argument);
    console.log(`set ${argument}: review the CHANGELOG, commit, then tag v${argument}`);
  } else if (command === 'notes' && argument !== undefined) {
    const notes = changelogSection(readFileSync(join(root, 'CHANGELOG.md'), 'utf8'), argument);
    if (notes === undefined) {
      console.error(`CHANGELOG.md has no section for ${argument}`);
      process.exitCode = 1;
    } else console.log(notes);
  } else if (command === 'print') {
    console.log(readJson(join(root, 'lerna.json')).version);
  } else {
    console.error('usage: versions.js check [--tag vX.Y.Z] | set X.Y.Z | notes X.Y.Z | print  [--root DIR]');
    process.exitCode = 2;
  }
}
