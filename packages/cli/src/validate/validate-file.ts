import {
  SCORE_API_VERSION,
  validateScoreFile,
  validateWorkload,
  WORKLOAD_KIND,
  workloadScoreMetadata,
  type FieldIssue,
  type WorkloadObject,
} from '@score-orchestrator/api';
import {
  OrchestratorError,
  parsePlatformConfig,
  PLATFORM_CONFIG_KIND,
} from '@score-orchestrator/orchestrator';
import { LineCounter, parseAllDocuments, type Document } from 'yaml';
import { scoreSourceReader } from '../files/score-source.js';
import { checkPlaceholders } from './check-placeholders.js';
import { checkRunAnnotations } from './check-run-annotations.js';
import type { FileIssue, FileValidation, IssueOrigin } from './file-issue.js';
import { issueAt, locateField } from './locate-field.js';

/** Where `validateFileText` finds what a file refers to. */
export interface ValidateFileOptions {
  /**
   * The file's directory: a Score file's `files.<target>.source` paths are read relative to it and inlined,
   * as `convert` and `dev` do (see `scoreSourceReader`), so a missing source is an issue on that field.
   * Without it, sources are not read and a Score file using one is reported as not inlined.
   */
  readonly baseDir?: string;
}

/**
 * Validates one file's text: a Score file (one document with `apiVersion: score.dev/v1b1` and no `kind`) or
 * Kubernetes manifests (every `kind: Workload` document is checked; other kinds are skipped). Applies the
 * same rules as the cluster: the Score schema, the Workload CRD's OpenAPI schema and CEL rules offline, and
 * the placeholder rules; every issue carries the line and column of the field it names.
 */
