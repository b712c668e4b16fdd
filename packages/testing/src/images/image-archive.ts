import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

import { runCommand } from '../process/run-command.js';

/** The runtime settings of an image, as in the OCI image config's `config` (what `docker inspect` shows). */
export interface ImageConfig {
  readonly Entrypoint?: readonly string[];
  readonly Cmd?: readonly string[];
  readonly Env?: readonly string[];
  readonly User?: string;
  readonly WorkingDir?: string;
  readonly ExposedPorts?: Readonly<Record<string, Record<string, never>>>;
  readonly StopSignal?: string;
}

/** One image archive to write: a single uncompressed layer, its tags and runtime settings. */
export interface ImageArchiveRequest {
  /** An uncompressed tar of the image's whole file system. */
  readonly layerTar: string;
  /** Full references, e.g. `registry.k8s.io/pause:3.10`. */
  readonly tags: readonly string[];
  readonly config: ImageConfig;
  /** Where the archive goes; written under a temporary name and renamed when complete. */
  readonly output: string;
  /** A scratch folder for the archive's members. */
  readonly workDir: string;
}

/**
 * Writes a `docker save` archive (manifest.json, the config blob, one layer) that `ctr images import`
 * loads with its tags: an image without a registry, a daemon or a build tool.
 */
export async function writeImageArchive(request: ImageArchiveRequest): Promise<void> {
  const { layerTar, workDir } = request;
  const layerDigest = await sha256File(layerTar);
  const config = {
    architecture: 'amd64',
    os: 'linux',
    created: '1970-01-01T00:00:00Z',
    config: request.config,
    rootfs: { type: 'layers', diff_ids: [`sha256:${layerDigest}`] },
    history: [{ created: '1970-01-01T00:00:00Z', created_by: 'score-orchestrator testing images' }],
  };
  const configJson = JSON.stringify(config);
  const configName = `${createHash('sha256').update(configJson).digest('hex')}.json`;
  const layerName = `${layerDigest}/layer.tar`;
  await mkdir(join(workDir, layerDigest), { recursive: true });
  await rename(layerTar, join(workDir, layerName));
  await writeFile(join(workDir, configName), configJson);
  await writeFile(
    join(workDir, 'manifest.json'),
    JSON.stringify([{ Config: configName, RepoTags: request.tags, Layers: [layerName] }]),
  );
  const temporary = `${request.output}.${process.pid}.tmp`;
  await mkdir(dirname(request.output), { recursive: true });
  await runCommand('tar', ['-C', workDir, '-cf', temporary, 'manifest.json', configName, layerName]);
  await rename(temporary, request.output);
}

function sha256File(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(path)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });
}
