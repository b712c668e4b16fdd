import {
  readScoreFile,
  ScoreApiError,
  scoreFileToWorkload,
  validateWorkload,
  workloadScoreMetadata,
  type WorkloadObject,
} from '@score-orchestrator/api';
import { parseAllDocuments } from 'yaml';
import { CliError } from '../errors/cli.error.js';
import { scoreSourceReader } from '../files/score-source.js';
import { checkPlaceholders } from '../validate/check-placeholders.js';
import { applyOverrideProperty, mergeOverrides } from './override-path.js';

/** What `convertScore` needs: the Score file and score-k8s-style adjustments. */
export interface ConvertScoreRequest {
  /** The Score file's YAML, and its name for messages. */
  readonly text: string;
  readonly name: string;
  /** Where `files[].source` paths are resolved (the Score file's directory); sources are not inlined when absent. */
  readonly baseDir?: string;
  readonly namespace?: string;
  /** Replaces every container `image: "."` (score-k8s `--image`). */
  readonly image?: string;
  /** An overrides document (YAML text) merged in first, and its name (score-k8s `--overrides-file`). */
  readonly overridesFile?: { readonly name: string; readonly text: string };
  /** `PATH=VALUE` entries applied after the overrides file, in order (score-k8s `--override-property`). */
  readonly overrideProperties?: readonly string[];
  /** Skip the CRD and placeholder checks of the result. */
  readonly skipValidation?: boolean;
}

/**
 * Converts a Score file to a Workload the way score-k8s prepares one: overrides file merged in, override
 * properties applied, `image: "."` replaced, file `source`s inlined; then the Score schema, and unless
 * skipped the Workload CRD's rules and the placeholder rules, are checked.
 *
 * @throws CliError `Validation` listing every broken rule as `field: message`; `Usage` for a bad override.
 */
export function convertScore(request: ConvertScoreRequest): WorkloadObject {
  let document = asMap(decodeOne(request.text, request.name), request.name);
  if (request.overridesFile !== undefined) {
    const overrides = asMap(
      decodeOne(request.overridesFile.text, request.overridesFile.name),
      request.overridesFile.name,
    );
    document = mergeOverrides(document, overrides);
  }
  for (const entry of request.overrideProperties ?? []) document = applyOverrideProperty(document, entry);
  document = replaceDotImages(document, request.image, request.name);
  let workload: WorkloadObject;
  try {
    workload = scoreFileToWorkload(readScoreFile(document), {
      namespace: request.namespace,
      readSource: request.baseDir === undefined ? undefined : scoreSourceReader(request.baseDir),
    });
  } catch (err) {
    if (!ScoreApiError.is(err)) throw err;
    throw validationError(
      request.name,
      err.issues.length > 0 ? err.issues : [{ field: '', message: err.message }],
    );
  }
  if (request.skipValidation !== true) {
    const crd = validateWorkload(workload).map(({ field, message }) => ({ field, message }));
    const issues =
      crd.length > 0
        ? crd
        : checkPlaceholders(workload.spec, workloadScoreMetadata(workload)).map(({ field, message }) => ({
            field: `spec.${field}`,
            message,
          }));
    if (issues.length > 0) throw validationError(request.name, issues);
  }
  return workload;
}

function validationError(name: string, issues: readonly { field: string; message: string }[]): CliError {
  const lines = issues.map(({ field, message }) => `  ${field === '' ? '' : `${field}: `}${message}`);
  return new CliError('Validation', `failed to convert ${name}:\n${lines.join('\n')}`);
}

function decodeOne(text: string, name: string): unknown {
  const documents = parseAllDocuments(text, { uniqueKeys: true, prettyErrors: true });
  const docs = Array.isArray(documents) ? documents : [];
  if (docs.length > 1)
    throw new CliError(
      'Validation',
      `failed to read ${name}: expected one YAML document, found ${docs.length}`,
    );
  const error = docs[0]?.errors[0];
  if (error !== undefined) throw new CliError('Validation', `failed to read ${name}: ${error.message}`);
  return docs[0]?.toJS({ maxAliasCount: 100 }) as unknown;
}

function asMap(value: unknown, name: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new CliError('Validation', `failed to read ${name}: expected a YAML map at the top`);
  }
  return value as Record<string, unknown>;
}

function replaceDotImages(
  document: Record<string, unknown>,
  image: string | undefined,
  name: string,
): Record<string, unknown> {
  const containers = document.containers;
  if (typeof containers !== 'object' || containers === null || Array.isArray(containers)) return document;
  const out: Record<string, unknown> = {};
  for (const [key, container] of Object.entries(containers as Record<string, unknown>)) {
    const c = container as Record<string, unknown> | null;
    if (c === null || typeof c !== 'object' || c.image !== '.') {
      out[key] = container;
      continue;
    }
    if (image === undefined) {
      throw new CliError(
        'Validation',
        `failed to convert ${name}: containers.${key}.image is "." (build from source); pass --image IMAGE to say which image to run`,
      );
    }
    out[key] = { ...c, image };
  }
  return { ...document, containers: out };
}