export function validateFileText(
  file: string,
  text: string,
  options: ValidateFileOptions = {},
): FileValidation {
  const lineCounter = new LineCounter();
  const documents = parseAllDocuments(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const docs = Array.isArray(documents) ? documents : [];
  const yamlIssues = docs.flatMap((doc) =>
    doc.errors.map((error): FileIssue => {
      const at = lineCounter.linePos(error.pos[0]);
      return { file, line: at.line, column: at.col, field: '', message: error.message, origin: 'yaml' };
    }),
  );
  if (yamlIssues.length > 0) return { file, kind: 'unknown', workloads: [], issues: yamlIssues };

  const objects = docs.map((doc) => ({ doc, value: doc.toJS({ maxAliasCount: 100 }) as unknown }));
  const nonEmpty = objects.filter(({ value }) => value !== null && value !== undefined);
  const first = nonEmpty[0];
  if (nonEmpty.length === 1 && first !== undefined && isScoreFile(first.value)) {
    return validateScore(file, text, first.doc, lineCounter, options);
  }
  const configs = nonEmpty.filter(({ value }) => isRecord(value) && value.kind === PLATFORM_CONFIG_KIND);
  const workloads = nonEmpty.filter(({ value }) => isWorkloadManifest(value));
  if (configs.length > 0 && workloads.length === 0)
    return validatePlatformConfigs(file, configs, lineCounter);
  if (workloads.length === 0) {
    const at = first === undefined ? undefined : locateField(first.doc, 'apiVersion', lineCounter);
    const message =
      `neither a Score file (apiVersion: ${SCORE_API_VERSION}, no kind) ` +
      `nor Kubernetes manifests with a kind: ${WORKLOAD_KIND}`;
    const issue: FileIssue = {
      file,
      line: at?.line ?? 1,
      column: at?.column ?? 1,
      field: 'apiVersion',
      message,
      origin: 'score-file',
    };
    return { file, kind: 'unknown', workloads: [], issues: [issue] };
  }
  const issues: FileIssue[] = [];
  const names: string[] = [];
  for (const { doc, value } of workloads) {
    const workload = value as WorkloadObject;
    names.push(objectName(workload));
    const at = (field: string, message: string, origin: IssueOrigin): FileIssue =>
      issueAt({ file, doc, lineCounter }, field, message, origin);
    const crd = validateWorkload(workload).map((issue) => at(issue.field, issue.message, 'crd'));
    if (typeof workload.metadata?.name !== 'string' || workload.metadata.name === '') {
      crd.unshift(at('metadata.name', 'Required value', 'crd'));
    }
    issues.push(...crd);
    if (crd.length === 0) {
      const placeholders = checkPlaceholders(workload.spec, workloadScoreMetadata(workload));
      issues.push(...placeholders.map((issue) => at(`spec.${issue.field}`, issue.message, 'placeholder')));
      const run = checkRunAnnotations(workload.metadata?.annotations);
      issues.push(...run.map((issue) => at(issue.field, issue.message, 'run-annotations')));
    }
  }
  return { file, kind: 'workload', workloads: names, issues };
}

/** A platform config (`kind: PlatformConfig`): `parsePlatformConfig`'s checks, reported at the document. */
function validatePlatformConfigs(
  file: string,
  configs: readonly { doc: Document; value: unknown }[],
  lineCounter: LineCounter,
): FileValidation {
  const issues: FileIssue[] = [];
  for (const { doc } of configs) {
    try {
      parsePlatformConfig(String(doc));
    } catch (err) {
      if (!OrchestratorError.is(err)) throw err;
      const at = locateField(doc, 'kind', lineCounter);
      issues.push({ file, ...at, field: '', message: err.message, origin: 'platform-config' });
    }
  }
  return { file, kind: 'platform-config', workloads: [], issues };
}

function validateScore(
  file: string,
  text: string,
  doc: Document,
  lineCounter: LineCounter,
  options: ValidateFileOptions,
): FileValidation {
  const readSource = options.baseDir === undefined ? undefined : scoreSourceReader(options.baseDir);
  const result = validateScoreFile(text, { readSource });
  const at = (issue: FieldIssue, field: string, origin: IssueOrigin): FileIssue =>
    issueAt({ file, doc, lineCounter }, field, issue.message, origin);
  const issues = result.issues.map((issue) =>
    issue.origin === 'crd'
      ? at(issue, scorePathOfWorkloadField(issue.field), 'crd')
      : at(issue, issue.field, 'score-file'),
  );
  const workload = result.workload;
  if (workload !== undefined && issues.length === 0) {
    const placeholders = checkPlaceholders(workload.spec, workloadScoreMetadata(workload));
    issues.push(...placeholders.map((issue) => at(issue, issue.field, 'placeholder')));
    const run = checkRunAnnotations(workload.metadata?.annotations);
    issues.push(...run.map((issue) => at(issue, issue.field, 'run-annotations')));
  }
  return { file, kind: 'score', workloads: workload === undefined ? [] : [objectName(workload)], issues };
}

/**
 * The Score-file path of a converted Workload's field: `spec.containers.web` is `containers.web`,
 * `spec.metadataExtras.team` is `metadata.team`, `metadata.*` stays.
 */
export function scorePathOfWorkloadField(field: string): string {
  if (field.startsWith('spec.metadataExtras')) return `metadata${field.slice('spec.metadataExtras'.length)}`;
  if (field.startsWith('spec.')) return field.slice('spec.'.length);
  if (field === 'spec') return '';
  return field;
}

function isScoreFile(value: unknown): boolean {
  return (
    isRecord(value) &&
    value.kind === undefined &&
    (value.apiVersion === SCORE_API_VERSION || 'containers' in value)
  );
}

function isWorkloadManifest(value: unknown): boolean {
  return isRecord(value) && value.kind === WORKLOAD_KIND;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function objectName(workload: { metadata?: { name?: unknown; namespace?: unknown } }): string {
  const name = typeof workload.metadata?.name === 'string' ? workload.metadata.name : '(unnamed)';
  const namespace = workload.metadata?.namespace;
  return typeof namespace === 'string' && namespace !== '' ? `${namespace}/${name}` : name;
}
