import { copyFile, mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { runCommand } from '../process/run-command.js';

/** Files of the images that are not code: pause.c and the entrypoint stand-ins. */
export const imageSourcesDir = new URL('../../images/', import.meta.url).pathname;

/** A system account an image's entrypoint drops to, with the uid and gid of the official image. */
export interface ImageAccount {
  readonly name: string;
  readonly id: number;
  readonly home: string;
}

/**
 * How an image's file system is made; everything here is part of the image's cache key.
 *
 * - `static`: a few static binaries (one compiled with `gcc -static`, or copied from the host) and
 *   symbolic links to them; seconds, no network.
 * - `debian`: `mmdebstrap --variant=minbase` of the host's Debian suite with the named packages, the
 *   accounts created before the packages are installed (so they keep the official image's ids), and files
 *   from `images/` copied in; about a minute, needs Debian's package mirror.
 */
export type RootfsRecipe =
  | {
      readonly kind: 'static';
      /** Compile `images/<source>` to `path` with gcc -static. */
      readonly compile?: { readonly source: string; readonly path: string };
      /** Copy a static binary from the host. */
      readonly copy?: { readonly from: string; readonly path: string };
      /** Link every applet of the copied busybox into /bin, as the busybox image does. */
      readonly busyboxApplets?: boolean;
    }
  | {
      readonly kind: 'debian';
      readonly suite: string;
      readonly packages: readonly string[];
      readonly accounts: readonly ImageAccount[];
      /** Files from `images/` copied in: source -> path; scripts (`.sh`) get mode 0755, others 0644. */
      readonly files: Readonly<Record<string, string>>;
      /** Paths (dpkg globs) never unpacked: parts of dependencies the image does not use. */
      readonly exclude?: readonly string[];
      /** Paths removed once installed, e.g. what maintainer scripts made for a machine, not an image. */
      readonly remove?: readonly string[];
      /** Shell commands run last, in the image's root folder (relative paths), e.g. links and owners. */
      readonly customize?: readonly string[];
    };

/** What a recipe needs on the host, to say so before trying. */
export function recipeCommands(recipe: RootfsRecipe): string[] {
  if (recipe.kind === 'debian') return ['mmdebstrap', 'tar'];
  return recipe.compile !== undefined ? ['gcc', 'tar'] : ['tar'];
}

/** The contents that decide what a recipe builds: the recipe and the files it reads from `images/`. */
export async function recipeInputs(recipe: RootfsRecipe): Promise<string[]> {
  const sources =
    recipe.kind === 'debian'
      ? Object.keys(recipe.files)
      : recipe.compile !== undefined
        ? [recipe.compile.source]
        : [];
  const contents = await Promise.all(sources.map((s) => readFile(join(imageSourcesDir, s), 'utf8')));
  return [JSON.stringify(recipe), ...contents];
}

/** Builds the recipe's file system as an uncompressed tar at `layerTar`, using `workDir` as scratch. */
export async function buildRootfs(recipe: RootfsRecipe, workDir: string, layerTar: string): Promise<void> {
  if (recipe.kind === 'debian') return buildDebianRootfs(recipe, workDir, layerTar);
  const root = join(workDir, 'rootfs');
  await mkdir(root, { recursive: true });
  const place = async (path: string): Promise<string> => {
    await mkdir(join(root, path, '..'), { recursive: true });
    return join(root, path);
  };
  if (recipe.compile !== undefined) {
    const { source, path } = recipe.compile;
    await runCommand('gcc', ['-Os', '-static', '-o', await place(path), join(imageSourcesDir, source)]);
    await runCommand('strip', [join(root, path)]);
  }
  if (recipe.copy !== undefined) await copyFile(recipe.copy.from, await place(recipe.copy.path));
  if (recipe.copy !== undefined && recipe.busyboxApplets === true) {
    const { stdout } = await runCommand(recipe.copy.from, ['--list']);
    const applets = stdout.split('\n').filter((applet) => /^[\w.[-]+$/.test(applet) && applet !== 'busybox');
    for (const applet of applets) await symlink('busybox', await place(`/bin/${applet}`));
  }
  // Containers expect these to exist (the runtime mounts over them).
  for (const dir of ['dev', 'proc', 'sys', 'etc', 'tmp']) await mkdir(join(root, dir), { recursive: true });
  await writeFile(
    join(root, 'etc', 'passwd'),
    'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534::/:/bin/false\n',
  );
  await writeFile(join(root, 'etc', 'group'), 'root:x:0:\nnogroup:x:65534:\n');
  await runCommand('tar', ['--numeric-owner', '--owner=0', '--group=0', '-C', root, '-cf', layerTar, '.']);
}

// The documentation, manuals and translations are most of a minimal Debian's size and no container reads them.
const excludedPaths = [
  '/usr/share/doc/*',
  '/usr/share/man/*',
  '/usr/share/locale/*',
  '/usr/share/info/*',
  '/usr/share/i18n/*',
];

async function buildDebianRootfs(
  recipe: Extract<RootfsRecipe, { kind: 'debian' }>,
  workDir: string,
  layerTar: string,
): Promise<void> {
  const accountLines = recipe.accounts.map(
    ({ name, id, home }) =>
      `echo '${name}:x:${id}:${id}::${home}:/bin/sh' >> "$1/etc/passwd"; ` +
      `echo '${name}:x:${id}:' >> "$1/etc/group"; echo '${name}:*:19000:0:99999:7:::' >> "$1/etc/shadow"`,
  );
  const uploads = Object.entries(recipe.files).flatMap(([source, path]) => [
    `--customize-hook=upload ${join(imageSourcesDir, source)} ${path}`,
    `--customize-hook=chmod ${source.endsWith('.sh') ? '0755' : '0644'} "$1${path}"`,
  ]);
  await runCommand(
    'mmdebstrap',
    [
      '--variant=minbase',
      '--quiet',
      `--include=${recipe.packages.join(',')}`,
      ...[...excludedPaths, ...(recipe.exclude ?? [])].map((p) => `--dpkgopt=path-exclude=${p}`),
      // Accounts before the packages, whose maintainer scripts then keep them as they are.
      ...accountLines.map((line) => `--essential-hook=${line}`),
      ...uploads,
      `--customize-hook=cd "$1" && rm -rf ${['var/cache/apt/*', 'var/lib/apt/lists/*', 'var/log/*', ...(recipe.remove ?? []).map((p) => p.replace(/^\//, ''))].join(' ')}`,
      ...(recipe.customize ?? []).map((command) => `--customize-hook=cd "$1" && ${command}`),
      recipe.suite,
      layerTar,
    ],
    { cwd: workDir, env: { ...process.env, TMPDIR: workDir } },
  );
}
