import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';

import { projectCacheDir } from '../assets/asset-cache.js';
import type { ProgressReporter } from '../assets/go-build.js';
import { TestingError, describeError } from '../errors/testing.error.js';
import { writeImageArchive } from './image-archive.js';
import { localImageSpec, localImages, type LocalImageName, type LocalImageSpec } from './local-images.js';
import { buildRootfs, recipeCommands, recipeInputs } from './rootfs-recipes.js';

/** Options of {@link ensureLocalImages}. */
export interface EnsureImagesOptions {
  /** The images wanted; all of them when omitted. */
  readonly images?: readonly LocalImageName[];
  /** Build what is missing (true, the default) or fail and say how to build it (false). */
  readonly build?: boolean;
  /** The environment to read `XDG_CACHE_HOME` from; `process.env` by default. */
  readonly env?: NodeJS.ProcessEnv;
  /** Receives build progress lines; builds print to stderr when omitted. */
  readonly progress?: ProgressReporter;
}

/** A built image: a `docker save` archive to import, and the tags it carries. */
export interface LocalImage {
  readonly name: LocalImageName;
  readonly tags: readonly string[];
  readonly archive: string;
  readonly source: 'cache' | 'build';
}

/**
 * Makes sure the wanted images exist as archives in the cache
 * (`${XDG_CACHE_HOME:-~/.cache}/score-orchestrator/images/<name>-<key>.tar`) and says where they are.
 * The key hashes the image's tags, settings, recipe and the files it reads, so any change builds anew and
 * a second call builds nothing.
 *
 * @throws TestingError `Configuration` when an image is missing and `build` is false, or a command the
 *   recipe needs is not installed; `Build` when a build fails.
 */
export async function ensureLocalImages(options: EnsureImagesOptions = {}): Promise<LocalImage[]> {
  const env = options.env ?? process.env;
  const wanted = options.images ?? localImages.map((image) => image.name);
  const progress = options.progress ?? ((line: string) => process.stderr.write(`${line}\n`));
  const dir = join(projectCacheDir(env), 'images');
  const result: LocalImage[] = [];
  for (const name of wanted) {
    const spec = localImageSpec(name);
    const archive = join(dir, `${name}-${await imageKey(spec)}.tar`);
    if (existsSync(archive)) {
      result.push({ name, tags: spec.tags, archive, source: 'cache' });
      continue;
    }
    if (options.build === false) {
      throw new TestingError(
        'Configuration',
        `failed to find image ${name} (${spec.tags.join(', ')}): ${archive} does not exist; ` +
          'run `npm run control-plane:assets` to build it',
      );
    }
    await buildImage(spec, archive, progress);
    result.push({ name, tags: spec.tags, archive, source: 'build' });
  }
  return result;
}

/** The cache key of one image: a short hash of everything that decides its contents. */
export async function imageKey(spec: LocalImageSpec): Promise<string> {
  const hash = createHash('sha256');
  hash.update(JSON.stringify({ tags: spec.tags, config: spec.config }));
  for (const input of await recipeInputs(spec.recipe)) hash.update(input);
  return hash.digest('hex').slice(0, 12);
}

async function buildImage(spec: LocalImageSpec, archive: string, progress: ProgressReporter): Promise<void> {
  const missing = recipeCommands(spec.recipe).filter((command) => !onPath(command));
  if (missing.length > 0) {
    throw new TestingError(
      'Configuration',
      `failed to build image ${spec.name}: ${missing.join(', ')} not installed ` +
        '(Debian packages: see the prerequisites in packages/testing/README.md)',
    );
  }
  const started = Date.now();
  progress(`building image ${spec.name} (${spec.tags.join(', ')}) from a ${spec.recipe.kind} recipe`);
  await mkdir(join(archive, '..'), { recursive: true });
  const workDir = await mkdtemp(join(archive, '..', `.${spec.name}-build-`));
  try {
    const layerTar = join(workDir, 'layer.tar');
    await buildRootfs(spec.recipe, workDir, layerTar);
    await writeImageArchive({ layerTar, tags: spec.tags, config: spec.config, output: archive, workDir });
    progress(`built image ${spec.name} in ${Math.round((Date.now() - started) / 1000)}s: ${archive}`);
  } catch (err) {
    throw new TestingError('Build', `failed to build image ${spec.name}: ${describeError(err)}`, {
      cause: err,
    });
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

function onPath(command: string): boolean {
  return (process.env.PATH ?? '').split(':').some((dir) => dir !== '' && existsSync(join(dir, command)));
}
