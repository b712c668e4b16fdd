import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describeCause } from '../errors/cli.error.js';

/** Reads the bytes of a Score file's `files.<target>.source`; what `convertScoreFile`'s `readSource` takes. */
export type ScoreSourceReader = (path: string, field: string) => Uint8Array;

/**
 * The one way the CLI reads `files.<target>.source` (`convert`, `validate` and `dev` alike): relative to
 * `baseDir`, the Score file's directory, as score-go's loader and score-k8s do (an absolute path stays
 * as it is). The bytes are inlined by `convertScoreFile`: UTF-8 as `content`, anything else as
 * `binaryContent`.
 *
 * @throws Error naming the resolved path and why it cannot be read (`/app/x.txt does not exist`);
 *   `convertScoreFile` adds the field and the path as written.
 */
export function scoreSourceReader(baseDir: string): ScoreSourceReader {
  return (path) => {
    const full = resolve(baseDir, path);
    try {
      return readFileSync(full);
    } catch (err) {
      throw new Error(unreadable(full, err), { cause: err });
    }
  };
}

function unreadable(full: string, err: unknown): string {
  switch ((err as NodeJS.ErrnoException | null)?.code) {
    case 'ENOENT':
      return `${full} does not exist`;
    case 'EISDIR':
      return `${full} is a directory, not a file`;
    case 'EACCES':
      return `${full} cannot be read (permission denied)`;
    default:
      return `${full} cannot be read: ${describeCause(err)}`;
  }
}
