// Projects outside the workspace: the packages packed as npm would publish them, and folders that install
// those tarballs the way a user's project installs them from the registry.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));

/** One packed package, as `npm pack --json` describes it. */
export interface PackedPackage {
  readonly name: string;
  readonly filename: string;
  /** The tarball's path. */
  readonly path: string;
  readonly size: number;
  readonly unpackedSize: number;
  readonly files: readonly string[];
}

/** What a command printed and how it ended. */
export interface CommandResult {
  readonly code: number | null;
  /** stdout and stderr, interleaved. */
  readonly output: string;
  readonly stdout: string;
}

/**
 * The environment of every command: the node that runs the tests first on PATH (so npm, npx and the
 * project's scripts use it too), npm quiet and offline-first.
 */
export function commandEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    PATH: `${dirname(process.execPath)}:${process.env.PATH ?? ''}`,
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
    npm_config_prefer_offline: 'true',
    npm_config_loglevel: 'warn',
    ...extra,
  };
}

/** Runs `command` to its end; rejects, with its output, when it exits non-zero. */
export async function run(
  command: string,
  args: readonly string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number },
): Promise<CommandResult> {
  const result = await new Promise<CommandResult>((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? commandEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 240_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output, stdout });
    });
  });
  if (result.code !== 0) {
    throw new Error(
      `${command} ${args.join(' ')} (in ${options.cwd}) exited ${result.code}:\n${result.output}`,
    );
  }
  return result;
}

/** Packs every publishable package of `packages/` into `destination`, as `npm publish` would upload them. */
export async function packWorkspacePackages(destination: string): Promise<Map<string, PackedPackage>> {
  await mkdir(destination, { recursive: true });
  const { readFile } = await import('node:fs/promises');
  const workspaces: string[] = [];
  for (const dir of await readdir(join(repoRoot, 'packages'))) {
    const manifest = join(repoRoot, 'packages', dir, 'package.json');
    if (!existsSync(manifest)) continue;
    const pkg = JSON.parse(await readFile(manifest, 'utf8')) as { name: string; private?: boolean };
    if (!pkg.private) workspaces.push(pkg.name);
  }
  const { stdout } = await run(
    'npm',
    ['pack', '--json', '--pack-destination', destination, ...workspaces.flatMap((w) => ['-w', w])],
    { cwd: repoRoot },
  );
  // npm prints the lifecycle scripts' output before the JSON.
  const packed = JSON.parse(stdout.slice(stdout.search(/^\[/m))) as {
    name: string;
    filename: string;
    size: number;
    unpackedSize: number;
    files: { path: string }[];
  }[];
  return new Map(
    packed.map((p) => [
      p.name,
      {
        name: p.name,
        filename: p.filename,
        path: join(destination, p.filename),
        size: p.size,
        unpackedSize: p.unpackedSize,
        files: p.files.map((f) => f.path),
      },
    ]),
  );
}

/**
 * Writes `files` into a project folder and runs `npm install` there. Dependencies named in `tarballs` are
 * installed from those files instead of the registry (the package.json of the project, as written, names
 * registry ranges). The folder lives in the project cache, keyed by the Node major version and a hash of
 * the package.json (earlier folders of the same project and major are removed), so the third-party packages of an earlier run stay installed: a later run only
 * replaces the packed packages (tens of seconds cold, seconds warm).
 */
export async function installProject(
  name: string,
  files: Readonly<Record<string, string>>,
  tarballs: ReadonlyMap<string, { path: string }>,
): Promise<string> {
  const manifest = JSON.parse(files['package.json']) as Record<string, Record<string, string> | unknown>;
  const major = `node${process.versions.node.split('.')[0]}`;
  const key = createHash('sha256').update(files['package.json']).digest('hex').slice(0, 12);
  const cache = join(cacheHome(), 'score-orchestrator', 'outside-project');
  const dir = join(cache, `${name}-${major}-${key}`);
  // An edited package.json gets a new folder: drop the earlier ones of this project and Node major.
  for (const stale of existsSync(cache) ? await readdir(cache) : [])
    if (stale.startsWith(`${name}-${major}-`) && stale !== basename(dir))
      await rm(join(cache, stale), { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), text);
  }
  // Every packed package is a direct dependency from its tarball, so the ranges the packages name for one
  // another (`^0.1.0`) are met without a registry that has them.
  const local: Record<string, string> = {};
  for (const [pkg, { path }] of tarballs) local[pkg] = `file:${path}`;
  for (const field of ['dependencies', 'devDependencies'] as const) {
    const deps = (manifest[field] ?? {}) as Record<string, string>;
    for (const pkg of Object.keys(deps)) if (local[pkg] !== undefined) deps[pkg] = local[pkg];
    if (field === 'dependencies') manifest[field] = { ...local, ...deps };
  }
  for (const pkg of Object.keys((manifest.devDependencies ?? {}) as object))
    delete (manifest.dependencies as Record<string, string>)[pkg];
  await writeFile(join(dir, 'package.json'), JSON.stringify(manifest, null, 2) + '\n');
  // npm keeps a file: dependency whose tarball changed under the same path; forget the packed ones.
  await rm(join(dir, 'package-lock.json'), { force: true });
  for (const pkg of tarballs.keys())
    await rm(join(dir, 'node_modules', pkg), { recursive: true, force: true });
  await run('npm', ['install'], { cwd: dir });
  return dir;
}

function cacheHome(): string {
  return process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
}
