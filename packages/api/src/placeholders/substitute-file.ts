import type { ScoreContainerFile } from '../score-file/score-workload.js';
import type { PlaceholderResolver } from './placeholder-resolver.js';
import { SecretReference } from './secret-reference.js';
import type { Substitution } from './substitution-result.js';
import { SubstitutionRun } from './substitution-run.js';

/**
 * A container file after substitution. `content` is text, or a `SecretReference` when the whole
 * content was one secret output (the runtime mounts that Secret key as the file, as score-k8s does).
 */
export interface ProjectedFile {
  readonly mode?: string;
  readonly content?: string | SecretReference;
  readonly binaryContent?: string;
}

/**
 * Substitutes one container file (`field` is its path, e.g. `containers.web.files["/etc/app.conf"]`):
 *
 * - `content` is expanded like score-go's `SubstituteString`, unless `noExpand` (then kept byte for byte,
 *   `$$` included, as score-k8s does).
 * - `binaryContent` is never expanded.
 * - A secret output may be the whole content only; mixed with other text it is an error, as in
 *   score-k8s (`content: contained a mix of secret references and raw content`), because the file
 *   would have to be rendered with the secret value in it.
 * - `source` must have been inlined already (`convertScoreFile` with `readSource`): there is no
 *   local file system where a Workload is projected.
 *
 * @throws ScoreApiError kind `Placeholder`.
 */
export function substituteFile(
  file: ScoreContainerFile,
  resolver: PlaceholderResolver,
  field: string,
): Substitution<ProjectedFile> {
  const run = new SubstitutionRun(resolver);
  return run.finish(substituteFileIn(run, file, field));
}

/** One file within a run; shared with `substituteContainers`. */
export function substituteFileIn(
  run: SubstitutionRun,
  file: ScoreContainerFile,
  field: string,
): ProjectedFile | undefined {
  const mode = file.mode === undefined ? {} : { mode: file.mode };
  if (file.binaryContent !== undefined) return { ...mode, binaryContent: file.binaryContent };
  if (file.content === undefined) {
    run.fail(
      `${field}.source`,
      'file sources must be inlined as content before placeholders are substituted',
    );
    return undefined;
  }
  if (file.noExpand === true) return { ...mode, content: file.content };
  const segments = run.resolve(file.content, `${field}.content`);
  if (segments === undefined) return undefined;
  const nonEmpty = segments.filter((segment) => segment.kind === 'value' || segment.text !== '');
  const only = nonEmpty.length === 1 ? nonEmpty[0] : undefined;
  if (only?.kind === 'value' && SecretReference.is(only.value)) return { ...mode, content: only.value };
  const content = run.render(
    segments,
    `${field}.content`,
    'inside file content mixed with other text; a file may hold one secret output as its whole content',
  );
  return content === undefined ? undefined : { ...mode, content };
}
