import { ScoreApiError } from '../errors/api.error.js';
import { childField } from '../errors/field-path.js';
import { parseScoreFile } from './parse-score-file.js';
import type { ScoreContainer, ScoreContainerFile, ScoreFile, ScoreWorkload } from './score-workload.js';
import { WORKLOAD_API_VERSION, WORKLOAD_KIND, type WorkloadObject } from './workload-object.js';

export interface ConvertScoreFileOptions {
  /** Sets `metadata.namespace`; Score itself has no namespace. */
  readonly namespace?: string;
  /**
   * Reads a file's `source` (relative to the Score file, as the caller decides) so its bytes are
   * inlined: valid UTF-8 becomes `content`, anything else base64 `binaryContent`, like score-go's
   * `loader.Normalize`. Without it, `source` is kept; a Workload in a cluster cannot read it. When it
   * throws, conversion fails with a `Conversion` error whose issue names the `source` field, the path as
   * written and the thrown message.
   */
  readonly readSource?: (path: string, field: string) => string | Uint8Array;
}

/**
 * Converts Score file YAML into a `Workload` object (see `scoreFileToWorkload` for the mapping).
 *
 * @throws ScoreApiError kind `Conversion` (YAML) or `Validation` (Score schema, labels), naming fields.
 */
export function convertScoreFile(yamlText: string, options: ConvertScoreFileOptions = {}): WorkloadObject {
  return scoreFileToWorkload(parseScoreFile(yamlText), options);
}

/**
 * Converts a checked Score file into a `Workload` object. Metadata mapping:
 *
 * - `metadata.name` becomes the object's `metadata.name`;
 * - `metadata.annotations` become the object's annotations;
 * - `metadata.labels` (not a Score field, but a common extra) become the object's labels, so must be strings;
 * - every other metadata key goes to `spec.metadataExtras`, so `${metadata.KEY}` still resolves.
 *
 * `containers`, `service` and `resources` are copied into `spec` unchanged (files and volumes are
 * already in map form). `workloadToScoreFile` is the inverse.
 */
export function scoreFileToWorkload(score: ScoreFile, options: ConvertScoreFileOptions = {}): WorkloadObject {
  const { name, annotations, labels, ...extras } = score.metadata;
  if (labels !== undefined && !isStringMap(labels)) {
    const issue = {
      field: 'metadata.labels',
      message: 'must be a mapping of strings to become Kubernetes labels',
    };
    throw ScoreApiError.fromIssues('Validation', 'failed to convert Score file', [issue]);
  }
  const containers =
    options.readSource === undefined ? score.containers : inline(score.containers, options.readSource);
  const spec: ScoreWorkload = {
    containers,
    ...(score.service === undefined ? {} : { service: score.service }),
    ...(score.resources === undefined ? {} : { resources: score.resources }),
    ...(Object.keys(extras).length > 0 ? { metadataExtras: extras } : {}),
  };
  return {
    apiVersion: WORKLOAD_API_VERSION,
    kind: WORKLOAD_KIND,
    metadata: {
      name,
      ...(options.namespace === undefined ? {} : { namespace: options.namespace }),
      ...(annotations === undefined ? {} : { annotations }),
      ...(labels === undefined ? {} : { labels }),
    },
    spec,
  };
}

function isStringMap(value: unknown): value is Record<string, string> {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.values(value).every((item) => typeof item === 'string')
  );
}

function inline(
  containers: Readonly<Record<string, ScoreContainer>>,
  readSource: NonNullable<ConvertScoreFileOptions['readSource']>,
): Record<string, ScoreContainer> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const out: Record<string, ScoreContainer> = {};
  for (const [name, container] of Object.entries(containers)) {
    if (container.files === undefined) {
      out[name] = container;
      continue;
    }
    const files: Record<string, ScoreContainerFile> = {};
    for (const [target, file] of Object.entries(container.files)) {
      const { source, ...rest } = file;
      if (source === undefined) {
        files[target] = file;
        continue;
      }
      const field = `${childField(childField(childField('containers', name), 'files'), target)}.source`;
      let raw: string | Uint8Array;
      try {
        raw = readSource(source, field);
      } catch (err) {
        const reason = err instanceof Error ? err.message : String(err);
        const issue = { field, message: `failed to read '${source}': ${reason}` };
        throw new ScoreApiError('Conversion', `failed to read ${field} '${source}': ${reason}`, {
          cause: err,
          issues: [issue],
        });
      }
      if (typeof raw === 'string') files[target] = { ...rest, content: raw };
      else {
        try {
          files[target] = { ...rest, content: decoder.decode(raw) };
        } catch {
          files[target] = { ...rest, binaryContent: Buffer.from(raw).toString('base64') };
        }
      }
    }
    out[name] = { ...container, files };
  }
  return out;
}
