import {
  readScoreFile,
  ScoreApiError,
  scoreFileToWorkload,
  validateWorkload,
  workloadScoreMetadata,
  type WorkloadObject,
} from '@score-orchestrator/api';
import { LineCounter, parseAllDocuments } from 'yaml';
import { CliError } from '../errors/cli.error.js';
import { scoreSourceReader } from '../files/score-source.js';
import { formatIssue } from '../output/validation-report.js';
import { checkPlaceholders } from '../validate/check-placeholders.js';
import type { IssueOrigin } from '../validate/file-issue.js';
import { issueAt, type LocatedDocument } from '../validate/locate-field.js';
import { scorePathOfWorkloadField } from '../validate/validate-file.js';
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
 * @throws CliError `Validation` listing every broken rule as `validate` prints it,
 *   `file:line:column: field: message`, with Score paths (`containers.web.before.db`) located in the Score
 *   file (a field only an override sets is located at the deepest part of its path the file has);
 *   `Usage` for a bad override.
 */
export function convertScore(request: ConvertScoreRequest): WorkloadObject {
  const source = decodeOne(request.text, request.name);
  let document = asMap(source.value, request.name);
  if (request.overridesFile !== undefined) {
    const overrides = asMap(
      decodeOne(request.overridesFile.text, request.overridesFile.name).value,
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
    const issues = err.issues.length > 0 ? err.issues : [{ field: '', message: err.message }];
    throw validationError(source, issues, 'score-file');
  }
  if (request.skipValidation !== true) {
    // As `validate` reports a Score file: CRD fields as Score paths, placeholder fields as they are.
    const crd = validateWorkload(workload).map(({ field, message }) => ({
      field: scorePathOfWorkloadField(field),
      message,
    }));
    if (crd.length > 0) throw validationError(source, crd, 'crd');
    const placeholders = checkPlaceholders(workload.spec, workloadScoreMetadata(workload));
    if (placeholders.length > 0) throw validationError(source, placeholders, 'placeholder');
  }
  return workload;
}

function validationError(
  source: LocatedDocument,
  issues: readonly { field: string; message: string }[],
  origin: IssueOrigin,
): CliError {
  const lines = issues.map(
    ({ field, message }) => `  ${formatIssue(issueAt(source, field, message, origin))}`,
  );
  return new CliError('Validation', `failed to convert ${source.file}:\n${lines.join('\n')}`);
}

function decodeOne(text: string, name: string): LocatedDocument & { readonly value: unknown } {
  const lineCounter = new LineCounter();
  const documents = parseAllDocuments(text, { lineCounter, uniqueKeys: true, prettyErrors: true });
  const docs = Array.isArray(documents) ? documents : [];
  if (docs.length > 1)
    throw new CliError(
      'Validation',
      `failed to read ${name}: expected one YAML document, found ${docs.length}`,
    );
  const doc = docs[0];
  const error = doc?.errors[0];
  if (error !== undefined) throw new CliError('Validation', `failed to read ${name}: ${error.message}`);
  if (doc === undefined)
    throw new CliError('Validation', `failed to read ${name}: expected a YAML map at the top`);
  return { file: name, doc, lineCounter, value: doc.toJS({ maxAliasCount: 100 }) as unknown };
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
