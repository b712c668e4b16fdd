import { readdir, readFile, stat } from 'node:fs/promises';
import { extname, join, relative, resolve } from 'node:path';
import { CliError, describeCause } from '../errors/cli.error.js';

const yamlExtensions = new Set(['.yaml', '.yml']);

/** A file given on the command line, read. `name` is how messages show it (as given, or relative). */
export interface InputFile {
  readonly name: string;
  readonly path: string;
  readonly text: string;
}

/**
 * Reads the files named on the command line (any extension); a directory stands for its `.yaml` and `.yml`
 * files (not recursive), in name order.
 *
 * @throws CliError `Failure` naming the path that cannot be read, or a directory without YAML files.
 */
export async function readInputFiles(paths: readonly string[], cwd: string): Promise<InputFile[]> {
  const files: InputFile[] = [];
  for (const given of paths) {
    const path = resolve(cwd, given);
    const info = await stat(path).catch((err: unknown) => {
      throw new CliError('Failure', `failed to read ${given}: ${describeCause(err)}`, { cause: err });
    });
    if (!info.isDirectory()) {
      files.push({ name: given, path, text: await read(path, given) });
      continue;
    }
    const entries = (await readdir(path)).filter((entry) => yamlExtensions.has(extname(entry))).sort();
    if (entries.length === 0) throw new CliError('Failure', `failed to read ${given}: no YAML files in it`);
    for (const entry of entries) {
      const full = join(path, entry);
      const name = relative(cwd, full) || entry;
      files.push({ name, path: full, text: await read(full, name) });
    }
  }
  return files;
}

async function read(path: string, name: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    throw new CliError('Failure', `failed to read ${name}: ${describeCause(err)}`, { cause: err });
  }
}
